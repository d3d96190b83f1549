/**
 * `entra-gate check` relations and standalone rules match versioned azure-native tokens (issue 14 item 11):
 * `azure-native:network/v20240301:NetworkSecurityGroup` is the 2024-03-01 API module of the top-level
 * `azure-native:network:NetworkSecurityGroup` (Pulumi's Azure Native version guide, pulumi/registry
 * themes/default/content/registry/packages/azure-native/version-guide/_index.md).
 */
import { evaluatePlan } from "../../src/check/check";
import { resolvePackConfig } from "../../src/check/policy-config";
import type { PlannedResource } from "../../src/check/preview-file";
import { parsePlanText } from "../../src/check/readers/plan-file";
import { POLICIES } from "../../src/policies";
import { nic, nsg, securityRule, U, vm } from "../policies/fixtures";
import { set } from "../policies/harness";

const urn = (type: string, name: string): string => `urn:pulumi:dev::entra::${type}::${name}`;
const planned = (type: string, name: string, inputs: Record<string, unknown>, refs: string[] = []): PlannedResource => ({
  urn: urn(type, name),
  type,
  name,
  inputs,
  dependencies: refs,
  propertyDependencies: {},
});

async function violations(resources: PlannedResource[]): Promise<string[]> {
  const found = await evaluatePlan(resources, "preview.json", resolvePackConfig({}, POLICIES, "test.json"), POLICIES);
  return found.map((v) => `${v.resourceName} ${v.policy}`);
}

describe("versioned tokens in relations and standalone rules", () => {
  it("an untagged versioned NIC and NSG of a tagged versioned VM are checked by relation", async () => {
    const untagged = (inputs: Record<string, unknown>): Record<string, unknown> => set(inputs, "tags", { app: "sync" });
    const badNsg = untagged(nsg());
    (badNsg.securityRules as Record<string, unknown>[]).push({
      name: "rdp-any",
      priority: 150,
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      sourceAddressPrefix: "Internet",
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRange: "3389",
    });
    const nsgR = planned("azure-native:network/v20240301:NetworkSecurityGroup", "sync-nsg", badNsg);
    const nicR = planned(
      "azure-native:network/v20240301:NetworkInterface",
      "sync-nic",
      set(untagged(nic()), "ipConfigurations.0.publicIPAddress", { id: U }),
      [nsgR.urn],
    );
    const vmR = planned("azure-native:compute/v20240701:VirtualMachine", "sync", vm(), [nicR.urn]);
    const rule = planned("azure-native:network/v20240301:SecurityRule", "winrm-any", securityRule(), [nsgR.urn]);
    Object.assign(rule.inputs, { sourceAddressPrefix: "*", destinationPortRange: "5986", direction: "Inbound", access: "Allow" });
    expect(await violations([nsgR, nicR, vmR, rule])).toEqual([
      "sync-nsg entra-connect-disallow-internet-inbound",
      "sync-nic entra-connect-disallow-public-ip",
      "winrm-any entra-connect-disallow-internet-inbound",
    ]);
  });

  it("a tagged unknown type in a preview is a mandatory violation of the pack", async () => {
    const disk = planned("azure-native:compute/v20240701:Disk", "sync-data", { tags: { "entra-connect-role": "sync-server" } });
    const found = await evaluatePlan([disk], "preview.json", resolvePackConfig({}, POLICIES, "test.json"), POLICIES);
    expect(found.map((v) => [v.policy, v.enforcementLevel])).toEqual([["entra-connect-disallow-unknown-tagged-type", "mandatory"]]);
  });
});

describe("tagged types in a Terraform plan", () => {
  // azurerm_virtual_machine_extension and azurerm_application_security_group are @pulumi/azure's
  // compute/extension and network/applicationSecurityGroup (`pulumi import azure:compute/extension:Extension ...`
  // in the provider's docs): types the pack knows, as the component tags them.
  const plan = (type: string): string =>
    JSON.stringify({
      format_version: "1.2",
      resource_changes: [
        {
          address: `${type}.sync`,
          mode: "managed",
          type,
          name: "sync",
          change: {
            actions: ["create"],
            before: null,
            after: { name: "sync", tags: { "entra-connect-role": "sync-server" } },
            after_unknown: {},
          },
        },
      ],
      configuration: { root_module: { resources: [] } },
    });
  const policies = async (type: string): Promise<string[]> => {
    const resources = parsePlanText(plan(type), "plan.json", "terraform");
    const found = await evaluatePlan(resources, "plan.json", resolvePackConfig({}, POLICIES, "test.json"), POLICIES);
    return found.map((v) => `${v.resourceType} ${v.policy}`);
  };

  it("knows the extension and ASG the component tags, and refuses a tagged managed disk", async () => {
    expect(await policies("azurerm_virtual_machine_extension")).toEqual([]);
    expect(await policies("azurerm_application_security_group")).toEqual([]);
    expect(await policies("azurerm_managed_disk")).toEqual(["azurerm_managed_disk entra-connect-disallow-unknown-tagged-type"]);
  });
});
