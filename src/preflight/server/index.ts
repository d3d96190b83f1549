/** The server preflight: judges the facts the collector read on the sync server. */
export {
  SERVER_CHECK_IDS,
  serverChecks,
  type ServerCheckContext,
  type ServerCheckId,
  type ServerCheckResult,
  type ServerCheckStatus,
} from "./server-checks";
export { SERVER_FACTS_JSON_SCHEMA, isUnread, parseServerFacts, type ServerFacts, type Unread } from "./server-facts";
export {
  renderServerReportJson,
  renderServerReportSarif,
  renderServerReportText,
  serverPreflightReport,
  type ServerPreflightReport,
  type ServerVerdict,
} from "./server-report";
