/**
 * The nine SQL checks: pure functions from the server's facts to a CheckResult. Every rule and figure comes
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
  SQL_MAX_MEMORY_UNCAPPED_MB,
  SQL_RESERVED_MEMORY_GB,
  SQL_TCP_TRANSPORT,
  SQL_WINDOWS_HOST_PLATFORM,
  isCaseInsensitiveCollation,
  maxServerMemoryFix,
  maxServerMemoryMbFor,
  sqlServerStatePermission,
  sqlVersionVerdict,
  type Requirement,
} from "../../requirements";
import type { CheckResult, CheckStatus } from "../../report/check-result";
import { requirementCheck } from "../requirement-check";
import type { SqlServerFacts, WindowsLoginFacts } from "./sql-server-facts";

/** The check ids, in report order. */
export const SQL_CHECK_IDS = [
  "sql-version",
  "sql-engine",
  "sql-collation",
  "sql-transport",
  "sql-dedicated",
  "sql-max-memory",
  "sql-permissions",
  "sql-installer-login",
  "sql-service-login",
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
      `${verdict.reason} (${f.productVersion}), but the host platform could not be read (${f.unreadable.hostPlatform ?? "not reported"}). Grant the login ${sqlServerStatePermission(f.majorVersion)}, or confirm that the instance runs on ${SQL_WINDOWS_HOST_PLATFORM}.`,
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
  if (verdict.status === "warn") {
    return result(
      "sql-version",
      r,
      "warn",
      `${verdict.reason} (${f.productVersion}) on ${f.hostPlatform}. Put the sync database on SQL Server ${RECOMMENDED_SQL_VERSION}.`,
    );
  }
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
  if (!isCaseInsensitiveCollation(f.collation)) {
    return result(
      "sql-collation",
      r,
      "fail",
      `Server collation ${f.collation} is not case-insensitive (no _CI_). The server collation is chosen at setup: use an instance installed with a _CI_ collation such as ${DEFAULT_SQL_COLLATION}.`,
    );
  }
  if (f.adSyncCollation !== null && !isCaseInsensitiveCollation(f.adSyncCollation)) {
    // The delegated-install doc: a pre-created ADSync with a case-sensitive collation blocks the installation.
    return result(
      "sql-collation",
      r,
      "fail",
      `Server collation ${f.collation} is case-insensitive, but the pre-created ${ADSYNC_DATABASE} database uses ${f.adSyncCollation} (no _CI_), which blocks the Entra Connect installation. Have the DBA drop and re-create ${ADSYNC_DATABASE} with a _CI_ collation (Latin1_General_CI_AS is recommended).`,
    );
  }
  const adSync = f.adSyncCollation === null ? "" : `; so is the pre-created ${ADSYNC_DATABASE} database's collation ${f.adSyncCollation}`;
  return result("sql-collation", r, "pass", `Server collation ${f.collation} is case-insensitive${adSync}.`);
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
      `Connected over ${SQL_TCP_TRANSPORT}; whether Named Pipes is enabled could not be read (${f.unreadable.namedPipesEnabled ?? "not reported"}). Grant the login ${sqlServerStatePermission(f.majorVersion)}, or confirm in SQL Server Configuration Manager that Named Pipes is disabled.`,
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
      `Max server memory is ${current}, but the server's physical memory could not be read (${f.unreadable.physicalMemoryMb ?? "not reported"}). Pass --server-memory-gb with the shared server's RAM, or grant the login ${sqlServerStatePermission(f.majorVersion)}.`,
    );
  }
  const limitMb = maxServerMemoryMbFor(memoryMb / 1024);
  if (memoryMb < SQL_RESERVED_MEMORY_GB * 1024) {
    return result(
      "sql-max-memory",
      r,
      "fail",
      `The server SQL Server shares with the sync engine has ${gb(memoryMb)} of RAM: no max server memory leaves the ${SQL_RESERVED_MEMORY_GB} GB Windows and the sync engine need. Give the server more memory, or put SQL Server on a machine of its own.`,
    );
  }
  if (f.maxServerMemoryMb > limitMb) {
    const left = uncapped ? "nothing reserved" : `${gb(memoryMb - f.maxServerMemoryMb)} left`;
    return result(
      "sql-max-memory",
      r,
      "fail",
      `Max server memory is ${current} on a ${gb(memoryMb)} server that SQL Server shares with the sync engine (${left}; ${SQL_RESERVED_MEMORY_GB} GB must stay for Windows and the sync engine). Set it to at most ${limitMb} MB (an advanced option, so show advanced options first): ${maxServerMemoryFix(limitMb)}`,
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
  if (f.sysadmin) {
    return result(
      "sql-permissions",
      r,
      "pass",
      `The login is a member of ${SQL_INSTALL_ROLES.sysadmin}: the installer can create the ${ADSYNC_DATABASE} database.`,
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
      `${ADSYNC_DATABASE} exists, but the login is neither sysadmin nor its owner. Make the installer's login db_owner of ${ADSYNC_DATABASE} (delegated install), or grant sysadmin for the install.`,
    );
  }
  const dbcreator = f.dbcreator
    ? `The login is in ${SQL_INSTALL_ROLES.dbcreator} but not ${SQL_INSTALL_ROLES.sysadmin}, and`
    : "The login is not sysadmin and";
  return result(
    "sql-permissions",
    r,
    "fail",
    `${dbcreator} no ${ADSYNC_DATABASE} database exists: creating the database is not enough, the installer also creates the service account's login. ${INSTALL_FIX}`,
  );
}

/** The two ways to give the installer what it needs (the delegated-install doc). */
const INSTALL_FIX = `Grant sysadmin for the install, or have a DBA pre-create ${ADSYNC_DATABASE} with a _CI_ collation and the installer's and the service account's own logins as its dbo (delegated install).`;

/** A login name as a T-SQL identifier in a suggested statement: bracket-quoted, any ] doubled. */
function bracketed(name: string): string {
  return `[${name.replace(/]/g, "]]")}]`;
}

/**
 * The verdict every Windows login check starts from: not given (warn), not visible to the preflight's login
 * (warn), or no login of its own (fail); the login itself when it can be judged.
 */
function windowsLoginPrecheck(
  id: SqlCheckId,
  requirement: Requirement,
  login: WindowsLoginFacts | undefined,
  account: { readonly flag: string; readonly role: string; readonly needs: string },
): CheckResult | WindowsLoginFacts {
  if (login === undefined) {
    return result(
      id,
      requirement,
      "warn",
      `Not checked: give ${account.flag} DOMAIN\\name, the Windows account that ${account.role}; it needs ${account.needs}.`,
    );
  }
  if (!login.canSeeLogins) {
    return result(
      id,
      requirement,
      "warn",
      `Could not check ${login.name}: the preflight's login cannot see other logins. Grant it VIEW ANY DEFINITION (or run the preflight as sysadmin), or confirm by hand that ${login.name} has ${account.needs}.`,
    );
  }
  if (!login.ownLogin) {
    return result(
      id,
      requirement,
      "fail",
      `${login.name} has no login of its own on the instance; membership through a Windows group's login does not count. Create it (CREATE LOGIN ${bracketed(login.name)} FROM WINDOWS;): it needs ${account.needs}.`,
    );
  }
  return login;
}

/** dbo of the pre-created ADSync database, for a login that has its own login: pass, fail or could-not-read. */
function adSyncOwnerVerdict(id: SqlCheckId, requirement: Requirement, login: WindowsLoginFacts, fail: string): CheckResult {
  if (login.adSyncDbOwner === true) {
    return result(
      id,
      requirement,
      "pass",
      `${login.name} has its own login and is itself dbo of the pre-created ${ADSYNC_DATABASE} database (delegated install).`,
    );
  }
  if (login.adSyncDbOwner === null) {
    return result(
      id,
      requirement,
      "warn",
      `Could not read the users of ${ADSYNC_DATABASE} (${login.adSyncUnreadable ?? "not reported"}). Give the preflight's login access to ${ADSYNC_DATABASE} (or run it as sysadmin), or confirm by hand that ${login.name} is itself its dbo.`,
    );
  }
  const user = bracketed(login.name);
  return result(
    id,
    requirement,
    "fail",
    `${fail} A group's membership does not count. In ${ADSYNC_DATABASE}: CREATE USER ${user} FOR LOGIN ${user}; ALTER ROLE ${SQL_INSTALL_ROLES.databaseOwner} ADD MEMBER ${user};`,
  );
}

function sqlInstallerLoginCheck(f: SqlServerFacts): CheckResult {
  const r = REQUIREMENTS.sqlPermissions;
  const login = windowsLoginPrecheck("sql-installer-login", r, f.windowsLogins.installer, {
    flag: "--installer-login",
    role: "will run the Entra Connect installer",
    needs: `a login of its own in sysadmin, or that is dbo of a pre-created ${ADSYNC_DATABASE} database`,
  });
  if ("status" in login) return login;
  if (login.sysadmin === true) {
    return result(
      "sql-installer-login",
      r,
      "pass",
      `${login.name} has its own login and is in sysadmin: the installer can create the ${ADSYNC_DATABASE} database and the service account's login.`,
    );
  }
  if (f.adSyncCollation !== null) {
    return adSyncOwnerVerdict(
      "sql-installer-login",
      r,
      login,
      `${login.name} is neither in sysadmin nor itself dbo of the pre-created ${ADSYNC_DATABASE} database. Make its own login dbo of ${ADSYNC_DATABASE} (delegated install), or add it to sysadmin for the install.`,
    );
  }
  const dbcreator =
    login.dbcreator === true
      ? ` It is in ${SQL_INSTALL_ROLES.dbcreator}, which is not enough: the installer also creates the service account's login.`
      : "";
  return result(
    "sql-installer-login",
    r,
    "fail",
    `${login.name} is not in sysadmin and no ${ADSYNC_DATABASE} database exists.${dbcreator} Add ${bracketed(login.name)} to sysadmin for the install (ALTER SERVER ROLE sysadmin ADD MEMBER ${bracketed(login.name)};), or have a DBA pre-create ${ADSYNC_DATABASE} with a _CI_ collation and this login and the service account's as its dbo (delegated install).`,
  );
}

function sqlServiceLoginCheck(f: SqlServerFacts): CheckResult {
  const r = REQUIREMENTS.sqlServiceAccount;
  const given = f.windowsLogins.service;
  if (given !== undefined && f.adSyncCollation === null) {
    return result(
      "sql-service-login",
      r,
      "pass",
      `No pre-created ${ADSYNC_DATABASE} database: the installer (as sysadmin) creates it and the login of ${given.name}.`,
    );
  }
  const login = windowsLoginPrecheck("sql-service-login", r, given, {
    flag: "--service-login",
    role: "runs the ADSync service (its service account or gMSA)",
    needs: `a login of its own that is dbo of the ${ADSYNC_DATABASE} database a DBA pre-created`,
  });
  if ("status" in login) return login;
  return adSyncOwnerVerdict(
    "sql-service-login",
    r,
    login,
    `${login.name} has its own login but is not itself dbo of the pre-created ${ADSYNC_DATABASE} database, which the sync service needs.`,
  );
}

/** All nine checks, in SQL_CHECK_IDS order. */
export function sqlChecks(facts: SqlServerFacts, context: SqlCheckContext): CheckResult[] {
  return [
    sqlVersionCheck(facts),
    sqlEngineCheck(facts),
    sqlCollationCheck(facts),
    sqlTransportCheck(facts),
    sqlDedicatedCheck(facts),
    sqlMaxMemoryCheck(facts, context),
    sqlPermissionsCheck(facts),
    sqlInstallerLoginCheck(facts),
    sqlServiceLoginCheck(facts),
  ];
}
