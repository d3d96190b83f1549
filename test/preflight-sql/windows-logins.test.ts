/**
 * The accounts Entra Connect really uses on SQL Server (issue 15 items 14-16), against a TDS test server that
 * enforces SQL Server's permission rules per version:
 * - "Install Microsoft Entra Connect using SQL delegated administrator permissions"
 *   (learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-install-sql-delegation): without delegation
 *   the installing user needs sysadmin; with it, a SQL administrator creates ADSync with a case-insensitive
 *   collation ("otherwise Microsoft Entra Connect will block the installation") and grants the Entra Connect
 *   administrator and the domain service account each a login and dbo rights, and "Microsoft Entra Connect does
 *   not support logins with a nested membership": a group's login with dbo rights does not count.
 * - IS_SRVROLEMEMBER (learn.microsoft.com/sql/t-sql/functions/is-srvrolemember-transact-sql): for a Windows
 *   login it returns NULL "unless the login has been granted or denied direct access", and NULL when the caller
 *   may not view the membership.
 * - sys.dm_os_host_info, sys.dm_server_registry, sys.dm_os_sys_info
 *   (learn.microsoft.com/sql/relational-databases/system-dynamic-management-views/sys-dm-os-host-info-transact-sql,
 *   .../sys-dm-server-registry-transact-sql, .../sys-dm-os-sys-info-transact-sql): VIEW SERVER STATE up to SQL
 *   Server 2019 (sys.dm_os_host_info readable by public there), VIEW SERVER PERFORMANCE STATE from SQL Server 2022.
 */
import { runSqlPreflight, type SqlPreflightOptions, type SqlPreflightReport } from "../../src/preflight/sql";
import type { TdsScenario, TdsWindowsLogin } from "./tds/scenario";
import { scenarioWith, withSqlTestTarget } from "./sql-test-target";

const INSTALLER = "CORP\\alice";
const SERVICE = "CORP\\svc-adsync$";
const PERMISSIONS =
  "(requirement sql.permissions: The installer has sysadmin, or is dbo of a pre-created ADSync database (delegated install))";
const SERVICE_REQ =
  "(requirement sql.service-account: The sync service account has a login of its own that is dbo of a pre-created ADSync database)";
const WITH_ADSYNC: Partial<TdsScenario> = { databases: ["master", "tempdb", "ADSync"] };

function installer(changes: Partial<TdsWindowsLogin> = {}): TdsWindowsLogin {
  return { name: INSTALLER, ownLogin: true, serverRoles: [], ...changes };
}

function service(changes: Partial<TdsWindowsLogin> = {}): TdsWindowsLogin {
  return { name: SERVICE, ownLogin: true, serverRoles: [], ...changes };
}

function preflight(changes: Partial<TdsScenario>, extra: Partial<SqlPreflightOptions> = {}): Promise<SqlPreflightReport> {
  return withSqlTestTarget(scenarioWith(changes), ({ options }) =>
    runSqlPreflight({ ...options, installerLogin: INSTALLER, serviceLogin: SERVICE, ...extra }),
  );
}

function check(report: SqlPreflightReport, id: string): { status: string; message: string } {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return { status: found.status, message: found.message };
}

describe("sql-installer-login (--installer-login)", () => {
  it.each<[string, Partial<TdsScenario>, string, string]>([
    [
      "its own login in sysadmin",
      { windowsLogins: [installer({ serverRoles: ["sysadmin"] })] },
      "pass",
      "CORP\\alice has its own login and is in sysadmin: the installer can create the ADSync database and the service account's login.",
    ],
    [
      "dbcreator alone, no ADSync",
      { windowsLogins: [installer({ serverRoles: ["dbcreator"] })] },
      "fail",
      `CORP\\alice is not in sysadmin and no ADSync database exists. It is in dbcreator, which is not enough: the installer also creates the service account's login. Add [CORP\\alice] to sysadmin for the install (ALTER SERVER ROLE sysadmin ADD MEMBER [CORP\\alice];), or have a DBA pre-create ADSync with a _CI_ collation and this login and the service account's as its dbo (delegated install). ${PERMISSIONS}`,
    ],
    [
      "sysadmin only through a Windows group",
      { windowsLogins: [installer({ ownLogin: false, serverRoles: ["sysadmin"] })] },
      "fail",
      `CORP\\alice has no login of its own on the instance; membership through a Windows group's login does not count. Create it (CREATE LOGIN [CORP\\alice] FROM WINDOWS;): it needs a login of its own in sysadmin, or that is dbo of a pre-created ADSync database. ${PERMISSIONS}`,
    ],
    [
      "a direct db_owner of a pre-created ADSync (delegated install)",
      { ...WITH_ADSYNC, windowsLogins: [installer({ adSync: "db_owner" })] },
      "pass",
      "CORP\\alice has its own login and is itself dbo of the pre-created ADSync database (delegated install).",
    ],
    [
      "the owner of a pre-created ADSync",
      { ...WITH_ADSYNC, windowsLogins: [installer({ adSync: "owner" })] },
      "pass",
      "CORP\\alice has its own login and is itself dbo of the pre-created ADSync database (delegated install).",
    ],
    [
      "neither sysadmin nor dbo of the pre-created ADSync",
      { ...WITH_ADSYNC, windowsLogins: [installer({ serverRoles: ["dbcreator"] })] },
      "fail",
      `CORP\\alice is neither in sysadmin nor itself dbo of the pre-created ADSync database. Make its own login dbo of ADSync (delegated install), or add it to sysadmin for the install. A group's membership does not count. In ADSync: CREATE USER [CORP\\alice] FOR LOGIN [CORP\\alice]; ALTER ROLE db_owner ADD MEMBER [CORP\\alice]; ${PERMISSIONS}`,
    ],
    [
      "a preflight login that may not see other logins",
      { serverRoles: [], windowsLogins: [installer({ serverRoles: ["sysadmin"] })] },
      "warn",
      `Could not check CORP\\alice: the preflight's login cannot see other logins. Grant it VIEW ANY DEFINITION (or run the preflight as sysadmin), or confirm by hand that CORP\\alice has a login of its own in sysadmin, or that is dbo of a pre-created ADSync database. ${PERMISSIONS}`,
    ],
    [
      "a preflight login without access to the pre-created ADSync",
      { ...WITH_ADSYNC, serverRoles: [], serverPermissions: ["VIEW ANY DEFINITION"], windowsLogins: [installer({ adSync: "db_owner" })] },
      "warn",
      `Could not read the users of ADSync (error 916: The server principal "entra-installer" is not able to access the database "ADSync" under the current security context.). Give the preflight's login access to ADSync (or run it as sysadmin), or confirm by hand that CORP\\alice is itself its dbo. ${PERMISSIONS}`,
    ],
  ])("%s: %s", async (_case, changes, status, message) => {
    expect(check(await preflight(changes), "sql-installer-login")).toEqual({ status, message });
  });

  it("a login the instance does not know at all has no login of its own", async () => {
    const result = check(await preflight({ windowsLogins: [] }), "sql-installer-login");
    expect(result.status).toBe("fail");
    expect(result.message).toMatch(/^CORP\\alice has no login of its own on the instance/);
  });
});

describe("sql-service-login (--service-login)", () => {
  it.each<[string, Partial<TdsScenario>, string, string]>([
    [
      "no pre-created ADSync: the installer creates its login",
      { windowsLogins: [] },
      "pass",
      "No pre-created ADSync database: the installer (as sysadmin) creates it and the login of CORP\\svc-adsync$.",
    ],
    [
      "a direct db_owner of the pre-created ADSync",
      { ...WITH_ADSYNC, windowsLogins: [service({ adSync: "db_owner" })] },
      "pass",
      "CORP\\svc-adsync$ has its own login and is itself dbo of the pre-created ADSync database (delegated install).",
    ],
    [
      "dbo only through a Windows group's login",
      { ...WITH_ADSYNC, windowsLogins: [service({ ownLogin: false, adSync: "db_owner" })] },
      "fail",
      `CORP\\svc-adsync$ has no login of its own on the instance; membership through a Windows group's login does not count. Create it (CREATE LOGIN [CORP\\svc-adsync$] FROM WINDOWS;): it needs a login of its own that is dbo of the ADSync database a DBA pre-created. ${SERVICE_REQ}`,
    ],
    [
      "its own login, but not dbo",
      { ...WITH_ADSYNC, windowsLogins: [service()] },
      "fail",
      `CORP\\svc-adsync$ has its own login but is not itself dbo of the pre-created ADSync database, which the sync service needs. A group's membership does not count. In ADSync: CREATE USER [CORP\\svc-adsync$] FOR LOGIN [CORP\\svc-adsync$]; ALTER ROLE db_owner ADD MEMBER [CORP\\svc-adsync$]; ${SERVICE_REQ}`,
    ],
  ])("%s: %s", async (_case, changes, status, message) => {
    expect(check(await preflight(changes), "sql-service-login")).toEqual({ status, message });
  });
});

describe("a pre-created ADSync database's collation (sql-collation)", () => {
  it("fails a case-sensitive ADSync on a case-insensitive server: Entra Connect blocks the installation", async () => {
    expect(check(await preflight({ ...WITH_ADSYNC, adSyncCollation: "Latin1_General_CS_AS" }), "sql-collation")).toEqual({
      status: "fail",
      message:
        "Server collation SQL_Latin1_General_CP1_CI_AS is case-insensitive, but the pre-created ADSync database uses Latin1_General_CS_AS (no _CI_), which blocks the Entra Connect installation. Have the DBA drop and re-create ADSync with a _CI_ collation (Latin1_General_CI_AS is recommended). (requirement sql.collation: Case-insensitive (_CI_) SQL collation)",
    });
  });

  it("passes a case-insensitive ADSync and says so", async () => {
    expect(check(await preflight(WITH_ADSYNC), "sql-collation")).toEqual({
      status: "pass",
      message:
        "Server collation SQL_Latin1_General_CP1_CI_AS is case-insensitive; so is the pre-created ADSync database's collation Latin1_General_CI_AS.",
    });
  });
});

describe("server-state permissions per version", () => {
  const VERSION_2019 = "15.0.4375.4";
  it.each<[string, Partial<TdsScenario>, boolean, boolean]>([
    [
      "2019 with VIEW SERVER STATE",
      { productVersion: VERSION_2019, serverRoles: [], serverPermissions: ["VIEW SERVER STATE"] },
      true,
      true,
    ],
    ["2019 without it (host view public)", { productVersion: VERSION_2019, serverRoles: [], serverPermissions: [] }, true, false],
    [
      "2019 with only VIEW SERVER PERFORMANCE STATE (a 2022 permission)",
      { productVersion: VERSION_2019, serverRoles: [], serverPermissions: ["VIEW SERVER PERFORMANCE STATE"] },
      true,
      false,
    ],
    ["2022 with VIEW SERVER PERFORMANCE STATE", { serverRoles: [], serverPermissions: ["VIEW SERVER PERFORMANCE STATE"] }, true, true],
    ["2022 with VIEW SERVER STATE (which covers it)", { serverRoles: [], serverPermissions: ["VIEW SERVER STATE"] }, true, true],
    ["2022 without either", { serverRoles: [], serverPermissions: [] }, false, false],
  ])("%s: host platform read %s, server state read %s", async (_case, changes, hostRead, stateRead) => {
    const report = await preflight(changes);
    expect(report.server.hostPlatform !== null).toBe(hostRead);
    expect(report.server.namedPipesEnabled !== null).toBe(stateRead);
    expect(report.server.physicalMemoryMb !== null).toBe(stateRead);
  });

  it("names VIEW SERVER STATE on 2019 and VIEW SERVER PERFORMANCE STATE on 2022", async () => {
    const v2019 = await preflight({ productVersion: VERSION_2019, serverRoles: [] });
    expect(check(v2019, "sql-transport").message).toContain("Grant the login VIEW SERVER STATE, or confirm");
    const v2022 = await preflight({ serverRoles: [] });
    expect(check(v2022, "sql-transport").message).toContain("Grant the login VIEW SERVER PERFORMANCE STATE, or confirm");
    expect(check(v2022, "sql-version")).toEqual({
      status: "warn",
      message:
        "SQL Server 2022: recommended (16.0.4135.4), but the host platform could not be read (error 300: VIEW SERVER PERFORMANCE STATE permission was denied on object 'server', database 'master'.). Grant the login VIEW SERVER PERFORMANCE STATE, or confirm that the instance runs on Windows. (requirement sql.version: Full SQL Server 2019 or 2022 on Windows)",
    });
  });
});

describe("--installer-login and --service-login values", () => {
  it.each([
    ["installerLogin", "--installer-login", "alice"],
    ["serviceLogin", "--service-login", "CORP\\svc; DROP LOGIN x"],
  ])("%s %j is refused naming the flag", async (option, flag, value) => {
    await expect(runSqlPreflight({ host: "127.0.0.1", user: "u", password: "p", [option]: value })).rejects.toThrow(
      `${flag} ${JSON.stringify(value)}: give the Windows account as SQL Server names its login, DOMAIN\\name (the NetBIOS domain, a backslash, the sAMAccountName; a gMSA ends in $), e.g. CORP\\svc-adsync$.`,
    );
  });
});
