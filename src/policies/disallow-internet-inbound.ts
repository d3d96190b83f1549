/** The sync server's NSG must not allow inbound traffic from the internet (inline rules and standalone SecurityRule resources). */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { isInternetPrefix, REQUIREMENTS, ROLE_TAG_VALUES, TAG_NAMES } from "../requirements";
import { entraPolicy, type PolicyContext } from "./support/define";
import { describeRule, rulesOf } from "./support/nsg-rules";
import { asString, readPath } from "./support/read";
import { readRole } from "./support/tags";
import { NSG_TYPES, SECURITY_RULE_TYPES } from "./support/type-tokens";

interface Config {
  /** Names of the sync server's NSGs: standalone SecurityRule resources of these NSGs are checked. */
  readonly networkSecurityGroupNames?: readonly string[];
}

const CONFIG: Record<string, PolicyConfigJSONSchema> = {
  networkSecurityGroupNames: {
    type: "array",
    items: { type: "string", minLength: 1 },
    description:
      "Names of the sync server's NSGs, so that standalone SecurityRule resources (which carry no tags) of these NSGs are checked.",
  },
};

/** An NSG tagged as the sync server's, or a standalone rule of one (tagged by relation, or named in config). */
function ruleScope(ctx: PolicyContext<Config>): boolean {
  const role = readRole(ctx.props);
  if (!ctx.known(role, `the ${TAG_NAMES.role} tag`)) return false;
  if (role.value === ROLE_TAG_VALUES.syncServer) return true;
  if (!SECURITY_RULE_TYPES.includes(ctx.type)) return false;
  const nsg = asString(readPath(ctx.props, "networkSecurityGroupName"));
  const names = (ctx.config.networkSecurityGroupNames ?? []).map((n) => n.toLowerCase());
  if (names.length === 0 || !ctx.known(nsg, "the rule's networkSecurityGroupName")) return false;
  return nsg.value !== undefined && names.includes(nsg.value.toLowerCase());
}

export const disallowInternetInbound = entraPolicy<Config>({
  name: "entra-connect-disallow-internet-inbound",
  description: "The Entra Connect Sync server's NSG must not allow inbound traffic from the internet.",
  enforcementLevel: "mandatory",
  severity: "critical",
  requirement: REQUIREMENTS.noInternetInbound,
  remediationSteps: "Allow inbound (RDP) only from a named admin network or Azure Bastion; never from *, Internet, Any, 0.0.0.0/0 or ::/0.",
  types: [...NSG_TYPES, ...SECURITY_RULE_TYPES],
  scope: "all",
  config: CONFIG,
  check(ctx) {
    if (!ruleScope(ctx)) return;
    for (const rule of rulesOf(ctx) ?? []) {
      const open = rule.sourcePrefixes.filter(isInternetPrefix);
      if (rule.direction !== "inbound" || rule.access !== "allow" || open.length === 0) continue;
      ctx.report(
        `${describeRule(rule)} allows inbound traffic from ${open.join(", ")} to ports ${rule.destinationPorts.join(", ") || "*"}`,
        `restrict the source of ${rule.path || "the rule"} to the admin network's prefix or the Bastion subnet`,
      );
    }
  },
});
