/** The AD preflight report: the JSON shape of `entra-gate preflight ad --format json`. */
import type { CheckResult } from "../../report/check-result";
import type { CheckedAttribute, DatabaseMode, DirectoryErrorKind, OutOfScopeReason, SizingTier } from "../../requirements";

/** One finding: one object and attribute (one value for proxyAddresses), every kind that applies. */
export interface DirectoryFinding {
  readonly dn: string;
  /** The object's most specific class (user, inetOrgPerson, contact, group). */
  readonly objectClass: string;
  readonly attribute: CheckedAttribute;
  /** The value as the directory holds it ("" for an absent userPrincipalName). */
  readonly value: string;
  readonly errors: readonly DirectoryErrorKind[];
  /** The proposed value, derived mechanically; null when none can be (the admin decides). */
  readonly suggestion: string | null;
  /** DNs of the other objects that hold the same value (duplicate, conflict). */
  readonly related: readonly string[];
}

export interface KindCounts {
  readonly users: number;
  readonly groups: number;
  readonly contacts: number;
  readonly computers: number;
  readonly total: number;
}

/** Every object read, and the ones the default sync rules would sync (issue 15 item 7). */
export interface ObjectCounts extends KindCounts {
  /** users + groups + contacts + computers in AD: the count that sizes the server (Microsoft's table counts objects in AD). */
  readonly total: number;
  /** Objects in Entra Connect's default sync scope: the count the tenant object limit applies to. */
  readonly wouldSync: KindCounts;
  /** Objects out of the default sync scope, per reason (computers without userCertificate included). */
  readonly outOfScope: Readonly<Partial<Record<OutOfScopeReason, number>>>;
}

export interface SizingVerdict {
  readonly tier: SizingTier["tier"];
  readonly ramGb: number;
  readonly diskGb: number;
  readonly database: DatabaseMode;
}

export interface DirectoryDataSummary {
  /** Users, contacts and groups read (skipped ones included). */
  readonly objectsScanned: number;
  readonly skipped: number;
  /** Why users, contacts and groups were skipped (out of the default sync scope), and how many each. */
  readonly skippedBy: Readonly<Partial<Record<OutOfScopeReason, number>>>;
  readonly objectsWithFindings: number;
  readonly findings: number;
  readonly findingsByKind: Readonly<Partial<Record<DirectoryErrorKind, number>>>;
  readonly findingsByAttribute: Readonly<Partial<Record<CheckedAttribute, number>>>;
  /** Attributes the scan could not check (not in the GC's partial attribute set, or not in the schema). */
  readonly uncheckedAttributes: readonly CheckedAttribute[];
}

/**
 * Attributes the GC does not carry, scanned per domain on the DC's domain port instead: which attributes, the
 * domains scanned there, and the domains of the scope that this DC could not scan (their values not checked).
 */
export interface DomainPortScan {
  readonly attributes: readonly CheckedAttribute[];
  readonly url: string;
  readonly scannedDomains: readonly string[];
  readonly notScannedDomains: readonly string[];
}

export interface AdPreflightReport {
  readonly checks: readonly CheckResult[];
  readonly counts: ObjectCounts;
  readonly sizing: SizingVerdict;
  readonly findings: readonly DirectoryFinding[];
  readonly summary: DirectoryDataSummary & {
    /** The directory that was scanned, e.g. ldaps://dc01.corp.example.com:3269 and its base DN. */
    readonly url: string;
    readonly baseDn: string;
    readonly globalCatalog: boolean;
    /** Present when attributes outside the GC's partial attribute set were scanned on the domain port. */
    readonly domainPortScan?: DomainPortScan;
    /** pass/warn/fail counts of the checks. */
    readonly checks: Readonly<Record<"pass" | "warn" | "fail", number>>;
    /** True when no check failed (exit code 0). */
    readonly ready: boolean;
  };
}
