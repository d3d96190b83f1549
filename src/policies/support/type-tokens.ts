/**
 * The Pulumi type tokens the policies match. Policies compare `args.type` with these strings and never load a
 * provider SDK at run time (azure-native v3 and the classic @pulumi/azure provider).
 */

/** azure-native v3 resource types. */
export const NATIVE = {
  virtualMachine: "azure-native:compute:VirtualMachine",
  virtualMachineScaleSet: "azure-native:compute:VirtualMachineScaleSet",
  networkInterface: "azure-native:network:NetworkInterface",
  networkSecurityGroup: "azure-native:network:NetworkSecurityGroup",
  securityRule: "azure-native:network:SecurityRule",
  sqlVirtualMachine: "azure-native:sqlvirtualmachine:SqlVirtualMachine",
  sqlServer: "azure-native:sql:Server",
  sqlDatabase: "azure-native:sql:Database",
  sqlManagedInstance: "azure-native:sql:ManagedInstance",
  firewallPolicyRuleCollectionGroup: "azure-native:network:FirewallPolicyRuleCollectionGroup",
} as const;

/** Classic @pulumi/azure provider resource types. */
export const CLASSIC = {
  windowsVirtualMachine: "azure:compute/windowsVirtualMachine:WindowsVirtualMachine",
  windowsVirtualMachineScaleSet: "azure:compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet",
  mssqlVirtualMachine: "azure:mssql/virtualMachine:VirtualMachine",
  mssqlServer: "azure:mssql/server:Server",
  mssqlDatabase: "azure:mssql/database:Database",
  mssqlManagedInstance: "azure:mssql/managedInstance:ManagedInstance",
  networkInterface: "azure:network/networkInterface:NetworkInterface",
  networkSecurityGroup: "azure:network/networkSecurityGroup:NetworkSecurityGroup",
  networkSecurityRule: "azure:network/networkSecurityRule:NetworkSecurityRule",
  firewallPolicyRuleCollectionGroup: "azure:network/firewallPolicyRuleCollectionGroup:FirewallPolicyRuleCollectionGroup",
} as const;

/** Types that are a Windows server (a VM or a scale set): the sync server's rules apply to them. */
export const SERVER_TYPES: readonly string[] = [
  NATIVE.virtualMachine,
  NATIVE.virtualMachineScaleSet,
  CLASSIC.windowsVirtualMachine,
  CLASSIC.windowsVirtualMachineScaleSet,
];

/** Types that register SQL Server on a VM. */
export const SQL_VM_TYPES: readonly string[] = [NATIVE.sqlVirtualMachine, CLASSIC.mssqlVirtualMachine];

/** Azure SQL platform services (a logical server, its databases, a managed instance): never the sync database. */
export const AZURE_SQL_TYPES: readonly string[] = [
  NATIVE.sqlServer,
  NATIVE.sqlDatabase,
  NATIVE.sqlManagedInstance,
  CLASSIC.mssqlServer,
  CLASSIC.mssqlDatabase,
  CLASSIC.mssqlManagedInstance,
];

/** Network interfaces. */
export const NIC_TYPES: readonly string[] = [NATIVE.networkInterface, CLASSIC.networkInterface];

/** Network security groups with inline `securityRules`. */
export const NSG_TYPES: readonly string[] = [NATIVE.networkSecurityGroup, CLASSIC.networkSecurityGroup];

/** Standalone NSG rules. */
export const SECURITY_RULE_TYPES: readonly string[] = [NATIVE.securityRule, CLASSIC.networkSecurityRule];

/** Firewall policy rule collection groups (application rules live there). */
export const FIREWALL_RULE_GROUP_TYPES: readonly string[] = [
  NATIVE.firewallPolicyRuleCollectionGroup,
  CLASSIC.firewallPolicyRuleCollectionGroup,
];
