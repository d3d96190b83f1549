/** `entra-gate check` end to end, in process: exit codes, text/JSON/SARIF output, pack config, malformed input. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { cli } from "./check-cli";
import { POLICIES } from "../../src/policies";

const ex = (name: string): string => path.join("examples", name);
const tmp = mkdtempSync(path.join(tmpdir(), "entra-check-"));
const file = (name: string, text: string): string => {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe("entra-gate check", () => {
  it("passes the compliant example with exit 0", async () => {
    expect(await cli(ex("compliant-preview.json"))).toEqual({
      code: 0,
      out: "OK: 4 resources checked, 0 mandatory and 0 advisory violations.\n",
      err: "",
    });
  });

  it("reports JSON violations, scoping the untagged NIC, NSG and standalone rule through the VM's dependencies", async () => {
    const { code, out } = await cli(ex("public-rdp-preview.json"), "--format", "json");
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.resourcesChecked).toBe(6);
    expect(report.summary).toEqual({ mandatory: 3, advisory: 0 });
    expect(report.violations[1]).toEqual({
      file: "examples/public-rdp-preview.json",
      policy: "entra-connect-disallow-public-ip",
      enforcementLevel: "mandatory",
      urn: "urn:pulumi:dev::entra-sync::azure-native:network:NetworkInterface::sync-nic",
      resourceType: "azure-native:network:NetworkInterface",
      resourceName: "sync-nic",
      message:
        "ipConfigurations.0.publicIPAddress attaches a public IP to the sync server. Fix: remove publicIPAddress; reach the server through Azure Bastion or a private admin network. (requirement tier0.no-public-ip: No public IP on a Tier-0 sync server)",
    });
    expect(report.violations.map((v: { resourceName: string }) => v.resourceName)).toEqual(["sync-nsg", "sync-nic", "sync-winrm"]);
  });

  it("checks several files and names the file of each violation", async () => {
    const { code, out } = await cli(ex("compliant-preview.json"), ex("sql-and-tls-inspection-preview.json"), "--format", "json");
    const report = JSON.parse(out);
    expect(code).toBe(1);
    expect(report.resourcesChecked).toBe(11);
    expect(new Set(report.violations.map((v: { file: string }) => v.file))).toEqual(
      new Set(["examples/sql-and-tls-inspection-preview.json"]),
    );
    expect(report.violations.map((v: { policy: string }) => v.policy)).toEqual([
      "entra-connect-disallow-azure-sql-database",
      "entra-connect-enforce-sql-version",
      "entra-connect-enforce-sql-collation",
      "entra-connect-disallow-tls-inspection",
    ]);
  });

  it("writes SARIF 2.1.0 with one rule per policy and error/warning levels", async () => {
    const { code, out } = await cli(ex("core-undersized-preview.json"), "--format", "sarif", "--policy-config", ex("policy-config.json"));
    expect(code).toBe(1);
    const sarif = JSON.parse(out);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    const [runObj] = sarif.runs;
    expect(runObj.tool.driver.name).toBe("entra-gate");
    expect(runObj.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(POLICIES.map((p) => p.name));
    expect(runObj.results).toHaveLength(8);
    const first = runObj.results[0];
    expect(first.ruleId).toBe("entra-connect-enforce-minimum-version");
    expect(runObj.tool.driver.rules[first.ruleIndex].id).toBe(first.ruleId);
    expect(first.level).toBe("error");
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toBe("examples/core-undersized-preview.json");
    expect(first.locations[0].logicalLocations[0]).toEqual({
      name: "sync",
      fullyQualifiedName: "urn:pulumi:dev::entra-sync::azure-native:compute:VirtualMachine::sync",
      kind: "resource",
    });
    expect(first.message.text).toMatch(
      /^sync \(azure-native:compute:VirtualMachine\): Entra Connect 2\.4\.129\.0 is older than 2\.5\.79\.0/,
    );
    expect(
      runObj.tool.driver.rules.find((r: { id: string }) => r.id === "entra-connect-enable-encryption-at-host").defaultConfiguration.level,
    ).toBe("warning");
  });

  it('applies pack config: "all" and per-policy string shorthand and objects', async () => {
    const lenient = file("lenient.json", JSON.stringify({ all: "advisory", "entra-connect-enforce-trusted-launch": "disabled" }));
    const { code, out } = await cli(ex("core-undersized-preview.json"), "--policy-config", lenient);
    expect(code).toBe(0);
    expect(out).toContain(
      "  [advisory] entra-connect-disallow-server-core: image MicrosoftWindowsServer WindowsServer 2019-datacenter-core-g2",
    );
    expect(out).not.toContain("trusted-launch");
    expect(out.trim().split("\n").pop()).toBe("OK: 4 resources checked, 0 mandatory and 5 advisory violations.");
    const relaxed = file(
      "relaxed.json",
      JSON.stringify({ "entra-connect-enforce-os-disk-sizing": { allowUnknownAtPreview: true, objectCount: 1 } }),
    );
    expect((await cli(ex("core-undersized-preview.json"), "--format", "json", "--policy-config", relaxed)).out).not.toContain(
      "entra-connect-enforce-os-disk-sizing",
    );
  });

  it("text output groups violations under the resource", async () => {
    const { out } = await cli(ex("sql-and-tls-inspection-preview.json"));
    expect(out.split("\n").slice(0, 2)).toEqual([
      "examples/sql-and-tls-inspection-preview.json: sync-db (azure-native:sql:Database)",
      "  [mandatory] entra-connect-disallow-azure-sql-database: azure-native:sql:Database is tagged as an Entra Connect resource, but Entra Connect does not support Azure SQL Database or Managed Instance. Fix: host the sync database on SQL Server on a VM (e.g. offer sql2022-ws2022). (requirement sql.engine: No Azure SQL Database or Managed Instance as the sync database)",
    ]);
  });
});

describe("entra-gate check lists a file that is not a plan with its reason, checks the rest, and exits 2", () => {
  const hint = "pass the output of `pulumi preview --json` (redirect stdout to a file).";
  const anyPlan =
    "pass the output of `pulumi preview --json`, `terraform show -json PLANFILE` or `az deployment group what-if --no-pretty-print` (redirect stdout to a file), or a compiled ARM template";
  it.each([
    ["not JSON", "{ steps: ", (p: string) => `entra-gate: ${p} is not valid JSON (syntax error at line 1, column 3); ${anyPlan}.\n`],
    ["an empty file", "", (p: string) => `entra-gate: ${p} is not valid JSON (the file is empty); ${anyPlan}.\n`],
    [
      "no steps",
      '{"diagnostics": []}',
      (p: string) =>
        `entra-gate: ${p} is not a plan entra-gate reads: no "steps" list (Pulumi preview), no "format_version" with "resource_changes" (Terraform plan), no "changes" list (ARM what-if) and no ARM template "resources"; ${anyPlan}, or name the format with --input pulumi|terraform|arm.\n`,
    ],
    [
      "a failed preview",
      '{"steps": [], "diagnostics": [{"severity": "info", "message": "x"}, {"severity": "error", "prefix": "error: ", "message": "azure-native:compute:VirtualMachine resource \'vm\' has a problem: missing required property\\nmore"}]}',
      (p: string) =>
        `entra-gate: ${p} is a preview that failed (error: azure-native:compute:VirtualMachine resource 'vm' has a problem: missing required property), so its plan is incomplete; fix the program and preview again.\n`,
    ],
    ["a step that is not an object", '{"steps": [42]}', (p: string) => `entra-gate: ${p}: steps[0] is not an object; ${hint}\n`],
    [
      "a newState without type",
      '{"steps": [{"op":"create","newState":{"urn":"urn:x"}}]}',
      (p: string) => `entra-gate: ${p}: steps[0].newState has no "type" string; ${hint}\n`,
    ],
    [
      "inputs that are not an object",
      '{"steps": [{"newState":{"urn":"urn:x","type":"t","inputs":[1]}}]}',
      (p: string) => `entra-gate: ${p}: steps[0].newState has "inputs" that is not an object; ${hint}\n`,
    ],
    [
      "bad dependencies",
      '{"steps": [{"newState":{"urn":"urn:x","type":"t","dependencies":"urn:y"}}]}',
      (p: string) => `entra-gate: ${p}: steps[0].newState has "dependencies" that is not a list of URNs; ${hint}\n`,
    ],
  ])("%s", async (_label, text, message) => {
    const bad = file(`bad-${_label.replace(/\W+/g, "-")}.json`, text);
    const { code, out, err } = await cli(ex("compliant-preview.json"), bad, "--format", "json");
    expect({ code, err }).toEqual({ code: 2, err: message(bad) });
    const report = JSON.parse(out);
    expect(report.resourcesChecked).toBe(4);
    expect(report.notChecked).toEqual([
      {
        file: bad,
        reason: message(bad)
          .replace(/^entra-gate: /, "")
          .trimEnd(),
      },
    ]);
    // Alone, the same file is a refusal: nothing was checked, so no report.
    expect(await cli(bad, "--format", "json")).toEqual({ code: 2, out: "", err: message(bad) });
  });

  it("a missing file", async () => {
    expect(await cli("nope/missing.json")).toEqual({
      code: 2,
      out: "",
      err: "entra-gate: cannot read the plan file nope/missing.json (ENOENT); check the path.\n",
    });
  });

  it("a config naming an unknown policy or a bad level", async () => {
    const unknown = file("unknown-policy.json", JSON.stringify({ "entra-connect-disallow-everything": "mandatory" }));
    const r1 = await cli(ex("compliant-preview.json"), "--policy-config", unknown);
    expect(r1.code).toBe(2);
    expect(r1.err).toBe(
      `entra-gate: ${unknown}: "entra-connect-disallow-everything" is not a policy of this pack; use "all" or one of: ${POLICIES.map((p) => p.name).join(", ")}.\n`,
    );
    const level = file("bad-level.json", JSON.stringify({ all: "strict" }));
    expect((await cli(ex("compliant-preview.json"), "--policy-config", level)).err).toBe(
      `entra-gate: ${level}: "all" has enforcement level "strict"; use one of advisory, mandatory, remediate, disabled.\n`,
    );
    const extra = file(
      "extra-setting.json",
      JSON.stringify({ "entra-connect-enforce-memory-sizing": { objectCount: -1, colour: "blue" } }),
    );
    expect((await cli(ex("compliant-preview.json"), "--policy-config", extra)).err).toBe(
      `entra-gate: ${extra}: the config of "entra-connect-enforce-memory-sizing" is invalid: (config) must NOT have additional properties ("colour"); /objectCount must be >= 0. See docs/policy-pack.md for its settings.\n`,
    );
  });

  it("an unknown format", async () => {
    const r = await cli(ex("compliant-preview.json"), "--format", "xml");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain("error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif.");
  });
});
