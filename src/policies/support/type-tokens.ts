/**
 * The Pulumi type tokens the policies match. Policies compare `args.type` with these strings and never load a
 * provider SDK at run time (azure-native v3 and the classic @pulumi/azure provider).
 */
import { BoundedMemo } from "../../support/memo";

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
  applicationSecurityGroup: "azure-native:network:ApplicationSecurityGroup",
  virtualMachineExtension: "azure-native:compute:VirtualMachineExtension",
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
  applicationSecurityGroup: "azure:network/applicationSecurityGroup:ApplicationSecurityGroup",
  virtualMachineExtension: "azure:compute/extension:Extension",
} as const;

/**
 * Every type the pack knows: the types its policies read, plus the application security groups and VM
 * extensions the component tags, which hold nothing a requirement judges (an ASG holds no rules; an extension
 * runs on a VM whose own policies apply). A tagged resource of any other type cannot be verified.
 */
export const KNOWN_TYPES: ReadonlySet<string> = new Set<string>([...Object.values(NATIVE), ...Object.values(CLASSIC)]);

/**
 * azure-native's explicit API-version modules: `azure-native:keyvault/v20230201:Vault` next to the top-level
 * `azure-native:keyvault:Vault`; preview versions as `v20190515preview`. (Pulumi's Azure Native version guide;
 * in v3 they come from `pulumi package add azure-native <module> <version>`.)
 */
const VERSIONED_NATIVE = /^azure-native:([a-z0-9]+)\/v\d{8}[a-z]*:([A-Za-z0-9]+)$/;

/**
 * The token the policies match: a versioned azure-native token of a type the pack knows becomes its top-level
 * token (`azure-native:compute/v20240701:VirtualMachine` -> `azure-native:compute:VirtualMachine`); every other
 * token is returned as it is.
 */
export function canonicalType(type: string): string {
  return CANONICAL.get(type, () => {
    const m = VERSIONED_NATIVE.exec(type);
    const topLevel = m ? `azure-native:${m[1]}:${m[2]}` : type;
    return KNOWN_TYPES.has(topLevel) ? topLevel : type;
  });
}

/**
 * Tokens already canonicalised: a plan repeats a few dozen types on thousands of resources, read by every policy;
 * bounded, as a file could hold any number of invented type tokens.
 */
const CANONICAL = new BoundedMemo<string, string>(10_000);

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
