/** `entra-gate check`: runs the policy pack offline on `pulumi preview --json` files. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { POLICIES } from "../policies";
import { EXIT_COULD_NOT_CHECK, EXIT_NOT_READY, EXIT_READY } from "../support/exit-codes";
import { InputError } from "../support/errors";
import { loadPackConfig, type PackConfig } from "./policy-config";
import type { PlannedResource } from "./preview-file";
import { PARAMETERS_FLAG, readArmParametersFile } from "./readers/arm-parameters";
import { readPlan, type InputFormat } from "./readers/plan-file";
import { withImpliedRoles, withImpliedVmSizes } from "./relations";
import { withStandaloneRules } from "./standalone-rules";
import { evaluateResources, type Violation } from "./runner";

export interface CheckOptions {
  /** Plan files: `pulumi preview --json`, `terraform show -json PLANFILE`, ARM what-if or template. */
  readonly files: readonly string[];
  /** The files' format; default: detected from each document. */
  readonly input?: InputFormat;
  /** A config file in the `--policy-pack-config` format. */
  readonly policyConfigFile?: string;
  /** An ARM deployment parameters file (`--parameters`): the values a compiled template's `[parameters('x')]` reads. */
  readonly parametersFile?: string;
  /** The policies to run; default: the whole pack. */
  readonly policies?: readonly ResourceValidationPolicy[];
}

/** A file given to `check` that could not be read as a plan, and why (the refusal's one paragraph). */
export interface NotChecked {
  readonly file: string;
  readonly reason: string;
}

/** The report `check` returns and the renderers print. */
export interface CheckReport {
  readonly violations: readonly Violation[];
  readonly resourcesChecked: number;
  readonly summary: { readonly mandatory: number; readonly advisory: number };
  /** Files that are not plans (missing, not JSON, not a preview, a failed preview): listed, never a pass. */
  readonly notChecked?: readonly NotChecked[];
}

/** Counts violations by level. */
export function summarise(violations: readonly Violation[]): CheckReport["summary"] {
  const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
  return { mandatory, advisory: violations.length - mandatory };
}

/** Evaluates planned resources of one source (a file or an in-memory plan), relations and standalone NSG rules applied. */
export async function evaluatePlan(
  resources: readonly PlannedResource[],
  source: string,
  config: PackConfig,
  policies: readonly ResourceValidationPolicy[] = POLICIES,
): Promise<Violation[]> {
  return evaluateResources(withStandaloneRules(withImpliedVmSizes(withImpliedRoles(resources))), policies, config, source);
}

/** How a caller names the parameters file and the plan files in messages: the CLI's flags, or gate.yaml's fields. */
export interface PlanFileFields {
  /** `--parameters`, or `gate.yaml check.parameters`. */
  readonly parameters: string;
  /** `the plan files`, or `check.previewFiles`. */
  readonly planFiles: string;
}

const CLI_FIELDS: PlanFileFields = { parameters: PARAMETERS_FLAG, planFiles: "the plan files" };

/** How `readPlanFiles` reads: the files' format (default: detected), the ARM parameters file, the fields messages name. */
export interface PlanFilesOptions {
  readonly format?: InputFormat;
  readonly parametersFile?: string;
  readonly fields?: PlanFileFields;
}

/** The plan files read, and the files that are not plans, each with its reason. */
export interface PlanFilesRead {
  readonly plans: readonly { readonly file: string; readonly resources: PlannedResource[] }[];
  readonly notChecked: readonly NotChecked[];
}

/**
 * Reads the parameters file (when named; a bad one is refused) and every plan file: a file that is not a plan is
 * listed with its reason, not thrown. A parameters file is refused when every file read and none is a compiled ARM
 * template. `check` and the gate's `check:` section both read their files here.
 */
export function readPlanFiles(files: readonly string[], options: PlanFilesOptions = {}): PlanFilesRead {
  const fields = options.fields ?? CLI_FIELDS;
  const armParameters = options.parametersFile === undefined ? undefined : readArmParametersFile(options.parametersFile, fields.parameters);
  const plans: { file: string; resources: PlannedResource[] }[] = [];
  const notChecked: NotChecked[] = [];
  let templates = 0;
  for (const file of files) {
    try {
      const read = readPlan(file, { format: options.format, armParameters, parametersField: fields.parameters });
      plans.push({ file, resources: read.resources });
      if (read.armTemplate) templates++;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      notChecked.push({ file, reason: e.message });
    }
  }
  if (armParameters && templates === 0 && notChecked.length === 0) {
    throw new InputError(
      `${fields.parameters} ${armParameters.file}: none of ${fields.planFiles} is a compiled ARM template, the only plan a parameters file applies to (a what-if result already holds the values it ran with; Pulumi and Terraform plans take none). Add the template (az bicep build --file main.bicep --outfile main.json) to ${fields.planFiles}, or remove ${fields.parameters}.`,
    );
  }
  return { plans, notChecked };
}

/**
 * Checks every file that reads as a plan and lists each one that does not with its reason (`check examples/*.json`
 * passes configs and notes too); a bad policy config still refuses the whole run.
 */
export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  if (options.files.length === 0)
    throw new InputError("check needs at least one preview file: entra-gate check PREVIEW.json [MORE.json ...].");
  const policies = options.policies ?? POLICIES;
  const config = loadPackConfig(options.policyConfigFile, policies);
  const { plans, notChecked } = readPlanFiles(options.files, { format: options.input, parametersFile: options.parametersFile });
  // Nothing readable: a refusal, as for one bad file, naming every file.
  if (plans.length === 0) throw new InputError(notChecked.map((n) => n.reason).join("\n"));
  const violations: Violation[] = [];
  for (const { file, resources } of plans) violations.push(...(await evaluatePlan(resources, file, config, policies)));
  const resourcesChecked = plans.reduce((n, p) => n + p.resources.length, 0);
  return { violations, resourcesChecked, summary: summarise(violations), notChecked };
}

/** 2 when a file could not be checked (after the rest was reported), else 1 with a mandatory violation, else 0. */
export function exitCodeForReport(report: CheckReport): number {
  if ((report.notChecked ?? []).length > 0) return EXIT_COULD_NOT_CHECK;
  return report.summary.mandatory > 0 ? EXIT_NOT_READY : EXIT_READY;
}
