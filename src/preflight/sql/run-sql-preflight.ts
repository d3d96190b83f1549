/** The SQL preflight as one function: connect, read the facts, run the nine checks, return the report. */
import { GateError } from "../../support/errors";
import { exitCodeForChecks, summariseChecks, type CheckResult, type CheckStatus } from "../../report/check-result";
import { EXIT_READY } from "../../support/exit-codes";
import { couldNotCheck, openSqlSession, sqlTargetName } from "./sql-connection";
import { sqlChecks } from "./sql-checks";
import { validateSqlPreflightOptions, type SqlPreflightOptions } from "./sql-preflight-options";
import { readSqlServerFacts, type SqlServerFacts } from "./sql-server-facts";

/** What `runSqlPreflight` returns; the JSON output is this object. */
export interface SqlPreflightReport {
  readonly checks: readonly CheckResult[];
  /** The target as given (`host,port` or `host\instance`) and what the server reported. */
  readonly server: { readonly target: string } & SqlServerFacts;
  readonly summary: Readonly<Record<CheckStatus, number>> & { readonly ready: boolean };
}

/**
 * Runs the SQL preflight against one instance. Throws InputError for bad options and CheckFailedError when
 * the server cannot be checked (unreachable, login refused, TLS failure, timeout): never a partial report.
 */
export async function runSqlPreflight(options: SqlPreflightOptions): Promise<SqlPreflightReport> {
  validateSqlPreflightOptions(options);
  const session = await openSqlSession(options);
  let facts: SqlServerFacts;
  try {
    facts = await readSqlServerFacts(session, { installer: options.installerLogin, service: options.serviceLogin });
    session.assertEncrypted();
  } catch (e) {
    throw e instanceof GateError ? e : couldNotCheck(e, options, "reading the server facts");
  } finally {
    await session.close();
  }
  const checks = sqlChecks(facts, { coLocated: options.coLocated ?? false, serverMemoryGb: options.serverMemoryGb });
  return {
    checks,
    server: { target: sqlTargetName(options), ...facts },
    summary: { ...summariseChecks(checks), ready: exitCodeForChecks(checks) === EXIT_READY },
  };
}
