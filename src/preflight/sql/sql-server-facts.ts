/** Reads what the SQL checks need from the server: the catalogue's read-only queries, every value a parameter. */
import sql from "mssql";
import {
  ADSYNC_DATABASE,
  SQL_INSTALL_ROLES,
  SQL_MAX_MEMORY_CONFIG_NAME,
  SQL_NAMED_PIPES_REGISTRY,
  SQL_PREFLIGHT_QUERIES,
  type SqlPreflightQueryName,
} from "../../requirements";
import { CheckFailedError } from "../../support/errors";
import type { SqlSession } from "./sql-connection";

/** The part of a session the queries use: the pool, and the overall deadline of one query. */
type QuerySession = Pick<SqlSession, "pool" | "bounded">;

/** What the server reported. A fact that needs a permission the login lacks is null, with the reason. */
export interface SqlServerFacts {
  /** SERVERPROPERTY('ProductMajorVersion'), e.g. 16. */
  readonly majorVersion: number;
  /** SERVERPROPERTY('ProductVersion'), e.g. "16.0.4135.4". */
  readonly productVersion: string;
  readonly engineEdition: number;
  /** SERVERPROPERTY('Edition'), e.g. "Enterprise Edition (64-bit)". */
  readonly edition: string;
  readonly collation: string;
  /** sys.dm_os_host_info.host_platform ("Windows", "Linux"); null where the view does not exist. */
  readonly hostPlatform: string | null;
  /** CONNECTIONPROPERTY('net_transport') of the preflight's own connection, e.g. "TCP". */
  readonly netTransport: string;
  /** The Named Pipes `Enabled` registry value; null when not reported (see `unreadable`). */
  readonly namedPipesEnabled: boolean | null;
  readonly databases: readonly string[];
  readonly maxServerMemoryMb: number;
  /** The machine's RAM in MB; null when not readable. */
  readonly physicalMemoryMb: number | null;
  readonly sysadmin: boolean;
  readonly dbcreator: boolean;
  /** CONTROL (db_owner) on the ADSync database; null when it does not exist or is not visible. */
  readonly adSyncControl: boolean | null;
  /** The collation of the pre-created ADSync database; null when there is none. */
  readonly adSyncCollation: string | null;
  /** The Windows accounts Entra Connect will use, when given (--installer-login, --service-login). */
  readonly windowsLogins: Readonly<Partial<Record<WindowsLoginRole, WindowsLoginFacts>>>;
  /** Why a nullable fact is null, by fact name. */
  readonly unreadable: Readonly<Partial<Record<"hostPlatform" | "namedPipesEnabled" | "physicalMemoryMb", string>>>;
}

/** Which account a Windows login is: the admin who runs the installer, or the ADSync service account (or gMSA). */
export type WindowsLoginRole = "installer" | "service";

/** What the server says about one Windows account's login, as seen by the preflight's own login. */
export interface WindowsLoginFacts {
  /** DOMAIN\user as given. */
  readonly name: string;
  /** The preflight's login may see other logins (VIEW ANY DEFINITION, or sysadmin); without it nothing below is known. */
  readonly canSeeLogins: boolean;
  /** The account has a login of its own (not only through a Windows group's login). */
  readonly ownLogin: boolean;
  /** IS_SRVROLEMEMBER of the login; null when SQL Server returned NULL (no own login, or not visible). */
  readonly sysadmin: boolean | null;
  readonly dbcreator: boolean | null;
  /** The login itself is dbo of the pre-created ADSync database; null when there is none or it could not be read. */
  readonly adSyncDbOwner: boolean | null;
  /** Why adSyncDbOwner could not be read (the server's error), when ADSync exists. */
  readonly adSyncUnreadable?: string;
}

/** The Windows accounts to check, by role. */
export type WindowsLoginNames = Readonly<Partial<Record<WindowsLoginRole, string>>>;

type Row = Record<string, unknown>;
type Params = Readonly<Record<string, string>>;

/** Runs one catalogue query with its parameters (all nvarchar) and returns its rows. */
async function run(session: QuerySession, name: SqlPreflightQueryName, params: Params = {}): Promise<Row[]> {
  const request = session.pool.request();
  for (const p of SQL_PREFLIGHT_QUERIES[name].parameters) request.input(p, sql.NVarChar, params[p]);
  const result = await session.bounded(request.query<Row>(SQL_PREFLIGHT_QUERIES[name].text), "reading the server facts");
  return result.recordset ?? [];
}

/** A query the login may lack the permission for: a server error makes the fact null with the error's text. */
async function runOptional(session: QuerySession, name: SqlPreflightQueryName, params?: Params): Promise<Row[] | string> {
  try {
    return await run(session, name, params);
  } catch (e) {
    if (e instanceof sql.RequestError && typeof e.number === "number" && e.code === "EREQUEST") return `error ${e.number}: ${e.message}`;
    throw e;
  }
}

function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Reads every fact; throws the driver's error when a query that needs no special permission fails. */
export async function readSqlServerFacts(session: QuerySession, logins: WindowsLoginNames = {}): Promise<SqlServerFacts> {
  const [props = {}] = await run(session, "serverProperties");
  const productVersion = str(props["productVersion"]);
  const majorVersion = num(props["majorVersion"]) ?? Number(productVersion.split(".")[0]);
  const hostRows = await runOptional(session, "hostPlatform");
  const [transport = {}] = await run(session, "transport");
  const { registryKey, valueName } = SQL_NAMED_PIPES_REGISTRY;
  const pipeRows = await runOptional(session, "namedPipes", { registryKey, valueName });
  const databases = (await run(session, "databases")).map((r) => str(r["name"]));
  const [memory] = await run(session, "maxServerMemory", { configName: SQL_MAX_MEMORY_CONFIG_NAME });
  const maxServerMemoryMb = num(memory?.["maxServerMemoryMb"]);
  if (maxServerMemoryMb === null) {
    throw new CheckFailedError(
      `SQL Server returned no '${SQL_MAX_MEMORY_CONFIG_NAME}' row from sys.configurations, which every login can read: check that the public role's permissions were not revoked.`,
    );
  }
  const physicalRows = await runOptional(session, "physicalMemory");
  const [perms = {}] = await run(session, "permissions", {
    sysadminRole: SQL_INSTALL_ROLES.sysadmin,
    dbcreatorRole: SQL_INSTALL_ROLES.dbcreator,
    database: ADSYNC_DATABASE,
  });

  const adSyncExists = databases.some((d) => d.toLowerCase() === ADSYNC_DATABASE.toLowerCase());
  const [adSync] = adSyncExists ? await run(session, "adSyncCollation", { database: ADSYNC_DATABASE }) : [];
  const windowsLogins: Partial<Record<WindowsLoginRole, WindowsLoginFacts>> = {};
  for (const [role, name] of Object.entries(logins) as [WindowsLoginRole, string | undefined][]) {
    if (name !== undefined) windowsLogins[role] = await readWindowsLogin(session, name, adSyncExists);
  }

  const unreadable: Record<string, string> = {};
  const optional = <T>(fact: keyof SqlServerFacts["unreadable"], rows: Row[] | string, read: (rows: Row[]) => T | null): T | null => {
    if (typeof rows === "string") {
      unreadable[fact] = rows;
      return null;
    }
    const value = read(rows);
    if (value === null) unreadable[fact] = "the server returned no value";
    return value;
  };
  const physicalKb = optional("physicalMemoryMb", physicalRows, (rows) => num(rows[0]?.["physicalMemoryKb"]));
  const pipes = optional("namedPipesEnabled", pipeRows, (rows) => num(rows[0]?.["enabled"]));
  const control = num(perms["databaseControl"]);
  return {
    majorVersion,
    productVersion,
    engineEdition: num(props["engineEdition"]) ?? 0,
    edition: str(props["edition"]),
    collation: str(props["collation"]),
    hostPlatform: optional("hostPlatform", hostRows, (rows) => str(rows[0]?.["hostPlatform"]) || null),
    netTransport: str(transport["netTransport"]),
    namedPipesEnabled: pipes === null ? null : pipes === SQL_NAMED_PIPES_REGISTRY.enabledValue,
    databases,
    maxServerMemoryMb,
    physicalMemoryMb: physicalKb === null ? null : physicalKb / 1024,
    sysadmin: num(perms["sysadmin"]) === 1,
    dbcreator: num(perms["dbcreator"]) === 1,
    adSyncControl: control === null ? null : control === 1,
    adSyncCollation: adSync === undefined ? null : str(adSync["collation"]),
    windowsLogins,
    unreadable,
  };
}

/** What the server says about one Windows account's login (and its place in a pre-created ADSync). */
async function readWindowsLogin(session: QuerySession, name: string, adSyncExists: boolean): Promise<WindowsLoginFacts> {
  const [row = {}] = await run(session, "windowsLogin", {
    sysadminRole: SQL_INSTALL_ROLES.sysadmin,
    dbcreatorRole: SQL_INSTALL_ROLES.dbcreator,
    login: name,
  });
  const role = (value: unknown): boolean | null => (num(value) === null ? null : num(value) === 1);
  const facts = {
    name,
    canSeeLogins: num(row["canSeeLogins"]) === 1,
    ownLogin: (num(row["ownLogin"]) ?? 0) > 0,
    sysadmin: role(row["sysadmin"]),
    dbcreator: role(row["dbcreator"]),
  };
  if (!adSyncExists) return { ...facts, adSyncDbOwner: null };
  const owner = await runOptional(session, "adSyncDbOwner", { login: name, ownerRole: SQL_INSTALL_ROLES.databaseOwner });
  if (typeof owner === "string") return { ...facts, adSyncDbOwner: null, adSyncUnreadable: owner };
  return { ...facts, adSyncDbOwner: (num(owner[0]?.["directDbOwner"]) ?? 0) > 0 };
}
