/** The verdict of a generated plan: which policies, at which level, fire on which logical part of the stack. */
import { evaluatePlan } from "../../src/check/check";
import { resolvePackConfig } from "../../src/check/policy-config";
import { parsePlanText, type InputFormat } from "../../src/check/readers/plan-file";
import type { Violation } from "../../src/check/runner";
import { POLICIES } from "../../src/policies";
import type { Generated } from "./terraform-arm-model";

/** Runs the whole pack (default levels, plus `config`) on a generated document read by the real readers. */
export async function violationsOf(g: Generated, format: InputFormat, config: Record<string, unknown> = {}): Promise<Violation[]> {
  const resources = parsePlanText(JSON.stringify(g.doc), `plan.${format}.json`, format);
  return evaluatePlan(resources, `plan.${format}.json`, resolvePackConfig(config, POLICIES, "config.json"));
}

/** "part policy level" lines, sorted and de-duplicated: what a reviewer compares across formats. */
export async function verdictOf(g: Generated, format: InputFormat, config: Record<string, unknown> = {}): Promise<string[]> {
  const violations = await violationsOf(g, format, config);
  const lines = violations.map((v) => `${g.parts.get(v.urn) ?? `unmapped ${v.urn}`} ${v.policy} ${v.enforcementLevel}`);
  return [...new Set(lines)].sort();
}
