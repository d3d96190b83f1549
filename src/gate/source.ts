/**
 * A gate source: one preflight or plan check behind a small adapter. The gate reads the source's section of
 * gate.yaml (validated against the source's JSON schema), runs it, and files its checks under their categories.
 */
import type { SchemaObject } from "ajv";
import type { CategoryId } from "../requirements";
import type { CheckResult } from "../report/check-result";
import type { DirectoryFinding, Evidence } from "../report/gate-report";
import type { DirectoryQuota, TenantLicence } from "../preflight/cloud";

/** Facts one source learns that a later source can use (sources run in the registry's order). */
export interface SharedFacts {
  /** Users + groups + contacts + computers in the forest. */
  readonly objectCount?: number;
  readonly objectCountSource?: string;
  /** The tenant's verified custom domains. */
  readonly verifiedDomains?: readonly string[];
  /** What the tenant object limit depends on, and the count the cloud source checked it with (if any). */
  readonly tenantLimit?: {
    readonly hasVerifiedDomain: boolean;
    readonly licences: readonly TenantLicence[];
    readonly quota?: DirectoryQuota;
    readonly checkedObjectCount?: number;
  };
}

export interface GateContext {
  /** What earlier sources (and gate.yaml's top level) established. */
  readonly facts: SharedFacts;
}

/** A check that ran but could not read its facts: its category is not covered by it, and never a pass. */
export interface NotCheckedItem {
  readonly id: string;
  readonly category: CategoryId;
  readonly requirement: string;
  /** What was not read, and why. */
  readonly reason: string;
}

export interface SourceOutput {
  readonly checks: readonly CheckResult[];
  /** Checks the source could not complete (facts not read); each makes its category not checked unless it fails. */
  readonly notChecked?: readonly NotCheckedItem[];
  readonly facts?: SharedFacts;
  readonly directoryFindings?: readonly DirectoryFinding[];
  /** A note on what the source covered, shown with its run (e.g. "the plan holds no tagged sync server"). */
  readonly note?: string;
}

/** A section whose inputs are resolved: runs the checks. Throws CheckFailedError when the target cannot be checked. */
export type PreparedSource = (context: GateContext) => Promise<SourceOutput>;

export interface GateSource {
  /** Short name shown in reports, e.g. "cloud". */
  readonly name: string;
  /** The gate.yaml key of its section; the source runs only when the section is present. */
  readonly section: string;
  /** JSON schema of the section (ajv); secrets in it are references only (`...Env`, `...File`). */
  readonly schema: SchemaObject;
  /** `planned` for a plan or preview, `observed` for a source that reads the real system. */
  readonly evidence: Evidence;
  /** The categories it can check, to say why a category is not checked. */
  readonly categories: readonly CategoryId[];
  /**
   * By check id: further requirement ids that check's observed evidence settles besides the one it cites (the
   * server's `server-os` reads the build and InstallationType, so it observes the Desktop Experience as well as the
   * supported release). A planned check of such a requirement is then not listed as planned only.
   */
  readonly alsoObserves?: Readonly<Record<string, readonly string[]>>;
  /**
   * Resolves and validates the section's inputs (files read, environment variables set, values well formed)
   * without contacting any target, and returns the run. Throws InputError for bad input. `configDir` is the folder
   * of gate.yaml, from which relative paths resolve. The gate prepares every section before it runs any.
   */
  prepare(section: unknown, configDir: string): Promise<PreparedSource>;
}
