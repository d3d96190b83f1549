import { disallowServerCore } from "../../src/policies/disallow-server-core";
import { disallowInternetInbound } from "../../src/policies/disallow-internet-inbound";
import { enforceMemorySizing } from "../../src/policies/enforce-memory-sizing";
import { enforceTrustedLaunch } from "../../src/policies/enforce-trusted-launch";
import { POLICIES } from "../../src/policies";
import { CLASSIC, NATIVE } from "../../src/policies/support/type-tokens";
import * as fixtures from "./fixtures";
import { nsg, U, vm } from "./fixtures";
import { run, set } from "./harness";

const VM = NATIVE.virtualMachine;
const MEM_REQ = "(requirement sizing.memory: VM memory meets the sizing tier of the object count)";
const relax = (policy: string): string =>
  `Fix: set it to a literal value in the program, or set "allowUnknownAtPreview": true in the config of ${policy} to accept it.`;

describe("unknown values at preview", () => {
  const compliant: [string, () => Record<string, unknown>][] = [
    [NATIVE.virtualMachine, fixtures.vm],
    [NATIVE.virtualMachineScaleSet, fixtures.vmss],
    [CLASSIC.windowsVirtualMachine, fixtures.classicVm],
    [CLASSIC.windowsVirtualMachineScaleSet, fixtures.classicVmss],
    [NATIVE.networkInterface, fixtures.nic],
    [NATIVE.networkSecurityGroup, fixtures.nsg],
    [NATIVE.securityRule, fixtures.securityRule],
    [NATIVE.sqlVirtualMachine, fixtures.sqlVm],
    [CLASSIC.mssqlVirtualMachine, fixtures.classicSqlVm],
    [NATIVE.firewallPolicyRuleCollectionGroup, fixtures.ruleGroup],
    [CLASSIC.firewallPolicyRuleCollectionGroup, fixtures.classicRuleGroup],
  ];
  it.each(compliant)("every policy passes the compliant %s behind the SDK proxy, never touching its unknown ids", async (type, fixture) => {
    for (const policy of POLICIES) expect(await run(policy, type, fixture(), {}, { proxy: true })).toEqual([]);
  });

  it.each([false, true])("a computed VM size is a 'cannot verify' violation, not a pass (SDK proxy: %s)", async (proxy) => {
    expect(await run(enforceMemorySizing, VM, set(vm(), "hardwareProfile.vmSize", U), {}, { proxy })).toEqual([
      `cannot verify at preview: the VM size (hardwareProfile.vmSize) is not known until the deployment runs. ${relax("entra-connect-enforce-memory-sizing")} ${MEM_REQ}`,
    ]);
  });

  it("allowUnknownAtPreview relaxes it", async () => {
    expect(
      await run(enforceMemorySizing, VM, set(vm(), "hardwareProfile.vmSize", U), { allowUnknownAtPreview: true }, { proxy: true }),
    ).toEqual([]);
  });

  it("a secret placeholder in preview JSON is reported as a secret", async () => {
    expect(await run(enforceTrustedLaunch, VM, set(vm(), "securityProfile", "[secret]"))).toEqual([
      `cannot verify at preview: the security type (securityProfile.securityType) is a secret in the plan. ${relax("entra-connect-enforce-trusted-launch")} (requirement tier0.trusted-launch: Trusted Launch with secure boot and vTPM)`,
    ]);
  });

  it("an unknown object inside a rule list fails closed", async () => {
    expect(await run(disallowInternetInbound, NATIVE.networkSecurityGroup, set(nsg(), "securityRules.1", U), {}, { proxy: true })).toEqual([
      `cannot verify at preview: the security rules (securityRules.1) is not known until the deployment runs. ${relax("entra-connect-disallow-internet-inbound")} (requirement tier0.no-internet-inbound: No inbound access from the internet; admin access only from named admin networks or Bastion)`,
    ]);
  });

  it("an unknown role tag cannot be scoped and says so", async () => {
    expect(await run(disallowServerCore, VM, set(vm(), "tags", U))).toEqual([
      `cannot verify at preview: the entra-connect-role tag (tags) is not known until the deployment runs. ${relax("entra-connect-disallow-server-core")} (requirement os.desktop-experience: Desktop Experience (no Server Core or Nano))`,
    ]);
  });
});

describe("scope", () => {
  const untaggedCore = (): Record<string, unknown> =>
    set(set(vm(), "tags", { app: "web" }), "storageProfile.imageReference.sku", "2022-datacenter-core");
  it("ignores an untagged VM, whatever it runs", async () => {
    for (const policy of POLICIES) expect(await run(policy, VM, untaggedCore())).toEqual([]);
  });

  it("matches the role tag case-insensitively", async () => {
    const m = set(
      set(vm(), "tags", { "Entra-Connect-Role": "Sync-Server", "entra-connect-version": "2.6.92.0" }),
      "storageProfile.imageReference.sku",
      "2022-datacenter-core",
    );
    expect(await run(disallowServerCore, VM, m)).toHaveLength(1);
  });

  it('scope "all-windows-vms" extends the server rules to every Windows VM', async () => {
    expect(await run(disallowServerCore, VM, untaggedCore(), { scope: "all-windows-vms" })).toEqual([
      "image MicrosoftWindowsServer WindowsServer 2022-datacenter-core: Server Core is not supported; Desktop Experience is required. Fix: use a Desktop Experience SKU such as 2022-datacenter-g2. (requirement os.desktop-experience: Desktop Experience (no Server Core or Nano))",
    ]);
  });

  it('scope "all-windows-vms" leaves Linux VMs alone', async () => {
    const linux = set(
      set(untaggedCore(), "storageProfile.imageReference", {
        publisher: "Canonical",
        offer: "ubuntu-24_04-lts",
        sku: "server",
        version: "latest",
      }),
      "osProfile",
      { linuxConfiguration: {} },
    );
    expect(await run(disallowServerCore, VM, linux, { scope: "all-windows-vms" })).toEqual([]);
  });
});
