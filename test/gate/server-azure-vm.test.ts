/**
 * gate.yaml `server: {azureVm}` (issue 10 section 4): the collector runs on the VM through Azure Resource Manager's
 * action Run Command, by the same code as `preflight server --azure-vm`, against the local HTTPS server that speaks
 * the documented request and response shapes (test/preflight-server/arm-test-server.ts cites them: Virtual Machines -
 * Run Command, learn.microsoft.com/rest/api/compute/virtual-machines/run-command, and "Track asynchronous Azure
 * operations"). A VM the gate cannot reach is `could-not-check` (exit 2); bad input stops the gate before any call.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TokenCredential } from "@azure/identity";
import { GATE_SOURCES, parseGateConfig, runGate, type GateSource } from "../../src/gate";
import { createServerSource, serverSource } from "../../src/gate/sources/server";
import { RUN_COMMAND_API_VERSION } from "../../src/preflight/server/run-command";
import { collectorScript } from "../../src/preflight/server/collector";
import { RUN_COMMAND_OUTPUT_LIMIT_BYTES } from "../../src/requirements";
import { compliant2022, TIER0_GROUP } from "../preflight-server/facts-fixtures";
import { runCommandResult, startArmServer, TOKEN, VM_ID, type ArmScenario, type ArmTestServer } from "../preflight-server/arm-test-server";

const credential: TokenCredential = { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) };
const FACTS = JSON.stringify(compliant2022());
let dir: string;
let arm: ArmTestServer | undefined;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "gate-azure-vm-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await arm?.close();
  arm = undefined;
});

/** The server source pointed at the test server, with the test's credential and an instant clock. */
async function sourceFor(scenario: ArmScenario, sleeps: number[] = []): Promise<GateSource> {
  arm = await startArmServer(scenario);
  return createServerSource({ endpoint: arm.endpoint, ca: arm.ca, credential, sleep: async (ms) => void sleeps.push(ms) });
}

async function gateOnVm(scenario: ArmScenario, section: Record<string, unknown> = {}, sleeps: number[] = []) {
  const source = await sourceFor(scenario, sleeps);
  const config = parseGateConfig({ server: { azureVm: VM_ID, tier0Groups: [TIER0_GROUP], ...section } }, join(dir, "gate.yaml"), [source]);
  return runGate({ config, sources: [source] });
}

describe("gate.yaml server.azureVm", () => {
  it("runs the collector through Run Command and files the facts as observed evidence, as --facts would", async () => {
    const sleeps: number[] = [];
    const done = { status: "Succeeded", properties: { output: runCommandResult(FACTS) } };
    const report = await gateOnVm({ retryAfter: "2", operation: [{ status: "InProgress" }, done] }, {}, sleeps);
    const checks = report.categories.flatMap((c) => c.checks);
    expect(checks).toHaveLength(13);
    expect(checks.every((c) => c.source === "server" && c.evidence === "observed" && c.status === "pass")).toBe(true);
    // The same facts given as factsFile are judged the same, category by category.
    writeFileSync(join(dir, "facts.json"), FACTS);
    const fromFile = parseGateConfig({ server: { factsFile: "facts.json", tier0Groups: [TIER0_GROUP] } }, join(dir, "gate.yaml"), [
      serverSource,
    ]);
    expect(report.categories).toEqual((await runGate({ config: fromFile, sources: [serverSource] })).categories);
    expect(report.categories.filter((c) => c.status === "pass")).toHaveLength(5);
    expect(report.sources).toContainEqual({
      name: "server",
      state: "ran",
      detail: `facts of SYNC01 collected 2026-12-01T09:30:00Z through Run Command on ${VM_ID}`,
    });
    const post = arm!.requests[0]!;
    expect(post.path).toBe(`${VM_ID}/runCommand?api-version=${RUN_COMMAND_API_VERSION}`);
    expect(post.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(post.body)).toEqual({ commandId: "RunPowerShellScript", script: collectorScript().split("\n") });
    // The operation is polled at Azure's Retry-After pace until it succeeds.
    expect(sleeps).toEqual([2000, 2000]);
  });

  it.each<[string, ArmScenario, Record<string, unknown>, RegExp]>([
    [
      "403: the identity may not run commands",
      {
        post: [
          {
            status: 403,
            body: { error: { code: "AuthorizationFailed", message: "does not have authorization to perform action runCommand" } },
          },
        ],
      },
      {},
      /403, AuthorizationFailed.*Grant it Microsoft\.Compute\/virtualMachines\/runCommand\/action .*use gate\.yaml server\.factsFile\.$/,
    ],
    [
      "a failed operation",
      { operation: [{ status: "Failed", error: { code: "VMAgentStatusCommunicationError", message: "VM agent not ready." } }] },
      {},
      /Run Command on the VM failed \(VMAgentStatusCommunicationError/,
    ],
    [
      "an operation longer than timeoutSeconds",
      { retryAfter: "40", operation: [{ status: "InProgress" }] },
      { timeoutSeconds: 30 },
      /did not finish within 30 seconds \(the command was still running\).*raise gate\.yaml server\.timeoutSeconds\.$/,
    ],
    [
      "output cut at 4,096 bytes",
      { stdout: JSON.stringify({ ...compliant2022(), computer: "X".repeat(5000) }).slice(-RUN_COMMAND_OUTPUT_LIMIT_BYTES) },
      {},
      /the output was cut \(Run Command returns only the last 4096 bytes\).*use gate\.yaml server\.factsFile\.$/,
    ],
  ])("%s: could-not-check (exit 2), naming why", async (_name, scenario, section, reason) => {
    const report = await gateOnVm(scenario, section);
    expect(report).toMatchObject({ verdict: "could-not-check", exitCode: 2 });
    const run = report.sources.find((r) => r.name === "server");
    expect(run?.state).toBe("could-not-check");
    expect(run?.detail).toMatch(reason);
    expect(report.categories.filter((c) => c.status === "pass")).toEqual([]);
  });

  it("refuses bad input before any call: both or neither of factsFile and azureVm, a resource id that is not a VM's, timeoutSeconds out of range or without azureVm", async () => {
    const source = await sourceFor({ stdout: FACTS });
    const path = join(dir, "gate.yaml");
    writeFileSync(join(dir, "facts.json"), FACTS);
    const both = /gate\.yaml has a bad field \(see docs\/gate\.md for the schema\):\n {2}server: give exactly one of factsFile, azureVm$/;
    expect(() => parseGateConfig({ server: { factsFile: "facts.json", azureVm: VM_ID } }, path, GATE_SOURCES)).toThrow(both);
    expect(() => parseGateConfig({ server: { tier0Groups: [TIER0_GROUP] } }, path, GATE_SOURCES)).toThrow(both);
    expect(() => parseGateConfig({ server: { azureVm: VM_ID, timeoutSeconds: 3601 } }, path, GATE_SOURCES)).toThrow(
      /server\.timeoutSeconds: must be <= 3600/,
    );
    const run = (server: Record<string, unknown>) => runGate({ config: parseGateConfig({ server }, path, [source]), sources: [source] });
    await expect(run({ azureVm: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm" })).rejects.toThrow(
      /^gate\.yaml server\.azureVm \/subscriptions\/x\/.*: not a virtual machine's resource id\. Give \/subscriptions\//,
    );
    await expect(run({ factsFile: "facts.json", timeoutSeconds: 60 })).rejects.toThrow(
      /^gate\.yaml server\.timeoutSeconds bounds Run Command, so it applies to server\.azureVm only/,
    );
    expect(arm!.requests).toEqual([]);
  });
});
