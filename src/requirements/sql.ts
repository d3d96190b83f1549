/** The SQL Server rules for the sync database. */
import type { SqlServerVersion } from "./images";

/** SQL Server versions a full-SQL sync database may run, best first. */
export const SUPPORTED_SQL_VERSIONS: readonly SqlServerVersion[] = ["2022", "2019"];
export const RECOMMENDED_SQL_VERSION: SqlServerVersion = "2022";

/** `SERVERPROPERTY('ProductMajorVersion')` to the SQL Server version. */
export const SQL_MAJOR_VERSIONS: Readonly<Record<number, SqlServerVersion>> = {
  11: "2012",
  12: "2014",
  13: "2016",
  14: "2017",
  15: "2019",
  16: "2022",
  17: "2025",
};

/** `SERVERPROPERTY('EngineEdition')` values; Azure engines are never a sync database. */
export const SQL_ENGINE_EDITIONS: Readonly<Record<number, { readonly name: string; readonly azure: boolean }>> = {
  1: { name: "Personal or Desktop Engine", azure: false },
  2: { name: "Standard", azure: false },
  3: { name: "Enterprise (or Developer)", azure: false },
  4: { name: "Express", azure: false },
  5: { name: "Azure SQL Database", azure: true },
  6: { name: "Azure Synapse Analytics", azure: true },
  8: { name: "Azure SQL Managed Instance", azure: true },
  9: { name: "Azure SQL Edge", azure: true },
  11: { name: "Azure Synapse serverless SQL pool", azure: true },
  12: { name: "Microsoft Fabric SQL", azure: true },
};

/** The collation the component sets. */
export const DEFAULT_SQL_COLLATION = "SQL_Latin1_General_CP1_CI_AS";

/** True when a collation name is case-insensitive (contains `_CI_` or ends in `_CI`). */
export function isCaseInsensitiveCollation(collation: string): boolean {
  return /_CI(_|$)/i.test(collation.trim());
}

/**
 * Supported versions whose mainstream support has ended, with its end date: allowed with a warning, since
 * Microsoft's prerequisites support "mainstream supported SQL Server versions up to SQL Server 2022"
 * (how-to-connect-install-prerequisites; SQL Server 2019's lifecycle page: mainstream end 2025-02-28).
 */
export const SQL_MAINSTREAM_SUPPORT_ENDED: Readonly<Partial<Record<SqlServerVersion, string>>> = { "2019": "2025-02-28" };

/** "warn": supported, but past mainstream support (SQL_MAINSTREAM_SUPPORT_ENDED). */
export type SqlVersionVerdict = { readonly status: "allowed" | "warn" | "refused"; readonly reason: string };

/** Whether a SQL Server version may hold the sync database. */
export function sqlVersionVerdict(version: SqlServerVersion): SqlVersionVerdict {
  if (SUPPORTED_SQL_VERSIONS.includes(version)) {
    const ended = SQL_MAINSTREAM_SUPPORT_ENDED[version];
    if (ended !== undefined) {
      return {
        status: "warn",
        reason: `SQL Server ${version}: mainstream support ended ${ended}; Microsoft supports mainstream supported versions up to ${SUPPORTED_SQL_VERSIONS[0]}`,
      };
    }
    return {
      status: "allowed",
      reason: version === RECOMMENDED_SQL_VERSION ? `SQL Server ${version}: recommended` : `SQL Server ${version}: supported`,
    };
  }
  const newer = Number(version) > Number(SUPPORTED_SQL_VERSIONS[0]);
  return {
    status: "refused",
    reason: newer
      ? `SQL Server ${version} is newer than Entra Connect supports (up to ${SUPPORTED_SQL_VERSIONS[0]})`
      : `SQL Server ${version} is too old: Entra Connect needs SQL Server ${[...SUPPORTED_SQL_VERSIONS].reverse().join(" or ")}`,
  };
}

/** The SQL version named in a SqlVirtualMachine `sqlImageOffer` such as "SQL2022-WS2022". */
export function sqlVersionFromOffer(offer: string): SqlServerVersion | undefined {
  const m = /^sql(\d{4})/i.exec(offer.trim());
  return m && Object.values(SQL_MAJOR_VERSIONS).includes(m[1] as SqlServerVersion) ? (m[1] as SqlServerVersion) : undefined;
}

/** Memory (GB) that must stay for Windows and the sync engine when SQL shares the server. */
export const SQL_RESERVED_MEMORY_GB = 4;

/** `max server memory (MB)` for a co-located SQL Server on a machine with `memoryGb` of RAM. */
export function maxServerMemoryMbFor(memoryGb: number): number {
  return Math.max(0, (memoryGb - SQL_RESERVED_MEMORY_GB) * 1024);
}

/** The value SQL Server reports when max server memory is not capped. */
export const SQL_MAX_MEMORY_UNCAPPED_MB = 2147483647;

/** The database the Entra Connect installer creates. */
export const ADSYNC_DATABASE = "ADSync";
/** Databases of other sync engines that must not share the instance. */
export const OTHER_SYNC_ENGINE_DATABASES = ["FIMSynchronizationService", "MIMSynchronizationService", "DirSync", "AzureADSync"] as const;

/** The default TCP port of the sync database. */
export const SQL_PORT = 1433;

/** Sizes for a dedicated SQL Server VM by sync tier (the database is remote, so the SQL VM gets its own). */
export const SQL_SERVER_SIZING: readonly { readonly minObjects: number; readonly vmSize: string; readonly dataDiskGb: number }[] = [
  { minObjects: 0, vmSize: "Standard_E4s_v5", dataDiskGb: 256 },
  { minObjects: 300_000, vmSize: "Standard_E8s_v5", dataDiskGb: 512 },
  { minObjects: 600_000, vmSize: "Standard_E16s_v5", dataDiskGb: 1024 },
];

/** The SQL VM size and data disk for a forest of `objectCount` objects. */
export function sqlServerSizingFor(objectCount: number): { readonly vmSize: string; readonly dataDiskGb: number } {
  const row = [...SQL_SERVER_SIZING].reverse().find((r) => objectCount >= r.minObjects);
  if (!row) throw new RangeError(`objectCount ${objectCount} matches no SQL sizing row.`);
  return { vmSize: row.vmSize, dataDiskGb: row.dataDiskGb };
}
