/** The SQL Server preflight: `runSqlPreflight` returns data; the renderers print it. */
export { runSqlPreflight, type SqlPreflightReport } from "./run-sql-preflight";
export { renderSqlReportJson, renderSqlReportText } from "./render-sql-report";
export { sqlChecks, SQL_CHECK_IDS, type SqlCheckId, type SqlCheckContext } from "./sql-checks";
export type { SqlServerFacts } from "./sql-server-facts";
export {
  DEFAULT_SQL_TIMEOUT_SECONDS,
  SQL_ENCRYPTION_MODES,
  parseServerAddress,
  validateSqlPreflightOptions,
  type SqlEncryption,
  type SqlPreflightOptions,
} from "./sql-preflight-options";
