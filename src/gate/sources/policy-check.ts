/**
 * Gate adapter for the policy pack run offline on `pulumi preview --json` files: section `check:` of gate.yaml.
 * A mandatory violation is a fail, an advisory one a warn; a policy with no violation over a non-empty plan is a
 * pass. Each policy's requirement and category come from its tags (requirement id, category).
 */
import { resolve } from "node:path";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { runCheck } from "../../check/check";
import type { Violation } from "../../check/runner";
import { POLICIES } from "../../policies";
import { CATEGORIES, type CategoryId } from "../../requirements";
import type { CheckResult } from "../../report/check-result";
import type { GateSource } from "../source";
import { NON_EMPTY_STRING } from "./schema-parts";

/** The `check:` section. */
export interface CheckSection {
  /** `pulumi preview --json` files, relative to gate.yaml. */
  readonly previewFiles: readonly string[];
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

export const policyCheckSource: GateSource = {
  name: "check",
  section: "check",
  categories: PACK_CATEGORIES,
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["previewFiles"],
    properties: {
      previewFiles: { type: "array", minItems: 1, items: NON_EMPTY_STRING, description: "pulumi preview --json output files" },
      policyConfigFile: NON_EMPTY_STRING,
    },
  },
  async run(section, context) {
    const s = section as CheckSection;
    const report = await runCheck({
      files: s.previewFiles.map((f) => resolve(context.configDir, f)),
      ...(s.policyConfigFile ? { policyConfigFile: resolve(context.configDir, s.policyConfigFile) } : {}),
    });
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
    return { checks: [...report.violations.map(violationCheck), ...passes] };
  },
};
