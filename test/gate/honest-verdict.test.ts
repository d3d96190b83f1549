/**
 * The gate never says ready without observed evidence (issue 10 section 1): planned-only categories are
 * `planned`, an uncovered category makes the verdict `incomplete` (exit 3) naming the gate.yaml section that would
 * cover it, waivers are printed in every format and never pass, and `accept: planned` gives `ready-to-build`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseGateConfig, runGate, type GateSource } from "../../src/gate";
import { policyCheckSource } from "../../src/gate/sources/policy-check";
import { renderGate } from "../../src/report/render";
import { CATEGORIES, type CategoryId } from "../../src/requirements";
import type { CheckResult } from "../../src/report/check-result";
import { URN, vm } from "../policies/fixtures";
import { fakeSource } from "./fake-source";

const ALL = CATEGORIES.map((c) => c.id);

function passes(categories: readonly CategoryId[]): CheckResult[] {
  return categories.map((category) => ({ id: `${category}-check`, status: "pass", message: `${category} ok.`, category }));
}

async function gate(sources: readonly GateSource[], data: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), "gate-honest-"));
  return runGate({ config: parseGateConfig(data, join(dir, "gate.yaml"), sources), sources });
}

function previewDir(inputs: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "gate-honest-plan-"));
  const steps = [{ op: "create", urn: URN.vm, newState: { urn: URN.vm, type: "azure-native:compute:VirtualMachine", inputs } }];
  writeFileSync(join(dir, "preview.json"), JSON.stringify({ steps }));
  return dir;
}

async function gateOnPlan(inputs: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const dir = previewDir(inputs);
  const config = parseGateConfig({ check: { previewFiles: ["preview.json"] }, ...extra }, join(dir, "gate.yaml"), [policyCheckSource]);
  return runGate({ config, sources: [policyCheckSource] });
}

describe("the gate's verdict", () => {
  it("is ready (exit 0) only when every category passes or warns on observed evidence", async () => {
    const report = await gate([fakeSource("obs", ALL, { checks: passes(ALL) })], { obs: { target: "x" } });
    expect(report.verdict).toBe("ready");
    expect(report.exitCode).toBe(0);
    expect(report.uncovered).toEqual([]);
  });

  it("files a category with only planned passes as planned: incomplete (exit 3) without accept: planned", async () => {
    const plan = fakeSource("plan", ALL, { checks: passes(ALL) }, "planned");
    const report = await gate([plan], { plan: { target: "x" } });
    expect(report.categories.every((c) => c.status === "planned")).toBe(true);
    expect(report.summary.planned).toBe(ALL.length);
    expect(report.verdict).toBe("incomplete");
    expect(report.exitCode).toBe(3);
  });

  it("is ready-to-build (exit 0) with accept: planned when every category is at least planned", async () => {
    const plan = fakeSource("plan", ALL, { checks: passes(ALL) }, "planned");
    const report = await gate([plan], { plan: { target: "x" }, accept: "planned" });
    expect(report.verdict).toBe("ready-to-build");
    expect(report.exitCode).toBe(0);
    expect(report.acceptPlanned).toBe(true);
  });

  it("stays incomplete with accept: planned while a category has no evidence at all, naming the section that covers it", async () => {
    const plan = fakeSource("plan", ALL, { checks: passes(ALL.filter((c) => c !== "cloud")) }, "planned");
    const tenant = fakeSource("tenant", ["cloud"], { checks: [] });
    const report = await gate([plan, tenant], { plan: { target: "x" }, accept: "planned" });
    expect(report.verdict).toBe("incomplete");
    expect(report.exitCode).toBe(3);
    expect(report.uncovered).toEqual([{ category: "cloud", sections: ["tenant"] }]);
    expect(renderGate(report, "text")).toContain("    cloud: add the gate.yaml section tenant:\n");
  });

  it("counts an observed pass over a planned one, and a planned fail as a fail (not-ready, exit 1)", async () => {
    const plan = fakeSource(
      "plan",
      ["server-os", "sizing"],
      { checks: [...passes(["server-os"]), { id: "mem", status: "fail", message: "B1s has 1 GB.", category: "sizing" }] },
      "planned",
    );
    const obs = fakeSource("obs", ["server-os"], { checks: passes(["server-os"]) });
    const report = await gate([plan, obs], { plan: { target: "x" }, obs: { target: "y" } });
    const status = Object.fromEntries(report.categories.map((c) => [c.id, c.status]));
    expect(status["server-os"]).toBe("pass");
    expect(status.sizing).toBe("fail");
    expect(report.verdict).toBe("not-ready");
    expect(report.exitCode).toBe(1);
  });

  it("is warn, not pass, when a planned check of a category warns beside observed passes (the worst check shows)", async () => {
    const plan = fakeSource(
      "plan",
      ["tier0"],
      {
        checks: [
          {
            id: "encryption-at-host",
            status: "warn",
            message: "No encryption at host.",
            requirement: "tier0.encryption-at-host",
            category: "tier0",
          },
        ],
      },
      "planned",
    );
    const obs = fakeSource("obs", ALL, { checks: passes(ALL) });
    const report = await gate([plan, obs], { plan: { target: "x" }, obs: { target: "y" } });
    expect(report.categories.find((c) => c.id === "tier0")?.status).toBe("warn");
    // A warn is covered: the verdict does not change.
    expect(report).toMatchObject({ verdict: "ready", exitCode: 0 });
  });

  it("lists, in every format, the requirements of a passing category that only planned checks speak for", async () => {
    const plan = fakeSource(
      "plan",
      ["tier0", "server-os"],
      {
        checks: [
          { id: "no-public-ip", status: "pass", message: "No public IP planned.", requirement: "tier0.no-public-ip", category: "tier0" },
          {
            id: "trusted-launch",
            status: "pass",
            message: "Trusted Launch planned.",
            requirement: "tier0.trusted-launch",
            category: "tier0",
          },
          { id: "supported-os", status: "pass", message: "2022 planned.", requirement: "os.supported", category: "server-os" },
        ],
      },
      "planned",
    );
    const obs = fakeSource("obs", ["tier0", "server-os"], {
      checks: [
        { id: "laps", status: "pass", message: "LAPS on.", requirement: "tier0.windows-laps", category: "tier0" },
        { id: "server-os", status: "pass", message: "2022 observed.", requirement: "os.supported", category: "server-os" },
      ],
    });
    const report = await gate([plan, obs], { plan: { target: "x" }, obs: { target: "y" } });
    const tier0 = report.categories.find((c) => c.id === "tier0");
    // Pass rests on the observed check; the two requirements nothing observed are named, never silently passed.
    expect(tier0?.status).toBe("pass");
    expect(tier0?.plannedOnly).toEqual([
      { requirement: "tier0.no-public-ip", checks: ["no-public-ip"] },
      { requirement: "tier0.trusted-launch", checks: ["trusted-launch"] },
    ]);
    // A planned check whose requirement an observed check also cites is not planned-only.
    expect(report.categories.find((c) => c.id === "server-os")?.plannedOnly).toBeUndefined();
    const line = "planned only, not observed: tier0.no-public-ip (no-public-ip), tier0.trusted-launch (trusted-launch)";
    expect(renderGate(report, "text")).toContain(`[PASS] Tier 0 hardening\n    ${line}\n`);
    expect(renderGate(report, "html")).toContain(`<p class="planned-only">${line[0]!.toUpperCase()}${line.slice(1)}</p>`);
    expect(renderGate(report, "junit")).toContain(
      `<property name="plannedOnly" value="tier0.no-public-ip (no-public-ip), tier0.trusted-launch (trusted-launch)"/>`,
    );
    expect(JSON.parse(renderGate(report, "json")).categories.find((c: { id: string }) => c.id === "tier0").plannedOnly).toEqual(
      tier0?.plannedOnly,
    );
    expect(JSON.parse(renderGate(report, "sarif")).runs[0].properties.plannedOnly).toEqual([
      { category: "tier0", requirements: ["tier0.no-public-ip", "tier0.trusted-launch"] },
    ]);
  });

  it("prints a waiver in every format, covers the category without passing it, and never hides a fail", async () => {
    const obs = fakeSource("obs", ALL, { checks: passes(ALL.filter((c) => c !== "soft-hard-match")) });
    const waive = [{ category: "soft-hard-match", reason: "Migration matching until 2026-12-15 (CHG-1234)" }];
    const report = await gate([obs], { obs: { target: "x" }, waive });
    const waived = report.categories.find((c) => c.id === "soft-hard-match");
    expect(waived?.status).toBe("not-checked");
    expect(waived?.waiver?.reason).toBe(waive[0]?.reason);
    expect(report.verdict).toBe("ready");
    for (const format of ["text", "json", "sarif", "junit", "html"] as const)
      expect(renderGate(report, format)).toContain("Migration matching until 2026-12-15 (CHG-1234)");

    const failing = fakeSource("obs", ALL, {
      checks: [{ id: "x", status: "fail", message: "bad.", category: "soft-hard-match" }, ...passes(ALL)],
    });
    expect((await gate([failing], { obs: { target: "x" }, waive })).verdict).toBe("not-ready");
  });

  it("shows each check's evidence in every format", async () => {
    const plan = fakeSource("plan", ["sizing"], { checks: passes(["sizing"]) }, "planned");
    const obs = fakeSource("obs", ["network"], { checks: passes(["network"]) });
    const report = await gate([plan, obs], { plan: { target: "x" }, obs: { target: "y" } });
    expect(renderGate(report, "text")).toContain("PASS sizing-check (plan, planned)");
    expect(renderGate(report, "text")).toContain("PASS network-check (obs, observed)");
    expect(JSON.parse(renderGate(report, "json")).categories.find((c: { id: string }) => c.id === "sizing").checks[0].evidence).toBe(
      "planned",
    );
    expect(JSON.parse(renderGate(report, "sarif")).runs[0].properties.evidence).toEqual([
      { checkId: "obs/network-check", status: "pass", evidence: "observed" },
      { checkId: "plan/sizing-check", status: "pass", evidence: "planned" },
    ]);
    expect(renderGate(report, "junit")).toContain('<property name="evidence" value="planned"/>');
    expect(renderGate(report, "html")).toContain('<span class="evidence">observed</span>');
  });

  it("refuses a waiver of an unknown category or without a reason, with every bad field at once", () => {
    expect(() =>
      parseGateConfig(
        { check: { stack: "dev" }, waive: [{ category: "vibes", reason: "x" }, { category: "sql" }], accept: "yes" },
        "gate.yaml",
        [policyCheckSource],
      ),
    ).toThrow(
      /has 3 bad fields[\s\S]*accept: must be one of planned[\s\S]*waive\[0\]\.category: must be one of version, [\s\S]*waive\[1\]: missing the field reason/,
    );
  });
});

describe("the plan source", () => {
  it("fails the untagged Windows Server 2025 Core VM on a Standard_B1s: not-ready (exit 1)", async () => {
    const inputs = vm();
    delete inputs.tags;
    inputs.hardwareProfile = { vmSize: "Standard_B1s" };
    inputs.storageProfile = {
      imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2025-datacenter-core-g2", version: "latest" },
      osDisk: { createOption: "FromImage", diskSizeGB: 127 },
    };
    const report = await gateOnPlan(inputs);
    expect(report.verdict).toBe("not-ready");
    expect(report.exitCode).toBe(1);
    const failing = report.categories.flatMap((c) => c.checks).filter((c) => c.status === "fail");
    expect(failing.map((c) => c.requirement)).toEqual(expect.arrayContaining(["os.desktop-experience", "sizing.memory", "sizing.disk"]));
    expect(report.sources[0]?.detail).toMatch(/no resource tagged entra-connect-role=sync-server .*covers no category/);
  });

  it("files no pass for an untagged VM: it is checked as a candidate (its missing tags fail) but covers nothing", async () => {
    const inputs = vm();
    delete inputs.tags;
    const report = await gateOnPlan(inputs, { accept: "planned" });
    const checks = report.categories.flatMap((c) => c.checks);
    expect(checks.filter((c) => c.status === "pass")).toEqual([]);
    expect(checks.map((c) => c.requirement).sort()).toEqual(["sizing.disk", "sizing.memory", "sql.localdb-limit", "version.minimum"]);
    expect(report.sources[0]?.detail).toMatch(/covers no category/);
  });

  it("files a pass only for a policy whose resources the plan holds (no SQL VM: no SQL pass)", async () => {
    const report = await gateOnPlan(vm());
    const ids = report.categories.flatMap((c) => c.checks).map((c) => c.id);
    expect(ids).toContain("entra-connect-enforce-supported-windows-server");
    expect(ids).not.toContain("entra-connect-enforce-sql-collation");
    expect(ids).not.toContain("entra-connect-disallow-tls-inspection");
    const os = report.categories.find((c) => c.id === "server-os")?.checks[0];
    expect(os?.message).toMatch(/No violation in the plan's 1 resource it applies to \(sync\)\.$/);
  });

  it("with only a plan is incomplete (exit 3), and ready-to-build (exit 0) with accept: planned when the plan covers the rest", async () => {
    const plan = await gateOnPlan(vm());
    expect(plan.verdict).toBe("incomplete");
    expect(plan.exitCode).toBe(3);
    // Categories a plan cannot show (tenant, AD, match, install account) are waived here to isolate accept: planned.
    const waive = ["cloud", "install-account", "active-directory", "soft-hard-match", "sql", "network"].map((category) => ({
      category,
      reason: "checked in a later stage",
    }));
    const accepted = await gateOnPlan(vm(), { accept: "planned", waive });
    expect(accepted.verdict).toBe("ready-to-build");
    expect(accepted.exitCode).toBe(0);
  });
});
