/** `entra-gate check`: runs the policy pack offline on `pulumi preview --json` files. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { POLICIES } from "../policies";
import { EXIT_NOT_READY, EXIT_READY } from "../support/exit-codes";
import { InputError } from "../support/errors";
import { loadPackConfig, type PackConfig } from "./policy-config";
import type { PlannedResource } from "./preview-file";
import { readPlanFile, type InputFormat } from "./readers/plan-file";
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
  /** The policies to run; default: the whole pack. */
  readonly policies?: readonly ResourceValidationPolicy[];
}

/** The report `check` returns and the renderers print. */
export interface CheckReport {
  readonly violations: readonly Violation[];
  readonly resourcesChecked: number;
  readonly summary: { readonly mandatory: number; readonly advisory: number };
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

/** Reads every file first (no partial result on bad input), then checks each. */
export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  if (options.files.length === 0)
    throw new InputError("check needs at least one preview file: entra-gate check PREVIEW.json [MORE.json ...].");
  const policies = options.policies ?? POLICIES;
  const config = loadPackConfig(options.policyConfigFile, policies);
  const plans = options.files.map((file) => ({ file, resources: readPlanFile(file, options.input) }));
  const violations: Violation[] = [];
  for (const { file, resources } of plans) violations.push(...(await evaluatePlan(resources, file, config, policies)));
  return { violations, resourcesChecked: plans.reduce((n, p) => n + p.resources.length, 0), summary: summarise(violations) };
}

/** 0 when no mandatory violation, 1 otherwise. */
export function exitCodeForReport(report: CheckReport): number {
  return report.summary.mandatory > 0 ? EXIT_NOT_READY : EXIT_READY;
}
