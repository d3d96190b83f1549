/**
 * A gate source: one preflight or plan check behind a small adapter. The gate reads the source's section of
 * gate.yaml (validated against the source's JSON schema), runs it, and files its checks under their categories.
 */
import type { SchemaObject } from "ajv";
import type { CategoryId } from "../requirements";
import type { CheckResult } from "../report/check-result";
import type { DirectoryFinding } from "./report";
import type { TenantLicence } from "../preflight/cloud";

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
    readonly checkedObjectCount?: number;
  };
}

export interface GateContext {
  /** The folder of gate.yaml: relative paths in a section are resolved from it. */
  readonly configDir: string;
  /** What earlier sources (and gate.yaml's top level) established. */
  readonly facts: SharedFacts;
}

export interface SourceOutput {
  readonly checks: readonly CheckResult[];
  readonly facts?: SharedFacts;
  readonly directoryFindings?: readonly DirectoryFinding[];
}

export interface GateSource {
  /** Short name shown in reports, e.g. "cloud". */
  readonly name: string;
  /** The gate.yaml key of its section; the source runs only when the section is present. */
  readonly section: string;
  /** JSON schema of the section (ajv); secrets in it are references only (`...Env`, `...File`). */
  readonly schema: SchemaObject;
  /** The categories it can check, to say why a category is not checked. */
  readonly categories: readonly CategoryId[];
  /** Runs the checks. Throws InputError for a bad section, CheckFailedError when the target cannot be checked. */
  run(section: unknown, context: GateContext): Promise<SourceOutput>;
}
