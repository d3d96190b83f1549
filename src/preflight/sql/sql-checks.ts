/**
 * The seven SQL checks: pure functions from the server's facts to a CheckResult. Every rule and figure comes
 * from the catalogue; every finding that is not a pass cites its requirement and says how to fix it.
 */
import {
  ADSYNC_DATABASE,
  DEFAULT_SQL_COLLATION,
  LOCALDB_MAX_OBJECTS,
  LOCALDB_SIZE_CAP_GB,
  OTHER_SYNC_ENGINE_DATABASES,
  RECOMMENDED_SQL_VERSION,
  REQUIREMENTS,
  SQL_ENGINE_EDITIONS,
  SQL_EXPRESS_ENGINE_EDITION,
  SQL_INSTALL_ROLES,
  SQL_MAJOR_VERSIONS,
  SQL_MAX_MEMORY_CONFIG_NAME,
  SQL_MAX_MEMORY_UNCAPPED_MB,
  SQL_RESERVED_MEMORY_GB,
  SQL_TCP_TRANSPORT,
  SQL_WINDOWS_HOST_PLATFORM,
  isCaseInsensitiveCollation,
  maxServerMemoryMbFor,
  sqlVersionVerdict,
  type Requirement,
} from "../../requirements";
import type { CheckResult, CheckStatus } from "../../report/check-result";
import { requirementCheck } from "../requirement-check";
import type { SqlServerFacts } from "./sql-server-facts";

/** The check ids, in report order. */
export const SQL_CHECK_IDS = [
  "sql-version",
  "sql-engine",
  "sql-collation",
  "sql-transport",
  "sql-dedicated",
  "sql-max-memory",
  "sql-permissions",
] as const;
export type SqlCheckId = (typeof SQL_CHECK_IDS)[number];

/** What the caller knows that the server cannot say. */
export interface SqlCheckContext {
  /** SQL Server runs on the sync server itself. */
  readonly coLocated: boolean;
  /** RAM of that shared server in GB, when the caller gives it (overrides the server's physical memory). */
  readonly serverMemoryGb?: number;
}

/** A result for `id`; a warn or fail message ends with the requirement it breaks. */
const result: (id: SqlCheckId, requirement: Requirement, status: CheckStatus, message: string) => CheckResult = requirementCheck;

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function sqlVersionCheck(f: SqlServerFacts): CheckResult {
  const r = REQUIREMENTS.sqlVersion;
  const version = SQL_MAJOR_VERSIONS[f.majorVersion];
  if (version === undefined) {
    return result(
      "sql-version",
      r,
      "fail",
      `SQL Server reports major version ${f.majorVersion} (${f.productVersion}), not a release Entra Connect supports. Use SQL Server ${RECOMMENDED_SQL_VERSION}.`,
    );
  }
  const verdict = sqlVersionVerdict(version);
  if (verdict.status === "refused") {
    return result(
      "sql-version",
      r,
      "fail",
      `${verdict.reason} (${f.productVersion}). Put the sync database on SQL Server ${RECOMMENDED_SQL_VERSION} (recommended) or another supported version.`,
    );
  }
  if (f.hostPlatform === null) {
    return result(
      "sql-version",
      r,
      "warn",
      `${verdict.reason} (${f.productVersion}), but the host platform could not be read: confirm that the instance runs on ${SQL_WINDOWS_HOST_PLATFORM}.`,
    );
  }
  if (!sameName(f.hostPlatform, SQL_WINDOWS_HOST_PLATFORM)) {
    return result(
      "sql-version",
      r,
      "fail",
      `SQL Server ${version} (${f.productVersion}) runs on ${f.hostPlatform}. Entra Connect needs SQL Server on ${SQL_WINDOWS_HOST_PLATFORM}: use an instance on Windows Server.`,
    );
  }
  const advice = version === RECOMMENDED_SQL_VERSION ? "" : `; SQL Server ${RECOMMENDED_SQL_VERSION} is recommended`;
  return result("sql-version", r, "pass", `${verdict.reason} (${f.productVersion}) on ${f.hostPlatform}${advice}.`);
}

function sqlEngineCheck(f: SqlServerFacts): CheckResult {
  const r = REQUIREMENTS.sqlEngine;
  const engine = SQL_ENGINE_EDITIONS[f.engineEdition];
  if (engine === undefined) {
    return result(
      "sql-engine",
      r,
      "fail",
      `SERVERPROPERTY('EngineEdition') is ${f.engineEdition} (${f.edition}), an engine Entra Connect does not support. Use SQL Server Standard or Enterprise on Windows.`,
    );
  }
  if (engine.azure) {
    return result(
      "sql-engine",
      r,
      "fail",
      `The server is ${engine.name} (EngineEdition ${f.engineEdition}, ${f.edition}), which Entra Connect cannot use. Use SQL Server Standard or Enterprise on Windows (a VM for the sync database, not a managed Azure database).`,
    );
  }
  if (f.engineEdition === SQL_EXPRESS_ENGINE_EDITION) {
    return result(
      "sql-engine",
      REQUIREMENTS.localDbLimit,
      "warn",
      `${f.edition} is ${engine.name}: it caps a database at ${LOCALDB_SIZE_CAP_GB} GB like LocalDB, enough only below ${LOCALDB_MAX_OBJECTS.toLocaleString("en-US")} objects. Use Standard or Enterprise for a larger forest.`,
    );
  }
  return result("sql-engine", r, "pass", `${engine.name} engine (${f.edition}).`);
}

function sqlCollationCheck(f: SqlServerFacts): CheckResult {
  const r = REQUIREMENTS.sqlCollation;
  if (isCaseInsensitiveCollation(f.collation)) {
    return result("sql-collation", r, "pass", `Server collation ${f.collation} is case-insensitive.`);
  }
  return result(
    "sql-collation",
    r,
    "fail",
    `Server collation ${f.collation} is not case-insensitive (no _CI_). The server collation is chosen at setup: use an instance installed with a _CI_ collation such as ${DEFAULT_SQL_COLLATION}.`,
  );
}

function sqlTransportCheck(f: SqlServerFacts): CheckResult {
  const r = REQUIREMENTS.sqlTransport;
  if (!sameName(f.netTransport, SQL_TCP_TRANSPORT)) {
    return result(
      "sql-transport",
      r,
      "fail",
      `This connection uses ${f.netTransport || "an unreported transport"}, not ${SQL_TCP_TRANSPORT}. Enable TCP/IP for the instance in SQL Server Configuration Manager and connect over TCP/IP.`,
    );
  }
  if (f.namedPipesEnabled === true) {
    return result(
      "sql-transport",
      r,
      "fail",
      `Connected over ${SQL_TCP_TRANSPORT}, but Named Pipes is enabled on the instance. Disable Named Pipes in SQL Server Configuration Manager (SQL Server Network Configuration, Protocols) and restart the SQL Server service.`,
    );
  }
  if (f.namedPipesEnabled === null) {
    return result(
      "sql-transport",
      r,
      "warn",
      `Connected over ${SQL_TCP_TRANSPORT}; whether Named Pipes is enabled could not be read (${f.unreadable.namedPipesEnabled ?? "not reported"}). Grant the login VIEW SERVER STATE, or confirm in SQL Server Configuration Manager that Named Pipes is disabled.`,
    );
  }
  return result("sql-transport", r, "pass", `Connected over ${SQL_TCP_TRANSPORT}; Named Pipes is disabled.`);
}

function sqlDedicatedCheck(f: SqlServerFacts): CheckResult {
  const r = REQUIREMENTS.sqlDedicated;
  const others = f.databases.filter((d) => OTHER_SYNC_ENGINE_DATABASES.some((o) => sameName(o, d)));
  if (others.length > 0) {
    return result(
      "sql-dedicated",
      r,
      "fail",
      `The instance holds ${others.join(", ")}: the database of another sync engine (MIM, DirSync or an older sync). Give Entra Connect an instance of its own.`,
    );
  }
  const adSync = f.databases.find((d) => sameName(d, ADSYNC_DATABASE));
  if (adSync !== undefined) {
    return result(
      "sql-dedicated",
      r,
      "warn",
      `The instance already holds an ${adSync} database: fine if a DBA pre-created it for this server's delegated install; if another Entra Connect server uses it, give this one another instance.`,
    );
  }
  return result(
    "sql-dedicated",
    r,
    "pass",
    `No database of another sync engine (${OTHER_SYNC_ENGINE_DATABASES.join(", ")}) and no ${ADSYNC_DATABASE} database yet.`,
  );
}

function gb(mb: number): string {
  return `${Math.round((mb / 1024) * 10) / 10} GB`;
}

function sqlMaxMemoryCheck(f: SqlServerFacts, context: SqlCheckContext): CheckResult {
  const r = REQUIREMENTS.sqlMaxMemory;
  const uncapped = f.maxServerMemoryMb >= SQL_MAX_MEMORY_UNCAPPED_MB;
  const current = uncapped ? `not capped (${f.maxServerMemoryMb} MB)` : `${f.maxServerMemoryMb} MB`;
  if (!context.coLocated) {
    return result(
      "sql-max-memory",
      r,
      "pass",
      `Max server memory is ${current}; SQL Server does not share the sync server (no --co-located), so no cap is needed for the sync engine.`,
    );
  }
  const memoryMb = context.serverMemoryGb !== undefined ? context.serverMemoryGb * 1024 : f.physicalMemoryMb;
  if (memoryMb === null) {
    return result(
      "sql-max-memory",
      r,
      "warn",
      `Max server memory is ${current}, but the server's physical memory could not be read (${f.unreadable.physicalMemoryMb ?? "not reported"}). Pass --server-memory-gb with the shared server's RAM.`,
    );
  }
  const limitMb = maxServerMemoryMbFor(memoryMb / 1024);
  if (f.maxServerMemoryMb > limitMb) {
    const left = uncapped ? "nothing reserved" : `${gb(memoryMb - f.maxServerMemoryMb)} left`;
    return result(
      "sql-max-memory",
      r,
      "fail",
      `Max server memory is ${current} on a ${gb(memoryMb)} server that SQL Server shares with the sync engine (${left}; ${SQL_RESERVED_MEMORY_GB} GB must stay for Windows and the sync engine). Set it to at most ${limitMb} MB: EXEC sp_configure '${SQL_MAX_MEMORY_CONFIG_NAME}', ${limitMb}; RECONFIGURE.`,
    );
  }
  return result(
    "sql-max-memory",
    r,
    "pass",
    `Max server memory is ${current} on a ${gb(memoryMb)} server: ${gb(memoryMb - f.maxServerMemoryMb)} stay for Windows and the sync engine (${SQL_RESERVED_MEMORY_GB} GB needed).`,
  );
}

function sqlPermissionsCheck(f: SqlServerFacts): CheckResult {
  const r = REQUIREMENTS.sqlPermissions;
  if (f.sysadmin || f.dbcreator) {
    const role = f.sysadmin ? SQL_INSTALL_ROLES.sysadmin : SQL_INSTALL_ROLES.dbcreator;
    return result(
      "sql-permissions",
      r,
      "pass",
      `The login is a member of ${role}: the installer can create the ${ADSYNC_DATABASE} database.`,
    );
  }
  if (f.adSyncControl === true) {
    return result("sql-permissions", r, "pass", `Delegated install: ${ADSYNC_DATABASE} exists and the login controls it (db_owner).`);
  }
  if (f.databases.some((d) => sameName(d, ADSYNC_DATABASE))) {
    return result(
      "sql-permissions",
      r,
      "fail",
      `${ADSYNC_DATABASE} exists, but the login is neither sysadmin, dbcreator nor its owner. Make the installer's login db_owner of ${ADSYNC_DATABASE} (delegated install), or grant sysadmin for the install.`,
    );
  }
  return result(
    "sql-permissions",
    r,
    "fail",
    `The login is neither sysadmin nor dbcreator and no ${ADSYNC_DATABASE} database exists. Grant sysadmin (or dbcreator) for the install, or have a DBA pre-create ${ADSYNC_DATABASE} with the installer's login as db_owner (delegated install).`,
  );
}

/** All seven checks, in SQL_CHECK_IDS order. */
export function sqlChecks(facts: SqlServerFacts, context: SqlCheckContext): CheckResult[] {
  return [
    sqlVersionCheck(facts),
    sqlEngineCheck(facts),
    sqlCollationCheck(facts),
    sqlTransportCheck(facts),
    sqlDedicatedCheck(facts),
    sqlMaxMemoryCheck(facts, context),
    sqlPermissionsCheck(facts),
  ];
}
