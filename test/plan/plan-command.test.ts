import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { run } from "../../src/cli/main";

/** Runs `entra-gate ...args` in-process and captures stdout, stderr and the exit code. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0);
  try {
    const code = await run(["node", "entra-gate", ...args]);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

let warn: jest.SpyInstance;
beforeAll(() => {
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterAll(() => warn.mockRestore());

describe("entra-gate plan", () => {
  test("--stack dev: text, exit 0", async () => {
    const r = await cli("plan", "--stack", "dev");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("stack dev: 7 resources to create");
    expect(r.stdout).toContain(
      "+ azure-native:compute:VirtualMachine  entra-sync-dev-vm\n    image: MicrosoftWindowsServer / WindowsServer / 2022-datacenter-g2 / latest\n",
    );
    expect(r.stderr).toBe("");
  });

  test("--stack enterprise --format json: the resources document, exit 0", async () => {
    const r = await cli("plan", "--stack", "enterprise", "--format", "json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { resources: { type: string; name: string }[] };
    expect(doc.resources).toHaveLength(14);
    expect(doc.resources.filter((x) => x.type === "azure-native:sqlvirtualmachine:SqlVirtualMachine").map((x) => x.name)).toEqual([
      "entra-sync-prd-sql-sqlvm",
    ]);
  });

  test("a refused stack config: exit 2, the refusal on stderr, nothing on stdout", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "entra-plan-cli-")), "Pulumi.bad.yaml");
    writeFileSync(
      path,
      "config:\n  entra-connect-gate:objectCount: 100\n  entra-connect-gate:resourceGroupName: rg\n  entra-connect-gate:subnetId: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet\n  entra-connect-gate:domainControllers: [10.0.1.4]\n  entra-connect-gate:entraConnectVersion: 2.4.131.0\n",
    );
    expect(await cli("plan", "--config-file", path)).toEqual({
      code: 2,
      stdout: "",
      stderr: `entra-gate: Stack file ${path}: entraConnectVersion is refused: 2.4.131.0 is below the minimum 2.5.79.0; this breaks requirement version.minimum: Entra Connect 2.5.79.0 or later (older builds stopped syncing after 2026-09-30). Fix: set entraConnectVersion to 2.5.79.0 or later, or remove it for 2.6.92.0.\n`,
    });
  });

  test("a stack file that does not exist: exit 2", async () => {
    const r = await cli("plan", "--config-file", "stacks/Pulumi.missing.yaml");
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "entra-gate: The stack file stacks/Pulumi.missing.yaml does not exist: check the path, or use --stack dev or --stack enterprise.\n",
    });
  });

  test("an unknown format: exit 2 naming the flag", async () => {
    const r = await cli("plan", "--format", "xml");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json.");
  });
});
