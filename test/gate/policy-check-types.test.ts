/**
 * The gate's check: source with versioned azure-native tokens and tagged resources of unknown types
 * (issue 14 item 11). Versioned token shape: Pulumi's Azure Native version guide (pulumi/registry,
 * themes/default/content/registry/packages/azure-native/version-guide/_index.md): `azure-native:<module>/v<date>:<Type>`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseGateConfig, runGate } from "../../src/gate";
import { policyCheckSource } from "../../src/gate/sources/policy-check";
import { U, vm } from "../policies/fixtures";

const VM_TYPE = "azure-native:compute/v20240701:VirtualMachine";
const urn = (type: string, name: string): string => `urn:pulumi:dev::entra::${type}::${name}`;

async function gate(resources: { type: string; name: string; inputs: Record<string, unknown> }[], policyConfig?: object) {
  const dir = mkdtempSync(join(tmpdir(), "gate-types-"));
  const steps = resources.map((r) => ({ op: "create", urn: urn(r.type, r.name), newState: { urn: urn(r.type, r.name), ...r } }));
  writeFileSync(join(dir, "preview.json"), JSON.stringify({ steps }));
  const check: Record<string, unknown> = { previewFiles: ["preview.json"] };
  if (policyConfig) {
    writeFileSync(join(dir, "policy.json"), JSON.stringify(policyConfig));
    check.policyConfigFile = "policy.json";
  }
  const config = parseGateConfig({ check }, join(dir, "gate.yaml"), [policyCheckSource]);
  return runGate({ config, sources: [policyCheckSource] });
}

describe("check: source and type tokens", () => {
  it("treats a versioned VM as the tagged sync server: its categories are planned, its object count is read", async () => {
    const report = await gate([{ type: VM_TYPE, name: "sync", inputs: vm() }]);
    const status = Object.fromEntries(report.categories.map((c) => [c.id, c.status]));
    expect(status).toMatchObject({ version: "planned", "server-os": "planned", sizing: "planned", tier0: "planned" });
    expect(report.sizing?.objectCountSource).toBe("check (entra-connect-object-count tag of sync)");
  });

  it("fails tier0 for a tagged resource of an unknown type, naming the policy and the resource", async () => {
    const disk = { type: "azure-native:compute:Disk", name: "sync-data", inputs: { tags: { "entra-connect-role": "sync-server" } } };
    const report = await gate([{ type: VM_TYPE, name: "sync", inputs: vm() }, disk]);
    const tier0 = report.categories.find((c) => c.id === "tier0");
    expect(tier0?.status).toBe("fail");
    expect(tier0?.checks.find((c) => c.status === "fail")).toMatchObject({
      id: "entra-connect-disallow-unknown-tagged-type/sync-data",
      requirement: "tier0.verifiable-type",
    });
    expect(report.exitCode).toBe(1);
  });

  it("never files a pass for the unknown-type policy, even when its 'cannot verify at preview' is relaxed", async () => {
    const disk = { type: "azure-native:compute:Disk", name: "sync-data", inputs: { tags: U } };
    const report = await gate([{ type: VM_TYPE, name: "sync", inputs: vm() }, disk], {
      "entra-connect-disallow-unknown-tagged-type": { allowUnknownAtPreview: true },
    });
    const ids = report.categories.flatMap((c) => c.checks).map((c) => c.id);
    expect(ids.filter((id) => id.startsWith("entra-connect-disallow-unknown-tagged-type"))).toEqual([]);
    expect(ids).toContain("entra-connect-disallow-public-ip");
  });
});
