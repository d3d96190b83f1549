/** The data of a gate run: what every renderer (text, JSON, SARIF, JUnit, HTML) turns into output. */
import type { CategoryId, DatabaseMode, SizingTier } from "../requirements";
import type { CheckResult, CheckStatus } from "../report/check-result";

/** A check as the gate reports it: the shared shape plus the source that produced it. */
export interface GateCheck extends CheckResult {
  readonly source: string;
}

export type CategoryStatus = CheckStatus | "not-checked";

export interface CategoryVerdict {
  readonly id: CategoryId;
  readonly title: string;
  readonly status: CategoryStatus;
  /** The checks of this category (the evidence; each message says the fix when not pass). */
  readonly checks: readonly GateCheck[];
  /** Why the category is not checked: which sources could check it and what they lacked. */
  readonly reason?: string;
}

/** One finding of the AD preflight's directory data scan, as the HTML table lists it. */
export interface DirectoryFinding {
  readonly distinguishedName: string;
  readonly objectClass: string;
  readonly attribute: string;
  readonly value: string;
  /** Error kinds, e.g. ["character", "duplicate"]. */
  readonly kinds: readonly string[];
  /** A proposed value, when one can be derived mechanically. */
  readonly fix?: string;
}

/** The sizing the object count calls for. */
export interface SizingDecision {
  readonly objectCount: number;
  /** Where the count came from, e.g. "gate.yaml objectCount" or "ad". */
  readonly objectCountSource: string;
  readonly tier: SizingTier["tier"];
  readonly ramGb: number;
  readonly diskGb: number;
  readonly database: DatabaseMode;
  readonly fullSqlRecommended: boolean;
  /** The smallest general-purpose size that meets the RAM of the tier. */
  readonly vmSize: string;
}

export type SourceState = "ran" | "skipped" | "could-not-check";

export interface SourceRun {
  readonly name: string;
  readonly state: SourceState;
  /** Why it was skipped or could not check. */
  readonly detail?: string;
}

export type GateVerdict = "ready" | "not-ready" | "could-not-check";

export interface GateReport {
  readonly generatedAt: string;
  /** The config file, as given. */
  readonly configPath: string;
  readonly verdict: GateVerdict;
  readonly exitCode: number;
  readonly summary: Readonly<Record<CategoryStatus, number>>;
  readonly categories: readonly CategoryVerdict[];
  readonly sources: readonly SourceRun[];
  readonly sizing?: SizingDecision;
  readonly directoryFindings: readonly DirectoryFinding[];
}
