/**
 * The gate's `server:` section (issue 10 section 4): the collector's facts filed under their categories as observed
 * evidence; a fact not read leaves its category not checked (never a pass); NTLM in audit warns (issue 9 item 8);
 * examples/gate-offline.yaml runs with no credentials and gives an honest verdict.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GATE_SOURCES, parseGateConfig, runGate, type GateSource } from "../../src/gate";
import { serverSource } from "../../src/gate/sources/server";
import { renderGate } from "../../src/report/render";
import { CATEGORIES } from "../../src/requirements";
import { compliant2022, TIER0_GROUP, withFacts, withRegistry } from "../preflight-server/facts-fixtures";
import { runCli } from "../support/run-cli";
import { fakeSource } from "./fake-source";

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "gate-server-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function gateWith(facts: unknown, extra: Record<string, unknown> = {}, sources: readonly GateSource[] = [serverSource]) {
  writeFileSync(join(dir, "facts.json"), JSON.stringify(facts));
  const config = parseGateConfig(
    { server: { factsFile: "facts.json", tier0Groups: [TIER0_GROUP] }, ...extra },
    join(dir, "gate.yaml"),
    sources,
  );
  return runGate({ config, sources });
}

describe("gate.yaml server:", () => {
  it("files the thirteen checks under version, tier0, server-os, sql and network as observed evidence", async () => {
    const report = await gateWith(compliant2022());
    const server = report.categories.flatMap((c) => c.checks.map((k) => [c.id, k.id, k.evidence, k.status]));
    expect(server).toHaveLength(13);
    expect(new Set(server.map((s) => s[0]))).toEqual(new Set(["version", "tier0", "server-os", "sql", "network"]));
    expect(server.every((s) => s[2] === "observed" && s[3] === "pass")).toBe(true);
    expect(report.categories.filter((c) => c.status === "pass").map((c) => c.id)).toEqual([
      "version",
      "tier0",
      "server-os",
      "sql",
      "network",
    ]);
    // The other categories have no evidence: incomplete, never ready.
    expect(report).toMatchObject({ verdict: "incomplete", exitCode: 3 });
    expect(report.sources).toContainEqual({
      name: "server",
      state: "ran",
      detail: "facts of SYNC01 collected 2026-12-01T09:30:00Z from facts.json",
    });
  });

  it("warns while the server's NTLM is in audit (issue 9 item 8), and is ready once every other category is covered", async () => {
    const audit = withRegistry({ "ntlm.restrictSending": 1, "ntlm.restrictReceiving": 0, "ntlm.auditReceiving": 2 });
    const others = CATEGORIES.map((c) => c.id).filter((c) => !["version", "tier0", "server-os", "sql", "network"].includes(c));
    const rest = fakeSource("rest", others, {
      checks: others.map((category) => ({ id: `${category}-ok`, status: "pass", message: "ok", category })),
    });
    const report = await gateWith(audit, { rest: { target: "x" } }, [rest, serverSource]);
    expect(report.categories.find((c) => c.id === "tier0")).toMatchObject({ status: "warn" });
    expect(report.categories.find((c) => c.id === "tier0")?.checks.find((c) => c.id === "ntlm")?.message).toMatch(/NTLM in audit/);
    expect(report).toMatchObject({ verdict: "ready", exitCode: 0 });
  });

  it("a fact not read makes its category not checked, naming the check and the reason, even beside passes", async () => {
    const others = CATEGORIES.map((c) => c.id).filter((c) => !["version", "tier0", "server-os", "sql", "network"].includes(c));
    const rest = fakeSource("rest", others, {
      checks: others.map((category) => ({ id: `${category}-ok`, status: "pass", message: "ok", category })),
    });
    const facts = withRegistry({ "dotnet.release": { error: "Requested registry access is not allowed." } });
    const report = await gateWith(facts, { rest: { target: "x" } }, [rest, serverSource]);
    const version = report.categories.find((c) => c.id === "version");
    expect(version?.status).toBe("not-checked");
    expect(version?.reason).toMatch(/server: dotnet \(version\.dotnet\) Not checked: .*Requested registry access is not allowed/);
    expect(version?.checks.map((c) => c.id)).toEqual(["tls12", "entra-connect-version"]);
    expect(report).toMatchObject({ verdict: "incomplete", exitCode: 3, uncovered: [{ category: "version", sections: ["server"] }] });
    expect(renderGate(report, "text")).toMatch(/\[----\] Entra Connect version.*\n(.*\n)*\s+not checked: server: dotnet/);
  });

  it("a fail outranks a fact not read in the same category: not-ready (exit 1)", async () => {
    const facts = withRegistry({ "dotnet.release": 394802, "tls.netfx.SchUseStrongCrypto": { error: "denied" } });
    const report = await gateWith(facts);
    expect(report.categories.find((c) => c.id === "version")?.status).toBe("fail");
    expect(report).toMatchObject({ verdict: "not-ready", exitCode: 1 });
  });

  it("the gate's object count reaches the LocalDB advice (80,000 objects on LocalDB warns)", async () => {
    const report = await gateWith(compliant2022(), { objectCount: 85_000 });
    expect(report.categories.find((c) => c.id === "sql")?.checks.find((c) => c.id === "localdb-size")).toMatchObject({ status: "warn" });
  });

  it("refuses a missing or invalid facts file before any source runs, naming server.factsFile", async () => {
    const spy = fakeSource("spy", ["cloud"], { checks: [] });
    const missing = parseGateConfig({ spy: { target: "x" }, server: { factsFile: "nope.json" } }, join(dir, "gate.yaml"), [
      spy,
      serverSource,
    ]);
    await expect(runGate({ config: missing, sources: [spy, serverSource] })).rejects.toThrow(
      /gate\.yaml server\.factsFile nope\.json: cannot read it \(ENOENT\)/,
    );
    await expect(gateWith(withFacts({ schemaVersion: 7 }))).rejects.toThrow(
      /server\.factsFile facts\.json: not a facts document: schemaVersion/,
    );
    expect(spy.seen).toEqual([]);
    expect(() => parseGateConfig({ server: { factsFile: "f.json", azure: "x" } }, join(dir, "gate.yaml"), GATE_SOURCES)).toThrow(/server/);
  });
});

describe("examples/gate-offline.yaml", () => {
  it("runs on a fresh clone with no credentials: INCOMPLETE (exit 3), NTLM in audit warns, each uncovered category names its section", async () => {
    const r = await runCli(["gate", "--config", "examples/gate-offline.yaml"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^entra-gate readiness: INCOMPLETE \(exit 3\)/);
    expect(r.stdout).toMatch(/\[WARN\] Tier 0 hardening/);
    expect(r.stdout).toMatch(/WARN ntlm \(server, observed\): NTLM in audit/);
    // The plan's Desktop Experience requirement is settled by the observed server-os check; SQL version and the
    // NSG's DC ports are only planned here, and the passing categories say so.
    expect(r.stdout).toMatch(/\[PASS\] Server operating system\n {4}PASS /);
    expect(r.stdout).toMatch(
      /\[PASS\] SQL Server database\n {4}planned only, not observed: sql\.version \(entra-connect-enforce-sql-version, entra-connect-disallow-sql-server-2019\)\n/,
    );
    expect(r.stdout).toMatch(/\[PASS\] Network path to DCs and to Entra ID\n {4}planned only, not observed: network\.dc-ports \(/);
    expect(r.stdout).toMatch(/\[PLAN\] Sizing from the object count/);
    expect(r.stdout).toMatch(/active-directory: add the gate.yaml section ad:/);
    expect(r.stdout).toMatch(/cloud: add the gate.yaml section cloud:/);
  }, 120_000);
});
