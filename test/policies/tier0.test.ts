import { disallowInternetInbound } from "../../src/policies/disallow-internet-inbound";
import { disallowPublicIp } from "../../src/policies/disallow-public-ip";
import { enableEncryptionAtHost } from "../../src/policies/enable-encryption-at-host";
import { enforceTrustedLaunch } from "../../src/policies/enforce-trusted-launch";
import { CLASSIC, NATIVE } from "../../src/policies/support/type-tokens";
import { classicVm, classicVmss, nic, nsg, securityRule, U, vm, vmss } from "./fixtures";
import { run, set } from "./harness";

const PIP_REQ = "(requirement tier0.no-public-ip: No public IP on a Tier-0 sync server)";
const INBOUND_REQ =
  "(requirement tier0.no-internet-inbound: No inbound access from the internet; admin access only from named admin networks or Bastion)";
const TL_REQ = "(requirement tier0.trusted-launch: Trusted Launch with secure boot and vTPM)";
const EAH_REQ = "(requirement tier0.encryption-at-host: Encryption at host (recommended))";
/** Public addresses outside RFC 1918, RFC 6598 and fc00::/7: IPv4 2^32 - 2^24 - 2^20 - 2^16 - 2^22, IPv6 2^128 - 2^121. */
const PUBLIC_V4 = 2n ** 32n - 2n ** 24n - 2n ** 20n - 2n ** 16n - 2n ** 22n;
const PUBLIC_ALL = PUBLIC_V4 + 2n ** 128n - 2n ** 121n;
const opens = (n: bigint): string => `it opens ${n.toLocaleString("en-US")} public addresses outside the private ranges`;
const RANGES = "10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7";
const pipFix = "Fix: remove {field}; reach the server through Azure Bastion or a private admin network.";

describe("tier-0 policies on compliant resources", () => {
  it.each([
    [NATIVE.virtualMachine, vm],
    [NATIVE.virtualMachineScaleSet, vmss],
    [CLASSIC.windowsVirtualMachine, classicVm],
    [CLASSIC.windowsVirtualMachineScaleSet, classicVmss],
    [NATIVE.networkInterface, nic],
    [NATIVE.networkSecurityGroup, nsg],
  ])("%s: no violation", async (type, fixture) => {
    for (const policy of [disallowPublicIp, disallowInternetInbound, enforceTrustedLaunch, enableEncryptionAtHost])
      expect(await run(policy, type, fixture())).toEqual([]);
  });
});

describe("entra-connect-disallow-public-ip", () => {
  it("refuses a NIC with a public IP whose id is not known yet (behind the SDK proxy)", async () => {
    const m = set(nic(), "ipConfigurations.0.publicIPAddress", { id: U });
    const expected = [
      `ipConfigurations.0.publicIPAddress attaches a public IP to the sync server. ${pipFix.replace("{field}", "publicIPAddress")} ${PIP_REQ}`,
    ];
    expect(await run(disallowPublicIp, NATIVE.networkInterface, m)).toEqual(expected);
    expect(await run(disallowPublicIp, NATIVE.networkInterface, m, {}, { proxy: true })).toEqual(expected);
  });

  it("refuses a classic NIC whose publicIpAddressId is unknown", async () => {
    const m = { tags: { "entra-connect-role": "sync-server" }, ipConfigurations: [{ name: "ip", subnetId: U, publicIpAddressId: U }] };
    expect(await run(disallowPublicIp, CLASSIC.networkInterface, m, {}, { proxy: true })).toEqual([
      `ipConfigurations.0.publicIpAddressId attaches a public IP to the sync server. ${pipFix.replace("{field}", "publicIpAddressId")} ${PIP_REQ}`,
    ]);
  });

  it("refuses an inline publicIPAddressConfiguration on a VM and a scale set", async () => {
    const inline = [
      {
        name: "nic",
        ipConfigurations: [{ name: "ip", subnet: { id: U }, publicIPAddressConfiguration: { name: "pip", sku: { name: "Standard" } } }],
      },
    ];
    const msg = (base: string): string =>
      `${base}networkProfile.networkInterfaceConfigurations.0.ipConfigurations.0.publicIPAddressConfiguration attaches a public IP to the sync server. ${pipFix.replace("{field}", "publicIPAddressConfiguration")} ${PIP_REQ}`;
    expect(await run(disallowPublicIp, NATIVE.virtualMachine, set(vm(), "networkProfile.networkInterfaceConfigurations", inline))).toEqual([
      msg(""),
    ]);
    expect(
      await run(
        disallowPublicIp,
        NATIVE.virtualMachineScaleSet,
        set(vmss(), "virtualMachineProfile.networkProfile.networkInterfaceConfigurations", inline),
      ),
    ).toEqual([msg("virtualMachineProfile.")]);
  });

  it("refuses public IPs on a classic scale set", async () => {
    const m = set(classicVmss(), "networkInterfaces.0.ipConfigurations.0.publicIpAddresses", [{ name: "pip" }]);
    expect(await run(disallowPublicIp, CLASSIC.windowsVirtualMachineScaleSet, m)).toEqual([
      `networkInterfaces.0.ipConfigurations.0.publicIpAddresses attaches a public IP to the sync server. ${pipFix.replace("{field}", "publicIpAddresses")} ${PIP_REQ}`,
    ]);
  });

  it("ignores an untagged NIC", async () => {
    expect(
      await run(
        disallowPublicIp,
        NATIVE.networkInterface,
        set(set(nic(), "tags", undefined), "ipConfigurations.0.publicIPAddress", { id: U }),
      ),
    ).toEqual([]);
  });
});

describe("entra-connect-disallow-internet-inbound", () => {
  const fix = (path: string): string =>
    `Fix: restrict the source of ${path} to the admin network's prefix or the Bastion subnet, inside ${RANGES}.`;
  it.each([
    ["*", PUBLIC_ALL],
    ["Internet", PUBLIC_ALL],
    ["ANY", PUBLIC_ALL],
    ["0.0.0.0/0", PUBLIC_V4],
    ["::/0", 2n ** 128n - 2n ** 121n],
    ["8.8.8.8/32", 1n],
    ["10.0.0.0/7", 2n ** 24n],
    ["172.32.0.0/16", 2n ** 16n],
  ])("refuses an inline inbound allow from %s, counting the public addresses it opens", async (prefix, count) => {
    expect(
      await run(disallowInternetInbound, NATIVE.networkSecurityGroup, set(nsg(), "securityRules.0.sourceAddressPrefix", prefix)),
    ).toEqual([
      `rule allow-rdp-from-admin (priority 100) allows inbound traffic from ${prefix} to ports 3389: ${opens(count)}. ${fix("securityRules.0")} ${INBOUND_REQ}`,
    ]);
  });

  // Issue 9 item 10: the internet in two halves matches no "internet" string, but opens every public IPv4 address.
  it("refuses 0.0.0.0/1 + 128.0.0.0/1, counting the union once", async () => {
    const m = set(set(nsg(), "securityRules.0.sourceAddressPrefix", undefined), "securityRules.0.sourceAddressPrefixes", [
      "10.10.0.0/24",
      "0.0.0.0/1",
      "128.0.0.0/1",
    ]);
    expect(await run(disallowInternetInbound, NATIVE.networkSecurityGroup, m)).toEqual([
      `rule allow-rdp-from-admin (priority 100) allows inbound traffic from 0.0.0.0/1, 128.0.0.0/1 to ports 3389: ${opens(PUBLIC_V4)}. ${fix("securityRules.0")} ${INBOUND_REQ}`,
    ]);
  });

  it.each(["10.10.0.0/24", "172.16.5.0/24", "192.168.0.0/16", "100.64.1.0/24", "fd00:1::/64", "VirtualNetwork", "AzureLoadBalancer"])(
    "accepts an inbound allow from the private or non-internet source %s",
    async (prefix) => {
      expect(
        await run(disallowInternetInbound, NATIVE.networkSecurityGroup, set(nsg(), "securityRules.0.sourceAddressPrefix", prefix)),
      ).toEqual([]);
    },
  );

  it("refuses a service tag of public Azure addresses", async () => {
    expect(
      await run(disallowInternetInbound, NATIVE.networkSecurityGroup, set(nsg(), "securityRules.0.sourceAddressPrefix", "AzureCloud")),
    ).toEqual([
      `rule allow-rdp-from-admin (priority 100) allows inbound traffic from AzureCloud to ports 3389: it opens service tag AzureCloud, which covers public addresses. ${fix("securityRules.0")} ${INBOUND_REQ}`,
    ]);
  });

  it("refuses the plural sourceAddressPrefixes field", async () => {
    const m = set(set(nsg(), "securityRules.0.sourceAddressPrefix", undefined), "securityRules.0.sourceAddressPrefixes", [
      "10.0.0.0/8",
      "Internet",
    ]);
    expect(await run(disallowInternetInbound, NATIVE.networkSecurityGroup, m)).toEqual([
      `rule allow-rdp-from-admin (priority 100) allows inbound traffic from Internet to ports 3389: ${opens(PUBLIC_ALL)}. ${fix("securityRules.0")} ${INBOUND_REQ}`,
    ]);
  });

  it("accepts an inbound deny from the internet and an outbound allow to it", async () => {
    expect(
      await run(
        disallowInternetInbound,
        NATIVE.networkSecurityGroup,
        set(set(nsg(), "securityRules.0.sourceAddressPrefix", "*"), "securityRules.0.access", "Deny"),
      ),
    ).toEqual([]);
    expect(
      await run(
        disallowInternetInbound,
        NATIVE.networkSecurityGroup,
        set(set(nsg(), "securityRules.0.sourceAddressPrefix", "*"), "securityRules.0.direction", "Outbound"),
      ),
    ).toEqual([]);
  });

  it("refuses a standalone SecurityRule of an NSG named in config (it carries no tags)", async () => {
    const m = set(securityRule(), "sourceAddressPrefixes", ["Internet"]);
    expect(await run(disallowInternetInbound, NATIVE.securityRule, m)).toEqual([]);
    expect(await run(disallowInternetInbound, NATIVE.securityRule, m, { networkSecurityGroupNames: ["SYNC-NSG"] })).toEqual([
      `rule allow-https-from-bastion (priority 110) allows inbound traffic from Internet to ports 443: ${opens(PUBLIC_ALL)}. ${fix("the rule")} ${INBOUND_REQ}`,
    ]);
  });

  it("refuses a classic standalone rule tagged by relation", async () => {
    const m = {
      ...securityRule(),
      tags: { "entra-connect-role": "sync-server" },
      sourceAddressPrefix: "0.0.0.0/0",
      sourceAddressPrefixes: undefined,
    };
    expect(await run(disallowInternetInbound, CLASSIC.networkSecurityRule, m)).toEqual([
      `rule allow-https-from-bastion (priority 110) allows inbound traffic from 0.0.0.0/0 to ports 443: ${opens(PUBLIC_V4)}. ${fix("the rule")} ${INBOUND_REQ}`,
    ]);
  });
});

describe("entra-connect-enforce-trusted-launch", () => {
  it("refuses a VM without Trusted Launch", async () => {
    expect(await run(enforceTrustedLaunch, NATIVE.virtualMachine, set(vm(), "securityProfile", { encryptionAtHost: true }))).toEqual([
      `securityProfile.securityType is not set, so the VM is not a Trusted Launch VM. Fix: set securityProfile.securityType to "TrustedLaunch". ${TL_REQ}`,
      `secure boot is not enabled (securityProfile.uefiSettings.secureBootEnabled is not set). Fix: set securityProfile.uefiSettings.secureBootEnabled to true. ${TL_REQ}`,
      `vTPM is not enabled (securityProfile.uefiSettings.vTpmEnabled is not set). Fix: set securityProfile.uefiSettings.vTpmEnabled to true. ${TL_REQ}`,
    ]);
  });

  it("refuses a Standard security type and vTPM off on a scale set", async () => {
    const m = set(
      set(vmss(), "virtualMachineProfile.securityProfile.securityType", "Standard"),
      "virtualMachineProfile.securityProfile.uefiSettings.vTpmEnabled",
      false,
    );
    expect(await run(enforceTrustedLaunch, NATIVE.virtualMachineScaleSet, m)).toEqual([
      `virtualMachineProfile.securityProfile.securityType is "Standard", so the VM is not a Trusted Launch VM. Fix: set virtualMachineProfile.securityProfile.securityType to "TrustedLaunch". ${TL_REQ}`,
      `vTPM is not enabled (virtualMachineProfile.securityProfile.uefiSettings.vTpmEnabled is false). Fix: set virtualMachineProfile.securityProfile.uefiSettings.vTpmEnabled to true. ${TL_REQ}`,
    ]);
  });

  it("refuses secure boot off on a classic VM", async () => {
    expect(await run(enforceTrustedLaunch, CLASSIC.windowsVirtualMachine, set(classicVm(), "secureBootEnabled", false))).toEqual([
      `secure boot is not enabled (secureBootEnabled is false). Fix: set secureBootEnabled to true. ${TL_REQ}`,
    ]);
  });
});

describe("entra-connect-enable-encryption-at-host", () => {
  it("recommends encryption at host", async () => {
    expect(await run(enableEncryptionAtHost, NATIVE.virtualMachine, set(vm(), "securityProfile.encryptionAtHost", undefined))).toEqual([
      `encryption at host is not enabled (securityProfile.encryptionAtHost is not set). Fix: set securityProfile.encryptionAtHost to true. ${EAH_REQ}`,
    ]);
    expect(await run(enableEncryptionAtHost, CLASSIC.windowsVirtualMachine, set(classicVm(), "encryptionAtHostEnabled", false))).toEqual([
      `encryption at host is not enabled (encryptionAtHostEnabled is false). Fix: set encryptionAtHostEnabled to true. ${EAH_REQ}`,
    ]);
  });
});
