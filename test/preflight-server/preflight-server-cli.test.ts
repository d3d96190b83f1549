/** `entra-gate preflight server --facts FILE`: formats, exit codes and refusals of bad facts documents. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { runCli } from "../support/run-cli";
import { compliant2022, TIER0_GROUP, withRegistry } from "./facts-fixtures";

const EXAMPLE = "examples/server-facts.json";
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "server-facts-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("preflight server", () => {
  test("the shipped example (a server the component built, before the wizard): every check passes but NTLM in audit warns", async () => {
    const r = await runCli(["preflight", "server", "--facts", EXAMPLE, "--tier0-group", TIER0_GROUP]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[WARN\] ntlm: NTLM in audit: .*12 NTLM audit events/);
    expect(r.stdout).toMatch(/READY \(exit 0\): 12 pass, 1 warn, 0 fail, 0 not checked/);
  });

  test("--format json lists the thirteen checks with status, requirement and category", async () => {
    const r = await runCli(["preflight", "server", "--facts", EXAMPLE, "--tier0-group", TIER0_GROUP, "--format", "json"]);
    const report = JSON.parse(r.stdout) as {
      checks: { id: string; status: string; requirement: string; category: string }[];
      verdict: string;
    };
    expect(report.checks).toHaveLength(13);
    expect(report.checks.find((c) => c.id === "ntlm")).toMatchObject({ status: "warn", requirement: "tier0.ntlm", category: "tier0" });
    expect(report.verdict).toBe("ready");
  });

  test("--format sarif: one result per check that is not a pass, at the facts file", async () => {
    const facts = file("fail.json", JSON.stringify(withRegistry({ "dotnet.release": 461308 })));
    const r = await runCli(["preflight", "server", "--facts", facts, "--tier0-group", TIER0_GROUP, "--format", "sarif"]);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; level: string; locations: unknown[] }[] }[] };
    expect(sarif.runs[0]!.results.map((x) => [x.ruleId, x.level])).toEqual([["version.dotnet", "error"]]);
  });

  test("a packed document (gzip + base64, as the collector prints past 4,096 bytes) is read like the plain one", async () => {
    const packed = { tool: "entra-gate-server-facts", gzipBase64: gzipSync(JSON.stringify(compliant2022())).toString("base64") };
    const r = await runCli(["preflight", "server", "--facts", file("packed.json", JSON.stringify(packed)), "--tier0-group", TIER0_GROUP]);
    expect(r.stdout).toMatch(/READY \(exit 0\): 13 pass/);
    expect(r.code).toBe(0);
  });

  test("without --tier0-group a Tier-0 group in Remote Desktop Users fails", async () => {
    const r = await runCli(["preflight", "server", "--facts", file("c.json", JSON.stringify(compliant2022()))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[FAIL\] local-admins: .*Tier0-SyncAdmins/);
  });

  test.each([
    [[], /Give exactly one of --facts FILE .* or --azure-vm RESOURCE_ID/],
    [["--facts", "/nonexistent/facts.json"], /--facts \/nonexistent\/facts.json: cannot read it \(ENOENT\)/],
    [["--facts", "/dev/zero"], /larger than 1 MB/],
    [["--facts", EXAMPLE, "--format", "html"], /--format html: choose text, json or sarif/],
    [["--facts", EXAMPLE, "--object-count", "-3"], /--object-count -3: must not be negative/],
  ])("%j: exit 2 with the field and the fix", async (args, message) => {
    const r = await runCli(["preflight", "server", ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  test("a document that is not facts: exit 2 naming the field; another schema version names the version", async () => {
    const broken = file("broken.json", "{ not json");
    expect((await runCli(["preflight", "server", "--facts", broken])).stderr).toMatch(/broken.json: not a JSON document/);
    const wrongType = file("wrong.json", JSON.stringify({ ...compliant2022(), memoryMb: "lots" }));
    const r = await runCli(["preflight", "server", "--facts", wrongType]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/memoryMb must be number/);
    const v2 = file("v2.json", JSON.stringify({ ...compliant2022(), schemaVersion: 2 }));
    expect((await runCli(["preflight", "server", "--facts", v2])).stderr).toMatch(
      /schemaVersion must be equal to constant.*reads schema version 1/,
    );
    const badPack = file("pack.json", JSON.stringify({ tool: "entra-gate-server-facts", gzipBase64: "AAAA" }));
    expect((await runCli(["preflight", "server", "--facts", badPack])).stderr).toMatch(/gzipBase64 does not hold a gzipped JSON document/);
  });
});
