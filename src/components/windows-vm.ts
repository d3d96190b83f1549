/**
 * The private, secure Windows server both components build (NSG, NIC, VM): Gen2 marketplace image, Trusted Launch with secure boot and
 * vTPM, encryption at host, managed boot diagnostics, platform patching, Premium SSD, no public IP (the NIC is
 * passed in), the admin password as a secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { VirtualMachine, type VirtualMachineArgs } from "@pulumi/azure-native/compute/virtualMachine";
import { NetworkInterface } from "@pulumi/azure-native/network/networkInterface";
import { NetworkSecurityGroup } from "@pulumi/azure-native/network/networkSecurityGroup";
import type * as inputs from "@pulumi/azure-native/types/input";
import type { ImageReference } from "../requirements";
import type { SecurityRule } from "./security-rules";

/** The local administrator name when the args give none. */
export const DEFAULT_ADMIN_USERNAME = "entraadmin";

/** Windows computer names (NetBIOS) are at most 15 characters. */
const COMPUTER_NAME_MAX = 15;

/**
 * A Windows computer name from a component name and a suffix kept whole (e.g. "-sql"): letters, digits and
 * hyphens, at most 15 characters.
 */
export function computerNameFor(name: string, suffix = ""): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9-]/g, "")
    .slice(0, COMPUTER_NAME_MAX - suffix.length)
    .replace(/-+$/, "");
  if (!/[A-Za-z]/.test(cleaned))
    throw new Error(`Cannot derive a Windows computer name from "${name}": use letters in the component name.`);
  return cleaned + suffix;
}

export interface SecureWindowsVmOptions {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location?: pulumi.Input<string>;
  /** The Windows computer name (see computerNameFor). */
  readonly computerName: string;
  readonly vmSize: string;
  readonly image: ImageReference;
  readonly osDiskSizeGb: number;
  readonly adminUsername?: pulumi.Input<string>;
  readonly adminPassword: pulumi.Input<string>;
  readonly networkInterfaceId: pulumi.Input<string>;
  readonly dataDisks?: inputs.compute.DataDiskArgs[];
  /**
   * Guest patching: "AutomaticByPlatform" (default; Azure orchestrates patches, only on the images Microsoft lists)
   * or "AutomaticByOS" (Windows Update; for images outside that list, such as SQL Server's).
   */
  readonly patchMode?: "AutomaticByPlatform" | "AutomaticByOS";
  readonly tags: Record<string, string>;
}

/** VirtualMachine args for a hardened Windows Server. */
export function secureWindowsVmArgs(o: SecureWindowsVmOptions): VirtualMachineArgs {
  return {
    resourceGroupName: o.resourceGroupName,
    ...(o.location === undefined ? {} : { location: o.location }),
    hardwareProfile: { vmSize: o.vmSize },
    storageProfile: {
      imageReference: { ...o.image },
      osDisk: {
        createOption: "FromImage",
        diskSizeGB: o.osDiskSizeGb,
        caching: "ReadWrite",
        deleteOption: "Delete",
        managedDisk: { storageAccountType: "Premium_LRS" },
      },
      ...(o.dataDisks === undefined ? {} : { dataDisks: o.dataDisks }),
    },
    securityProfile: {
      securityType: "TrustedLaunch",
      uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
      encryptionAtHost: true,
    },
    diagnosticsProfile: { bootDiagnostics: { enabled: true } },
    osProfile: {
      computerName: o.computerName,
      adminUsername: o.adminUsername ?? DEFAULT_ADMIN_USERNAME,
      adminPassword: pulumi.secret(o.adminPassword),
      windowsConfiguration: {
        provisionVMAgent: true,
        enableAutomaticUpdates: true,
        patchSettings:
          (o.patchMode ?? "AutomaticByPlatform") === "AutomaticByPlatform"
            ? { patchMode: "AutomaticByPlatform", assessmentMode: "AutomaticByPlatform" }
            : { patchMode: o.patchMode, assessmentMode: "ImageDefault" },
      },
    },
    networkProfile: { networkInterfaces: [{ id: o.networkInterfaceId, primary: true, deleteOption: "Delete" }] },
    tags: o.tags,
  };
}

export interface PrivateWindowsServerOptions extends Omit<SecureWindowsVmOptions, "networkInterfaceId"> {
  readonly subnetId: pulumi.Input<string>;
  readonly securityRules: SecurityRule[];
  /** Application security groups the NIC joins (so other NSGs can name this server as a source). */
  readonly applicationSecurityGroupIds?: pulumi.Input<string>[];
  /** The NIC's DNS servers; none or empty: the virtual network's DNS settings. */
  readonly dnsServers?: readonly string[];
}

export interface PrivateWindowsServer {
  readonly nsg: NetworkSecurityGroup;
  readonly nic: NetworkInterface;
  readonly vm: VirtualMachine;
  /** The NIC's private IP address, once Azure has allocated it. */
  readonly privateIp: pulumi.Output<string>;
}

/** Creates `${name}-nsg`, `${name}-nic` (no public IP) and `${name}-vm` as children of `parent`. */
export function createPrivateWindowsServer(name: string, parent: pulumi.Resource, o: PrivateWindowsServerOptions): PrivateWindowsServer {
  const placement = { resourceGroupName: o.resourceGroupName, ...(o.location === undefined ? {} : { location: o.location }), tags: o.tags };
  const nsg = new NetworkSecurityGroup(`${name}-nsg`, { ...placement, securityRules: o.securityRules }, { parent });
  const asgs = o.applicationSecurityGroupIds?.map((id) => ({ id }));
  const nic = new NetworkInterface(
    `${name}-nic`,
    {
      ...placement,
      ipConfigurations: [
        {
          name: "ipconfig1",
          primary: true,
          subnet: { id: o.subnetId },
          privateIPAllocationMethod: "Dynamic",
          ...(asgs === undefined ? {} : { applicationSecurityGroups: asgs }),
        },
      ],
      networkSecurityGroup: { id: nsg.id },
      ...(o.dnsServers?.length ? { dnsSettings: { dnsServers: [...o.dnsServers] } } : {}),
    },
    { parent },
  );
  const vm = new VirtualMachine(`${name}-vm`, secureWindowsVmArgs({ ...o, networkInterfaceId: nic.id }), { parent });
  const privateIp = nic.ipConfigurations.apply((c) => c?.[0]?.privateIPAddress ?? "");
  return { nsg, nic, vm, privateIp };
}
