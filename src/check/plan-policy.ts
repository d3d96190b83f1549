/**
 * The pack on `entra-gate plan`'s resources: the component's plan (run under Pulumi's mocks) is checked by the
 * same policies as a preview file, and the violations are printed after the resources, grouped by resource.
 */
import { POLICIES } from "../policies";
import { UNKNOWN_STRING } from "../policies/support/unknown";
import { UNKNOWN_PLACEHOLDER, type PlannedResource as MockPlannedResource } from "../plan/run-under-mocks";
import { evaluatePlan, summarise, type CheckReport } from "./check";
import { loadPackConfig } from "./policy-config";
import { renderText } from "./render/text";

/** The plan writes unknowns as "[unknown]"; the policies read the engine's sentinel. */
function withSentinels(value: unknown): unknown {
  if (value === UNKNOWN_PLACEHOLDER) return UNKNOWN_STRING;
  if (Array.isArray(value)) return value.map(withSentinels);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSentinels(v)]));
}

/** Runs the pack (default levels and config) on planned resources; `source` names the plan in violations. */
export async function checkPlannedResources(resources: readonly MockPlannedResource[], source: string): Promise<CheckReport> {
  const planned = resources.map((r) => ({
    urn: r.urn || `${r.type}::${r.name}`,
    type: r.type,
    name: r.name,
    inputs: withSentinels(r.inputs) as Record<string, unknown>,
    dependencies: [],
    propertyDependencies: {},
  }));
  const violations = await evaluatePlan(planned, source, loadPackConfig(undefined, POLICIES));
  return { violations, resourcesChecked: planned.length, summary: summarise(violations) };
}

/** The text that follows the plan: the violations by resource and the verdict. */
export function renderPlanPolicyText(report: CheckReport): string {
  return `\nPolicy pack: ${renderText(report)}`;
}

/** Adds `"policy": {violations, resourcesChecked, summary}` to the plan's JSON document. */
export function addPolicyToPlanJson(planJson: string, report: CheckReport): string {
  const { violations, resourcesChecked, summary } = report;
  return `${JSON.stringify({ ...(JSON.parse(planJson) as object), policy: { violations, resourcesChecked, summary } }, null, 2)}\n`;
}
