/**
 * azurerm resources in the shapes the policies read. The classic @pulumi/azure provider is generated from the
 * azurerm provider (Pulumi's Terraform bridge), so an azurerm resource's `after` value becomes that provider's
 * inputs by the bridge's naming rules: snake_case attributes become camelCase, nested blocks limited to one
 * item (MaxItems 1) become one object, and repeated blocks take a plural name (`security_rule` ->
 * `securityRules`). The legacy `azurerm_virtual_machine` has no classic counterpart the policies read, so it is
 * translated into azure-native's VirtualMachine shape, which holds the same fields under Azure's own names.
 */
import { isRecord } from "../../plan/is-record";
import { CLASSIC, NATIVE } from "../../policies/support/type-tokens";

/** azurerm resource type -> the Pulumi type token the policies match. */
export const TERRAFORM_TYPES: Readonly<Record<string, string>> = {
  azurerm_windows_virtual_machine: CLASSIC.windowsVirtualMachine,
  azurerm_windows_virtual_machine_scale_set: CLASSIC.windowsVirtualMachineScaleSet,
  azurerm_virtual_machine: NATIVE.virtualMachine,
  azurerm_network_interface: CLASSIC.networkInterface,
  azurerm_network_security_group: CLASSIC.networkSecurityGroup,
  azurerm_network_security_rule: CLASSIC.networkSecurityRule,
  azurerm_mssql_virtual_machine: CLASSIC.mssqlVirtualMachine,
  azurerm_mssql_server: CLASSIC.mssqlServer,
  azurerm_mssql_database: CLASSIC.mssqlDatabase,
  azurerm_mssql_managed_instance: CLASSIC.mssqlManagedInstance,
  azurerm_firewall_policy_rule_collection_group: CLASSIC.firewallPolicyRuleCollectionGroup,
  azurerm_application_security_group: CLASSIC.applicationSecurityGroup,
  azurerm_virtual_machine_extension: CLASSIC.virtualMachineExtension,
};

/** The association resource that attaches an NSG to a NIC (azurerm keeps it out of the NIC). */
export const NIC_NSG_ASSOCIATION = "azurerm_network_interface_security_group_association";

/** Repeated blocks whose Pulumi name is plural (the bridge pluralises list blocks with a singular name). */
const PLURAL_BLOCKS: Readonly<Record<string, string>> = {
  security_rule: "securityRules",
  ip_configuration: "ipConfigurations",
  network_interface: "networkInterfaces",
  public_ip_address: "publicIpAddresses",
  application_rule_collection: "applicationRuleCollections",
  network_rule_collection: "networkRuleCollections",
  nat_rule_collection: "natRuleCollections",
  rule: "rules",
};

/** Blocks with MaxItems 1: a one-item list in the plan, one object in Pulumi. */
const SINGLE_BLOCKS: ReadonlySet<string> = new Set([
  "os_disk",
  "source_image_reference",
  "sql_instance",
  "storage_image_reference",
  "storage_os_disk",
  "os_profile_windows_config",
  "additional_capabilities",
  "boot_diagnostics",
  "identity",
  "plan",
]);

/** Map attributes whose keys are data (tag names), never renamed. */
const MAP_ATTRIBUTES: ReadonlySet<string> = new Set(["tags"]);

/** Pulumi names by azurerm name, computed once: the same few hundred attribute names recur in every plan. */
const NAMES = new Map<string, string>(Object.entries(PLURAL_BLOCKS));

function pulumiName(name: string): string {
  let out = NAMES.get(name);
  if (out === undefined) NAMES.set(name, (out = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())));
  return out;
}

/** Renames one azurerm value tree into the classic provider's input names. Marker strings pass through. */
export function toClassicInputs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toClassicInputs);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === null || v === undefined) continue;
    const name = pulumiName(key);
    if (MAP_ATTRIBUTES.has(key)) out[name] = v;
    else if (SINGLE_BLOCKS.has(key) && Array.isArray(v)) {
      if (v.length > 0) out[name] = toClassicInputs(v[0]);
    } else out[name] = toClassicInputs(v);
  }
  return out;
}

/** The first item of a one-item block, or the value itself when it is a marker string (unknown, secret). */
function single(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The legacy `azurerm_virtual_machine` as azure-native VirtualMachine inputs (vm_size, storage_image_reference,
 * storage_os_disk, os_profile_windows_config, network_interface_ids). It has no security profile: azurerm never
 * added Trusted Launch to this deprecated resource, so the Trusted Launch policy reports it.
 */
export function legacyVmInputs(after: Record<string, unknown>): Record<string, unknown> {
  const image = single(after.storage_image_reference);
  const osDisk = single(after.storage_os_disk);
  const windows = single(after.os_profile_windows_config);
  const disk = isRecord(osDisk) ? { diskSizeGB: osDisk.disk_size_gb ?? undefined, osType: osDisk.os_type ?? undefined } : osDisk;
  const nics = after.network_interface_ids;
  return {
    tags: after.tags ?? undefined,
    hardwareProfile: { vmSize: after.vm_size ?? undefined },
    storageProfile: { imageReference: toClassicInputs(image), osDisk: disk },
    osProfile: windows === undefined || windows === null ? undefined : { windowsConfiguration: toClassicInputs(windows) },
    networkProfile: { networkInterfaces: Array.isArray(nics) ? nics.map((id) => ({ id })) : nics },
  };
}
