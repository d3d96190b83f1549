/**
 * Versioned azure-native type tokens and tagged resources of types the pack does not know (issue 14 item 11).
 *
 * Token shapes: Pulumi's Azure Native version guide (pulumi/registry,
 * themes/default/content/registry/packages/azure-native/version-guide/_index.md) publishes every API version as
 * its own module, e.g. `azure-native:keyvault/v20230201:Vault` next to the top-level `azure-native:keyvault:Vault`,
 * preview versions as `v20190515preview`-style modules; a versioned SDK calls `azure-native:compute/v20240301:...`.
 * azure-native 3.28.0 as installed here ships only the top-level modules (compute/virtualMachine.js has
 * `__pulumiType = 'azure-native:compute:VirtualMachine'`; its doc comment says the other API versions, 2024-07-01
 * among them, "can be accessed by generating a local SDK package using ... `pulumi package add azure-native
 * compute [ApiVersion]`"), which register the versioned token.
 */
import { POLICIES } from "../../src/policies";
import { disallowUnknownTaggedType } from "../../src/policies/disallow-unknown-tagged-type";
import { canonicalType, CLASSIC, KNOWN_TYPES, NATIVE } from "../../src/policies/support/type-tokens";
import { nic, U, vm } from "./fixtures";
import { run, set } from "./harness";

const VERSIONED_VM = "azure-native:compute/v20240701:VirtualMachine";

/** Every policy's violations on one resource, as "policy: message". */
async function runAll(type: string, props: Record<string, unknown>): Promise<string[]> {
  const out: string[] = [];
  for (const policy of POLICIES) for (const m of await run(policy, type, props)) out.push(`${policy.name}: ${m}`);
  return out;
}

describe("canonicalType", () => {
  it.each([
    [VERSIONED_VM, NATIVE.virtualMachine],
    ["azure-native:network/v20240301:NetworkSecurityGroup", NATIVE.networkSecurityGroup],
    ["azure-native:network/v20240301:SecurityRule", NATIVE.securityRule],
    ["azure-native:network/v20230901:NetworkInterface", NATIVE.networkInterface],
    ["azure-native:compute/v20241101:VirtualMachineScaleSet", NATIVE.virtualMachineScaleSet],
    ["azure-native:sqlvirtualmachine/v20231001:SqlVirtualMachine", NATIVE.sqlVirtualMachine],
    ["azure-native:sql/v20230801preview:Database", NATIVE.sqlDatabase],
    ["azure-native:network/v20240501:FirewallPolicyRuleCollectionGroup", NATIVE.firewallPolicyRuleCollectionGroup],
  ])("%s -> %s", (token, canonical) => {
    expect(canonicalType(token)).toBe(canonical);
  });

  it("leaves top-level, classic and unknown tokens as they are", () => {
    for (const t of [
      NATIVE.virtualMachine,
      CLASSIC.windowsVirtualMachine,
      "azure-native:compute/v20240701:Disk",
      "aws:ec2/instance:Instance",
    ]) {
      expect(canonicalType(t)).toBe(t);
    }
  });
});

describe("a versioned token is checked as its top-level type", () => {
  it("refuses the issue's tagged Server Core VM on Standard_B1s with a public IP (it used to pass with 0 mandatory)", async () => {
    const props = set(set(vm(), "storageProfile.imageReference.sku", "2022-datacenter-core-g2"), "hardwareProfile.vmSize", "Standard_B1s");
    set(props, "networkProfile", {
      networkInterfaceConfigurations: [{ name: "nic", ipConfigurations: [{ name: "ip", publicIPAddressConfiguration: { name: "pip" } }] }],
    });
    const names = (await runAll(VERSIONED_VM, props)).map((m) => m.split(":")[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        "entra-connect-disallow-server-core",
        "entra-connect-enforce-memory-sizing",
        "entra-connect-disallow-public-ip",
      ]),
    );
    expect(names).not.toContain(disallowUnknownTaggedType.name);
  });

  it("passes the compliant VM whatever its API version, and reads the NIC's public IP on a versioned NIC", async () => {
    expect(await runAll(VERSIONED_VM, vm())).toEqual([]);
    const withPip = set(nic(), "ipConfigurations.0.publicIPAddress", { id: U });
    expect(await runAll("azure-native:network/v20240301:NetworkInterface", withPip)).toEqual([
      expect.stringMatching(/^entra-connect-disallow-public-ip: ipConfigurations\.0\.publicIPAddress attaches a public IP/),
    ]);
  });
});

describe("entra-connect-disallow-unknown-tagged-type", () => {
  const disk = (): Record<string, unknown> => ({
    resourceGroupName: "rg-entra",
    tags: { "entra-connect-role": "sync-server" },
    diskSizeGB: 128,
  });

  it("refuses a tagged resource of a type the pack does not know, naming the token as written", async () => {
    expect(await run(disallowUnknownTaggedType, "azure-native:compute/v20240701:Disk", disk())).toEqual([
      'cannot verify: azure-native:compute/v20240701:Disk carries the entra-connect-role tag (sync-server), but the pack does not know this resource type, so none of its policies can check it. Fix: use a resource type the pack checks (docs/policy-pack.md lists them), remove the tag if the resource is not part of the sync server, or after reviewing the type add it to "reviewedTypes" in the config of entra-connect-disallow-unknown-tagged-type. (requirement tier0.verifiable-type: Every resource tagged entra-connect-role is of a type the policy pack can verify)',
    ]);
  });

  it("counts any value of the tag (matched case-insensitively), and is mandatory", async () => {
    expect(
      await run(disallowUnknownTaggedType, "azure-native:storage:StorageAccount", { tags: { "Entra-Connect-Role": "backup" } }),
    ).toHaveLength(1);
    expect(disallowUnknownTaggedType.enforcementLevel).toBe("mandatory");
  });

  it("says 'cannot verify at preview' when the tags are computed", async () => {
    expect((await run(disallowUnknownTaggedType, "azure-native:compute:Disk", set(disk(), "tags", U)))[0]).toMatch(
      /^cannot verify at preview: the entra-connect-role tag \(tags\) is not known until the deployment runs/,
    );
  });

  it("ignores untagged resources, every known type, and the types the component tags (ASG, VM extensions)", async () => {
    expect(await run(disallowUnknownTaggedType, "azure-native:compute:Disk", set(disk(), "tags", { app: "web" }))).toEqual([]);
    for (const type of KNOWN_TYPES) expect(await run(disallowUnknownTaggedType, type, disk())).toEqual([]);
    for (const type of [
      NATIVE.applicationSecurityGroup,
      NATIVE.virtualMachineExtension,
      "azure-native:network/v20240301:ApplicationSecurityGroup",
    ]) {
      expect(await run(disallowUnknownTaggedType, type, disk())).toEqual([]);
    }
  });

  it("accepts a type listed in reviewedTypes, and only that type", async () => {
    const config = { reviewedTypes: ["azure-native:compute:Disk"] };
    expect(await run(disallowUnknownTaggedType, "azure-native:compute:Disk", disk(), config)).toEqual([]);
    expect(await run(disallowUnknownTaggedType, "azure-native:compute:Snapshot", disk(), config)).toHaveLength(1);
  });
});
