/** Microsoft's sizing table (figures include LocalDB or a co-located SQL Server) and the tenant object limits. */

export type DatabaseMode = "localdb" | "sql";

export interface SizingTier {
  /** Stable id of the tier, used in tags, outputs and reports. */
  readonly tier: "t1-under-50k" | "t2-50k-100k" | "t3-100k-300k" | "t4-300k-600k" | "t5-600k-plus";
  /** Lowest object count of the tier (inclusive). */
  readonly minObjects: number;
  /** Highest object count of the tier (inclusive); undefined for the open-ended top tier. */
  readonly maxObjects?: number;
  readonly ramGb: number;
  readonly diskGb: number;
  readonly database: DatabaseMode;
}

/** LocalDB (SQL 2019 Express) holds at most this many objects (its 10 GB hard cap). */
export const LOCALDB_MAX_OBJECTS = 100_000;
/** The LocalDB size cap in GB. */
export const LOCALDB_SIZE_CAP_GB = 10;
/** From this many objects, full SQL is recommended even though LocalDB still fits. */
export const FULL_SQL_RECOMMENDED_FROM = 80_000;

export const SIZING_TIERS: readonly SizingTier[] = [
  { tier: "t1-under-50k", minObjects: 0, maxObjects: 49_999, ramGb: 6, diskGb: 70, database: "localdb" },
  { tier: "t2-50k-100k", minObjects: 50_000, maxObjects: LOCALDB_MAX_OBJECTS - 1, ramGb: 16, diskGb: 100, database: "localdb" },
  { tier: "t3-100k-300k", minObjects: LOCALDB_MAX_OBJECTS, maxObjects: 299_999, ramGb: 32, diskGb: 300, database: "sql" },
  { tier: "t4-300k-600k", minObjects: 300_000, maxObjects: 599_999, ramGb: 32, diskGb: 450, database: "sql" },
  { tier: "t5-600k-plus", minObjects: 600_000, ramGb: 32, diskGb: 500, database: "sql" },
];

/** Tenant object limits: default, after a verified domain, and the count above which a paid licence is needed. */
export const TENANT_OBJECT_LIMITS = {
  withoutVerifiedDomain: 50_000,
  withVerifiedDomain: 300_000,
  paidLicenceAbove: 500_000,
} as const;

/**
 * Licences that lift the tenant object limit above 500,000 (with a verified domain and a support request: the
 * Entra service limits say "to go beyond the default quota, you must contact Microsoft Support"). Each includes
 * Entra ID P1; the cloud preflight detects them from the AAD_PREMIUM / AAD_PREMIUM_P2 service plans (entra-tenant.ts).
 */
export const LIMIT_LIFTING_LICENCES = [
  "Microsoft Entra ID P1",
  "Microsoft Entra ID P2",
  "Microsoft 365",
  "Enterprise Mobility + Security",
] as const;

/** Checks that an object count is a whole, non-negative number; returns an error sentence, or undefined. */
export function objectCountProblem(value: unknown): string | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    const shown = typeof value === "number" ? String(value) : JSON.stringify(value);
    return `must be a number of AD objects (users + groups + contacts + computers), got ${shown}`;
  }
  if (value < 0) return `must not be negative, got ${value}`;
  if (!Number.isInteger(value)) return `must be a whole number, got ${value}`;
  return undefined;
}

/** The sizing tier for an object count. Throws on a count that is not a whole, non-negative number. */
export function sizingTierFor(objectCount: number): SizingTier {
  const problem = objectCountProblem(objectCount);
  if (problem) throw new RangeError(`objectCount ${problem}.`);
  const tier = SIZING_TIERS.find((t) => objectCount >= t.minObjects && (t.maxObjects === undefined || objectCount <= t.maxObjects));
  if (!tier) throw new RangeError(`objectCount ${objectCount} matches no sizing tier.`);
  return tier;
}

/** True when the count is too large for LocalDB. */
export function requiresFullSql(objectCount: number): boolean {
  return sizingTierFor(objectCount).database === "sql";
}

/** True when LocalDB still fits but full SQL is recommended (80,000 to 99,999 objects). */
export function fullSqlRecommended(objectCount: number): boolean {
  return objectCount >= FULL_SQL_RECOMMENDED_FROM && objectCount < LOCALDB_MAX_OBJECTS;
}

export interface TenantLimitVerdict {
  /** The limit that applies, or undefined when only a paid licence lifts it. */
  readonly limit: number;
  /** What the tenant needs for this many objects. */
  readonly needs: "nothing" | "verified-domain" | "support-case" | "paid-licence";
  readonly note: string;
}

/** The tenant object limit that applies to a forest of `objectCount` objects, and what lifts it. */
export function tenantLimitFor(objectCount: number): TenantLimitVerdict {
  const l = TENANT_OBJECT_LIMITS;
  if (objectCount <= l.withoutVerifiedDomain) {
    return {
      limit: l.withoutVerifiedDomain,
      needs: "nothing",
      note: `within the default tenant limit of ${l.withoutVerifiedDomain.toLocaleString("en-US")} objects`,
    };
  }
  if (objectCount <= l.withVerifiedDomain) {
    return {
      limit: l.withVerifiedDomain,
      needs: "verified-domain",
      note: `above ${l.withoutVerifiedDomain.toLocaleString("en-US")} objects: the tenant needs a verified custom domain (limit ${l.withVerifiedDomain.toLocaleString("en-US")})`,
    };
  }
  if (objectCount <= l.paidLicenceAbove) {
    return {
      limit: l.paidLicenceAbove,
      needs: "support-case",
      note: `above ${l.withVerifiedDomain.toLocaleString("en-US")} objects: ask Microsoft support to raise the tenant limit (a verified domain is needed too)`,
    };
  }
  return {
    limit: Number.POSITIVE_INFINITY,
    needs: "paid-licence",
    note: `above ${l.paidLicenceAbove.toLocaleString("en-US")} objects: a licence alone is not enough: the tenant needs a paid licence (${LIMIT_LIFTING_LICENCES.join(", ")}), a verified custom domain and a support request to Microsoft to raise its quota`,
  };
}

/** Premium SSD disk sizes (GiB) that the OS disk is rounded up to. */
export const PREMIUM_SSD_SIZES_GB = [32, 64, 128, 256, 512, 1024, 2048] as const;

/** The smallest Premium SSD size that holds `minimumGb`. */
export function premiumDiskSizeFor(minimumGb: number): number {
  return PREMIUM_SSD_SIZES_GB.find((s) => s >= minimumGb) ?? Math.ceil(minimumGb);
}
