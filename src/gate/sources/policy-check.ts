/**
 * Gate adapter for the policy pack run offline on `pulumi preview --json` files, or on a stack of this project
 * planned under mocks (no Pulumi CLI): section `check:` of gate.yaml. The planned server's object-count tag
 * becomes the gate's object count when gate.yaml does not give one (the AD source's measured count wins later).
 * A mandatory violation is a fail, an advisory one a warn; a policy with no violation over a non-empty plan is a
 * pass. Each policy's requirement and category come from its tags (requirement id, category).
 */
import { resolve } from "node:path";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { evaluatePlan, summarise, type CheckReport } from "../../check/check";
import { checkPlannedResources } from "../../check/plan-policy";
import { InputError } from "../../cli/errors";
import { loadPackConfig } from "../../check/policy-config";
import { readPreviewFile, type PlannedResource } from "../../check/preview-file";
import { planStack } from "../../plan/plan-stack";
import type { Violation } from "../../check/runner";
import { POLICIES } from "../../policies";
import { SERVER_TYPES } from "../../policies/support/type-tokens";
import { CATEGORIES, objectCountProblem, ROLE_TAG_VALUES, TAG_NAMES, type CategoryId } from "../../requirements";
import type { CheckResult } from "../../report/check-result";
import type { GateSource, SharedFacts } from "../source";
import { NON_EMPTY_STRING } from "./schema-parts";

/** The `check:` section: preview files, a shipped stack, or a stack file (one of the three). */
export interface CheckSection {
  /** `pulumi preview --json` files, relative to gate.yaml. */
  readonly previewFiles?: readonly string[];
  /** A stack shipped in stacks/ (Pulumi.<stack>.yaml), planned offline. */
  readonly stack?: string;
  /** A Pulumi stack file of this project, relative to gate.yaml, planned offline. */
  readonly stackFile?: string;
  /** A --policy-pack-config JSON file, relative to gate.yaml. */
  readonly policyConfigFile?: string;
}

/** The requirement id and category a policy cites in its tags. */
function citedBy(policy: ResourceValidationPolicy | undefined): Pick<CheckResult, "requirement" | "category"> {
  const tags = policy?.tags ?? [];
  const category = CATEGORIES.find((c) => tags.includes(c.id))?.id;
  const requirement = tags.find((t) => t !== category);
  return { ...(requirement ? { requirement } : {}), ...(category ? { category } : {}) };
}

function violationCheck(v: Violation): CheckResult {
  return {
    id: `${v.policy}/${v.resourceName}`,
    status: v.enforcementLevel === "mandatory" ? "fail" : "warn",
    message: `${v.resourceName} (${v.resourceType}) in ${v.file}: ${v.message}`,
    ...citedBy(POLICIES.find((p) => p.name === v.policy)),
  };
}

/** The categories the pack's policies cite. */
const PACK_CATEGORIES: CategoryId[] = [
  ...new Set(POLICIES.map((p) => citedBy(p).category).filter((c): c is CategoryId => c !== undefined)),
];

/** A planned resource as both a preview file and the offline plan describe it. */
type Resource = Pick<PlannedResource, "type" | "name" | "inputs">;

/** Reads the preview files (every file first: no partial result) and runs the pack with the given config. */
async function checkPreviewFiles(
  files: readonly string[],
  s: CheckSection,
  configDir: string,
): Promise<{ report: CheckReport; resources: Resource[] }> {
  // `await` also accepts a synchronous loadPackConfig.
  const config = await loadPackConfig(s.policyConfigFile && resolve(configDir, s.policyConfigFile), POLICIES);
  const plans = files.map((f) => resolve(configDir, f)).map((file) => ({ file, resources: readPreviewFile(file) }));
  const violations: Violation[] = [];
  for (const plan of plans) violations.push(...(await evaluatePlan(plan.resources, plan.file, config)));
  const resources = plans.flatMap((p) => p.resources);
  return { report: { violations, resourcesChecked: resources.length, summary: summarise(violations) }, resources };
}

/** Plans a stack offline and runs the pack on it with its default levels, as `entra-gate plan` does. */
async function checkStack(s: CheckSection, configDir: string): Promise<{ report: CheckReport; resources: Resource[] }> {
  if (s.policyConfigFile) {
    throw new InputError(
      "gate.yaml check.policyConfigFile applies to previewFiles only: a planned stack is checked with the pack's default levels, as `entra-gate plan` does. Remove it, or check a preview file.",
    );
  }
  const configFile = s.stackFile && resolve(configDir, s.stackFile);
  const planned = await planStack(configFile ? { configFile } : { stack: s.stack });
  return { report: await checkPlannedResources(planned, configFile ?? `stack ${s.stack}`), resources: planned };
}

/** The object count the planned sync server (its VM) is tagged with, when it is a whole number. */
function objectCountFact(resources: readonly Resource[]): SharedFacts {
  for (const r of resources.filter((x) => SERVER_TYPES.includes(x.type))) {
    const tags = r.inputs.tags as Record<string, unknown> | undefined;
    if (tags?.[TAG_NAMES.role] !== ROLE_TAG_VALUES.syncServer) continue;
    const count = Number(tags[TAG_NAMES.objectCount]);
    if (objectCountProblem(count) === undefined)
      return { objectCount: count, objectCountSource: `check (${TAG_NAMES.objectCount} tag of ${r.name})` };
  }
  return {};
}

export const policyCheckSource: GateSource = {
  name: "check",
  section: "check",
  categories: PACK_CATEGORIES,
  schema: {
    type: "object",
    additionalProperties: false,
    oneOf: [{ required: ["previewFiles"] }, { required: ["stack"] }, { required: ["stackFile"] }],
    properties: {
      previewFiles: { type: "array", minItems: 1, items: NON_EMPTY_STRING, description: "pulumi preview --json output files" },
      stack: { ...NON_EMPTY_STRING, description: "a stack shipped in stacks/, planned offline" },
      stackFile: { ...NON_EMPTY_STRING, description: "a Pulumi stack file of this project, planned offline" },
      policyConfigFile: NON_EMPTY_STRING,
    },
  },
  // The plan check contacts no server and runs first, so its files are read when it runs.
  async prepare(section, configDir) {
    return async (context) => {
      const s = section as CheckSection;
      const { report, resources } = s.previewFiles ? await checkPreviewFiles(s.previewFiles, s, configDir) : await checkStack(s, configDir);
      const violated = new Set(report.violations.map((v) => v.policy));
      const passes: CheckResult[] =
        report.resourcesChecked === 0
          ? []
          : POLICIES.filter((p) => !violated.has(p.name)).map((p) => ({
              id: p.name,
              status: "pass",
              message: `${p.description} No violation in ${report.resourcesChecked} planned resources.`,
              ...citedBy(p),
            }));
      return {
        checks: [...report.violations.map(violationCheck), ...passes],
        facts: context.facts.objectCount === undefined ? objectCountFact(resources) : {},
      };
    };
  },
};
