import * as pulumi from "@pulumi/pulumi";
import { EntraConnectServer, type EntraConnectServerArgs } from "../../src/components";
import { runUnderMocks, type PlannedResource } from "../../src/plan/run-under-mocks";

const args: EntraConnectServerArgs = {
  objectCount: 12_000,
  resourceGroupName: "rg-sync",
  location: "westeurope",
  subnetId: "/subnets/sync",
  domainControllers: ["10.0.1.4", "10.0.1.5"],
  adminAccessPrefixes: ["10.0.9.0/26"],
  adminPassword: pulumi.secret("P@ssw0rd-admin"),
  // Not joined to AD, so Windows LAPS backs up to Entra ID (backing up to AD would be refused: issue 9 item 9).
  lapsBackupDirectory: "entra-id",
  tags: { owner: "identity-team", "entra-connect-role": "spoofed" },
};

const plan = (a: EntraConnectServerArgs, secrets: "redact" | "reveal" = "reveal"): Promise<PlannedResource[]> =>
  runUnderMocks(() => new EntraConnectServer("sync", a), { project: "proj", stack: "test", config: {}, secrets });

function one(resources: readonly PlannedResource[], name: string): PlannedResource {
  const found = resources.filter((r) => r.name === name);
  expect(found).toHaveLength(1);
  return found[0] as PlannedResource;
}

const syncTags = {
  owner: "identity-team",
  "entra-connect-role": "sync-server",
  "entra-connect-object-count": "12000",
  "entra-connect-database": "localdb",
  "entra-connect-version": "2.6.92.0",
};

describe("EntraConnectServer with LocalDB (12,000 objects)", () => {
  let resources: PlannedResource[];
  let warnings: string[];
  beforeAll(async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    resources = await plan(args);
    warnings = warn.mock.calls.map((c) => c[0]);
    warn.mockRestore();
  });

  test("warns through pulumi.log.warn that the server is not domain-joined", () => {
    expect(warnings).toEqual(["domainJoinDomain is not set: join the server to the domain before running the Entra Connect wizard."]);
  });

  test("creates exactly these children, named from the component name", () => {
    expect(resources.map((r) => [r.type, r.name])).toEqual([
      ["entra-connect-gate:index:EntraConnectServer", "sync"],
      ["azure-native:network:ApplicationSecurityGroup", "sync-asg"],
      ["azure-native:network:NetworkSecurityGroup", "sync-nsg"],
      ["azure-native:network:NetworkInterface", "sync-nic"],
      ["azure-native:compute:VirtualMachine", "sync-vm"],
      ["azure-native:compute:VirtualMachineExtension", "sync-bootstrap"],
    ]);
    expect(one(resources, "sync-vm").urn).toBe(
      "urn:pulumi:test::proj::entra-connect-gate:index:EntraConnectServer$azure-native:compute:VirtualMachine::sync-vm",
    );
  });

  test("the NSG: every DC port and protocol, Entra ID 443, endpoints 443 and 80, RDP from admin networks only, deny all other inbound", () => {
    const rules = one(resources, "sync-nsg").inputs["securityRules"] as Record<string, unknown>[];
    const brief = rules.map((r) => {
      const source = r["sourceAddressPrefixes"] ?? r["sourceAddressPrefix"];
      const destination = r["destinationAddressPrefixes"] ?? r["destinationAddressPrefix"];
      return `${r["priority"]} ${r["direction"]} ${r["access"]} ${r["protocol"]} ${JSON.stringify(source)} ${JSON.stringify(destination)}:${r["destinationPortRange"]}`;
    });
    const dcs = '["10.0.1.4","10.0.1.5"]';
    expect(brief).toEqual([
      `100 Outbound Allow Tcp "*" ${dcs}:53`,
      `110 Outbound Allow Udp "*" ${dcs}:53`,
      `120 Outbound Allow Tcp "*" ${dcs}:88`,
      `130 Outbound Allow Udp "*" ${dcs}:88`,
      `140 Outbound Allow Tcp "*" ${dcs}:135`,
      `150 Outbound Allow Tcp "*" ${dcs}:389`,
      `160 Outbound Allow Udp "*" ${dcs}:389`,
      `170 Outbound Allow Tcp "*" ${dcs}:445`,
      `180 Outbound Allow Tcp "*" ${dcs}:636`,
      `190 Outbound Allow Tcp "*" ${dcs}:3268`,
      `200 Outbound Allow Tcp "*" ${dcs}:3269`,
      `210 Outbound Allow Tcp "*" ${dcs}:49152-65535`,
      '220 Outbound Allow Tcp "*" "AzureActiveDirectory":443',
      '230 Outbound Allow Tcp "*" "Internet":443',
      '240 Outbound Allow Tcp "*" "Internet":80',
      '100 Inbound Allow Tcp ["10.0.9.0/26"] "*":3389',
      '4096 Inbound Deny * "*" "*":*',
    ]);
    expect(one(resources, "sync-nsg").inputs["tags"]).toEqual(syncTags);
  });

  test("without admin prefixes there is no inbound allow rule at all", async () => {
    const { adminAccessPrefixes: _, ...noAdmin } = {
      ...args,
      domainJoinDomain: "corp.example.com",
      domainJoinAccount: "a",
      domainJoinPassword: "p",
    };
    const rules = one(await plan(noAdmin), "sync-nsg").inputs["securityRules"] as Record<string, unknown>[];
    expect(rules.filter((r) => r["direction"] === "Inbound").map((r) => [r["name"], r["access"]])).toEqual([
      ["deny-all-other-inbound", "Deny"],
    ]);
  });

  test("the NIC: the given subnet, dynamic private IP, no public IP, the NSG and the sync server's ASG", () => {
    expect(one(resources, "sync-nic").inputs).toEqual({
      resourceGroupName: "rg-sync",
      location: "westeurope",
      ipConfigurations: [
        {
          name: "ipconfig1",
          primary: true,
          subnet: { id: "/subnets/sync" },
          privateIPAllocationMethod: "Dynamic",
          applicationSecurityGroups: [{ id: "[id of sync-asg]" }],
        },
      ],
      networkSecurityGroup: { id: "[id of sync-nsg]" },
      tags: syncTags,
    });
  });

  test("the VM: 2022 Gen2 Desktop image, tier size and disk, Trusted Launch, encryption at host, boot diagnostics, platform patching", () => {
    expect(one(resources, "sync-vm").inputs).toEqual({
      resourceGroupName: "rg-sync",
      location: "westeurope",
      hardwareProfile: { vmSize: "Standard_D2s_v5" },
      storageProfile: {
        imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-g2", version: "latest" },
        osDisk: {
          createOption: "FromImage",
          diskSizeGB: 128,
          caching: "ReadWrite",
          deleteOption: "Delete",
          managedDisk: { storageAccountType: "Premium_LRS" },
        },
      },
      securityProfile: {
        securityType: "TrustedLaunch",
        uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
        encryptionAtHost: true,
      },
      diagnosticsProfile: { bootDiagnostics: { enabled: true } },
      osProfile: {
        computerName: "sync",
        adminUsername: "entraadmin",
        adminPassword: "P@ssw0rd-admin",
        windowsConfiguration: {
          provisionVMAgent: true,
          enableAutomaticUpdates: true,
          patchSettings: { patchMode: "AutomaticByPlatform", assessmentMode: "AutomaticByPlatform" },
        },
      },
      networkProfile: { networkInterfaces: [{ id: "[id of sync-nic]", primary: true, deleteOption: "Delete" }] },
      tags: syncTags,
    });
  });

  test("the bootstrap: CustomScriptExtension whose command is in protected settings only", () => {
    const inputs = one(resources, "sync-bootstrap").inputs;
    expect(inputs).toMatchObject({
      resourceGroupName: "rg-sync",
      vmName: "sync-vm",
      publisher: "Microsoft.Compute",
      type: "CustomScriptExtension",
      typeHandlerVersion: "1.10",
      autoUpgradeMinorVersion: true,
      tags: syncTags,
    });
    expect(inputs["settings"]).toBeUndefined();
    expect(inputs["forceUpdateTag"]).toMatch(/^[0-9a-f]{64}$/);
    expect((inputs["protectedSettings"] as { commandToExecute: string }).commandToExecute).toMatch(
      /^powershell\.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "/,
    );
  });

  test("secrets stay secret: the whole osProfile and the protected settings are [secret] in the plan", async () => {
    const redacted = await plan(
      { ...args, domainJoinDomain: "corp.example.com", domainJoinAccount: "a", domainJoinPassword: "p" },
      "redact",
    );
    expect(one(redacted, "sync-vm").inputs["osProfile"]).toBe("[secret]");
    expect(one(redacted, "sync-bootstrap").inputs["protectedSettings"]).toBe("[secret]");
    expect(JSON.stringify(redacted)).not.toContain("P@ssw0rd");
  });
});

describe("EntraConnectServer with full SQL (250,000 objects) and a domain join", () => {
  const sqlArgs: EntraConnectServerArgs = {
    ...args,
    objectCount: 250_000,
    domainJoinDomain: "corp.example.com",
    domainJoinOuPath: "OU=Tier0,DC=corp,DC=example,DC=com",
    domainJoinAccount: "svc-join",
    domainJoinPassword: pulumi.secret("P@ssw0rd-join"),
    sqlAdminPassword: pulumi.secret("P@ssw0rd-sql"),
  };
  let resources: PlannedResource[];
  beforeAll(async () => {
    resources = await plan(sqlArgs);
  });

  test("adds the domain join and a SyncDatabaseServer with its own NSG, NIC, VM and SqlVirtualMachine", () => {
    expect(resources.map((r) => [r.type, r.name])).toEqual([
      ["entra-connect-gate:index:EntraConnectServer", "sync"],
      ["entra-connect-gate:index:SyncDatabaseServer", "sync-sql"],
      ["azure-native:network:ApplicationSecurityGroup", "sync-asg"],
      ["azure-native:network:NetworkSecurityGroup", "sync-nsg"],
      ["azure-native:network:NetworkSecurityGroup", "sync-sql-nsg"],
      ["azure-native:network:NetworkInterface", "sync-nic"],
      ["azure-native:network:NetworkInterface", "sync-sql-nic"],
      ["azure-native:compute:VirtualMachine", "sync-vm"],
      ["azure-native:compute:VirtualMachine", "sync-sql-vm"],
      ["azure-native:compute:VirtualMachineExtension", "sync-domain-join"],
      ["azure-native:compute:VirtualMachineExtension", "sync-sql-domain-join"],
      ["azure-native:compute:VirtualMachineExtension", "sync-bootstrap"],
      ["azure-native:sqlvirtualmachine:SqlVirtualMachine", "sync-sql-sqlvm"],
      ["azure-native:compute:VirtualMachineExtension", "sync-sql-bootstrap"],
    ]);
    expect(one(resources, "sync-sql-sqlvm").urn).toBe(
      "urn:pulumi:test::proj::entra-connect-gate:index:SyncDatabaseServer$azure-native:sqlvirtualmachine:SqlVirtualMachine::sync-sql-sqlvm",
    );
  });

  test("the sync server is sized for the tier and tagged sql", () => {
    expect(one(resources, "sync-vm").inputs).toMatchObject({
      hardwareProfile: { vmSize: "Standard_D8s_v5" },
      storageProfile: { osDisk: { diskSizeGB: 512 } },
      tags: { "entra-connect-role": "sync-server", "entra-connect-object-count": "250000", "entra-connect-database": "sql" },
    });
  });

  test("the domain join: JsonADDomainExtension, the password only in protected settings", () => {
    expect(one(resources, "sync-domain-join").inputs).toMatchObject({
      type: "JsonADDomainExtension",
      typeHandlerVersion: "1.3",
      settings: {
        Name: "corp.example.com",
        OUPath: "OU=Tier0,DC=corp,DC=example,DC=com",
        User: "corp.example.com\\svc-join",
        Restart: "true",
        Options: "3",
      },
      protectedSettings: { Password: "P@ssw0rd-join" },
    });
    expect(JSON.stringify(one(resources, "sync-domain-join").inputs["settings"])).not.toContain("P@ssw0rd");
  });

  test("the SQL NSG admits 1433 only from the sync server's ASG, RDP from admin networks, and denies the rest", () => {
    const rules = one(resources, "sync-sql-nsg").inputs["securityRules"] as Record<string, unknown>[];
    expect(rules).toEqual([
      {
        name: "sql-from-sync-server",
        description: "SQL Server from the Entra Connect sync server only",
        priority: 100,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        sourceApplicationSecurityGroups: [{ id: "[id of sync-asg]" }],
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: "1433",
      },
      expect.objectContaining({
        priority: 110,
        name: "rdp-from-admin-networks",
        sourceAddressPrefixes: ["10.0.9.0/26"],
        destinationPortRange: "3389",
      }),
      expect.objectContaining({ priority: 4096, name: "deny-all-other-inbound", access: "Deny" }),
    ]);
  });

  test("the SQL VM: SQL 2022 on Windows 2022 Gen2, E4s_v5, 256 GB data and 128 GB log Premium disks, Trusted Launch, tagged sync-database", () => {
    expect(one(resources, "sync-sql-vm").inputs).toMatchObject({
      hardwareProfile: { vmSize: "Standard_E4s_v5" },
      storageProfile: {
        imageReference: { publisher: "MicrosoftSQLServer", offer: "sql2022-ws2022", sku: "standard-gen2", version: "latest" },
        osDisk: { diskSizeGB: 128, managedDisk: { storageAccountType: "Premium_LRS" } },
        dataDisks: [
          {
            lun: 0,
            createOption: "Empty",
            diskSizeGB: 256,
            caching: "ReadOnly",
            deleteOption: "Delete",
            managedDisk: { storageAccountType: "Premium_LRS" },
          },
          {
            lun: 1,
            createOption: "Empty",
            diskSizeGB: 128,
            caching: "None",
            deleteOption: "Delete",
            managedDisk: { storageAccountType: "Premium_LRS" },
          },
        ],
      },
      securityProfile: {
        securityType: "TrustedLaunch",
        uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
        encryptionAtHost: true,
      },
      // Its own administrator password (issue 9 item 4), never the sync server's.
      osProfile: {
        computerName: "sync-sql",
        adminPassword: "P@ssw0rd-sql",
        // Automatic VM guest patching (AutomaticByPlatform) supports only the images Microsoft Learn lists under
        // "Automatic VM guest patching for Azure VMs" (supported OS images); no MicrosoftSQLServer image such as
        // sql2022-ws2022 is among them, so the SQL VM patches through Windows Update (issue 9 item 5). Read at
        // https://learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching#supported-os-images
        // (MicrosoftDocs/azure-compute-docs articles/virtual-machines/automatic-vm-guest-patching.md: the Windows
        // tables list MicrosoftWindowsServer and Center-for-Internet-Security-Inc images only).
        windowsConfiguration: {
          enableAutomaticUpdates: true,
          patchSettings: { patchMode: "AutomaticByOS", assessmentMode: "ImageDefault" },
        },
      },
      tags: {
        owner: "identity-team",
        "entra-connect-role": "sync-database",
        "entra-connect-database": "sql",
        "entra-connect-object-count": "250000",
      },
    });
  });

  test("the SqlVirtualMachine: the VM, collation, private TCP port, max server memory, data and log disks", () => {
    expect(one(resources, "sync-sql-sqlvm").inputs).toMatchObject({
      sqlVirtualMachineName: "sync-sql-vm",
      virtualMachineResourceId: "[id of sync-sql-vm]",
      sqlImageOffer: "SQL2022-WS2022",
      sqlImageSku: "Standard",
      sqlManagement: "Full",
      serverConfigurationsManagementSettings: {
        sqlConnectivityUpdateSettings: { connectivityType: "PRIVATE", port: 1433 },
        sqlInstanceSettings: { collation: "SQL_Latin1_General_CP1_CI_AS", maxServerMemoryMB: 28_672 },
      },
      storageConfigurationSettings: {
        diskConfigurationType: "NEW",
        sqlDataSettings: { luns: [0], defaultFilePath: "F:\\data" },
        sqlLogSettings: { luns: [1], defaultFilePath: "G:\\log" },
      },
      // The registration has no size: the max server memory policy weighs 28,672 MB against this tag's 32 GiB.
      tags: { "entra-connect-role": "sync-database", "entra-connect-vm-size": "Standard_E4s_v5" },
    });
  });

  // Issue 9 items 3 and 4: the SQL VM is Tier 0 too. It joins the same domain with the same extension, and runs
  // the hardening bootstrap (TLS 1.2, NTLM, LAPS, execution policy) without the installer.
  test("the SQL VM joins the domain and gets the hardening bootstrap after the join", () => {
    expect(one(resources, "sync-sql-domain-join").inputs).toMatchObject({
      vmName: "sync-sql-vm",
      type: "JsonADDomainExtension",
      settings: { Name: "corp.example.com", OUPath: "OU=Tier0,DC=corp,DC=example,DC=com", User: "corp.example.com\\svc-join" },
      protectedSettings: { Password: "P@ssw0rd-join" },
      tags: { "entra-connect-role": "sync-database" },
    });
    const bootstrap = one(resources, "sync-sql-bootstrap").inputs;
    expect(bootstrap).toMatchObject({
      vmName: "sync-sql-vm",
      type: "CustomScriptExtension",
      tags: { "entra-connect-role": "sync-database" },
    });
    expect(bootstrap["forceUpdateTag"]).toMatch(/^[0-9a-f]{64}$/);
    expect(bootstrap["forceUpdateTag"]).not.toBe(one(resources, "sync-bootstrap").inputs["forceUpdateTag"]);
  });

  test("a non-default SQL port reaches the NSG rule and the SQL connectivity settings", async () => {
    const r = await plan({ ...sqlArgs, sqlPort: 14_330 });
    expect((one(r, "sync-sql-nsg").inputs["securityRules"] as Record<string, unknown>[])[0]).toMatchObject({
      destinationPortRange: "14330",
    });
    expect(one(r, "sync-sql-sqlvm").inputs).toMatchObject({
      serverConfigurationsManagementSettings: { sqlConnectivityUpdateSettings: { port: 14_330 } },
    });
  });
  // Issue 9 item 13: the domain join needs DNS that resolves the AD domain. azure-native NetworkInterface
  // dnsSettings.dnsServers ("List of DNS servers IP addresses. Use 'AzureProvidedDNS' to switch to azure provided
  // DNS resolution"); without it the NIC keeps the virtual network's DNS settings.
  test("dnsServers reach both NICs' dnsSettings; without them the NICs keep the virtual network's DNS", async () => {
    const r = await plan({ ...sqlArgs, dnsServers: ["10.0.1.4", "10.0.1.5"] });
    for (const nic of ["sync-nic", "sync-sql-nic"])
      expect(one(r, nic).inputs["dnsSettings"]).toEqual({ dnsServers: ["10.0.1.4", "10.0.1.5"] });
    for (const nic of ["sync-nic", "sync-sql-nic"]) expect(one(resources, nic).inputs["dnsSettings"]).toBeUndefined();
  });
});

describe("refusals and warnings at construction", () => {
  test("a refused arg throws before any resource registers", async () => {
    const registered: string[] = [];
    await pulumi.runtime.setMocks(
      {
        newResource: (a) => {
          registered.push(a.name);
          return { id: `${a.name}-id`, state: a.inputs };
        },
        call: (a) => a.inputs,
      },
      "proj",
      "test",
      true,
    );
    expect(() => new EntraConnectServer("sync", { ...args, objectCount: 150_000, database: "localdb" })).toThrow(
      'database is refused: "localdb" cannot hold 150,000 objects (LocalDB holds fewer than 100,000); this breaks requirement sql.localdb-limit: LocalDB only below 100,000 objects (10 GB cap). Fix: set database to "sql" or "auto" (full SQL from 100,000 objects).',
    );
    await pulumi.runtime.disconnect();
    expect(registered).toEqual([]);
  });

  test("from 80,000 objects on LocalDB: pulumi.log.warn, and the server is still built", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const r = await plan({
        ...args,
        objectCount: 80_000,
        domainJoinDomain: "corp.example.com",
        domainJoinAccount: "a",
        domainJoinPassword: "p",
      });
      expect(warn.mock.calls.map((c) => c[0])).toEqual([
        'database: 80,000 objects on LocalDB come close to its 10 GB cap; full SQL is recommended from 80,000 objects (set database to "sql").',
      ]);
      expect(one(r, "sync-vm").inputs).toMatchObject({
        hardwareProfile: { vmSize: "Standard_D4s_v5" },
        tags: { "entra-connect-database": "localdb" },
      });
    } finally {
      warn.mockRestore();
    }
  });
});

// Issue 9 item 6: SQL Server's collation is fixed when it is installed (changing it later means rebuilding the
// system databases), so a new sqlCollation must show in the plan as a replacement of the SQL VM registration,
// never as an in-place update. The resource option is read through a transformation on the component, which
// sees every child's options as the engine receives them.
test("the SqlVirtualMachine replaces on a collation change", async () => {
  const options = new Map<string, pulumi.ResourceOptions>();
  const record: pulumi.ResourceTransformation = (a) => {
    options.set(a.name, a.opts);
    return undefined;
  };
  const sqlArgs: EntraConnectServerArgs = {
    ...args,
    objectCount: 250_000,
    lapsBackupDirectory: "active-directory",
    domainJoinDomain: "corp.example.com",
    domainJoinAccount: "svc-join",
    domainJoinPassword: "p",
    sqlAdminPassword: "q",
  };
  await runUnderMocks(() => new EntraConnectServer("sync", sqlArgs, { transformations: [record] }), {
    project: "proj",
    stack: "test",
    config: {},
  });
  expect(options.get("sync-sql-sqlvm")?.replaceOnChanges).toEqual(["serverConfigurationsManagementSettings.sqlInstanceSettings.collation"]);
  expect(options.get("sync-sql-vm")?.replaceOnChanges).toBeUndefined();
});
