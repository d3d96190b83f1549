/**
 * What the SQL preflight asks a SQL Server, and the values it compares the answers with. Every query is
 * read-only; every value in it is a named parameter (`@name`), never text spliced into the statement.
 * The TDS test server answers exactly these statements, so a change here is a change to both.
 */

import { ADSYNC_DATABASE } from "./sql";

/** A read-only statement and the names of the parameters (without `@`) it takes. */
export interface SqlPreflightQuery {
  readonly text: string;
  readonly parameters: readonly string[];
}

function query(text: string, ...parameters: string[]): SqlPreflightQuery {
  return { text, parameters };
}

/** The statements of the SQL preflight, by the fact they read. */
export const SQL_PREFLIGHT_QUERIES = {
  /** Version, engine edition, edition text and server collation (SERVERPROPERTY needs no permission). */
  serverProperties: query(
    "SELECT CAST(SERVERPROPERTY(N'ProductMajorVersion') AS int) AS majorVersion, " +
      "CAST(SERVERPROPERTY(N'ProductVersion') AS nvarchar(128)) AS productVersion, " +
      "CAST(SERVERPROPERTY(N'EngineEdition') AS int) AS engineEdition, " +
      "CAST(SERVERPROPERTY(N'Edition') AS nvarchar(128)) AS edition, " +
      "CAST(SERVERPROPERTY(N'Collation') AS nvarchar(128)) AS collation",
  ),
  /** The operating system SQL Server runs on (SQL Server 2017 and later; readable by public). */
  hostPlatform: query("SELECT host_platform AS hostPlatform FROM sys.dm_os_host_info"),
  /** The transport of this very connection (needs no permission, unlike sys.dm_exec_connections). */
  transport: query("SELECT CAST(CONNECTIONPROPERTY(N'net_transport') AS nvarchar(40)) AS netTransport"),
  /** Whether the Named Pipes protocol is enabled (needs VIEW SERVER STATE; no row on Linux). */
  namedPipes: query(
    "SELECT CAST(value_data AS int) AS enabled FROM sys.dm_server_registry WHERE registry_key LIKE @registryKey AND value_name = @valueName",
    "registryKey",
    "valueName",
  ),
  /** Every database name, to find another sync engine's database or an existing ADSync. */
  databases: query("SELECT name FROM sys.databases"),
  /** The `max server memory (MB)` in use. */
  maxServerMemory: query(
    "SELECT CAST(value_in_use AS bigint) AS maxServerMemoryMb FROM sys.configurations WHERE name = @configName",
    "configName",
  ),
  /** The machine's physical memory (needs VIEW SERVER STATE). */
  physicalMemory: query("SELECT physical_memory_kb AS physicalMemoryKb FROM sys.dm_os_sys_info"),
  /** Server roles of the login, and whether it controls (is db_owner of) the sync database. */
  permissions: query(
    "SELECT IS_SRVROLEMEMBER(@sysadminRole) AS sysadmin, IS_SRVROLEMEMBER(@dbcreatorRole) AS dbcreator, " +
      "HAS_PERMS_BY_NAME(@database, N'DATABASE', N'CONTROL') AS databaseControl",
    "sysadminRole",
    "dbcreatorRole",
    "database",
  ),
  /** The collation of a pre-created sync database (sys.databases is visible to public through VIEW ANY DATABASE). */
  adSyncCollation: query("SELECT collation_name AS collation FROM sys.databases WHERE name = @database", "database"),
  /**
   * A Windows account's own login and its server roles (`--installer-login`, `--service-login`).
   * IS_SRVROLEMEMBER(role, login) is NULL when the Windows account has no login of its own ("granted or denied
   * direct access") or when the caller may not see the membership; other logins are visible in
   * sys.server_principals only with VIEW ANY DEFINITION (or as sysadmin), hence `canSeeLogins`.
   */
  windowsLogin: query(
    "SELECT IS_SRVROLEMEMBER(@sysadminRole, @login) AS sysadmin, IS_SRVROLEMEMBER(@dbcreatorRole, @login) AS dbcreator, " +
      "(SELECT COUNT(*) FROM sys.server_principals WHERE name = @login AND type = N'U') AS ownLogin, " +
      "HAS_PERMS_BY_NAME(NULL, NULL, N'VIEW ANY DEFINITION') AS canSeeLogins",
    "sysadminRole",
    "dbcreatorRole",
    "login",
  ),
  /**
   * Whether a login is itself dbo of the sync database: the database user mapped to that login's own SID is `dbo`
   * (the owner) or a direct member of db_owner. A user reached through a Windows group's login does not count,
   * as the delegated-install doc requires. Reading the database needs access to it (error 916 otherwise).
   */
  adSyncDbOwner: query(
    `SELECT COUNT(*) AS directDbOwner FROM [${ADSYNC_DATABASE}].sys.database_principals AS u ` +
      "JOIN sys.server_principals AS l ON l.sid = u.sid " +
      `WHERE l.name = @login AND (u.name = N'dbo' OR EXISTS (SELECT 1 FROM [${ADSYNC_DATABASE}].sys.database_role_members AS m ` +
      `JOIN [${ADSYNC_DATABASE}].sys.database_principals AS r ON r.principal_id = m.role_principal_id ` +
      "WHERE m.member_principal_id = u.principal_id AND r.name = @ownerRole))",
    "login",
    "ownerRole",
  ),
} as const satisfies Record<string, SqlPreflightQuery>;

export type SqlPreflightQueryName = keyof typeof SQL_PREFLIGHT_QUERIES;

/** Where SQL Server keeps the Named Pipes switch (`sys.dm_server_registry`), and its "on" value. */
export const SQL_NAMED_PIPES_REGISTRY = { registryKey: "%SuperSocketNetLib\\Np", valueName: "Enabled", enabledValue: 1 } as const;

/** `sys.configurations` name of the memory cap. */
export const SQL_MAX_MEMORY_CONFIG_NAME = "max server memory (MB)";

/**
 * Roles the install checks name: the installer needs sysadmin (it creates the service account's login), or dbo
 * of a pre-created ADSync database (delegated install); dbcreator alone is not enough.
 */
export const SQL_INSTALL_ROLES = { sysadmin: "sysadmin", dbcreator: "dbcreator", databaseOwner: "db_owner" } as const;

/**
 * The permission the server-state views need (sys.dm_os_host_info, sys.dm_server_registry, sys.dm_os_sys_info):
 * VIEW SERVER PERFORMANCE STATE from SQL Server 2022 (major version 16), VIEW SERVER STATE before (which on 2022
 * still covers it). Before 2022, sys.dm_os_host_info is readable by public.
 */
export function sqlServerStatePermission(majorVersion: number): string {
  return majorVersion >= SQL_SERVER_2022_MAJOR_VERSION ? "VIEW SERVER PERFORMANCE STATE" : "VIEW SERVER STATE";
}

/** `SERVERPROPERTY('ProductMajorVersion')` of SQL Server 2022. */
export const SQL_SERVER_2022_MAJOR_VERSION = 16;

/** The statements that set `max server memory (MB)`: an advanced option, so `show advanced options` goes first. */
export function maxServerMemoryFix(limitMb: number): string {
  return `EXEC sp_configure 'show advanced options', 1; RECONFIGURE; EXEC sp_configure '${SQL_MAX_MEMORY_CONFIG_NAME}', ${limitMb}; RECONFIGURE;`;
}

/** A Windows account as SQL Server names its login: NETBIOS-DOMAIN\sAMAccountName (a gMSA ends in $). */
export const WINDOWS_LOGIN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.-]{0,14}\\[^\\/"[\]:;|=,+*?<>@\s]{1,20}$/;

/** `CONNECTIONPROPERTY('net_transport')` of a TCP/IP connection. */
export const SQL_TCP_TRANSPORT = "TCP";

/** `sys.dm_os_host_info.host_platform` of SQL Server on Windows. */
export const SQL_WINDOWS_HOST_PLATFORM = "Windows";

/** `SERVERPROPERTY('EngineEdition')` of Express: allowed, but capped like LocalDB (so a warning). */
export const SQL_EXPRESS_ENGINE_EDITION = 4;
