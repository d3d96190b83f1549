/** The check: source runs the policy pack on preview files and files each policy under its category. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseGateConfig, runGate } from "../../src/gate";
import { policyCheckSource } from "../../src/gate/sources/policy-check";
import { URN, vm } from "../policies/fixtures";

async function gateOnVm(inputs: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), "gate-check-"));
  const steps = [{ op: "create", urn: URN.vm, newState: { urn: URN.vm, type: "azure-native:compute:VirtualMachine", inputs } }];
  writeFileSync(join(dir, "preview.json"), JSON.stringify({ steps }));
  const config = parseGateConfig({ check: { previewFiles: ["preview.json"] } }, join(dir, "gate.yaml"), [policyCheckSource]);
  return runGate({ config, sources: [policyCheckSource] });
}

describe("check: section", () => {
  it("files a compliant planned server's categories as planned (never pass), with planned evidence", async () => {
    const report = await gateOnVm(vm());
    const status = Object.fromEntries(report.categories.map((c) => [c.id, c.status]));
    expect(status).toMatchObject({ version: "planned", "server-os": "planned", sizing: "planned" });
    expect(report.categories.flatMap((c) => c.checks).every((c) => c.evidence === "planned")).toBe(true);
    expect(report.verdict).toBe("incomplete");
    expect(report.exitCode).toBe(3);
    expect(
      report.categories.find((c) => c.id === "server-os")?.checks.every((c) => c.source === "check" && c.requirement?.startsWith("os.")),
    ).toBe(true);
  });

  it("fails a mandatory violation with the resource, the file and the requirement", async () => {
    const inputs = vm();
    inputs.hardwareProfile = { vmSize: "Standard_D2s_v3" };
    inputs.storageProfile = {
      ...(inputs.storageProfile as object),
      imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-core-g2", version: "latest" },
    };
    const report = await gateOnVm(inputs);
    const os = report.categories.find((c) => c.id === "server-os");
    expect(os?.status).toBe("fail");
    const failing = os?.checks.find((c) => c.status === "fail");
    expect(failing?.id).toBe("entra-connect-disallow-server-core/sync");
    expect(failing?.requirement).toBe("os.desktop-experience");
    expect(failing?.message).toMatch(
      /^sync \(azure-native:compute:VirtualMachine\) in .*preview\.json: .+Fix: .+requirement os\.desktop-experience/,
    );
    expect(report.exitCode).toBe(1);
  });
});

describe("check: section with a stack planned offline", () => {
  // The component logs its warnings (e.g. no domain join configured) through pulumi.log while planning.
  beforeEach(() => jest.spyOn(console, "warn").mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it("plans the shipped dev stack, checks it with the pack and takes the object count from the server's tag", async () => {
    const config = parseGateConfig({ check: { stack: "dev" } }, join(mkdtempSync(join(tmpdir(), "gate-stack-")), "gate.yaml"), [
      policyCheckSource,
    ]);
    const report = await runGate({ config, sources: [policyCheckSource] });
    expect(report.sources).toEqual([{ name: "check", state: "ran" }]);
    expect(report.sizing).toMatchObject({ objectCount: 12_000, tier: "t1-under-50k", database: "localdb" });
    expect(report.sizing?.objectCountSource).toMatch(/^check \(entra-connect-object-count tag of .+\)$/);
    const failing = report.categories.flatMap((c) => c.checks).filter((c) => c.status === "fail");
    expect(failing).toEqual([]);
    expect(report.categories.find((c) => c.id === "tier0")?.status).toBe("planned");
  });

  it("needs exactly one of previewFiles, stack or stackFile", () => {
    expect(() => parseGateConfig({ check: { stack: "dev", previewFiles: ["p.json"] } }, "gate.yaml", [policyCheckSource])).toThrow(
      "gate.yaml has a bad field (see docs/gate.md for the schema):\n  check: give exactly one of previewFiles, stack, stackFile",
    );
  });
});

describe("check: section refusals", () => {
  it("refuses a policy config with a planned stack", async () => {
    const config = parseGateConfig({ check: { stack: "dev", policyConfigFile: "p.json" } }, "gate.yaml", [policyCheckSource]);
    await expect(runGate({ config, sources: [policyCheckSource] })).rejects.toThrow(
      "gate.yaml check.policyConfigFile applies to previewFiles only: a planned stack is checked with the pack's default levels, as `entra-gate plan` does. Remove it, or check a preview file.",
    );
  });
});
