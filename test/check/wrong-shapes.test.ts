/**
 * Inputs of the wrong shape never drop a resource out of scope or drop violations, and a config that disables
 * every policy never says OK (issue 14 item 12). Real shapes: azure-native NetworkInterface `ipConfigurations` and
 * NetworkSecurityGroup `securityRules` are lists (node_modules/@pulumi/azure-native/network/networkInterface.d.ts,
 * networkSecurityGroup.d.ts: `ipConfigurations?: pulumi.Input<pulumi.Input<inputs.network.NetworkInterfaceIPConfigurationArgs>[] | undefined>`),
 * `tags` a string map; the engine writes a step's `inputs` with omitempty (pulumi apitype.ResourceV3), never null.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { cli } from "./check-cli";
import { runCheck } from "../../src/check/check";
import { disallowInternetInbound } from "../../src/policies/disallow-internet-inbound";
import { disallowPublicIp } from "../../src/policies/disallow-public-ip";
import { disallowServerCore } from "../../src/policies/disallow-server-core";
import { disallowUnknownTaggedType } from "../../src/policies/disallow-unknown-tagged-type";
import { NATIVE } from "../../src/policies/support/type-tokens";
import { nic, nsg, URN, vm } from "../policies/fixtures";
import { run, set } from "../policies/harness";

const SHAPE_FIX =
  "Fix: check how the plan file was produced: `pulumi preview --json` writes each input as the provider types it; fix the program or the file and preview again.";
const tmp = mkdtempSync(path.join(tmpdir(), "entra-shapes-"));
const file = (name: string, doc: unknown): string => {
  const p = path.join(tmp, name);
  writeFileSync(p, typeof doc === "string" ? doc : JSON.stringify(doc));
  return p;
};

describe("wrong-shaped inputs on a tagged resource are 'cannot verify' violations", () => {
  it.each([false, true])("ipConfigurations as a string (allowUnknownAtPreview %s: never relaxed)", async (relax) => {
    const config = relax ? { allowUnknownAtPreview: true } : {};
    expect(await run(disallowPublicIp, NATIVE.networkInterface, set(nic(), "ipConfigurations", "x"), config)).toEqual([
      `cannot verify: the IP configurations (ipConfigurations) is a string ("x"), not the shape the provider's schema gives it. ${SHAPE_FIX} (requirement tier0.no-public-ip: No public IP on a Tier-0 sync server)`,
    ]);
  });

  it("securityRules as a string, and a rule that is a string", async () => {
    const [whole] = await run(disallowInternetInbound, NATIVE.networkSecurityGroup, set(nsg(), "securityRules", "x"));
    expect(whole).toMatch(/^cannot verify: .* \(securityRules\) is a string \("x"\), not the shape/);
    const [one] = await run(disallowInternetInbound, NATIVE.networkSecurityGroup, set(nsg(), "securityRules.0", "x"));
    expect(one).toMatch(/^cannot verify: .* \(securityRules\.0\) is a string \("x"\)/);
  });

  it("tags as a string: the role cannot be read, so the resource is not silently out of scope", async () => {
    const core = set(set(vm(), "tags", "entra-connect-role=sync-server"), "storageProfile.imageReference.sku", "2022-datacenter-core");
    expect(await run(disallowServerCore, NATIVE.virtualMachine, core)).toEqual([
      expect.stringMatching(/^cannot verify: the entra-connect-role tag \(tags\) is a string \("entra-connect-role=sync-server"\)/),
    ]);
    expect(await run(disallowUnknownTaggedType, "azure-native:compute:Disk", { tags: ["entra-connect-role"] })).toEqual([
      expect.stringMatching(/^cannot verify: the entra-connect-role tag \(tags\) is a list/),
    ]);
  });

  it("inputs: null on a tagged VM's NIC (scoped by relation) and on the VM itself", async () => {
    const nicUrn = URN.nic;
    const steps = [
      { op: "create", newState: { urn: URN.vm, type: NATIVE.virtualMachine, inputs: vm(), dependencies: [nicUrn] } },
      { op: "create", newState: { urn: nicUrn, type: NATIVE.networkInterface, inputs: null } },
    ];
    const report = await runCheck({ files: [file("null-nic.json", { steps })] });
    const onNic = report.violations.filter((v) => v.resourceName === "sync-nic");
    expect(onNic.map((v) => v.policy)).toContain("entra-connect-disallow-public-ip");
    expect(onNic.every((v) => /^cannot verify: .* \(inputs\) is null, not the shape/.test(v.message))).toBe(true);
    expect(report.summary.mandatory).toBeGreaterThan(0);

    const alone = [{ op: "create", newState: { urn: URN.vm, type: NATIVE.virtualMachine, inputs: null } }];
    const vmOnly = await runCheck({ files: [file("null-vm.json", { steps: alone })] });
    expect(vmOnly.violations.map((v) => v.policy)).toContain("entra-connect-disallow-server-core");
  });
});

describe('policy config {"all": "disabled"}', () => {
  it("says every policy is disabled, never OK, and exits 2 (could not check)", async () => {
    const config = file("all-disabled.json", { all: "disabled" });
    const { code, out, err } = await cli("examples/compliant-preview.json", "--policy-config", config);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(`${config}: every policy is disabled, so nothing would be checked`);
    expect(err).not.toMatch(/\bOK\b/);
  });

  it("accepts a config that leaves one policy enabled", async () => {
    const config = file("one-left.json", { all: "disabled", "entra-connect-disallow-public-ip": "mandatory" });
    expect((await runCheck({ files: ["examples/compliant-preview.json"], policyConfigFile: config })).summary.mandatory).toBe(0);
  });
});
