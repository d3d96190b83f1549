/**
 * What the SQL preflight asks a SQL Server, and the values it compares the answers with. Every query is
 * read-only; every value in it is a named parameter (`@name`), never text spliced into the statement.
 * The TDS test server answers exactly these statements, so a change here is a change to both.
 */

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
} as const satisfies Record<string, SqlPreflightQuery>;

export type SqlPreflightQueryName = keyof typeof SQL_PREFLIGHT_QUERIES;

/** Where SQL Server keeps the Named Pipes switch (`sys.dm_server_registry`), and its "on" value. */
export const SQL_NAMED_PIPES_REGISTRY = { registryKey: "%SuperSocketNetLib\\Np", valueName: "Enabled", enabledValue: 1 } as const;

/** `sys.configurations` name of the memory cap. */
export const SQL_MAX_MEMORY_CONFIG_NAME = "max server memory (MB)";

/** Server roles that let the installer create the ADSync database. */
export const SQL_INSTALL_ROLES = { sysadmin: "sysadmin", dbcreator: "dbcreator" } as const;

/** `CONNECTIONPROPERTY('net_transport')` of a TCP/IP connection. */
export const SQL_TCP_TRANSPORT = "TCP";

/** `sys.dm_os_host_info.host_platform` of SQL Server on Windows. */
export const SQL_WINDOWS_HOST_PLATFORM = "Windows";

/** `SERVERPROPERTY('EngineEdition')` of Express: allowed, but capped like LocalDB (so a warning). */
export const SQL_EXPRESS_ENGINE_EDITION = 4;
