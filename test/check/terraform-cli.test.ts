/** `entra-gate check` on Terraform plans end to end: the examples, --input, and the record naming the address. */
import * as path from "node:path";
import { runCli } from "../support/run-cli";

const ex = (name: string): string => path.join("examples", name);

describe("entra-gate check on terraform show -json plans", () => {
  it("passes the compliant example with exit 0 (detected as Terraform)", async () => {
    expect(await runCli(["check", ex("terraform-compliant-plan.json")])).toEqual({
      code: 0,
      stdout: "OK: 8 resources checked, 0 mandatory and 0 advisory violations.\n",
      stderr: "",
    });
  });

  it("reports the non-compliant example by resource address, in JSON, with exit 1", async () => {
    const r = await runCli(["check", ex("terraform-public-rdp-core-plan.json"), "--input", "terraform", "--format", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { violations: { urn: string; resourceType: string; policy: string }[]; summary: unknown };
    expect(report.violations.map((v) => `${v.urn} ${v.resourceType} ${v.policy}`)).toEqual([
      "azurerm_network_security_group.sync azurerm_network_security_group entra-connect-disallow-internet-inbound",
      "azurerm_network_interface.sync azurerm_network_interface entra-connect-disallow-public-ip",
      "azurerm_windows_virtual_machine.sync azurerm_windows_virtual_machine entra-connect-disallow-server-core",
      "azurerm_windows_virtual_machine.sync azurerm_windows_virtual_machine entra-connect-enforce-trusted-launch",
      "azurerm_firewall_policy_rule_collection_group.egress azurerm_firewall_policy_rule_collection_group entra-connect-disallow-tls-inspection",
      "azurerm_firewall_policy_rule_collection_group.egress azurerm_firewall_policy_rule_collection_group entra-connect-disallow-tls-inspection",
    ]);
    expect(report.summary).toEqual({ mandatory: 6, advisory: 0 });
    expect(r.stdout).not.toContain("Pa55word");
  });

  it("checks a Pulumi preview and a Terraform plan in one run", async () => {
    const r = await runCli(["check", ex("compliant-preview.json"), ex("terraform-compliant-plan.json")]);
    expect(r).toEqual({ code: 0, stdout: "OK: 12 resources checked, 0 mandatory and 0 advisory violations.\n", stderr: "" });
  });

  it("--input refuses an unknown format, and a forced format reads the document as that format", async () => {
    const bad = await runCli(["check", ex("terraform-compliant-plan.json"), "--input", "cdk"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("argument 'cdk' is invalid. Allowed choices are pulumi, terraform");
    const forced = await runCli(["check", ex("compliant-preview.json"), "--input", "terraform"]);
    expect(forced).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'entra-gate: examples/compliant-preview.json has format_version "", which this reader does not know (it reads 1.x); pass the output of `terraform show -json PLANFILE` (after `terraform plan -out PLANFILE`) from Terraform 1.x.\n',
    });
  });
});
