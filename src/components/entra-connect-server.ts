/**
 * EntraConnectServer: a Microsoft Entra Connect Sync server that meets the requirements catalogue: a private
 * Windows Server 2022 VM sized from the object count, its NSG and NIC, the bootstrap extension, an optional
 * domain join, and a SyncDatabaseServer when the database is full SQL. Refused args throw before any resource
 * registers (see validateEntraConnectServerArgs).
 */
import * as pulumi from "@pulumi/pulumi";
import { VirtualMachineExtension } from "@pulumi/azure-native/compute/virtualMachineExtension";
import { ApplicationSecurityGroup } from "@pulumi/azure-native/network/applicationSecurityGroup";
import { ROLE_TAG_VALUES, entraConnectTags } from "../requirements";
import { bootstrapCommand } from "./bootstrap-command";
import type { EntraConnectServerArgs } from "./entra-connect-server-args";
import { syncServerSecurityRules } from "./security-rules";
import { SyncDatabaseServer } from "./sync-database-server";
import { validateEntraConnectServerArgs, type SizingDecision, type ValidatedServerArgs } from "./validate-server-args";
import { computerNameFor, createPrivateWindowsServer } from "./windows-vm";

export class EntraConnectServer extends pulumi.ComponentResource {
  static readonly TYPE = "entra-connect-gate:index:EntraConnectServer";
  /** Every decision of the validation (image, sizing, SQL, version, warnings). */
  readonly settings: ValidatedServerArgs;
  /** Resource id of the sync server VM. */
  readonly vmId: pulumi.Output<string>;
  /** Private IP of the sync server. */
  readonly privateIp: pulumi.Output<string>;
  /** Tier, VM size, OS disk, database mode and the tenant licence note. */
  readonly sizing: SizingDecision;
  /** The SQL Server host for the wizard; undefined with LocalDB. */
  readonly sqlHost: pulumi.Output<string | undefined>;

  constructor(name: string, args: EntraConnectServerArgs, opts?: pulumi.ComponentResourceOptions) {
    const settings = validateEntraConnectServerArgs(args);
    super(EntraConnectServer.TYPE, name, { objectCount: settings.objectCount, sizing: settings.sizing }, opts);
    this.settings = settings;
    this.sizing = settings.sizing;
    for (const warning of settings.warnings) void pulumi.log.warn(warning, this);

    const location = args.location === undefined ? {} : { location: args.location };
    const adminUsername = args.adminUsername === undefined ? {} : { adminUsername: args.adminUsername };
    const tags = {
      ...args.tags,
      ...entraConnectTags({
        role: ROLE_TAG_VALUES.syncServer,
        objectCount: settings.objectCount,
        database: settings.sizing.database,
        version: settings.entraConnectVersion,
      }),
    };
    const asg = new ApplicationSecurityGroup(
      `${name}-asg`,
      { resourceGroupName: args.resourceGroupName, ...location, tags },
      { parent: this },
    );
    const server = createPrivateWindowsServer(name, this, {
      resourceGroupName: args.resourceGroupName,
      ...location,
      subnetId: args.subnetId,
      securityRules: syncServerSecurityRules(settings.domainControllers, settings.adminAccessPrefixes),
      applicationSecurityGroupIds: [asg.id],
      computerName: computerNameFor(name),
      vmSize: settings.sizing.vmSize,
      image: settings.image,
      osDiskSizeGb: settings.sizing.osDiskSizeGb,
      ...adminUsername,
      adminPassword: args.adminPassword,
      tags,
    });
    const extension = {
      resourceGroupName: args.resourceGroupName,
      ...location,
      vmName: server.vm.name,
      publisher: "Microsoft.Compute",
      tags,
    };

    const join = settings.domainJoin;
    const domainJoin =
      join === undefined
        ? undefined
        : new VirtualMachineExtension(
            `${name}-domain-join`,
            {
              ...extension,
              type: "JsonADDomainExtension",
              typeHandlerVersion: "1.3",
              autoUpgradeMinorVersion: true,
              settings: {
                Name: join.domain,
                ...(join.ouPath === undefined ? {} : { OUPath: join.ouPath }),
                User: `${join.domain}\\${join.account}`,
                Restart: "true",
                Options: "3",
              },
              protectedSettings: pulumi.secret({ Password: args.domainJoinPassword }),
            },
            { parent: this },
          );

    const bootstrap = bootstrapCommand(settings);
    new VirtualMachineExtension(
      `${name}-bootstrap`,
      {
        ...extension,
        type: "CustomScriptExtension",
        typeHandlerVersion: "1.10",
        autoUpgradeMinorVersion: true,
        forceUpdateTag: bootstrap.sha256,
        protectedSettings: pulumi.secret({ commandToExecute: bootstrap.commandToExecute }),
      },
      { parent: this, ...(domainJoin === undefined ? {} : { dependsOn: [domainJoin] }) },
    );

    const database =
      settings.sql === undefined
        ? undefined
        : new SyncDatabaseServer(
            `${name}-sql`,
            {
              resourceGroupName: args.resourceGroupName,
              ...location,
              subnetId: args.subnetId,
              sql: settings.sql,
              syncServerAsgId: asg.id,
              adminAccessPrefixes: settings.adminAccessPrefixes,
              computerName: computerNameFor(name, "-sql"),
              ...adminUsername,
              adminPassword: args.adminPassword,
              objectCount: settings.objectCount,
              entraConnectVersion: settings.entraConnectVersion,
              ...(args.tags === undefined ? {} : { tags: args.tags }),
            },
            { parent: this },
          );

    this.vmId = server.vm.id;
    this.privateIp = server.privateIp;
    this.sqlHost = database === undefined ? pulumi.output(undefined) : database.sqlHost;
    this.registerOutputs({ vmId: this.vmId, privateIp: this.privateIp, sizing: this.sizing, sqlHost: this.sqlHost });
  }
}
