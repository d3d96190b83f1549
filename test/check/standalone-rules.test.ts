/** `entra-gate check` weighs an NSG's standalone SecurityRule resources against its inline rules (DC ports outbound). */
import { evaluatePlan } from "../../src/check/check";
import { resolvePackConfig } from "../../src/check/policy-config";
import type { PlannedResource } from "../../src/check/preview-file";
import { withStandaloneRules } from "../../src/check/standalone-rules";
import { disallowInternetInbound } from "../../src/policies/disallow-internet-inbound";
import { enforceDcPortsOutbound } from "../../src/policies/enforce-dc-ports-outbound";
import { CLASSIC, NATIVE } from "../../src/policies/support/type-tokens";
import { nsg, securityRule } from "../policies/fixtures";
import { set } from "../policies/harness";

const DC_REQ = "(requirement network.dc-ports: The DC port table open from the sync server to every DC)";
const POLICIES = [enforceDcPortsOutbound, disallowInternetInbound];
const urn = (type: string, name: string): string => `urn:pulumi:dev::entra::${type}::${name}`;

/** The compliant server NSG of the policy fixtures, as a planned resource. */
function plannedNsg(type: string = NATIVE.networkSecurityGroup): PlannedResource {
  return { urn: urn(type, "sync-nsg"), type, name: "sync-nsg", inputs: nsg(), dependencies: [], propertyDependencies: {} };
}

/** The fixtures' standalone rule of `parent`, turned into an outbound deny-all named by `securityRuleName`. */
function denyAllOut(parent: PlannedResource, priority: number, type: string = NATIVE.securityRule): PlannedResource {
  const inputs = set(securityRule(), "name", undefined);
  Object.assign(inputs, { securityRuleName: "deny-everything-out", priority, direction: "Outbound", access: "Deny", protocol: "*" });
  Object.assign(inputs, { sourceAddressPrefixes: ["*"], destinationAddressPrefix: "*", destinationPortRange: "*" });
  return {
    urn: urn(type, "deny-all-out"),
    type,
    name: "deny-all-out",
    inputs,
    dependencies: [],
    propertyDependencies: { networkSecurityGroupName: [parent.urn] },
  };
}

async function messages(resources: PlannedResource[], dcAddresses?: string[]): Promise<string[]> {
  const config = resolvePackConfig(dcAddresses ? { [enforceDcPortsOutbound.name]: { dcAddresses } } : {}, POLICIES, "test.json");
  return (await evaluatePlan(resources, "test.json", config, POLICIES)).map((v) => `${v.resourceName}: ${v.message}`);
}

describe("standalone NSG rules in entra-gate check", () => {
  it("refuses a standalone deny-all that comes before the inline DC allow, naming the rule as Azure does", async () => {
    const parent = plannedNsg();
    const [msg, ...rest] = await messages([parent, denyAllOut(parent, 100)], ["10.0.0.4"]);
    expect(rest).toEqual([]);
    expect(
      msg?.startsWith(
        "sync-nsg: outbound traffic to the domain controllers is denied: DNS 53/tcp to 10.0.0.4 by rule deny-everything-out (priority 100);",
      ),
    ).toBe(true);
    expect(
      msg?.endsWith(
        `Dynamic RPC 49152-65535/tcp to 10.0.0.4 by rule deny-everything-out (priority 100). Fix: add outbound Allow rules for these ports with a lower priority number than the deny rules. ${DC_REQ}`,
      ),
    ).toBe(true);
  });

  it("refuses it for the classic provider's networkSecurityRule too (name from `name`)", async () => {
    const parent = plannedNsg(CLASSIC.networkSecurityGroup);
    const rule = denyAllOut(parent, 100, CLASSIC.networkSecurityRule);
    const classic = { ...rule, inputs: { ...rule.inputs, securityRuleName: undefined, name: "classic-deny" } };
    const [msg] = await messages([parent, classic], ["10.0.0.4"]);
    expect(msg).toContain("DNS 53/tcp to 10.0.0.4 by rule classic-deny (priority 100);");
  });

  it("accepts a standalone deny-all after the inline allow, and one of an unrelated NSG", async () => {
    const parent = plannedNsg();
    expect(await messages([parent, denyAllOut(parent, 4000)], ["10.0.0.4"])).toEqual([]);
    const other = { ...plannedNsg(), urn: urn(NATIVE.networkSecurityGroup, "other-nsg"), name: "other-nsg", inputs: {} };
    expect(await messages([parent, other, denyAllOut(other, 100)], ["10.0.0.4"])).toEqual([]);
  });

  it("attaches each rule to its NSG only, so the internet-inbound policy still reports a standalone rule once, on the rule", async () => {
    const parent = plannedNsg();
    const rule = denyAllOut(parent, 300);
    const open = {
      ...rule,
      urn: urn(NATIVE.securityRule, "rdp-in"),
      name: "rdp-in",
      inputs: { ...rule.inputs, securityRuleName: "rdp-in", direction: "Inbound", access: "Allow", destinationPortRange: "3389" },
    };
    const attached = withStandaloneRules([parent, open]);
    expect(attached[1]).toBe(open);
    expect(attached[0]?.inputs["entra-gate:standaloneSecurityRules"]).toEqual([{ ...open.inputs, name: "rdp-in" }]);
    expect(await messages([parent, open])).toEqual([
      `rdp-in: rule rdp-in (priority 300) allows inbound traffic from * to ports 3389: it opens ${(2n ** 32n - 2n ** 24n - 2n ** 20n - 2n ** 16n - 2n ** 22n + 2n ** 128n - 2n ** 121n).toLocaleString("en-US")} public addresses outside the private ranges. Fix: restrict the source of the rule to the admin network's prefix or the Bastion subnet, inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7. (requirement tier0.no-internet-inbound: No inbound access from the internet; admin access only from named admin networks or Bastion)`,
    ]);
  });
});
