/**
 * The sync server's NSG must let the DC port table out. Rules are evaluated as Azure does (lowest priority
 * first; with no matching rule the default AllowVnetOutBound applies). Without `dcAddresses` in config the DCs
 * are not known: a deny counts only when it matches every destination, and an allow of the port to any
 * destination counts as the allow to the DCs (so the component's allows to the DCs before its `restrictOutbound`
 * deny-all pass, and a deny-all with no allow of a port before it fails); hence advisory by default: raise it to
 * mandatory once the DC addresses are configured. `entra-gate check` adds the NSG's standalone SecurityRule resources to its inline
 * rules; the pack, which sees one resource at a time, judges the inline rules only.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { DC_PORTS, portRangeText, REQUIREMENTS, type DcPort, type Protocol } from "../requirements";
import { entraPolicy } from "./support/define";
import { describeRule, portsCover, portsOverlap, protocolApplies, rulesOf, type RuleView } from "./support/nsg-rules";
import { NSG_TYPES } from "./support/type-tokens";

interface Config {
  /** The DCs' IPv4 addresses the sync server talks to. */
  readonly dcAddresses?: readonly string[];
}

const CONFIG: Record<string, PolicyConfigJSONSchema> = {
  dcAddresses: {
    type: "array",
    items: { type: "string", minLength: 1 },
    description: "IPv4 addresses of the domain controllers; without them only rules that match every destination are judged.",
  },
};

/** Destination prefixes that match any address. */
const EVERY_DESTINATION = ["*", "any", "virtualnetwork", "0.0.0.0/0"];

function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.trim().split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** True when `prefix` (an address, a CIDR or a tag) covers `address`; undefined address means "any DC". */
function destinationMatches(prefix: string, address: string | undefined): boolean {
  const p = prefix.trim().toLowerCase();
  if (EVERY_DESTINATION.includes(p)) return true;
  if (address === undefined) return false;
  const [net, bits] = p.split("/");
  const a = ipv4ToNumber(address);
  const n = ipv4ToNumber(net ?? "");
  if (a === undefined || n === undefined) return p === address.trim().toLowerCase();
  const size = 2 ** (32 - Math.min(32, Math.max(0, Number(bits ?? "32"))));
  return Math.floor(a / size) === Math.floor(n / size);
}

/**
 * The first outbound rule (by priority) that decides traffic to `port`/`protocol` at `address`: a deny that
 * blocks any port of the range, or an allow that opens all of it (an allow of part of a range, such as one port
 * of dynamic RPC, leaves the rest to the rules after it). With `address` unknown, any allow's destination may be
 * the DCs.
 */
function decidingRule(rules: readonly RuleView[], port: DcPort, protocol: Protocol, address: string | undefined): RuleView | undefined {
  return rules.find(
    (r) =>
      protocolApplies(r.protocol, protocol) &&
      (r.access === "deny" ? portsOverlap : portsCover)(r.destinationPorts, port.port, port.toPort) &&
      ((address === undefined && r.access === "allow") || r.destinationPrefixes.some((d) => destinationMatches(d, address))),
  );
}

export const enforceDcPortsOutbound = entraPolicy<Config>({
  name: "entra-connect-enforce-dc-ports-outbound",
  description: "The Entra Connect Sync server's NSG must allow the domain controller ports outbound.",
  enforcementLevel: "advisory",
  severity: "medium",
  requirement: REQUIREMENTS.dcPorts,
  remediationSteps: `Allow outbound to every DC: ${DC_PORTS.map((p) => `${p.description} ${portRangeText(p)}/${p.protocols.join("+")}`).join(", ")}; set dcAddresses in config and raise this policy to mandatory.`,
  types: NSG_TYPES,
  scope: "sync-server",
  config: CONFIG,
  check(ctx) {
    const all = rulesOf(ctx, true);
    if (!all) return;
    const outbound = all.filter((r) => r.direction === "outbound").sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
    const addresses = ctx.config.dcAddresses?.length ? ctx.config.dcAddresses : [undefined];
    const blocked: string[] = [];
    for (const port of DC_PORTS) {
      for (const protocol of port.protocols) {
        for (const address of addresses) {
          const rule = decidingRule(outbound, port, protocol, address);
          if (rule?.access === "deny")
            blocked.push(
              `${port.description} ${portRangeText(port)}/${protocol}${address ? ` to ${address}` : ""} by ${describeRule(rule)}`,
            );
        }
      }
    }
    if (blocked.length > 0) {
      ctx.report(
        `outbound traffic to the domain controllers is denied: ${blocked.join("; ")}`,
        "add outbound Allow rules for these ports with a lower priority number than the deny rules",
      );
    }
  },
});
