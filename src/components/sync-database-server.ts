/**
 * SyncDatabaseServer: the dedicated SQL Server VM that holds the Entra Connect sync database when the object
 * count needs full SQL. EntraConnectServer creates it; its args are the SQL decision of the validation.
 */
import * as pulumi from "@pulumi/pulumi";
import { SqlVirtualMachine } from "@pulumi/azure-native/sqlvirtualmachine/sqlVirtualMachine";
import type * as inputs from "@pulumi/azure-native/types/input";
import {
  ROLE_TAG_VALUES,
  SQL_PORT,
  SQL_VM_LOG_DISK_GB,
  SQL_VM_OS_DISK_GB,
  SQL_VM_PATCH_MODE,
  TAG_NAMES,
  entraConnectTags,
} from "../requirements";
import { syncDatabaseSecurityRules, type SqlOutboundRestriction } from "./security-rules";
import { syncDatabaseBootstrapCommand, type HardeningOptions } from "./bootstrap-command";
import type { DomainJoinDecision, SqlDecision } from "./validate-server-args";
import { bootstrapExtension, domainJoinExtension } from "./vm-extensions";
import { computerNameFor, createPrivateWindowsServer } from "./windows-vm";

export interface SyncDatabaseServerArgs {
  /** Required. The resource group of every resource the component creates. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure region. Default: the provider's location. */
  readonly location?: pulumi.Input<string>;
  /** Required. Resource id of the existing subnet for the NIC. */
  readonly subnetId: pulumi.Input<string>;
  /** Required. Version, image, collation, size, disk, port and max server memory (validateEntraConnectServerArgs). */
  readonly sql: SqlDecision;
  /** Required. The sync server's application security group: the only source admitted to the SQL port. */
  readonly syncServerAsgId: pulumi.Input<string>;
  /** CIDRs allowed to RDP to the SQL VM. Default: none. */
  readonly adminAccessPrefixes?: readonly string[];
  /** The NIC's DNS servers (the sync server's); none: the virtual network's DNS settings. */
  readonly dnsServers?: readonly string[];
  /** Set: the NSG ends its outbound rules with a deny-all, after the DC ports, DNS, Windows Update and KMS. Default: none. */
  readonly restrictOutbound?: SqlOutboundRestriction;
  /** Windows computer name. Default: derived from the component name. */
  readonly computerName?: string;
  /** Local administrator name. Default "entraadmin". */
  readonly adminUsername?: pulumi.Input<string>;
  /** Required. Local administrator password of the SQL VM (its own); marked secret. */
  readonly adminPassword: pulumi.Input<string>;
  /**
   * Required. The AD domain the SQL VM joins: Entra Connect reaches a remote SQL Server with Windows
   * authentication (Kerberos needs the SQL VM in the domain and reached by its FQDN; an IP forces NTLM).
   */
  readonly domainJoin: DomainJoinDecision;
  /** Password of the join account; protected settings only. */
  readonly domainJoinPassword?: pulumi.Input<string>;
  /** Required. The Tier-0 hardening of the bootstrap (TLS 1.2, NTLM, Windows LAPS, execution policy; no installer). */
  readonly hardening: HardeningOptions;
  /** Required. For the entra-connect tags. */
  readonly objectCount: number;
  /** Required. For the entra-connect-version tag. */
  readonly entraConnectVersion: string;
  /** Extra tags; the entra-connect-* tags win. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The data and log disks of the sync database, formatted by the SQL IaaS extension. */
const DATA_LUN = 0;
const LOG_LUN = 1;
/** A Premium SSD data disk; Microsoft's SQL guidance: read caching for data files, none for the log. */
function premiumDataDisk(lun: number, diskSizeGB: number, caching: "ReadOnly" | "None"): inputs.compute.DataDiskArgs {
  return { lun, createOption: "Empty", diskSizeGB, caching, deleteOption: "Delete", managedDisk: { storageAccountType: "Premium_LRS" } };
}

/** "Standard" from a marketplace SKU such as "standard-gen2": the SqlVirtualMachine edition. */
function editionOf(sku: string | undefined): string {
  const word = (sku ?? "").split("-")[0] ?? "";
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

export class SyncDatabaseServer extends pulumi.ComponentResource {
  static readonly TYPE = "entra-connect-gate:index:SyncDatabaseServer";
  /** Resource id of the SQL VM. */
  readonly vmId: pulumi.Output<string>;
  /** Private IP of the SQL VM. */
  readonly privateIp: pulumi.Output<string>;
  /** What the Entra Connect wizard's "SQL Server name" field takes: the FQDN, with ",port" when not the default. */
  readonly sqlHost: pulumi.Output<string>;

  constructor(name: string, args: SyncDatabaseServerArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SyncDatabaseServer.TYPE, name, { sql: args.sql, objectCount: args.objectCount }, opts);
    const { sql } = args;
    const tags = {
      ...args.tags,
      ...entraConnectTags({
        role: ROLE_TAG_VALUES.syncDatabase,
        objectCount: args.objectCount,
        database: "sql",
        version: args.entraConnectVersion,
      }),
    };
    const computerName = args.computerName ?? computerNameFor(name);
    const server = createPrivateWindowsServer(name, this, {
      resourceGroupName: args.resourceGroupName,
      ...(args.location === undefined ? {} : { location: args.location }),
      subnetId: args.subnetId,
      securityRules: syncDatabaseSecurityRules(sql.port, args.syncServerAsgId, args.adminAccessPrefixes ?? [], args.restrictOutbound),
      ...(args.dnsServers === undefined ? {} : { dnsServers: args.dnsServers }),
      computerName,
      vmSize: sql.vmSize,
      image: sql.image,
      osDiskSizeGb: SQL_VM_OS_DISK_GB,
      ...(args.adminUsername === undefined ? {} : { adminUsername: args.adminUsername }),
      adminPassword: args.adminPassword,
      patchMode: SQL_VM_PATCH_MODE,
      dataDisks: [premiumDataDisk(DATA_LUN, sql.dataDiskGb, "ReadOnly"), premiumDataDisk(LOG_LUN, SQL_VM_LOG_DISK_GB, "None")],
      tags,
    });
    const placement = {
      vm: server.vm,
      resourceGroupName: args.resourceGroupName,
      ...(args.location === undefined ? {} : { location: args.location }),
      tags,
    };
    const domainJoin = domainJoinExtension(name, this, placement, args.domainJoin, args.domainJoinPassword);
    bootstrapExtension(name, this, placement, syncDatabaseBootstrapCommand(args.hardening), domainJoin);
    new SqlVirtualMachine(
      `${name}-sqlvm`,
      {
        resourceGroupName: args.resourceGroupName,
        ...(args.location === undefined ? {} : { location: args.location }),
        sqlVirtualMachineName: server.vm.name,
        virtualMachineResourceId: server.vm.id,
        sqlImageOffer: (sql.image.offer ?? "").toUpperCase(),
        sqlImageSku: editionOf(sql.image.sku),
        sqlServerLicenseType: "PAYG",
        sqlManagement: "Full",
        leastPrivilegeMode: "Enabled",
        serverConfigurationsManagementSettings: {
          sqlConnectivityUpdateSettings: { connectivityType: "PRIVATE", port: sql.port },
          sqlInstanceSettings: { collation: sql.collation, maxServerMemoryMB: sql.maxServerMemoryMb },
          sqlWorkloadTypeUpdateSettings: { sqlWorkloadType: "OLTP" },
        },
        storageConfigurationSettings: {
          diskConfigurationType: "NEW",
          storageWorkloadType: "OLTP",
          sqlDataSettings: { luns: [DATA_LUN], defaultFilePath: "F:\\data" },
          sqlLogSettings: { luns: [LOG_LUN], defaultFilePath: "G:\\log" },
        },
        // The registration has no size of its own: the max server memory policy reads the VM's from this tag.
        tags: { ...tags, [TAG_NAMES.vmSize]: sql.vmSize },
      },
      // The collation is fixed when SQL Server is installed: a change must show as a replacement, never an update.
      { parent: this, dependsOn: [domainJoin], replaceOnChanges: ["serverConfigurationsManagementSettings.sqlInstanceSettings.collation"] },
    );
    this.vmId = server.vm.id;
    this.privateIp = server.privateIp;
    const fqdn = `${computerName}.${args.domainJoin.domain}`.toLowerCase();
    this.sqlHost = pulumi.output(sql.port === SQL_PORT ? fqdn : `${fqdn},${sql.port}`);
    this.registerOutputs({ vmId: this.vmId, privateIp: this.privateIp, sqlHost: this.sqlHost });
  }
}
