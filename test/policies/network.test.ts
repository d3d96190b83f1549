import { disallowTlsInspection } from "../../src/policies/disallow-tls-inspection";
import { enforceDcPortsOutbound } from "../../src/policies/enforce-dc-ports-outbound";
import { enforceMinimumVersion } from "../../src/policies/enforce-minimum-version";
import { syncServerSecurityRules } from "../../src/components/security-rules";
import { CLASSIC, NATIVE } from "../../src/policies/support/type-tokens";
import { DC_PORT_RANGES, denyAllOutbound } from "../support/nsg-rules";
import { classicRuleGroup, nsg, ruleGroup, vm } from "./fixtures";
import { run, set } from "./harness";

const DC_REQ = "(requirement network.dc-ports: The DC port table open from the sync server to every DC)";
const TLS_REQ = "(requirement network.no-tls-inspection: No TLS inspection between the sync server and Entra ID)";
const VERSION_REQ = "(requirement version.minimum: Entra Connect 2.5.79.0 or later (older builds stopped syncing after 2026-09-30))";
const NSG = NATIVE.networkSecurityGroup;
const denyAll = denyAllOutbound();
const withRules = (...extra: Record<string, unknown>[]): Record<string, unknown> => {
  const n = nsg();
  return set(n, "securityRules", [...(n.securityRules as unknown[]), ...extra]);
};

describe("entra-connect-enforce-dc-ports-outbound", () => {
  it("accepts the compliant NSG, with and without DC addresses, and a deny-all after the allow", async () => {
    expect(await run(enforceDcPortsOutbound, NSG, nsg())).toEqual([]);
    expect(await run(enforceDcPortsOutbound, NSG, withRules(denyAll), { dcAddresses: ["10.0.0.4", "10.0.0.5"] })).toEqual([]);
  });

  it("refuses a deny-all that comes before any allow", async () => {
    const m = set(nsg(), "securityRules", [denyAll]);
    const msg = (await run(enforceDcPortsOutbound, NSG, m))[0] ?? "";
    expect(
      msg.startsWith(
        "outbound traffic to the domain controllers is denied: DNS 53/tcp by rule deny-all-out (priority 4000); DNS 53/udp by rule deny-all-out (priority 4000); Kerberos 88/tcp",
      ),
    ).toBe(true);
    expect(
      msg.endsWith(
        `Dynamic RPC 49152-65535/tcp by rule deny-all-out (priority 4000). Fix: add outbound Allow rules for these ports with a lower priority number than the deny rules. ${DC_REQ}`,
      ),
    ).toBe(true);
  });

  it("refuses a DC address missing from the allow rule when dcAddresses is configured", async () => {
    const config = { dcAddresses: ["10.0.0.4", "10.1.0.9"] };
    const m = withRules(denyAll, {
      ...denyAll,
      name: "deny-gc",
      priority: 150,
      protocol: "Tcp",
      destinationAddressPrefix: "10.1.0.0/16",
      destinationPortRange: "3268-3269",
    });
    expect(await run(enforceDcPortsOutbound, NSG, m, config)).toEqual([
      "outbound traffic to the domain controllers is denied: DNS 53/tcp to 10.1.0.9 by rule deny-all-out (priority 4000); DNS 53/udp to 10.1.0.9 by rule deny-all-out (priority 4000); " +
        "Kerberos 88/tcp to 10.1.0.9 by rule deny-all-out (priority 4000); Kerberos 88/udp to 10.1.0.9 by rule deny-all-out (priority 4000); " +
        "RPC endpoint mapper 135/tcp to 10.1.0.9 by rule deny-all-out (priority 4000); LDAP 389/tcp to 10.1.0.9 by rule deny-all-out (priority 4000); " +
        "LDAP 389/udp to 10.1.0.9 by rule deny-all-out (priority 4000); SMB 445/tcp to 10.1.0.9 by rule deny-all-out (priority 4000); " +
        "LDAPS 636/tcp to 10.1.0.9 by rule deny-all-out (priority 4000); Global Catalog 3268/tcp to 10.1.0.9 by rule deny-gc (priority 150); " +
        "Global Catalog over TLS 3269/tcp to 10.1.0.9 by rule deny-gc (priority 150); Dynamic RPC 49152-65535/tcp to 10.1.0.9 by rule deny-all-out (priority 4000). " +
        `Fix: add outbound Allow rules for these ports with a lower priority number than the deny rules. ${DC_REQ}`,
    ]);
  });

  it("refuses an allow of part of the dynamic RPC range before a deny-all, and accepts split ranges that cover it", async () => {
    const config = { dcAddresses: ["10.0.0.4"] };
    const allow = (nsg().securityRules as Record<string, unknown>[])[1] ?? {};
    const ports = (last: string[]): Record<string, unknown> => ({
      ...allow,
      destinationPortRanges: [...DC_PORT_RANGES.filter((p) => p !== "49152-65535"), ...last],
    });
    expect(await run(enforceDcPortsOutbound, NSG, set(nsg(), "securityRules", [ports(["50000"]), denyAll]), config)).toEqual([
      "outbound traffic to the domain controllers is denied: Dynamic RPC 49152-65535/tcp to 10.0.0.4 by rule deny-all-out (priority 4000). " +
        `Fix: add outbound Allow rules for these ports with a lower priority number than the deny rules. ${DC_REQ}`,
    ]);
    const split = ports(["49152-60000", "55000-60001", "60002-65535"]);
    expect(await run(enforceDcPortsOutbound, NSG, set(nsg(), "securityRules", [split, denyAll]), config)).toEqual([]);
  });

  // The component's restrictOutbound rule set (issue 9 item 13): allows to the DCs' addresses, then a deny-all at 4096.
  // Without dcAddresses the policy cannot tell which allow goes to the DCs, so any allow of a port before the deny counts.
  it("accepts the component's restrictOutbound rules with and without dcAddresses, and refuses them without the DC allows", async () => {
    const rules = syncServerSecurityRules(["10.0.0.4", "10.0.0.5"], ["10.10.0.0/24"], { domainJoined: true, dnsServers: [] });
    expect(rules.at(-1)).toMatchObject({ name: "deny-all-other-outbound", direction: "Outbound", access: "Deny", priority: 4096 });
    const component = set(nsg(), "securityRules", rules);
    expect(await run(enforceDcPortsOutbound, NSG, component)).toEqual([]);
    expect(await run(enforceDcPortsOutbound, NSG, component, { dcAddresses: ["10.0.0.4", "10.0.0.5"] })).toEqual([]);
    const withoutDcAllows = set(
      nsg(),
      "securityRules",
      rules.filter((r) => !String(r.name).startsWith("dc-")),
    );
    const msg = (await run(enforceDcPortsOutbound, NSG, withoutDcAllows))[0] ?? "";
    expect(msg).toContain("DNS 53/tcp by rule deny-all-other-outbound (priority 4096)");
    expect(msg).toContain("Dynamic RPC 49152-65535/tcp by rule deny-all-other-outbound (priority 4096)");
  });

  it("ignores a deny to another network when DC addresses are not known", async () => {
    expect(
      await run(enforceDcPortsOutbound, NSG, withRules({ ...denyAll, priority: 150, destinationAddressPrefix: "192.168.0.0/16" })),
    ).toEqual([]);
  });
});

describe("entra-connect-disallow-tls-inspection", () => {
  it("accepts TLS termination that does not match Entra endpoints (azure-native and classic)", async () => {
    expect(await run(disallowTlsInspection, NATIVE.firewallPolicyRuleCollectionGroup, ruleGroup())).toEqual([]);
    expect(await run(disallowTlsInspection, CLASSIC.firewallPolicyRuleCollectionGroup, classicRuleGroup())).toEqual([]);
  });

  it("refuses terminateTLS on a rule that matches Entra hosts, with no tag needed", async () => {
    expect(
      await run(
        disallowTlsInspection,
        NATIVE.firewallPolicyRuleCollectionGroup,
        set(ruleGroup(), "ruleCollections.0.rules.0.terminateTLS", true),
      ),
    ).toEqual([
      `ruleCollections.0.rules.0 terminates TLS for *.microsoftonline.com, which matches the Entra endpoints *.microsoftonline.com, adminwebservice.microsoftonline.com, provisioningapi.microsoftonline.com. Fix: set terminateTLS to false on this rule, or exclude the Entra endpoints from it. ${TLS_REQ}`,
      `ruleCollections.0.rules.0 terminates TLS for login.windows.net, which matches the Entra endpoints *.windows.net. Fix: set terminateTLS to false on this rule, or exclude the Entra endpoints from it. ${TLS_REQ}`,
    ]);
  });

  it("refuses a URL target and a catch-all on the classic provider", async () => {
    const m = set(
      set(classicRuleGroup(), "applicationRuleCollections.0.rules.0.terminateTls", true),
      "applicationRuleCollections.0.rules.0.destinationFqdns",
      [],
    );
    set(m, "applicationRuleCollections.0.rules.0.destinationUrls", ["https://secure.aadcdn.microsoftonline-p.com/path"]);
    expect(await run(disallowTlsInspection, CLASSIC.firewallPolicyRuleCollectionGroup, m)).toEqual([
      `applicationRuleCollections.0.rules.0 terminates TLS for https://secure.aadcdn.microsoftonline-p.com/path, which matches the Entra endpoints *.aadcdn.microsoftonline-p.com. Fix: set terminateTls to false on this rule, or exclude the Entra endpoints from it. ${TLS_REQ}`,
    ]);
    const star = set(
      set(classicRuleGroup(), "applicationRuleCollections.0.rules.0.terminateTls", true),
      "applicationRuleCollections.0.rules.0.destinationFqdns",
      ["*"],
    );
    expect((await run(disallowTlsInspection, CLASSIC.firewallPolicyRuleCollectionGroup, star))[0]).toMatch(
      /^applicationRuleCollections\.0\.rules\.0 terminates TLS for \*, which matches the Entra endpoints \*\.microsoftonline\.com, /,
    );
  });
});

describe("entra-connect-enforce-minimum-version", () => {
  const VM = NATIVE.virtualMachine;
  const fix = "Fix: tag the server entra-connect-version=2.6.92.0 (or any build at or above 2.5.79.0) and install that build.";
  it("compares as versions: 2.10 is newer than 2.5", async () => {
    expect(await run(enforceMinimumVersion, VM, vm())).toEqual([]);
    expect(await run(enforceMinimumVersion, VM, set(vm(), "tags.entra-connect-version", "2.10.0.0"))).toEqual([]);
    expect(await run(enforceMinimumVersion, VM, set(vm(), "tags.entra-connect-version", "2.5.79.0"))).toEqual([]);
  });

  it.each([
    ["2.5.3.0", "Entra Connect 2.5.3.0 is older than 2.5.79.0, and such builds no longer synchronise"],
    ["2.4.129.0", "Entra Connect 2.4.129.0 is older than 2.5.79.0, and such builds no longer synchronise"],
    ["latest", 'tag entra-connect-version="latest" is not a dotted build number'],
    [undefined, "the server has no entra-connect-version tag, so the Entra Connect build cannot be checked"],
  ])("refuses %s", async (version, what) => {
    expect(await run(enforceMinimumVersion, VM, set(vm(), "tags.entra-connect-version", version))).toEqual([
      `${what}. ${fix} ${VERSION_REQ}`,
    ]);
  });
});
