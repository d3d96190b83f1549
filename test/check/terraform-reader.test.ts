/**
 * The Terraform reader: a `terraform show -json` plan of the same server gives the same verdict as its Pulumi
 * preview, for the compliant stack and one mutation per rule of every policy (the table below); unknown and
 * sensitive values; references; bad input. Plan shapes and their sources: terraform-arm-model.ts.
 */
import { parsePlanText } from "../../src/check/readers/plan-file";
import { renderJson } from "../../src/check/render/json";
import { renderSarif } from "../../src/check/render/sarif";
import { renderText } from "../../src/check/render/text";
import { summarise } from "../../src/check/check";
import { POLICIES } from "../../src/policies";
import { COMPLIANT, PLAN_PASSWORD, pulumiPreview, terraformPlan } from "./terraform-arm-model";
import { MUTATIONS, verdictOf, violationsOf } from "./terraform-arm-verdict";

describe("a Terraform plan gives the verdict of the Pulumi preview of the same server", () => {
  it("the table covers every policy of the pack", () => {
    const covered = new Set(MUTATIONS.flatMap(([, , lines]) => lines.map((l) => l.split(" ")[1])));
    expect([...covered].sort()).toEqual(POLICIES.map((p) => p.name).sort());
  });

  it.each(MUTATIONS)("%s", async (_label, change, expected) => {
    const model = { ...COMPLIANT, ...change };
    const pulumi = await verdictOf(pulumiPreview(model), "pulumi");
    expect(pulumi).toEqual([...expected].sort());
    expect(await verdictOf(terraformPlan(model), "terraform")).toEqual(pulumi);
  });
});

describe("the Terraform reader", () => {
  const read = (doc: unknown) => parsePlanText(JSON.stringify(doc), "plan.json");

  it("names the resource by its address and azurerm type in every output; the requirement and fix are the pack's", async () => {
    const violations = await violationsOf(terraformPlan({ ...COMPLIANT, publicIp: true, secureBoot: false }), "terraform");
    expect(violations.map((v) => [v.urn, v.resourceName, v.resourceType, v.policy])).toEqual([
      ["azurerm_network_interface.sync", "azurerm_network_interface.sync", "azurerm_network_interface", "entra-connect-disallow-public-ip"],
      [
        "azurerm_windows_virtual_machine.sync",
        "azurerm_windows_virtual_machine.sync",
        "azurerm_windows_virtual_machine",
        "entra-connect-enforce-trusted-launch",
      ],
    ]);
    expect(violations[1]?.message).toBe(
      "secure boot is not enabled (secureBootEnabled is false). Fix: set secureBootEnabled to true. (requirement tier0.trusted-launch: Trusted Launch with secure boot and vTPM)",
    );
    const report = { violations, resourcesChecked: 12, summary: summarise(violations) };
    expect(renderText(report)).toContain("plan.terraform.json: azurerm_windows_virtual_machine.sync (azurerm_windows_virtual_machine)\n");
    const sarif = JSON.parse(renderSarif(report, POLICIES)) as { runs: { results: { locations: unknown[] }[] }[] };
    expect(sarif.runs[0]?.results[0]?.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: "plan.terraform.json" }, region: { startLine: 1 } },
        logicalLocations: [
          { name: "azurerm_network_interface.sync", fullyQualifiedName: "azurerm_network_interface.sync", kind: "resource" },
        ],
      },
    ]);
    expect(JSON.parse(renderJson(report)).violations[0].resourceType).toBe("azurerm_network_interface");
  });

  it("reports a value unknown at plan as 'cannot verify', like the Pulumi unknown sentinel", async () => {
    const violations = await violationsOf(terraformPlan({ ...COMPLIANT, osDiskGb: "unknown" }), "terraform");
    expect(violations.map((v) => v.message)).toEqual([
      'cannot verify at preview: the OS disk size (osDisk.diskSizeGb) is not known until the deployment runs. Fix: set it to a literal value in the program, or set "allowUnknownAtPreview": true in the config of entra-connect-enforce-os-disk-sizing to accept it. (requirement sizing.disk: OS disk meets the sizing tier of the object count)',
    ]);
  });

  it("never prints a sensitive value: a check that needs one says it is a secret in the plan", async () => {
    const g = terraformPlan(COMPLIANT);
    const vm = (g.doc.resource_changes as { address: string; change: { after_sensitive: Record<string, unknown> } }[]).find(
      (c) => c.address === "azurerm_windows_virtual_machine.sync",
    );
    vm!.change.after_sensitive.size = true;
    const violations = await violationsOf(g, "terraform");
    expect(violations.map((v) => v.message)).toEqual([
      expect.stringMatching(/^cannot verify at preview: the VM size \(size\) is a secret in the plan\. /),
    ]);
    const resources = read(g.doc);
    const report = { violations, resourcesChecked: resources.length, summary: summarise(violations) };
    for (const out of [renderText(report), renderJson(report), renderSarif(report, POLICIES), JSON.stringify(resources)]) {
      expect(out).not.toContain(PLAN_PASSWORD);
      expect(out).not.toContain("Standard_D2s_v5");
    }
  });

  it("skips data sources and deletions, keeps no-op resources, and resolves references inside modules and count instances", () => {
    const change = (address: string, type: string, after: unknown, extra: Record<string, unknown> = {}) => ({
      address,
      mode: "managed",
      type,
      name: address.split(".").slice(-1)[0]!.replace(/\[.*$/, ""),
      change: { actions: ["create"], after, after_unknown: {}, after_sensitive: {} },
      ...extra,
    });
    const doc = {
      format_version: "1.2",
      resource_changes: [
        change("data.azurerm_subnet.s", "azurerm_subnet", { id: "x" }, { mode: "data" }),
        change("azurerm_network_interface.old", "azurerm_network_interface", null),
        change(
          "module.srv[0].azurerm_network_interface.nic[0]",
          "azurerm_network_interface",
          { ip_configuration: [] },
          {
            module_address: "module.srv[0]",
            index: 0,
          },
        ),
        change(
          "module.srv[0].azurerm_network_interface.nic[1]",
          "azurerm_network_interface",
          { ip_configuration: [] },
          {
            module_address: "module.srv[0]",
            index: 1,
          },
        ),
        change(
          "module.srv[0].azurerm_windows_virtual_machine.vm",
          "azurerm_windows_virtual_machine",
          { network_interface_ids: ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/existing"] },
          { module_address: "module.srv[0]" },
        ),
        {
          ...change("azurerm_network_interface.existing", "azurerm_network_interface", {
            id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/EXISTING",
          }),
          change: {
            actions: ["no-op"],
            after: { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/EXISTING" },
          },
        },
      ],
      configuration: {
        root_module: {
          module_calls: {
            srv: {
              module: {
                resources: [
                  {
                    address: "azurerm_windows_virtual_machine.vm",
                    expressions: { network_interface_ids: { references: ["azurerm_network_interface.nic", "var.x"] } },
                    depends_on: ["azurerm_network_interface.nic[1]"],
                  },
                ],
              },
            },
          },
        },
      },
    };
    expect(read(doc).map((r) => [r.urn, r.type, r.dependencies])).toEqual([
      ["module.srv[0].azurerm_network_interface.nic[0]", "azure:network/networkInterface:NetworkInterface", []],
      ["module.srv[0].azurerm_network_interface.nic[1]", "azure:network/networkInterface:NetworkInterface", []],
      [
        "module.srv[0].azurerm_windows_virtual_machine.vm",
        "azure:compute/windowsVirtualMachine:WindowsVirtualMachine",
        [
          "module.srv[0].azurerm_network_interface.nic[0]",
          "module.srv[0].azurerm_network_interface.nic[1]",
          "azurerm_network_interface.existing",
        ],
      ],
      ["azurerm_network_interface.existing", "azure:network/networkInterface:NetworkInterface", []],
    ]);
  });

  it("reads the legacy azurerm_virtual_machine into the azure-native VM shape (no Trusted Launch there)", async () => {
    const doc = {
      format_version: "1.0",
      resource_changes: [
        {
          address: "azurerm_virtual_machine.sync",
          mode: "managed",
          type: "azurerm_virtual_machine",
          name: "sync",
          change: {
            actions: ["create"],
            after: {
              vm_size: "Standard_D2s_v5",
              storage_image_reference: [
                { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2019-datacenter-core", version: "latest" },
              ],
              storage_os_disk: [{ name: "os", create_option: "FromImage", os_type: "Windows", disk_size_gb: 128 }],
              os_profile_windows_config: [{ provision_vm_agent: true }],
              tags: { "entra-connect-role": "sync-server", "entra-connect-object-count": "40000", "entra-connect-version": "2.6.92.0" },
            },
            after_unknown: { id: true, network_interface_ids: true },
          },
        },
      ],
    };
    const [vm] = read(doc);
    expect(vm?.type).toBe("azure-native:compute:VirtualMachine");
    expect(vm?.inputs.storageProfile).toEqual({
      imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2019-datacenter-core", version: "latest" },
      osDisk: { diskSizeGB: 128, osType: "Windows" },
    });
    const violations = await violationsOf({ doc, parts: new Map() }, "terraform");
    expect(violations.map((v) => v.policy)).toEqual([
      "entra-connect-disallow-server-core",
      "entra-connect-enforce-trusted-launch",
      "entra-connect-enforce-trusted-launch",
      "entra-connect-enforce-trusted-launch",
      "entra-connect-enable-encryption-at-host",
    ]);
  });

  it("refuses a tagged azurerm_mssql_server (Azure SQL) as the sync database", async () => {
    const server = {
      address: "azurerm_mssql_server.sync",
      mode: "managed",
      type: "azurerm_mssql_server",
      name: "sync",
      change: { actions: ["create"], after: { name: "sql-sync", version: "12.0", tags: { "entra-connect-role": "sync-database" } } },
    };
    const violations = await violationsOf({ doc: { format_version: "1.2", resource_changes: [server] }, parts: new Map() }, "terraform");
    expect(violations.map((v) => [v.urn, v.policy])).toEqual([["azurerm_mssql_server.sync", "entra-connect-disallow-azure-sql-database"]]);
  });

  it.each([
    [{ format_version: "2.0", resource_changes: [] }, 'plan.json has format_version "2.0", which this reader does not know (it reads 1.x)'],
    [{ format_version: "1.2", errored: true, resource_changes: [] }, 'plan.json is a Terraform plan that failed ("errored": true)'],
    [{ format_version: "1.0", terraform_version: "1.9.8", values: {} }, 'plan.json has no "resource_changes" list, so it is not a plan'],
    [{ format_version: "1.2", resource_changes: [7] }, "plan.json: resource_changes[0] is not an object"],
    [{ format_version: "1.2", resource_changes: [{ address: "a.b", type: "a" }] }, 'plan.json: resource_changes[0] has no "change" object'],
    [
      { format_version: "1.2", resource_changes: [{ address: "a.b", type: "a", change: { after: [1] } }] },
      'plan.json: resource_changes[0] has a "change.after" that is not an object',
    ],
  ])("refuses a bad plan naming the field (%#)", (doc, message) => {
    expect(() => read(doc)).toThrow(message);
  });

  it("detects the format from the document; --input forces it", () => {
    const tf = terraformPlan(COMPLIANT).doc;
    // 8 resources: NSG, standalone rule, NIC, its NSG association, VM, SQL host, SQL VM registration, rule collection group.
    expect(read(tf).length).toBe(8);
    expect(() => parsePlanText(JSON.stringify(tf), "p.json", "pulumi")).toThrow('p.json has no "steps" list, so it is not a preview');
    expect(() => read({ resources: 1 })).toThrow(
      'plan.json is not a plan entra-gate reads: no "steps" list (Pulumi preview), no "format_version" with "resource_changes" (Terraform plan), no "changes" list (ARM what-if) and no ARM template "resources"; ',
    );
  });
});
