/** `entra-gate check` on ARM what-if results and compiled templates end to end: the examples and the SARIF record. */
import * as path from "node:path";
import { runCli } from "../support/run-cli";

const ex = (name: string): string => path.join("examples", name);

describe("entra-gate check on ARM what-if results and templates", () => {
  it.each(["arm-compliant-whatif.json", "arm-compliant-template.json"])("passes %s with exit 0 (detected as ARM)", async (name) => {
    expect(await runCli(["check", ex(name)])).toEqual({
      code: 0,
      stdout: "OK: 7 resources checked, 0 mandatory and 0 advisory violations.\n",
      stderr: "",
    });
  });

  it("reports the non-compliant what-if by ARM resource id in SARIF, with exit 1", async () => {
    const r = await runCli(["check", ex("arm-public-rdp-core-whatif.json"), "--input", "arm", "--format", "sarif"]);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as {
      runs: { results: { ruleId: string; level: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[] }[];
    };
    const rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-entra/providers";
    expect(sarif.runs[0]?.results.map((x) => `${x.level} ${x.ruleId} ${x.locations[0]?.logicalLocations[0]?.fullyQualifiedName}`)).toEqual([
      `error entra-connect-disallow-internet-inbound ${rg}/Microsoft.Network/networkSecurityGroups/sync-nsg`,
      `error entra-connect-disallow-public-ip ${rg}/Microsoft.Network/networkInterfaces/sync-nic`,
      `error entra-connect-disallow-server-core ${rg}/Microsoft.Compute/virtualMachines/sync`,
      `error entra-connect-enforce-trusted-launch ${rg}/Microsoft.Compute/virtualMachines/sync`,
      `error entra-connect-disallow-tls-inspection ${rg}/Microsoft.Network/firewallPolicies/hub/ruleCollectionGroups/egress`,
      `error entra-connect-disallow-tls-inspection ${rg}/Microsoft.Network/firewallPolicies/hub/ruleCollectionGroups/egress`,
    ]);
  });

  it("a file forced to --input arm that is neither what-if nor template is refused with exit 2", async () => {
    expect(await runCli(["check", ex("terraform-compliant-plan.json"), "--input", "arm"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'entra-gate: examples/terraform-compliant-plan.json is neither a what-if result (no "changes" list) nor an ARM template (no "resources"); pass the output of `az deployment group what-if --no-pretty-print` (redirect stdout to a file), or pass a compiled ARM template (`az bicep build --file main.bicep --stdout`).\n',
    });
  });
});
