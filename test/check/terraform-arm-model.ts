/**
 * One Entra Connect server stack described once (ServerModel) and written out as each plan format would show
 * it: a `pulumi preview --json` of azure-native resources, a `terraform show -json` plan of azurerm resources,
 * and an `az deployment group what-if --no-pretty-print` result of ARM resources. The cross-format tests check
 * that the three give the same verdict.
 *
 * Shapes, as read from the real systems' documents:
 * - Terraform plan JSON (format_version 1.x; developer.hashicorp.com/terraform/internals/json-format, "Plan
 *   Representation", "Change Representation", "Expression Representation"): resource_changes[] with address,
 *   mode, type, name, change.actions/after/after_unknown/after_sensitive; unknown values are left out of `after`
 *   (null inside lists) and marked `true` in after_unknown; sensitive values stay in `after` in plain text and
 *   are marked in after_sensitive ("terraform show" docs: -json displays sensitive values in plain text);
 *   configuration.root_module.resources[].expressions.<attr>.references lists "type.name.attr" and "type.name".
 * - azurerm resources (hashicorp/terraform-provider-azurerm website/docs/r/*.html.markdown):
 *   windows_virtual_machine (size, source_image_reference {publisher, offer, sku, version}, os_disk
 *   {caching, storage_account_type, disk_size_gb}, network_interface_ids, secure_boot_enabled, vtpm_enabled,
 *   encryption_at_host_enabled, admin_password (sensitive), tags); network_security_group security_rule
 *   (attributes as blocks: every field present, "" and [] when unset); network_security_rule
 *   (network_security_group_name); network_interface ip_configuration {name, subnet_id,
 *   private_ip_address_allocation, public_ip_address_id}; network_interface_security_group_association;
 *   mssql_virtual_machine (virtual_machine_id, sql_instance {collation, max_server_memory_mb}); mssql_database
 *   (server_id, tags); firewall_policy_rule_collection_group application_rule_collection {rule {protocols
 *   {type, port}, destination_fqdns, terminate_tls}}.
 * - ARM what-if (learn.microsoft.com "Deployments - What If" REST; WhatIfChange: resourceId, changeType, before,
 *   after): `after` is the resource body with id, name, type, location, tags and properties; sub-resources
 *   (securityRules, ipConfigurations) carry their own name and properties.
 */
import { UNKNOWN_STRING } from "../../src/policies/support/unknown";
import {
  armSecurityRule,
  dcOutboundAllow,
  denyAllOutbound,
  inboundTcpAllow,
  type SecurityRule,
  terraformSecurityRule,
} from "../support/nsg-rules";
import { egressRuleCollection, ENTRA_FQDNS, entraApplicationRule } from "../policies/fixtures";

/** A sync server stack, described once. */
export interface ServerModel {
  readonly objectCount: number;
  readonly database: "localdb" | "sql";
  readonly version: string;
  /** MicrosoftWindowsServer / WindowsServer SKU. */
  readonly sku: string;
  readonly vmSize: string;
  /** undefined: not set; "unknown": computed at plan. */
  readonly osDiskGb: number | undefined | "unknown";
  readonly secureBoot: boolean;
  readonly vTpm: boolean;
  readonly encryptionAtHost: boolean;
  readonly publicIp: boolean;
  /** Source of the inline inbound RDP rule. */
  readonly rdpSource: string;
  /** Source of the standalone inbound HTTPS rule. */
  readonly standaloneSource: string;
  /** A standalone outbound deny-all rule ahead of the inline DC allow. */
  readonly denyOutbound: boolean;
  /** SQL Server on a VM: shared with the sync server, or on its own host. */
  readonly sql?: {
    readonly shared: boolean;
    readonly offer: string;
    readonly collation: string;
    readonly maxServerMemoryMb: number | undefined;
  };
  /** An Azure SQL database tagged as the sync database. */
  readonly azureSqlDatabase: boolean;
  /** The firewall's application rule for the Entra endpoints terminates TLS. */
  readonly terminateTls: boolean;
  /** A managed data disk tagged as the sync server's: a type the pack does not know. */
  readonly taggedDisk?: boolean;
}

export const COMPLIANT: ServerModel = {
  objectCount: 40_000,
  database: "localdb",
  version: "2.6.92.0",
  sku: "2022-datacenter-g2",
  vmSize: "Standard_D2s_v5",
  osDiskGb: 128,
  secureBoot: true,
  vTpm: true,
  encryptionAtHost: true,
  publicIp: false,
  rdpSource: "10.10.0.0/24",
  standaloneSource: "10.10.1.0/26",
  denyOutbound: false,
  sql: { shared: false, offer: "sql2022-ws2022", collation: "SQL_Latin1_General_CP1_CI_AS", maxServerMemoryMb: 28_672 },
  azureSqlDatabase: false,
  terminateTls: false,
};

/** The logical resources of the stack; each format maps its addresses to these. */
export type Part = "vm" | "nic" | "nsg" | "rule-in" | "rule-deny" | "sqlhost" | "sqlvm" | "db" | "fw" | "disk";

/** A generated plan document and the address (URN, Terraform address, ARM id) of each logical part. */
export interface Generated {
  readonly doc: Record<string, unknown>;
  readonly parts: ReadonlyMap<string, Part>;
}

const TAG = (m: ServerModel, role = "sync-server"): Record<string, string> => ({
  "entra-connect-role": role,
  "entra-connect-object-count": String(m.objectCount),
  "entra-connect-database": m.database,
  "entra-connect-version": m.version,
});

/** The NSG's inline rules: RDP from the model's admin source, the DC port table out. */
const inlineRules = (m: ServerModel): SecurityRule[] => [
  inboundTcpAllow("allow-rdp-from-admin", 100, m.rdpSource, "3389"),
  dcOutboundAllow(),
];
/** The standalone inbound HTTPS rule. */
const httpsRule = (m: ServerModel): SecurityRule => inboundTcpAllow("allow-https", 110, m.standaloneSource, "443");
/** The standalone outbound deny-all, ahead of the inline DC allow (priority 150 < 200). */
const denyRule = (): SecurityRule => denyAllOutbound("deny-all-out", 150);
const IMAGE = (m: ServerModel) => ({ publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: m.sku, version: "latest" });
const SQL_IMAGE = (offer: string) => ({ publisher: "MicrosoftSQLServer", offer, sku: "standard-gen2", version: "latest" });

/**
 * A VM's size, image, OS disk and security profile as Azure (and azure-native) spell them; `computed` stands for an
 * OS disk size not known before deployment. azurerm sets securityType TrustedLaunch when secure boot or vTPM is
 * enabled; the model does the same.
 */
const vmProfiles = (m: ServerModel, computed: string): Record<string, unknown> => ({
  hardwareProfile: { vmSize: m.vmSize },
  storageProfile: {
    imageReference: IMAGE(m),
    osDisk: {
      createOption: "FromImage",
      ...(m.osDiskGb === undefined ? {} : { diskSizeGB: m.osDiskGb === "unknown" ? computed : m.osDiskGb }),
    },
  },
  securityProfile: {
    ...(m.secureBoot || m.vTpm ? { securityType: "TrustedLaunch" } : {}),
    uefiSettings: { secureBootEnabled: m.secureBoot, vTpmEnabled: m.vTpm },
    ...(m.encryptionAtHost ? { encryptionAtHost: true } : {}),
  },
});

/** Firewall rule collections as Azure (and so azure-native) spells them: one application rule for the Entra endpoints. */
const ruleCollections = (m: ServerModel): unknown[] => [egressRuleCollection([entraApplicationRule(m.terminateTls)])];

// ---------------------------------------------------------------- Pulumi (azure-native)

/** A `pulumi preview --json` document of the stack's azure-native resources. */
export function pulumiPreview(m: ServerModel): Generated {
  const U = UNKNOWN_STRING;
  const urn = (type: string, name: string): string => `urn:pulumi:dev::entra::${type}::${name}`;
  const steps: unknown[] = [];
  const parts = new Map<string, Part>();
  const add = (part: Part, type: string, name: string, inputs: Record<string, unknown>, deps: string[] = []): string => {
    const u = urn(type, name);
    parts.set(u, part);
    steps.push({ op: "create", urn: u, newState: { urn: u, custom: true, type, inputs, dependencies: deps, propertyDependencies: {} } });
    return u;
  };
  const nsg = add("nsg", "azure-native:network:NetworkSecurityGroup", "sync-nsg", {
    resourceGroupName: "rg-entra",
    securityRules: inlineRules(m),
  });
  const rule = (part: Part, name: string, r: SecurityRule): void => {
    add(part, "azure-native:network:SecurityRule", name, { resourceGroupName: "rg-entra", networkSecurityGroupName: "sync-nsg", ...r }, [
      nsg,
    ]);
  };
  rule("rule-in", "sync-https", httpsRule(m));
  if (m.denyOutbound) rule("rule-deny", "sync-deny-out", denyRule());
  const nic = add(
    "nic",
    "azure-native:network:NetworkInterface",
    "sync-nic",
    {
      resourceGroupName: "rg-entra",
      ipConfigurations: [{ name: "ipconfig", subnet: { id: "/subscriptions/s/x" }, ...(m.publicIp ? { publicIPAddress: { id: U } } : {}) }],
      networkSecurityGroup: { id: U },
    },
    [nsg],
  );
  const vm = add(
    "vm",
    "azure-native:compute:VirtualMachine",
    "sync",
    {
      resourceGroupName: "rg-entra",
      tags: TAG(m),
      ...vmProfiles(m, U),
      osProfile: { computerName: "sync01", adminUsername: "azureadmin", adminPassword: "[secret]", windowsConfiguration: {} },
      networkProfile: { networkInterfaces: [{ id: U }] },
    },
    [nic],
  );
  if (m.sql) {
    let host = vm;
    if (!m.sql.shared) {
      host = add(
        "sqlhost",
        "azure-native:compute:VirtualMachine",
        "sync-sql",
        {
          resourceGroupName: "rg-entra",
          tags: TAG(m, "sync-database"),
          hardwareProfile: { vmSize: "Standard_E4s_v5" },
          storageProfile: { imageReference: SQL_IMAGE(m.sql.offer), osDisk: { createOption: "FromImage", diskSizeGB: 128 } },
          networkProfile: { networkInterfaces: [{ id: U }] },
        },
        [],
      );
    }
    add(
      "sqlvm",
      "azure-native:sqlvirtualmachine:SqlVirtualMachine",
      "sync-sqlvm",
      {
        resourceGroupName: "rg-entra",
        tags: TAG(m, m.sql.shared ? "sync-server" : "sync-database"),
        virtualMachineResourceId: U,
        serverConfigurationsManagementSettings: {
          sqlInstanceSettings: {
            collation: m.sql.collation,
            ...(m.sql.maxServerMemoryMb === undefined ? {} : { maxServerMemoryMB: m.sql.maxServerMemoryMb }),
          },
        },
      },
      [host],
    );
  }
  if (m.azureSqlDatabase) add("db", "azure-native:sql:Database", "sync-db", { serverName: "sql1", tags: TAG(m, "sync-database") });
  if (m.taggedDisk) {
    add("disk", "azure-native:compute:Disk", "sync-data", { diskSizeGB: 256, creationData: { createOption: "Empty" }, tags: TAG(m) });
  }
  add("fw", "azure-native:network:FirewallPolicyRuleCollectionGroup", "egress", {
    resourceGroupName: "rg-hub",
    firewallPolicyName: "hub",
    priority: 200,
    ruleCollections: ruleCollections(m),
  });
  return { doc: { steps }, parts };
}

// ---------------------------------------------------------------- Terraform (azurerm)

/** The plain-text password a real plan holds for azurerm_windows_virtual_machine.admin_password (marked sensitive). */
export const PLAN_PASSWORD = "Plan-Pa55word-never-printed";

/** A `terraform show -json` plan of the stack's azurerm resources. */
export function terraformPlan(m: ServerModel): Generated {
  const changes: unknown[] = [];
  const config: unknown[] = [];
  const parts = new Map<string, Part>();
  /** Adds a create; `unknown` lists attributes computed at apply; `refs` maps attributes to the addresses they reference. */
  const add = (
    part: Part | undefined,
    type: string,
    name: string,
    after: Record<string, unknown>,
    opts: { unknown?: Record<string, unknown>; sensitive?: Record<string, unknown>; refs?: Record<string, string[]> } = {},
  ): string => {
    const address = `${type}.${name}`;
    if (part) parts.set(address, part);
    changes.push({
      address,
      mode: "managed",
      type,
      name,
      provider_name: "registry.terraform.io/hashicorp/azurerm",
      change: {
        actions: ["create"],
        before: null,
        after,
        after_unknown: { id: true, ...opts.unknown },
        before_sensitive: false,
        after_sensitive: opts.sensitive ?? {},
      },
    });
    const expressions = Object.fromEntries(
      Object.entries(opts.refs ?? {}).map(([attr, targets]) => [attr, { references: targets.flatMap((t) => [`${t}.id`, t]) }]),
    );
    config.push({ address, mode: "managed", type, name, provider_config_key: "azurerm", expressions, schema_version: 0 });
    return address;
  };
  const nsg = add("nsg", "azurerm_network_security_group", "sync", {
    name: "sync-nsg",
    location: "westeurope",
    resource_group_name: "rg-entra",
    tags: null,
    security_rule: inlineRules(m).map(terraformSecurityRule),
  });
  const rule = (part: Part, name: string, r: SecurityRule): void => {
    const after = { resource_group_name: "rg-entra", network_security_group_name: "sync-nsg", ...terraformSecurityRule(r) };
    add(part, "azurerm_network_security_rule", name, after, { refs: { network_security_group_name: [nsg] } });
  };
  rule("rule-in", "https", httpsRule(m));
  if (m.denyOutbound) rule("rule-deny", "deny_out", denyRule());
  const pip = m.publicIp
    ? add(undefined, "azurerm_public_ip", "sync", { name: "sync-pip", allocation_method: "Static", sku: "Standard" })
    : "";
  const nic = add(
    "nic",
    "azurerm_network_interface",
    "sync",
    {
      name: "sync-nic",
      location: "westeurope",
      resource_group_name: "rg-entra",
      tags: null,
      ip_configuration: [{ name: "ipconfig", subnet_id: "/subscriptions/s/x", private_ip_address_allocation: "Dynamic" }],
    },
    {
      unknown: m.publicIp ? { ip_configuration: [{ public_ip_address_id: true }] } : {},
      refs: m.publicIp ? { "ip_configuration.public_ip_address_id": [pip] } : {},
    },
  );
  add(
    undefined,
    "azurerm_network_interface_security_group_association",
    "sync",
    {},
    {
      unknown: { network_interface_id: true, network_security_group_id: true },
      refs: { network_interface_id: [nic], network_security_group_id: [nsg] },
    },
  );
  const vm = add(
    "vm",
    "azurerm_windows_virtual_machine",
    "sync",
    {
      name: "sync01",
      location: "westeurope",
      resource_group_name: "rg-entra",
      size: m.vmSize,
      admin_username: "azureadmin",
      admin_password: PLAN_PASSWORD,
      network_interface_ids: [null],
      source_image_reference: [IMAGE(m)],
      os_disk: [
        {
          caching: "ReadWrite",
          storage_account_type: "Premium_LRS",
          disk_size_gb: typeof m.osDiskGb === "number" ? m.osDiskGb : null,
        },
      ],
      secure_boot_enabled: m.secureBoot,
      vtpm_enabled: m.vTpm,
      encryption_at_host_enabled: m.encryptionAtHost,
      tags: TAG(m),
    },
    {
      unknown: { network_interface_ids: [true], ...(m.osDiskGb === "unknown" ? { os_disk: [{ disk_size_gb: true }] } : {}) },
      sensitive: { admin_password: true },
      refs: { network_interface_ids: [nic] },
    },
  );
  if (m.sql) {
    let host = vm;
    if (!m.sql.shared) {
      host = add(
        "sqlhost",
        "azurerm_windows_virtual_machine",
        "sql",
        {
          name: "sync-sql",
          size: "Standard_E4s_v5",
          admin_username: "azureadmin",
          admin_password: PLAN_PASSWORD,
          source_image_reference: [SQL_IMAGE(m.sql.offer)],
          os_disk: [{ caching: "ReadWrite", storage_account_type: "Premium_LRS", disk_size_gb: 128 }],
          tags: TAG(m, "sync-database"),
        },
        { sensitive: { admin_password: true } },
      );
    }
    add(
      "sqlvm",
      "azurerm_mssql_virtual_machine",
      "sync",
      {
        sql_license_type: "PAYG",
        sql_instance: [
          {
            collation: m.sql.collation,
            // azurerm's default when unset is 2147483647 (uncapped).
            max_server_memory_mb: m.sql.maxServerMemoryMb ?? 2147483647,
          },
        ],
        tags: TAG(m, m.sql.shared ? "sync-server" : "sync-database"),
      },
      { unknown: { virtual_machine_id: true }, refs: { virtual_machine_id: [host] } },
    );
  }
  if (m.azureSqlDatabase) {
    add("db", "azurerm_mssql_database", "sync", { name: "sync-db", tags: TAG(m, "sync-database") }, { unknown: { server_id: true } });
  }
  if (m.taggedDisk) {
    const disk = { name: "sync-data", storage_account_type: "Premium_LRS", create_option: "Empty", disk_size_gb: 256, tags: TAG(m) };
    add("disk", "azurerm_managed_disk", "sync_data", disk);
  }
  add(
    "fw",
    "azurerm_firewall_policy_rule_collection_group",
    "egress",
    {
      name: "egress",
      priority: 200,
      application_rule_collection: [
        {
          name: "egress",
          priority: 100,
          action: "Allow",
          rule: [
            {
              name: "entra",
              description: "",
              protocols: [{ type: "Https", port: 443 }],
              source_addresses: ["10.0.1.0/24"],
              destination_fqdns: [...ENTRA_FQDNS],
              destination_urls: [],
              terminate_tls: m.terminateTls,
            },
          ],
        },
      ],
      network_rule_collection: [],
      nat_rule_collection: [],
    },
    { unknown: { firewall_policy_id: true } },
  );
  return {
    doc: {
      format_version: "1.2",
      terraform_version: "1.9.8",
      planned_values: { root_module: {} },
      resource_changes: changes,
      configuration: { provider_config: {}, root_module: { resources: config } },
      applyable: true,
      complete: true,
      errored: false,
    },
    parts,
  };
}

// ---------------------------------------------------------------- ARM (what-if and compiled template)

interface ArmBody {
  readonly part: Part;
  readonly type: string;
  /** The ARM name: "nsg" or, for a child resource, "nsg/rule". */
  readonly name: string;
  readonly body: Record<string, unknown>;
}

/**
 * The stack's ARM resource bodies. `ref` writes a reference to another resource (a literal id in what-if,
 * `[resourceId(...)]` in a template); `computed` is a value not known before deployment.
 */
function armBodies(m: ServerModel, ref: (type: string, name: string) => string, computed: string): ArmBody[] {
  const out: ArmBody[] = [];
  const NSG = "Microsoft.Network/networkSecurityGroups";
  const add = (part: Part, type: string, name: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}): void => {
    out.push({ part, type, name, body: { type, apiVersion: "2024-05-01", name, location: "westeurope", ...extra, properties } });
  };
  add("nsg", NSG, "sync-nsg", { securityRules: inlineRules(m).map(armSecurityRule) });
  add("rule-in", `${NSG}/securityRules`, "sync-nsg/allow-https", armSecurityRule(httpsRule(m)).properties);
  if (m.denyOutbound) add("rule-deny", `${NSG}/securityRules`, "sync-nsg/deny-all-out", armSecurityRule(denyRule()).properties);
  add("nic", "Microsoft.Network/networkInterfaces", "sync-nic", {
    ipConfigurations: [
      {
        name: "ipconfig",
        properties: {
          subnet: { id: "/subscriptions/s/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sync" },
          privateIPAllocationMethod: "Dynamic",
          ...(m.publicIp ? { publicIPAddress: { id: ref("Microsoft.Network/publicIPAddresses", "sync-pip") } } : {}),
        },
      },
    ],
    networkSecurityGroup: { id: ref(NSG, "sync-nsg") },
  });
  add(
    "vm",
    "Microsoft.Compute/virtualMachines",
    "sync",
    {
      ...vmProfiles(m, computed),
      osProfile: { computerName: "sync01", adminUsername: "azureadmin", windowsConfiguration: { provisionVMAgent: true } },
      networkProfile: { networkInterfaces: [{ id: ref("Microsoft.Network/networkInterfaces", "sync-nic") }] },
    },
    { tags: TAG(m) },
  );
  if (m.sql) {
    let host = "sync";
    if (!m.sql.shared) {
      host = "sync-sql";
      add(
        "sqlhost",
        "Microsoft.Compute/virtualMachines",
        "sync-sql",
        {
          hardwareProfile: { vmSize: "Standard_E4s_v5" },
          storageProfile: { imageReference: SQL_IMAGE(m.sql.offer), osDisk: { createOption: "FromImage", diskSizeGB: 128 } },
        },
        { tags: TAG(m, "sync-database") },
      );
    }
    add(
      "sqlvm",
      "Microsoft.SqlVirtualMachine/sqlVirtualMachines",
      host,
      {
        virtualMachineResourceId: ref("Microsoft.Compute/virtualMachines", host),
        sqlServerLicenseType: "PAYG",
        serverConfigurationsManagementSettings: {
          sqlInstanceSettings: {
            collation: m.sql.collation,
            ...(m.sql.maxServerMemoryMb === undefined ? {} : { maxServerMemoryMB: m.sql.maxServerMemoryMb }),
          },
        },
      },
      { tags: TAG(m, m.sql.shared ? "sync-server" : "sync-database") },
    );
  }
  if (m.azureSqlDatabase)
    add("db", "Microsoft.Sql/servers/databases", "sql1/sync-db", {}, { tags: TAG(m, "sync-database"), sku: { name: "S0" } });
  if (m.taggedDisk) {
    add("disk", "Microsoft.Compute/disks", "sync-data", { creationData: { createOption: "Empty" }, diskSizeGB: 256 }, { tags: TAG(m) });
  }
  add("fw", "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "hub/egress", {
    priority: 200,
    ruleCollections: ruleCollections(m),
  });
  return out;
}

const RG_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-entra";

/** The full id of a resource of `type` named `name` ("nsg/rule" for a child) in the stack's resource group. */
export function armId(type: string, name: string): string {
  const [namespace, ...types] = type.split("/");
  const names = name.split("/");
  return `${RG_ID}/providers/${namespace}/${types.map((t, i) => `${t}/${names[i]}`).join("/")}`;
}

/**
 * An `az deployment group what-if --no-pretty-print` result: every resource a Create with its predicted body
 * (`after` with the resource id and, for a child, its own name), references as literal ids; a value that
 * needs a run-time function (reference()) left as the expression.
 */
export function armWhatIf(m: ServerModel): Generated {
  const parts = new Map<string, Part>();
  const changes = armBodies(m, armId, "[reference(resourceId('Microsoft.Compute/disks', 'sizing')).diskSizeGB]").map(
    ({ part, type, name, body }) => {
      const id = armId(type, name);
      parts.set(id, part);
      return { resourceId: id, changeType: "Create", before: null, after: { ...body, id, name: name.split("/").pop() }, delta: [] };
    },
  );
  return { doc: { status: "Succeeded", error: null, changes }, parts };
}

/**
 * A compiled ARM template (languageVersion 1.0, `resources` as a list): references as `[resourceId(...)]`,
 * a value not known before deployment as a parameter without a default, names through a variable.
 */
export function armTemplate(m: ServerModel): Generated {
  const parts = new Map<string, Part>();
  const ref = (type: string, name: string) =>
    `[resourceId('${type}', ${name
      .split("/")
      .map((n) => `'${n}'`)
      .join(", ")})]`;
  const resources = armBodies(m, ref, "[parameters('osDiskSizeGb')]").map(({ part, type, name, body }) => {
    const [namespace, ...types] = type.split("/");
    const names = name.split("/");
    parts.set(`${namespace}/${types.map((t, i) => `${t}/${names[i]}`).join("/")}`, part);
    return { ...body, name: name === "sync" ? "[variables('vmName')]" : name };
  });
  return {
    doc: {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: { osDiskSizeGb: { type: "int" }, location: { type: "string", defaultValue: "[resourceGroup().location]" } },
      variables: { vmName: "[toLower('SYNC')]" },
      resources,
    },
    parts,
  };
}
