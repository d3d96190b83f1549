/**
 * Standalone NSG rules, as only the offline checker can see them: each SecurityRule resource that refers to an
 * NSG of the same plan (through its dependencies or property dependencies) is attached to that NSG, so that a
 * policy judging the NSG's whole rule set (the DC ports outbound) weighs it against the inline rules.
 */
import { STANDALONE_RULES_FIELD } from "../policies/support/nsg-rules";
import { canonicalType, NSG_TYPES, SECURITY_RULE_TYPES } from "../policies/support/type-tokens";
import type { PlannedResource } from "./preview-file";
import { referencesOf } from "./relations";

/** A standalone rule's inputs, named as Azure names it (`name`, else azure-native's `securityRuleName`, else the resource name). */
function asInlineRule(rule: PlannedResource): Record<string, unknown> {
  const { name, securityRuleName } = rule.inputs;
  return { ...rule.inputs, name: typeof name === "string" ? name : typeof securityRuleName === "string" ? securityRuleName : rule.name };
}

/** Returns the resources with each NSG's standalone rules attached under `STANDALONE_RULES_FIELD`. */
export function withStandaloneRules(resources: readonly PlannedResource[]): PlannedResource[] {
  const nsgUrns = new Set(resources.filter((r) => NSG_TYPES.includes(canonicalType(r.type))).map((r) => r.urn));
  const attached = new Map<string, Record<string, unknown>[]>();
  for (const r of resources) {
    if (!SECURITY_RULE_TYPES.includes(canonicalType(r.type))) continue;
    const nsg = referencesOf(r).find((urn) => nsgUrns.has(urn));
    if (nsg === undefined) continue;
    const rules = attached.get(nsg);
    if (rules) rules.push(asInlineRule(r));
    else attached.set(nsg, [asInlineRule(r)]);
  }
  if (attached.size === 0) return [...resources];
  return resources.map((r) => {
    const rules = attached.get(r.urn);
    return rules ? { ...r, inputs: { ...r.inputs, [STANDALONE_RULES_FIELD]: rules } } : r;
  });
}
