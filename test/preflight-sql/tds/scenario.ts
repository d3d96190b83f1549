/**
 * What the TDS test server pretends to be, and how it answers the catalogue's queries from that: it evaluates
 * each statement it knows against the scenario's tables with the parameter values it received, and fails any
 * other statement with an ERROR token, as a server would fail an unknown object.
 */
import { SQL_PREFLIGHT_QUERIES, type SqlPreflightQueryName } from "../../../src/requirements";
import type { Column, CellValue, ServerError } from "./tds-wire";
import type { ReceivedQuery } from "./tds-requests";

export interface TdsScenario {
  /** The one SQL login the server accepts. */
  readonly login: { readonly user: string; readonly password: string };
  readonly serverName: string;
  /** SERVERPROPERTY('ProductVersion'), e.g. "16.0.4135.4"; its first part is ProductMajorVersion. */
  readonly productVersion: string;
  readonly engineEdition: number;
  readonly edition: string;
  readonly collation: string;
  /** sys.dm_os_host_info.host_platform ("Windows" or "Linux"); the view exists from major version 14. */
  readonly hostPlatform: string;
  /** CONNECTIONPROPERTY('net_transport') of the connection. */
  readonly netTransport: string;
  /** The Named Pipes `Enabled` registry value; undefined: no row (as on Linux). */
  readonly namedPipesEnabled: boolean | undefined;
  /**
   * Server permissions granted to the login besides its roles (sysadmin holds them all): "VIEW SERVER STATE",
   * "VIEW SERVER PERFORMANCE STATE" (SQL Server 2022 and later; VIEW SERVER STATE covers it), "VIEW ANY DEFINITION".
   */
  readonly serverPermissions: readonly ServerPermission[];
  /** Windows accounts with logins on the instance (the installer, the service account), for the login checks. */
  readonly windowsLogins: readonly TdsWindowsLogin[];
  /** The collation of the ADSync database, when `databases` holds one. */
  readonly adSyncCollation: string;
  readonly databases: readonly string[];
  readonly maxServerMemoryMb: number;
  readonly physicalMemoryKb: number;
  /** Fixed server roles the login belongs to. */
  readonly serverRoles: readonly string[];
  /** Databases the login controls (db_owner). */
  readonly controlledDatabases: readonly string[];
  /**
   * "prelogin": never answer the PRELOGIN; "query": never answer a catalogue query; "prelogin-trickle": answer
   * the PRELOGIN with a 32 KB packet without EOM sent slowly, never completing the message, then hang up;
   * "prelogin-non-final": answer with one complete PRELOGIN packet whose status lacks EOM, then nothing.
   */
  readonly stall?: "prelogin" | "query" | "prelogin-trickle" | "prelogin-non-final";
}

export type ServerPermission = "VIEW SERVER STATE" | "VIEW SERVER PERFORMANCE STATE" | "VIEW ANY DEFINITION";

/** A Windows account as the instance knows it. */
export interface TdsWindowsLogin {
  /** DOMAIN\\name. */
  readonly name: string;
  /** False: the account reaches the instance only through a Windows group's login (no login of its own). */
  readonly ownLogin: boolean;
  /** Fixed server roles of its own login. */
  readonly serverRoles: readonly string[];
  /** Its place in ADSync: the owner (user dbo), a direct db_owner member, or nothing. */
  readonly adSync?: "owner" | "db_owner";
}

/** A compliant SQL Server 2022 on Windows; tests change one property per case. */
export const COMPLIANT_SCENARIO: TdsScenario = {
  login: { user: "entra-installer", password: "Test-Only-Passw0rd!" },
  serverName: "SQL01",
  productVersion: "16.0.4135.4",
  engineEdition: 3,
  edition: "Enterprise Edition (64-bit)",
  collation: "SQL_Latin1_General_CP1_CI_AS",
  hostPlatform: "Windows",
  netTransport: "TCP",
  namedPipesEnabled: false,
  serverPermissions: [],
  windowsLogins: [],
  adSyncCollation: "Latin1_General_CI_AS",
  databases: ["master", "tempdb", "model", "msdb"],
  maxServerMemoryMb: 28672,
  physicalMemoryKb: 32 * 1024 * 1024,
  serverRoles: ["sysadmin"],
  controlledDatabases: [],
};

/** A result set, or the error the server raises instead. */
export type QueryAnswer = { readonly columns: readonly Column[]; readonly rows: readonly CellValue[][] } | { readonly error: ServerError };

const FIXED_SERVER_ROLES = [
  "sysadmin",
  "serveradmin",
  "securityadmin",
  "processadmin",
  "setupadmin",
  "bulkadmin",
  "diskadmin",
  "dbcreator",
];
const REGISTRY_ROOT = "HKLM\\Software\\Microsoft\\Microsoft SQL Server\\MSSQL16.MSSQLSERVER\\MSSQLServer";

/**
 * Whether the login holds `permission`: sysadmin holds every permission, and VIEW SERVER STATE covers the
 * SQL Server 2022 VIEW SERVER PERFORMANCE STATE.
 */
function holds(s: TdsScenario, permission: ServerPermission): boolean {
  if (s.serverRoles.includes("sysadmin") || s.serverPermissions.includes(permission)) return true;
  return permission === "VIEW SERVER PERFORMANCE STATE" && s.serverPermissions.includes("VIEW SERVER STATE");
}

/** The permission server-state views need: VIEW SERVER PERFORMANCE STATE from SQL Server 2022, VIEW SERVER STATE before. */
function serverStatePermission(s: TdsScenario): ServerPermission {
  return majorVersion(s) >= 16 ? "VIEW SERVER PERFORMANCE STATE" : "VIEW SERVER STATE";
}

function permissionDenied(permission: ServerPermission): QueryAnswer {
  return {
    error: { number: 300, state: 1, severity: 14, message: `${permission} permission was denied on object 'server', database 'master'.` },
  };
}

/** A server-state view: its rows, or error 300 naming the permission this version needs. */
function serverState(s: TdsScenario, answer: () => QueryAnswer): QueryAnswer {
  const permission = serverStatePermission(s);
  return holds(s, permission) ? answer() : permissionDenied(permission);
}

function invalidObject(name: string): QueryAnswer {
  return { error: { number: 208, state: 1, severity: 16, message: `Invalid object name '${name}'.` } };
}

/** T-SQL LIKE (%, _) as a case-insensitive regular expression, as under a _CI_ collation. */
function likePattern(pattern: string): RegExp {
  const body = [...pattern].map((ch) => (ch === "%" ? ".*" : ch === "_" ? "." : ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^${body}$`, "i");
}

function equalsCi(a: CellValue | undefined, b: string): boolean {
  return typeof a === "string" && a.toLowerCase() === b.toLowerCase();
}

function majorVersion(s: TdsScenario): number {
  return Number(s.productVersion.split(".")[0]);
}

/** The Named Pipes and TCP `Enabled` values of sys.dm_server_registry that match the query's parameters. */
function namedPipesRows(s: TdsScenario, p: ReceivedQuery["parameters"]): QueryAnswer {
  const registry: [string, string, number][] =
    s.namedPipesEnabled === undefined
      ? []
      : [
          [`${REGISTRY_ROOT}\\SuperSocketNetLib\\Np`, "Enabled", s.namedPipesEnabled ? 1 : 0],
          [`${REGISTRY_ROOT}\\SuperSocketNetLib\\Tcp`, "Enabled", 1],
        ];
  const key = likePattern(String(p["registryKey"]));
  const rows = registry.filter(([k, name]) => key.test(k) && equalsCi(p["valueName"], name)).map(([, , value]) => [value]);
  return { columns: [{ name: "enabled", type: "int" }], rows };
}

type Answerer = (s: TdsScenario, p: ReceivedQuery["parameters"]) => QueryAnswer;

const ANSWERS: Record<SqlPreflightQueryName, Answerer> = {
  serverProperties: (s) => ({
    columns: [
      { name: "majorVersion", type: "int" },
      { name: "productVersion", type: "nvarchar" },
      { name: "engineEdition", type: "int" },
      { name: "edition", type: "nvarchar" },
      { name: "collation", type: "nvarchar" },
    ],
    rows: [[majorVersion(s), s.productVersion, s.engineEdition, s.edition, s.collation]],
  }),
  // sys.dm_os_host_info exists from SQL Server 2017; public may read it up to 2019, 2022 and later need VIEW SERVER
  // PERFORMANCE STATE (learn.microsoft.com/sql/relational-databases/system-dynamic-management-views/sys-dm-os-host-info-transact-sql).
  hostPlatform: (s) => {
    const rows = (): QueryAnswer => ({ columns: [{ name: "hostPlatform", type: "nvarchar" }], rows: [[s.hostPlatform]] });
    if (majorVersion(s) < 14) return invalidObject("sys.dm_os_host_info");
    return majorVersion(s) >= 16 ? serverState(s, rows) : rows();
  },
  transport: (s) => ({ columns: [{ name: "netTransport", type: "nvarchar" }], rows: [[s.netTransport]] }),
  // sys.dm_server_registry: VIEW SERVER STATE, VIEW SERVER PERFORMANCE STATE from SQL Server 2022
  // (learn.microsoft.com/sql/relational-databases/system-dynamic-management-views/sys-dm-server-registry-transact-sql).
  namedPipes: (s, p) => serverState(s, () => namedPipesRows(s, p)),
  databases: (s) => ({ columns: [{ name: "name", type: "nvarchar" }], rows: s.databases.map((d) => [d]) }),
  maxServerMemory: (s, p) => {
    const configurations: [string, number][] = [
      ["min server memory (MB)", 0],
      ["max server memory (MB)", s.maxServerMemoryMb],
    ];
    const rows = configurations.filter(([name]) => equalsCi(p["configName"], name)).map(([, value]) => [value]);
    return { columns: [{ name: "maxServerMemoryMb", type: "bigint" }], rows };
  },
  // sys.dm_os_sys_info: VIEW SERVER STATE, VIEW SERVER PERFORMANCE STATE from SQL Server 2022.
  physicalMemory: (s) => serverState(s, () => ({ columns: [{ name: "physicalMemoryKb", type: "bigint" }], rows: [[s.physicalMemoryKb]] })),
  permissions: (s, p) => {
    const role = (name: CellValue | undefined): CellValue => {
      if (!FIXED_SERVER_ROLES.some((r) => equalsCi(name, r))) return null;
      return s.serverRoles.some((r) => equalsCi(name, r)) ? 1 : 0;
    };
    const database = p["database"] ?? null;
    const exists = s.databases.some((d) => equalsCi(database, d));
    const control = !exists ? null : s.serverRoles.includes("sysadmin") || s.controlledDatabases.some((d) => equalsCi(database, d)) ? 1 : 0;
    return {
      columns: [
        { name: "sysadmin", type: "int" },
        { name: "dbcreator", type: "int" },
        { name: "databaseControl", type: "int" },
      ],
      rows: [[role(p["sysadminRole"]), role(p["dbcreatorRole"]), control]],
    };
  },
  windowsLogin: (s, p) => {
    // IS_SRVROLEMEMBER(role, login): NULL for a Windows account without a login of its own ("unless the login has
    // been granted or denied direct access"), or when the caller may not see the membership; other logins show
    // in sys.server_principals only with VIEW ANY DEFINITION (metadata visibility).
    // learn.microsoft.com/sql/t-sql/functions/is-srvrolemember-transact-sql
    const visible = holds(s, "VIEW ANY DEFINITION");
    const login = s.windowsLogins.find((l) => equalsCi(p["login"], l.name));
    const own = visible && login !== undefined && login.ownLogin;
    const role = (name: CellValue | undefined): CellValue => {
      if (!own || !FIXED_SERVER_ROLES.some((r) => equalsCi(name, r))) return null;
      return login.serverRoles.some((r) => equalsCi(name, r)) ? 1 : 0;
    };
    return {
      columns: [
        { name: "sysadmin", type: "int" },
        { name: "dbcreator", type: "int" },
        { name: "ownLogin", type: "int" },
        { name: "canSeeLogins", type: "int" },
      ],
      rows: [[role(p["sysadminRole"]), role(p["dbcreatorRole"]), own ? 1 : 0, visible ? 1 : 0]],
    };
  },
  adSyncCollation: (s, p) => ({
    columns: [{ name: "collation", type: "nvarchar" }],
    rows: s.databases.some((d) => equalsCi(p["database"], d)) ? [[s.adSyncCollation]] : [],
  }),
  adSyncDbOwner: (s, p) => {
    // Reading ADSync's catalog needs access to the database: error 916 otherwise.
    const access = s.serverRoles.includes("sysadmin") || s.controlledDatabases.some((d) => equalsCi(d, "ADSync"));
    if (!access) {
      const message = `The server principal "${s.login.user}" is not able to access the database "ADSync" under the current security context.`;
      return { error: { number: 916, state: 1, severity: 14, message } };
    }
    const login = s.windowsLogins.find((l) => equalsCi(p["login"], l.name));
    // The join on sys.server_principals finds only a login of its own, and only when the caller may see it.
    const own = holds(s, "VIEW ANY DEFINITION") && login !== undefined && login.ownLogin;
    const dbo = own && (login.adSync === "owner" || (login.adSync === "db_owner" && equalsCi(p["ownerRole"], "db_owner")));
    return { columns: [{ name: "directDbOwner", type: "int" }], rows: [[dbo ? 1 : 0]] };
  },
};

/** The session options batch tedious sends after login ("set textsize ...", "set ansi_nulls on", ...). */
export function isSessionSetup(text: string): boolean {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  return lines.length > 0 && lines.every((l) => /^set [a-z_]+( [\w-]+)+$/i.test(l.trim()));
}

/** The catalogue query whose exact text this is, if any. */
export function catalogueQueryName(text: string): SqlPreflightQueryName | undefined {
  return (Object.keys(SQL_PREFLIGHT_QUERIES) as SqlPreflightQueryName[]).find((name) => SQL_PREFLIGHT_QUERIES[name].text === text);
}

/** Answers a received statement from the scenario; unknown statements and missing parameters raise errors. */
export function answerQuery(scenario: TdsScenario, query: ReceivedQuery): QueryAnswer {
  const name = catalogueQueryName(query.text);
  if (!name) {
    return { error: { number: 2812, state: 62, severity: 16, message: `TDS test server: unknown statement: ${query.text}` } };
  }
  const missing = SQL_PREFLIGHT_QUERIES[name].parameters.find((p) => !(p in query.parameters));
  if (missing) {
    return { error: { number: 137, state: 2, severity: 15, message: `Must declare the scalar variable "@${missing}".` } };
  }
  return ANSWERS[name](scenario, query.parameters);
}
