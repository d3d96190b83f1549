/**
 * Gate adapter for the policy pack run offline on `pulumi preview --json` files, or on a stack of this project
 * planned under mocks (no Pulumi CLI): section `check:` of gate.yaml. The planned server's object-count tag
 * becomes the gate's object count when gate.yaml does not give one (the AD source's measured count wins later).
 * A mandatory violation is a fail, an advisory one a warn; a policy with no violation over a non-empty plan is a
 * pass. Each policy's requirement and category come from its tags (requirement id, category).
 */
import { resolve } from "node:path";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { evaluatePlan, readPlanFiles, summarise, type CheckReport } from "../../check/check";
import { checkPlannedResources } from "../../check/plan-policy";
import { InputError } from "../../support/errors";
import { loadPackConfig, type PackConfig } from "../../check/policy-config";
import type { PlannedResource } from "../../check/preview-file";
import { planStack } from "../../plan/plan-stack";
import type { Violation } from "../../check/runner";
import { POLICIES } from "../../policies";
import { canonicalType, SERVER_TYPES } from "../../policies/support/type-tokens";
import { disallowUnknownTaggedType } from "../../policies/disallow-unknown-tagged-type";
import { policyAppliesTo } from "../../policies/support/define";
import { readRole } from "../../policies/support/tags";
import { ALL_WINDOWS_VMS } from "../../policies/support/scope";
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
  /** An ARM deployment parameters file for a compiled template among previewFiles (`check --parameters`), relative to gate.yaml. */
  readonly parameters?: string;
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

/** Policies whose silence over an applicable resource is a pass; the unknown-type policy only reports what cannot be verified. */
const EVIDENCE_POLICIES = POLICIES.filter((p) => p !== disallowUnknownTaggedType);

/** A planned resource as both a preview file and the offline plan describe it. */
type Resource = Pick<PlannedResource, "type" | "name" | "inputs">;

/** True when a resource is a server tagged as the sync server. */
function isTaggedSyncServer(r: Resource): boolean {
  const role = readRole(r.inputs);
  return SERVER_TYPES.includes(canonicalType(r.type)) && role.known && role.value === ROLE_TAG_VALUES.syncServer;
}

/**
 * With no tagged sync server in the plan, every Windows VM is a candidate: the server policies run with
 * `scope: all-windows-vms` (unless the policy config sets a scope), so an untagged Server 2025 Core VM still fails.
 */
function candidateScope(config: PackConfig): PackConfig {
  return new Map(
    [...config].map(([name, c]) => {
      const policy = POLICIES.find((p) => p.name === name);
      const scoped = policy?.configSchema?.properties?.scope !== undefined && c.config.scope === undefined;
      return [name, scoped ? { ...c, config: { ...c.config, scope: ALL_WINDOWS_VMS } } : c];
    }),
  );
}

/** The fields gate.yaml names the parameters file and the plan files by, in messages. */
const GATE_FIELDS = { parameters: "gate.yaml check.parameters", planFiles: "the files of check.previewFiles" };

/** The preview files read (every file before any source runs: no partial result) and the pack config, ready to check. */
interface PreviewFilesRead {
  readonly plans: readonly { readonly file: string; readonly resources: PlannedResource[] }[];
  readonly packConfig: PackConfig;
}

/**
 * Reads the preview files and the parameters file as `entra-gate check` reads them (one code path); a file that is
 * not a plan is bad input here, as is a refused parameters file. Every bad file is named in one refusal.
 */
function readPreviewFiles(files: readonly string[], s: CheckSection, configDir: string): PreviewFilesRead {
  const packConfig = loadPackConfig(s.policyConfigFile && resolve(configDir, s.policyConfigFile), POLICIES);
  const { plans, notChecked } = readPlanFiles(
    files.map((f) => resolve(configDir, f)),
    { parametersFile: s.parameters && resolve(configDir, s.parameters), fields: GATE_FIELDS },
  );
  if (notChecked.length > 0) throw new InputError(notChecked.map((n) => n.reason).join("\n"));
  return { plans, packConfig };
}

/** Runs the pack on the preview files read, with the given config. */
async function checkPreviewFiles({ plans, packConfig }: PreviewFilesRead): Promise<{ report: CheckReport; resources: Resource[] }> {
  const resources = plans.flatMap((p) => p.resources);
  const config = resources.some(isTaggedSyncServer) ? packConfig : candidateScope(packConfig);
  const violations: Violation[] = [];
  for (const plan of plans) violations.push(...(await evaluatePlan(plan.resources, plan.file, config)));
  return { report: { violations, resourcesChecked: resources.length, summary: summarise(violations) }, resources };
}

/** The previewFiles-only fields, each with its refusal beside a planned stack. */
const STACK_REFUSALS = new Map<keyof CheckSection, string>([
  [
    "policyConfigFile",
    "gate.yaml check.policyConfigFile applies to previewFiles only: a planned stack is checked with the pack's default levels, as `entra-gate plan` does. Remove it, or check a preview file.",
  ],
  [
    "parameters",
    "gate.yaml check.parameters applies to previewFiles only (a compiled ARM template among them): a planned stack takes its values from its stack file. Remove it, or list the template in previewFiles.",
  ],
]);

/** Plans a stack offline and runs the pack on it with its default levels, as `entra-gate plan` does. */
async function checkStack(s: CheckSection, configDir: string): Promise<{ report: CheckReport; resources: Resource[] }> {
  const configFile = s.stackFile && resolve(configDir, s.stackFile);
  const { resources } = await planStack(configFile ? { configFile } : { stack: s.stack });
  return { report: await checkPlannedResources(resources, configFile ?? `stack ${s.stack}`), resources };
}

/** The object count the planned sync server (its VM) is tagged with, when it is a whole number. */
function objectCountFact(resources: readonly Resource[]): SharedFacts {
  for (const r of resources.filter((x) => SERVER_TYPES.includes(canonicalType(x.type)))) {
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
  evidence: "planned",
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
      parameters: {
        ...NON_EMPTY_STRING,
        description: "ARM deployment parameters file of a compiled template in previewFiles (as entra-gate check --parameters)",
      },
    },
  },
  // The preview files, the policy config and the parameters file are read before any source runs (bad input stops
  // the gate with nothing contacted); a stack is planned when the source runs.
  async prepare(section, configDir) {
    const s = section as CheckSection;
    const previewOnly = s.previewFiles ? [] : [...STACK_REFUSALS].filter(([key]) => s[key] !== undefined).map(([, refusal]) => refusal);
    if (previewOnly.length > 0) throw new InputError(previewOnly.join("\n"));
    const read = s.previewFiles ? readPreviewFiles(s.previewFiles, s, configDir) : undefined;
    return async (context) => {
      const { report, resources } = read ? await checkPreviewFiles(read) : await checkStack(s, configDir);
      const violated = new Set(report.violations.map((v) => v.policy));
      const tagged = resources.some(isTaggedSyncServer);
      // A policy passes only over resources it applies to: a plan without a tagged sync server covers nothing.
      const passes: CheckResult[] = EVIDENCE_POLICIES.filter((p) => tagged && !violated.has(p.name)).flatMap((p) => {
        const applicable = resources.filter((r) => policyAppliesTo(p, r.type, r.inputs));
        if (applicable.length === 0) return [];
        return [
          {
            id: p.name,
            status: "pass" as const,
            message: `${p.description} No violation in the plan's ${applicable.length} resource${applicable.length === 1 ? "" : "s"} it applies to (${applicable.map((r) => r.name).join(", ")}).`,
            ...citedBy(p),
          },
        ];
      });
      return {
        checks: [...report.violations.map(violationCheck), ...passes],
        ...(tagged
          ? {}
          : {
              note: `the plan holds no resource tagged ${TAG_NAMES.role}=${ROLE_TAG_VALUES.syncServer} (${resources.length} resources read): it covers no category; its Windows VMs were checked as candidate sync servers and any violation is reported. Fix: tag the sync server's VM ${TAG_NAMES.role}=${ROLE_TAG_VALUES.syncServer} (the component does).`,
            }),
        facts: context.facts.objectCount === undefined ? objectCountFact(resources) : {},
      };
    };
  },
};
