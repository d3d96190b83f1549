/** No TLS inspection between the sync server and Entra ID: an Azure Firewall application rule with terminateTLS on an Entra endpoint is refused. */
import { OUTBOUND_ENDPOINTS, REQUIREMENTS } from "../requirements";
import { entraPolicy, type PolicyContext } from "./support/define";
import { asBoolean, asString, readItems, readPath } from "./support/read";
import { CLASSIC, FIREWALL_RULE_GROUP_TYPES, NATIVE } from "./support/type-tokens";

/** Where each provider keeps application rules and their fields. */
interface RuleGroupShape {
  readonly collections: string;
  readonly terminateTls: string;
  readonly targets: readonly string[];
  /** Only rules whose `ruleType` equals this are application rules (azure-native mixes rule kinds). */
  readonly applicationRuleType?: string;
}

const SHAPES: Readonly<Record<string, RuleGroupShape>> = {
  [NATIVE.firewallPolicyRuleCollectionGroup]: {
    collections: "ruleCollections",
    terminateTls: "terminateTLS",
    targets: ["targetFqdns", "targetUrls"],
    applicationRuleType: "applicationrule",
  },
  [CLASSIC.firewallPolicyRuleCollectionGroup]: {
    collections: "applicationRuleCollections",
    terminateTls: "terminateTls",
    targets: ["destinationFqdns", "destinationUrls"],
  },
};

/** The host of an FQDN or URL target, lower-cased ("https://x.y/path" -> "x.y"). */
function hostOf(target: string): string {
  return target
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/[/:].*$/, "");
}

/** True when host pattern `a` ("*", "*.x.com", "y.x.com") covers host or pattern `b`. */
function covers(a: string, b: string): boolean {
  if (a === "*" || a === b) return true;
  if (!a.startsWith("*.")) return false;
  const suffix = a.slice(1);
  return b.endsWith(suffix) || b === a.slice(2);
}

/** The Entra endpoints a rule target matches. */
function entraEndpointsMatched(target: string): string[] {
  const host = hostOf(target);
  return OUTBOUND_ENDPOINTS.filter((e) => e.purpose !== "crl-ocsp" && (covers(host, e.host) || covers(e.host, host))).map((e) => e.host);
}

/** Checks one application rule at `path`. */
function checkRule(ctx: PolicyContext<object>, shape: RuleGroupShape, rule: unknown, path: string): void {
  if (shape.applicationRuleType) {
    const kind = asString(readPath(rule, "ruleType", path));
    if (!ctx.known(kind, "the rule type") || kind.value?.toLowerCase() !== shape.applicationRuleType) return;
  }
  const terminate = asBoolean(readPath(rule, shape.terminateTls, path));
  if (!ctx.known(terminate, "terminateTLS") || terminate.value !== true) return;
  for (const field of shape.targets) {
    const targets = readItems(rule, field, path);
    if (!ctx.known(targets, `the rule's ${field}`)) return;
    for (const { item } of targets.value ?? []) {
      const matched = typeof item === "string" ? entraEndpointsMatched(item) : [];
      if (matched.length === 0) continue;
      ctx.report(
        `${path} terminates TLS for ${item}, which matches the Entra endpoints ${matched.join(", ")}`,
        `set ${shape.terminateTls} to false on this rule, or exclude the Entra endpoints from it`,
      );
    }
  }
}

export const disallowTlsInspection = entraPolicy({
  name: "entra-connect-disallow-tls-inspection",
  description: "Azure Firewall must not inspect (terminate) TLS on the path from the Entra Connect Sync server to Entra ID.",
  enforcementLevel: "mandatory",
  severity: "high",
  requirement: REQUIREMENTS.noTlsInspection,
  remediationSteps:
    "Turn off terminateTLS on application rules that match the Entra ID endpoints (the HTTPS hosts listed in docs/policy-pack.md).",
  types: FIREWALL_RULE_GROUP_TYPES,
  scope: "all",
  check(ctx) {
    const shape = SHAPES[ctx.type];
    if (!shape) return;
    const collections = readItems(ctx.props, shape.collections);
    if (!ctx.known(collections, "the rule collections")) return;
    for (const { item, path } of collections.value ?? []) {
      const rules = readItems(item, "rules", path);
      if (!ctx.known(rules, "the rules of a collection")) continue;
      for (const { item: rule, path: at } of rules.value ?? []) checkRule(ctx, shape, rule, at);
    }
  },
});
