/**
 * Compliant resource inputs, as `pulumi preview --json` shows them, for one Entra Connect sync server stack.
 * Each test takes a fresh copy and changes one property.
 */
import { UNKNOWN_STRING } from "../../src/policies/support/unknown";
import { dcOutboundAllow, inboundTcpAllow } from "../support/nsg-rules";

export const U = UNKNOWN_STRING;

export const URN = {
  vm: "urn:pulumi:dev::entra::azure-native:compute:VirtualMachine::sync",
  nic: "urn:pulumi:dev::entra::azure-native:network:NetworkInterface::sync-nic",
  nsg: "urn:pulumi:dev::entra::azure-native:network:NetworkSecurityGroup::sync-nsg",
  rule: "urn:pulumi:dev::entra::azure-native:network:SecurityRule::sync-rdp",
  sqlVm: "urn:pulumi:dev::entra::azure-native:sqlvirtualmachine:SqlVirtualMachine::sync-sql",
  ruleGroup: "urn:pulumi:dev::entra::azure-native:network:FirewallPolicyRuleCollectionGroup::egress",
} as const;

export const serverTags = (): Record<string, string> => ({
  "entra-connect-role": "sync-server",
  "entra-connect-object-count": "40000",
  "entra-connect-database": "localdb",
  "entra-connect-version": "2.6.92.0",
});

/** azure-native VirtualMachine: Server 2022 Desktop Experience, D2s_v5, 128 GB, Trusted Launch, no public IP. */
export const vm = (): Record<string, unknown> => ({
  resourceGroupName: "rg-entra",
  location: "westeurope",
  tags: serverTags(),
  hardwareProfile: { vmSize: "Standard_D2s_v5" },
  storageProfile: {
    imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-g2", version: "latest" },
    osDisk: { createOption: "FromImage", diskSizeGB: 128, managedDisk: { storageAccountType: "Premium_LRS" } },
  },
  securityProfile: { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true }, encryptionAtHost: true },
  osProfile: {
    computerName: "sync01",
    adminUsername: "azureadmin",
    adminPassword: "[secret]",
    windowsConfiguration: { provisionVMAgent: true },
  },
  networkProfile: { networkInterfaces: [{ id: U, primary: true }] },
});

/** azure-native VirtualMachineScaleSet with the same settings under virtualMachineProfile. */
export const vmss = (): Record<string, unknown> => {
  const v = vm();
  return {
    resourceGroupName: "rg-entra",
    tags: serverTags(),
    sku: { name: "Standard_D2s_v5", capacity: 1 },
    virtualMachineProfile: {
      storageProfile: v.storageProfile,
      securityProfile: v.securityProfile,
      osProfile: v.osProfile,
      networkProfile: {
        networkInterfaceConfigurations: [{ name: "nic", primary: true, ipConfigurations: [{ name: "ipconfig", subnet: { id: U } }] }],
      },
    },
  };
};

/** Classic @pulumi/azure WindowsVirtualMachine. */
export const classicVm = (): Record<string, unknown> => ({
  resourceGroupName: "rg-entra",
  tags: serverTags(),
  size: "Standard_D2s_v5",
  sourceImageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-g2", version: "latest" },
  osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS", diskSizeGb: 128 },
  secureBootEnabled: true,
  vtpmEnabled: true,
  encryptionAtHostEnabled: true,
  networkInterfaceIds: [U],
  adminUsername: "azureadmin",
  adminPassword: "[secret]",
});

/** Classic WindowsVirtualMachineScaleSet. */
export const classicVmss = (): Record<string, unknown> => {
  const { size, networkInterfaceIds: _ids, ...rest } = classicVm();
  return {
    ...rest,
    sku: size,
    instances: 1,
    networkInterfaces: [{ name: "nic", primary: true, ipConfigurations: [{ name: "ip", subnetId: U }] }],
  };
};

export const nic = (): Record<string, unknown> => ({
  resourceGroupName: "rg-entra",
  tags: serverTags(),
  ipConfigurations: [{ name: "ipconfig", subnet: { id: U }, privateIPAllocationMethod: "Dynamic" }],
  networkSecurityGroup: { id: U },
});

/** The server's NSG: RDP from the admin network, the DC port table out to both DCs. */
export const nsg = (): Record<string, unknown> => ({
  resourceGroupName: "rg-entra",
  tags: serverTags(),
  securityRules: [inboundTcpAllow("allow-rdp-from-admin", 100, "10.10.0.0/24", "3389"), dcOutboundAllow()],
});

/** A standalone rule of the server's NSG (no tags: azure-native SecurityRule has none). */
export const securityRule = (): Record<string, unknown> => ({
  resourceGroupName: "rg-entra",
  networkSecurityGroupName: "sync-nsg",
  name: "allow-https-from-bastion",
  priority: 110,
  direction: "Inbound",
  access: "Allow",
  protocol: "Tcp",
  sourceAddressPrefixes: ["10.10.1.0/26"],
  sourcePortRange: "*",
  destinationAddressPrefix: "*",
  destinationPortRange: "443",
});

export const sqlVm = (): Record<string, unknown> => ({
  resourceGroupName: "rg-entra",
  tags: { ...serverTags(), "entra-connect-role": "sync-database", "entra-connect-vm-size": "Standard_E4s_v5" },
  virtualMachineResourceId: U,
  sqlImageOffer: "SQL2022-WS2022",
  sqlImageSku: "Standard",
  serverConfigurationsManagementSettings: { sqlInstanceSettings: { collation: "SQL_Latin1_General_CP1_CI_AS", maxServerMemoryMB: 28672 } },
});

export const classicSqlVm = (): Record<string, unknown> => ({
  tags: { ...serverTags(), "entra-connect-role": "sync-database", "entra-connect-vm-size": "Standard_E4s_v5" },
  virtualMachineId: U,
  sqlLicenseType: "PAYG",
  sqlInstance: { collation: "SQL_Latin1_General_CP1_CI_AS", maxServerMemoryMb: 28672 },
});

/** Entra endpoints a firewall application rule names (two of the catalogue's outbound endpoints). */
export const ENTRA_FQDNS: readonly string[] = ["*.microsoftonline.com", "login.windows.net"];

/** The firewall's application rule for Entra endpoints (azure-native and ARM ApplicationRule); TLS inspection off by default. */
export const entraApplicationRule = (terminateTLS = false): Record<string, unknown> => ({
  ruleType: "ApplicationRule",
  name: "entra",
  protocols: [{ protocolType: "Https", port: 443 }],
  sourceAddresses: ["10.0.1.0/24"],
  targetFqdns: [...ENTRA_FQDNS],
  terminateTLS,
});

/** An Allow filter rule collection "egress" holding `rules` (azure-native and ARM FirewallPolicyFilterRuleCollection). */
export const egressRuleCollection = (rules: Record<string, unknown>[]): Record<string, unknown> => ({
  ruleCollectionType: "FirewallPolicyFilterRuleCollection",
  name: "egress",
  priority: 100,
  action: { type: "Allow" },
  rules,
});

export const ruleGroup = (): Record<string, unknown> => ({
  resourceGroupName: "rg-hub",
  firewallPolicyName: "hub",
  priority: 200,
  ruleCollections: [
    egressRuleCollection([
      entraApplicationRule(),
      {
        ruleType: "ApplicationRule",
        name: "web",
        protocols: [{ protocolType: "Https", port: 443 }],
        sourceAddresses: ["10.0.2.0/24"],
        targetFqdns: ["*.contoso.com"],
        terminateTLS: true,
      },
      {
        ruleType: "NetworkRule",
        name: "dns",
        ipProtocols: ["UDP"],
        sourceAddresses: ["*"],
        destinationAddresses: ["10.0.0.4"],
        destinationPorts: ["53"],
      },
    ]),
  ],
});

export const classicRuleGroup = (): Record<string, unknown> => ({
  firewallPolicyId: U,
  priority: 200,
  applicationRuleCollections: [
    {
      name: "egress",
      priority: 100,
      action: "Allow",
      rules: [
        {
          name: "entra",
          protocols: [{ type: "Https", port: 443 }],
          sourceAddresses: ["10.0.1.0/24"],
          destinationFqdns: ["*.microsoftonline.com"],
          terminateTls: false,
        },
      ],
    },
  ],
});
