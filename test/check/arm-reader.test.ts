/**
 * The ARM reader: an `az deployment group what-if --no-pretty-print` result and a compiled ARM template of the
 * same server give the verdict of its Pulumi preview (compliant stack and one mutation per rule of every
 * policy); template expressions, Bicep modules, languageVersion 2.0, what-if change types; bad input.
 * Shapes and sources: terraform-arm-model.ts (WhatIfChange: learn.microsoft.com "Deployments - What If" REST,
 * resourceId/changeType/before/after; template syntax: learn.microsoft.com "Understand the structure and syntax
 * of ARM templates", "Template functions"; Bicep modules compile to Microsoft.Resources/deployments with an
 * inline properties.template and expressionEvaluationOptions.scope inner).
 */
import { parsePlanText } from "../../src/check/readers/plan-file";
import { UNKNOWN_STRING } from "../../src/policies/support/unknown";
import { armId, armTemplate, armWhatIf, COMPLIANT, pulumiPreview } from "./terraform-arm-model";
import { MUTATIONS, verdictOf, violationsOf } from "./terraform-arm-verdict";

describe("ARM what-if and a compiled template give the verdict of the Pulumi preview of the same server", () => {
  it.each(MUTATIONS)("%s", async (_label, change, expected) => {
    const model = { ...COMPLIANT, ...change };
    const pulumi = await verdictOf(pulumiPreview(model), "pulumi");
    expect(pulumi).toEqual([...expected].sort());
    expect(await verdictOf(armWhatIf(model), "arm")).toEqual(pulumi);
    expect(await verdictOf(armTemplate(model), "arm")).toEqual(pulumi);
  });
});

describe("the ARM reader", () => {
  const read = (doc: unknown) => parsePlanText(JSON.stringify(doc), "arm.json");

  it("names a what-if resource by its id and ARM type, with the pack's messages", async () => {
    const violations = await violationsOf(armWhatIf({ ...COMPLIANT, publicIp: true }), "arm");
    expect(violations.map((v) => [v.urn, v.resourceName, v.resourceType, v.message])).toEqual([
      [
        armId("Microsoft.Network/networkInterfaces", "sync-nic"),
        armId("Microsoft.Network/networkInterfaces", "sync-nic"),
        "Microsoft.Network/networkInterfaces",
        "ipConfigurations.0.publicIPAddress attaches a public IP to the sync server. Fix: remove publicIPAddress; reach the server through Azure Bastion or a private admin network. (requirement tier0.no-public-ip: No public IP on a Tier-0 sync server)",
      ],
    ]);
  });

  it("flattens properties as azure-native does and names a standalone rule's NSG from its id", () => {
    const rule = read(armWhatIf(COMPLIANT).doc).find((r) => r.sourceType === "Microsoft.Network/networkSecurityGroups/securityRules");
    expect(rule?.type).toBe("azure-native:network:SecurityRule");
    expect(rule?.inputs).toMatchObject({ name: "allow-https", networkSecurityGroupName: "sync-nsg", sourceAddressPrefix: "10.10.1.0/26" });
    expect(rule?.dependencies).toEqual([armId("Microsoft.Network/networkSecurityGroups", "sync-nsg")]);
  });

  it("reads a template's expressions: variables, parameter defaults, resourceId, format; unresolvable ones are unknown; secure parameters are secrets", () => {
    const [vm] = read({
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: {
        prefix: { type: "string", defaultValue: "Entra" },
        size: { type: "string", defaultValue: "[format('Standard_D{0}s_v5', 2)]" },
        disk: { type: "int" },
        tags: { type: "object", defaultValue: { "entra-connect-role": "sync-server" } },
        password: { type: "securestring", defaultValue: "Template-Pa55word" },
      },
      variables: { name: "[toLower(concat(parameters('prefix'), '-sync'))]" },
      resources: [
        {
          type: "Microsoft.Compute/virtualMachines",
          apiVersion: "2024-07-01",
          name: "[variables('name')]",
          location: "[resourceGroup().location]",
          tags: "[parameters('tags')]",
          properties: {
            hardwareProfile: { vmSize: "[parameters('size')]" },
            osProfile: { adminPassword: "[parameters('password')]" },
            storageProfile: { osDisk: { diskSizeGB: "[parameters('disk')]", name: "[[literal]" } },
            networkProfile: {
              networkInterfaces: [{ id: "[resourceId('Microsoft.Network/networkInterfaces', format('{0}-nic', variables('name')))]" }],
            },
          },
        },
      ],
    });
    expect(vm?.urn).toBe("Microsoft.Compute/virtualMachines/entra-sync");
    expect(vm?.inputs).toEqual({
      name: "entra-sync",
      location: UNKNOWN_STRING,
      tags: { "entra-connect-role": "sync-server" },
      hardwareProfile: { vmSize: "Standard_D2s_v5" },
      osProfile: { adminPassword: "[secret]" },
      storageProfile: { osDisk: { diskSizeGB: UNKNOWN_STRING, name: "[literal]" } },
      networkProfile: { networkInterfaces: [{ id: "/providers/Microsoft.Network/networkInterfaces/entra-sync-nic" }] },
    });
  });

  it("reads a Bicep module (a nested deployment with an inline template) with the values passed to it", async () => {
    const inner = armTemplate({ ...COMPLIANT, rdpSource: "Internet" }).doc;
    const doc = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: { disk: { type: "int", defaultValue: 128 } },
      resources: [
        {
          type: "Microsoft.Resources/deployments",
          apiVersion: "2022-09-01",
          name: "sync-server",
          properties: {
            expressionEvaluationOptions: { scope: "inner" },
            mode: "Incremental",
            parameters: { osDiskSizeGb: { value: "[parameters('disk')]" } },
            template: inner,
          },
        },
      ],
    };
    const violations = await violationsOf({ doc, parts: new Map() }, "arm");
    expect(violations.map((v) => [v.urn, v.policy])).toEqual([
      ["Microsoft.Network/networkSecurityGroups/sync-nsg", "entra-connect-disallow-internet-inbound"],
    ]);
  });

  it("reads languageVersion 2.0 resources keyed by symbolic name, with symbolic dependsOn; skips existing and condition false", () => {
    const resources = read({
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      languageVersion: "2.0",
      contentVersion: "1.0.0.0",
      resources: {
        nsg: { type: "Microsoft.Network/networkSecurityGroups", apiVersion: "2024-05-01", name: "sync-nsg", properties: {} },
        vnet: { existing: true, type: "Microsoft.Network/virtualNetworks", apiVersion: "2024-05-01", name: "hub" },
        off: { condition: "[equals('a', 'b')]", type: "Microsoft.Network/publicIPAddresses", apiVersion: "2024-05-01", name: "pip" },
        nic: {
          type: "Microsoft.Network/networkInterfaces",
          apiVersion: "2024-05-01",
          name: "sync-nic",
          dependsOn: ["nsg"],
          properties: { ipConfigurations: [] },
        },
      },
    });
    expect(resources.map((r) => [r.urn, r.dependencies])).toEqual([
      ["Microsoft.Network/networkSecurityGroups/sync-nsg", []],
      ["Microsoft.Network/networkInterfaces/sync-nic", ["Microsoft.Network/networkSecurityGroups/sync-nsg"]],
    ]);
  });

  it("skips Delete and Ignore changes; a resource what-if could not predict cannot be verified", async () => {
    const doc = armWhatIf(COMPLIANT).doc as { changes: Record<string, unknown>[] };
    const vmId = armId("Microsoft.Compute/virtualMachines", "sync");
    doc.changes = doc.changes.map((c) =>
      c.resourceId === vmId ? { resourceId: vmId, changeType: "Unsupported", unsupportedReason: "nested template link" } : c,
    );
    doc.changes.push({ resourceId: armId("Microsoft.Compute/virtualMachines", "old"), changeType: "Delete", before: {}, after: null });
    doc.changes.push({ resourceId: armId("Microsoft.Compute/virtualMachines", "other"), changeType: "Ignore" });
    const violations = await violationsOf({ doc, parts: new Map() }, "arm");
    expect(new Set(violations.map((v) => v.urn))).toEqual(new Set([vmId]));
    expect(violations[0]?.message).toMatch(
      /^cannot verify at preview: the entra-connect-role tag \(tags\) is not known until the deployment runs/,
    );
  });

  it.each([
    [{ changes: [5] }, "arm.json: changes[0] is not an object"],
    [{ changes: [{ changeType: "Create" }] }, 'arm.json: changes[0] has no "resourceId" string'],
    [{ changes: [{ resourceId: "/x", changeType: "Create", after: [] }] }, 'arm.json: changes[0] has an "after" that is not an object'],
    [
      { status: "Failed", error: { message: "InvalidTemplate: bad\nmore" }, changes: [] },
      "arm.json is a what-if that failed (error: InvalidTemplate: bad)",
    ],
    [{ contentVersion: "1.0.0.0", resources: [{ name: "x" }] }, 'arm.json: resources[0] has no "type" string'],
  ])("refuses a bad document naming the field (%#)", (doc, message) => {
    expect(() => read(doc)).toThrow(message);
  });
});
