/** The data of a gate run: what every renderer (text, JSON, SARIF, JUnit, HTML) turns into output. */
import type { CategoryId, DatabaseMode, SizingTier } from "../requirements";
import type { CheckResult, CheckStatus } from "./check-result";

/**
 * Where a check's evidence comes from: `observed` (read from the real system: AD, SQL, network, tenant, server) or
 * `planned` (read from a plan or preview; nothing exists yet).
 */
export type Evidence = "observed" | "planned";

/** A check as the gate reports it: the shared shape plus the source that produced it and its evidence. */
export interface GateCheck extends CheckResult {
  readonly source: string;
  readonly evidence: Evidence;
}

/** `planned`: no check failed and every check is planned evidence (a plan says so; nothing was observed). */
export type CategoryStatus = CheckStatus | "planned" | "not-checked";

/** A category waived in gate.yaml `waive:`: printed in every format, never turned into a pass. */
export interface Waiver {
  readonly category: CategoryId;
  readonly reason: string;
}

export interface CategoryVerdict {
  readonly id: CategoryId;
  readonly title: string;
  readonly status: CategoryStatus;
  /** The checks of this category (the evidence; each message says the fix when not pass). */
  readonly checks: readonly GateCheck[];
  /** Why the category is not checked: which sources could check it and what they lacked. */
  readonly reason?: string;
  /** The gate.yaml sections whose sources observe this category (what to add when it is not covered). */
  readonly coveredBy: readonly string[];
  /** The waiver from gate.yaml, when the category is waived. */
  readonly waiver?: Waiver;
  /**
   * On a pass or warn: the category's requirements that only planned checks speak for (no observed check cites
   * them), each with those checks. The status rests on the observed checks; these were not observed.
   */
  readonly plannedOnly?: readonly PlannedOnly[];
}

/** A requirement (or, for a check citing none, the check's id) with only planned evidence, and its planned checks. */
export interface PlannedOnly {
  readonly requirement: string;
  readonly checks: readonly string[];
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

/**
 * `ready` (0): every category pass or warn on observed evidence (or waived); `not-ready` (1): a check failed;
 * `could-not-check` (2): a configured source failed; `incomplete` (3): a category lacks observed evidence;
 * `ready-to-build` (0): with `accept: planned`, every category is covered at least by the plan.
 */
export type GateVerdict = "ready" | "ready-to-build" | "not-ready" | "could-not-check" | "incomplete";

export interface GateReport {
  readonly generatedAt: string;
  /** The config file, as given. */
  readonly configPath: string;
  readonly verdict: GateVerdict;
  readonly exitCode: number;
  readonly summary: Readonly<Record<CategoryStatus, number>>;
  /** gate.yaml `accept: planned`: planned evidence is enough (verdict `ready-to-build`). */
  readonly acceptPlanned: boolean;
  /** Categories without observed evidence (and not waived), each with the gate.yaml sections that would cover it. */
  readonly uncovered: readonly { readonly category: CategoryId; readonly sections: readonly string[] }[];
  readonly waivers: readonly Waiver[];
  readonly categories: readonly CategoryVerdict[];
  readonly sources: readonly SourceRun[];
  readonly sizing?: SizingDecision;
  readonly directoryFindings: readonly DirectoryFinding[];
}
