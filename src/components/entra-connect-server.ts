/**
 * EntraConnectServer: a Microsoft Entra Connect Sync server that meets the requirements catalogue: a private
 * Windows Server 2022 VM sized from the object count, its NSG and NIC, the bootstrap extension, an optional
 * domain join, and a SyncDatabaseServer when the database is full SQL. Refused args throw before any resource
 * registers (see validateEntraConnectServerArgs).
 */
import * as pulumi from "@pulumi/pulumi";
import { ApplicationSecurityGroup } from "@pulumi/azure-native/network/applicationSecurityGroup";
import { ROLE_TAG_VALUES, entraConnectTags } from "../requirements";
import { bootstrapCommand } from "./bootstrap-command";
import type { EntraConnectServerArgs } from "./entra-connect-server-args";
import { syncServerSecurityRules } from "./security-rules";
import { SyncDatabaseServer } from "./sync-database-server";
import { validateEntraConnectServerArgs, type SizingDecision, type ValidatedServerArgs } from "./validate-server-args";
import { bootstrapExtension, domainJoinExtension } from "./vm-extensions";
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
      securityRules: syncServerSecurityRules(
        settings.domainControllers,
        settings.adminAccessPrefixes,
        settings.restrictOutbound
          ? {
              domainJoined: settings.domainJoin !== undefined,
              dnsServers: settings.dnsServers,
              ...(settings.installer === undefined ? {} : { installerUrl: settings.installer.url }),
            }
          : undefined,
      ),
      applicationSecurityGroupIds: [asg.id],
      dnsServers: settings.dnsServers,
      computerName: computerNameFor(name),
      vmSize: settings.sizing.vmSize,
      image: settings.image,
      osDiskSizeGb: settings.sizing.osDiskSizeGb,
      ...adminUsername,
      adminPassword: args.adminPassword,
      tags,
    });
    const placement = { vm: server.vm, resourceGroupName: args.resourceGroupName, ...location, tags };
    const join = settings.domainJoin;
    const domainJoin = join === undefined ? undefined : domainJoinExtension(name, this, placement, join, args.domainJoinPassword);
    bootstrapExtension(name, this, placement, bootstrapCommand(settings), domainJoin);

    const sql = settings.sql;
    // validateEntraConnectServerArgs refuses full SQL without a domain join and without sqlAdminPassword.
    const database =
      sql === undefined || join === undefined || args.sqlAdminPassword === undefined
        ? undefined
        : new SyncDatabaseServer(
            `${name}-sql`,
            {
              resourceGroupName: args.resourceGroupName,
              ...location,
              subnetId: args.subnetId,
              sql,
              syncServerAsgId: asg.id,
              adminAccessPrefixes: settings.adminAccessPrefixes,
              dnsServers: settings.dnsServers,
              ...(settings.restrictOutbound
                ? { restrictOutbound: { domainControllers: settings.domainControllers, dnsServers: settings.dnsServers } }
                : {}),
              computerName: computerNameFor(name, "-sql"),
              ...adminUsername,
              adminPassword: args.sqlAdminPassword,
              domainJoin: join,
              ...(args.domainJoinPassword === undefined ? {} : { domainJoinPassword: args.domainJoinPassword }),
              hardening: {
                ntlmMode: settings.ntlmMode,
                ntlmAllowedServers: settings.ntlmAllowedServers,
                lapsBackupDirectory: settings.lapsBackupDirectory,
              },
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
