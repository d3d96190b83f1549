/**
 * The sync server's NSG must not allow inbound traffic from any address outside the catalogue's private ranges
 * (inline rules and standalone SecurityRule resources). Sources are counted as addresses, not matched as strings,
 * so 0.0.0.0/1 + 128.0.0.0/1 or 8.8.8.8/32 are the internet as much as "*" is.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import {
  addressRangeOf,
  ALL_ADDRESSES,
  INTERNET_PREFIXES,
  NON_INTERNET_SERVICE_TAGS,
  PRIVATE_ADDRESS_RANGES,
  publicAddressCount,
  REQUIREMENTS,
  ROLE_TAG_VALUES,
  TAG_NAMES,
  type AddressRange,
} from "../requirements";
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

/** The addresses one NSG source opens; undefined for a service tag that covers public Azure addresses. */
function addressesOf(source: string): readonly AddressRange[] | undefined {
  const word = source.trim().toLowerCase();
  if ((INTERNET_PREFIXES as readonly string[]).includes(word)) return ALL_ADDRESSES;
  if ((NON_INTERNET_SERVICE_TAGS as readonly string[]).includes(word)) return [];
  const range = addressRangeOf(source);
  return range === undefined ? undefined : [range];
}

interface PublicSources {
  readonly open: readonly string[];
  readonly count: bigint;
  readonly tags: readonly string[];
}

/** Source lists already judged: a plan repeats the same few lists on every NSG and rule (issue 11 item B). */
const JUDGED = new Map<string, PublicSources>();

/** publicSources, remembered per list of sources. */
function publicSourcesOf(sources: readonly string[]): PublicSources {
  // JSON: a source holding any character cannot make two lists one key.
  const key = JSON.stringify(sources);
  let judged = JUDGED.get(key);
  if (judged === undefined) {
    judged = publicSources(sources);
    if (JUDGED.size < 10_000) JUDGED.set(key, judged);
  }
  return judged;
}

/** What a rule's sources open beyond the private ranges: the sources that do, their public address count, the public service tags. */
function publicSources(sources: readonly string[]): PublicSources {
  const ranges: AddressRange[] = [];
  const open: string[] = [];
  const tags: string[] = [];
  for (const source of sources) {
    const addresses = addressesOf(source);
    if (addresses === undefined) tags.push(source);
    else ranges.push(...addresses);
    if (addresses === undefined || publicAddressCount(addresses) > 0n) open.push(source);
  }
  return { open, count: publicAddressCount(ranges), tags };
}

/**
 * `count.toLocaleString("en-US")` for a count of addresses (a whole number, not negative): digits grouped by
 * threes with commas, without ICU, whose first use loads its locale data (issue 11 item B).
 */
function formatCount(count: bigint): string {
  return count.toString().replace(/\B(?=(\d{3})+$)/g, ",");
}

const PRIVATE_RANGES_TEXT = PRIVATE_ADDRESS_RANGES.map((r) => r.cidr).join(", ");

export const disallowInternetInbound = entraPolicy<Config>({
  name: "entra-connect-disallow-internet-inbound",
  description: "The Entra Connect Sync server's NSG must not allow inbound traffic from the internet.",
  enforcementLevel: "mandatory",
  severity: "critical",
  requirement: REQUIREMENTS.noInternetInbound,
  remediationSteps: `Allow inbound (RDP) only from a named admin network or the Azure Bastion subnet, inside the private ranges ${PRIVATE_RANGES_TEXT}; never from a public address, whatever its mask.`,
  types: [...NSG_TYPES, ...SECURITY_RULE_TYPES],
  scope: "all",
  config: CONFIG,
  check(ctx) {
    if (!ruleScope(ctx)) return;
    for (const rule of rulesOf(ctx) ?? []) {
      if (rule.direction !== "inbound" || rule.access !== "allow") continue;
      const { open, count, tags } = publicSourcesOf(rule.sourcePrefixes);
      if (open.length === 0) continue;
      const opens = [
        ...(count > 0n ? [`${formatCount(count)} public addresses outside the private ranges`] : []),
        ...tags.map((t) => `service tag ${t}, which covers public addresses`),
      ];
      ctx.report(
        `${describeRule(rule)} allows inbound traffic from ${open.join(", ")} to ports ${rule.destinationPorts.join(", ") || "*"}: it opens ${opens.join(" and ")}`,
        `restrict the source of ${rule.path || "the rule"} to the admin network's prefix or the Bastion subnet, inside ${PRIVATE_RANGES_TEXT}`,
      );
    }
  },
});
