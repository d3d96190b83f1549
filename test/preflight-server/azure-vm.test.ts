/**
 * `preflight server --azure-vm`: the collector through ARM's action Run Command, against a local HTTPS server that
 * speaks the documented shapes (arm-test-server.ts): 202 + Azure-AsyncOperation / Location polling, 401/403, 429
 * with Retry-After, a failed operation, a script that printed nothing, output cut at 4,096 bytes, and timeouts.
 */
import { gzipSync } from "node:zlib";
import type { GetTokenOptions, TokenCredential } from "@azure/identity";
import { collectFromAzureVm, factsFromRunCommand } from "../../src/preflight/server/azure-vm";
import { RUN_COMMAND_API_VERSION, runCommandOnVm } from "../../src/preflight/server/run-command";
import { collectorScript } from "../../src/preflight/server/collector";
import { RUN_COMMAND_OUTPUT_LIMIT_BYTES } from "../../src/requirements";
import { runCli } from "../support/run-cli";
import { compliant2022 } from "./facts-fixtures";
import { runCommandResult, startArmServer, TOKEN, VM_ID, type ArmScenario, type ArmTestServer } from "./arm-test-server";

const credential: TokenCredential = { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) };
const FACTS = JSON.stringify(compliant2022());
let server: ArmTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function collect(
  scenario: ArmScenario,
  extra: { timeoutSeconds?: number; requestTimeoutMs?: number; sleeps?: number[]; credential?: TokenCredential } = {},
) {
  server = await startArmServer(scenario);
  const sleeps = extra.sleeps ?? [];
  return collectFromAzureVm({
    resourceId: VM_ID,
    credential: extra.credential ?? credential,
    timeoutSeconds: extra.timeoutSeconds ?? 30,
    requestTimeoutMs: extra.requestTimeoutMs,
    endpoint: server.endpoint,
    ca: server.ca,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

describe("Run Command", () => {
  test("POSTs RunPowerShellScript with the collector's lines and the bearer token, polls Azure-AsyncOperation, returns the facts", async () => {
    const sleeps: number[] = [];
    const facts = await collect(
      {
        stdout: FACTS,
        retryAfter: "3",
        operation: [
          { status: "InProgress" },
          { status: "InProgress" },
          { status: "Succeeded", properties: { output: { value: [{ code: "ComponentStatus/StdOut/succeeded", message: FACTS }] } } },
        ],
      },
      { sleeps },
    );
    expect(facts.computer).toBe("SYNC01");
    const post = server!.requests[0]!;
    expect(post.method).toBe("POST");
    expect(post.path).toBe(`${VM_ID}/runCommand?api-version=${RUN_COMMAND_API_VERSION}`);
    expect(post.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(post.body)).toEqual({ commandId: "RunPowerShellScript", script: collectorScript().split("\n") });
    expect(server!.requests.slice(1).map((r) => r.path.split("?")[0])).toEqual([
      "/operations/op-1",
      "/operations/op-1",
      "/operations/op-1",
    ]);
    // Retry-After (3 s) paces the polling.
    expect(sleeps).toEqual([3000, 3000, 3000]);
  });

  test("asks the credential once while its token is valid, and again for each poll when the token is near its end", async () => {
    // Azure CLI's credential runs `az` on every getToken and keeps no cache (by design: Azure/azure-sdk-for-go#23533,
    // Azure/azure-sdk-for-python#40636), so each ask is a process started.
    const scenario: ArmScenario = {
      stdout: FACTS,
      operation: [
        { status: "InProgress" },
        { status: "Succeeded", properties: { output: { value: [{ code: "ComponentStatus/StdOut/succeeded", message: FACTS }] } } },
      ],
    };
    let asks = 0;
    const counting = (lifeMs: number): TokenCredential => ({
      getToken: async () => {
        asks++;
        return { token: TOKEN, expiresOnTimestamp: Date.now() + lifeMs };
      },
    });
    await collect(scenario, { credential: counting(3_600_000) });
    expect(asks).toBe(1);
    await server!.close();
    asks = 0;
    await collect(scenario, { credential: counting(60_000) });
    expect(asks).toBe(server!.requests.length);
    expect(asks).toBe(3);
  });

  test("reads the result from Location when the operation status carries no output, or when only Location is given", async () => {
    expect((await collect({ stdout: FACTS, operation: [{ status: "Succeeded" }] })).computer).toBe("SYNC01");
    expect(server!.requests.map((r) => r.path.split("?")[0]).slice(-1)).toEqual(["/results/op-1"]);
    await server!.close();
    const facts = await collect({
      stdout: FACTS,
      asyncHeader: false,
      location: [{ status: 202 }, { status: 202 }, { status: 200, body: runCommandResult(FACTS) }],
    });
    expect(facts.computer).toBe("SYNC01");
    expect(server!.requests.filter((r) => r.path.startsWith("/results/")).length).toBe(3);
  });

  test("a packed document (gzip + base64) comes back whole", async () => {
    const packed = JSON.stringify({ tool: "entra-gate-server-facts", gzipBase64: gzipSync(FACTS).toString("base64") });
    expect((await collect({ stdout: `${packed}\r\n` })).computer).toBe("SYNC01");
  });

  test("429 with Retry-After is retried after the time Azure asks for", async () => {
    const sleeps: number[] = [];
    const facts = await collect(
      {
        stdout: FACTS,
        post: [
          { status: 429, headers: { "Retry-After": "7" }, body: { error: { code: "TooManyRequests", message: "Rate limit." } } },
          { status: 202 },
        ],
      },
      { sleeps },
    );
    expect(facts.computer).toBe("SYNC01");
    expect(sleeps[0]).toBe(7000);
    expect(server!.requests.filter((r) => r.method === "POST")).toHaveLength(2);
  });

  test("429 asking for longer than the time left ends within the bound, naming it", async () => {
    await expect(
      collect(
        { post: [{ status: 429, headers: { "Retry-After": "120" }, body: { error: { code: "TooManyRequests", message: "x" } } }] },
        { timeoutSeconds: 30 },
      ),
    ).rejects.toThrow(/did not finish within 30 seconds \(Azure asked to retry after 120 s/);
  });

  test("401: the credentials were refused; 403: names the permission to grant", async () => {
    const badToken: TokenCredential = { getToken: async () => ({ token: "expired", expiresOnTimestamp: 0 }) };
    await expect(collect({}, { credential: badToken })).rejects.toThrow(
      /refused the credentials \(401, InvalidAuthenticationToken: The access token is invalid\.\)/,
    );
    await server!.close();
    const forbidden = {
      status: 403,
      body: {
        error: {
          code: "AuthorizationFailed",
          message: "The client 'x' does not have authorization to perform action 'Microsoft.Compute/virtualMachines/runCommand/action'.",
        },
      },
    };
    await expect(collect({ post: [forbidden] })).rejects.toThrow(
      /403, AuthorizationFailed.*Grant it Microsoft\.Compute\/virtualMachines\/runCommand\/action on the VM/,
    );
  });

  test("no token at all: says how to sign in", async () => {
    const none: TokenCredential = { getToken: async () => Promise.reject(new Error("DefaultAzureCredential failed to retrieve a token")) };
    server = await startArmServer({});
    await expect(
      runCommandOnVm({ resourceId: VM_ID, script: "x", credential: none, timeoutSeconds: 5, endpoint: server.endpoint, ca: server.ca }),
    ).rejects.toThrow(/no Azure token \(DefaultAzureCredential failed.*\)\. Sign in with az login/);
  });

  test("a credential chain that does not answer is bounded by the same total time, and asked to abort", async () => {
    const asked: (GetTokenOptions | undefined)[] = [];
    const hanging: TokenCredential = {
      getToken: (_scope, options) => {
        asked.push(options);
        return new Promise(() => undefined);
      },
    };
    server = await startArmServer({});
    await expect(
      runCommandOnVm({
        resourceId: VM_ID,
        script: "x",
        credential: hanging,
        timeoutSeconds: 0.2,
        endpoint: server.endpoint,
        ca: server.ca,
      }),
    ).rejects.toThrow(
      /did not finish within 0\.2 seconds \(getting an Azure token while starting the command\)\. .*raise --timeout-seconds\.$/,
    );
    expect(asked[0]?.abortSignal).toBeDefined();
    expect(server.requests).toEqual([]);
  });

  test("a failed operation names Azure's reason", async () => {
    await expect(
      collect({
        operation: [
          {
            status: "Failed",
            error: { code: "VMAgentStatusCommunicationError", message: "VM 'entra-sync' has not reported status for VM agent." },
          },
        ],
      }),
    ).rejects.toThrow(/Run Command on the VM failed \(VMAgentStatusCommunicationError: VM 'entra-sync' has not reported status/);
  });

  test("a script that printed nothing: the error output is named", async () => {
    await expect(collect({ stdout: "", stderr: "Get-Item : Access is denied.\n    + CategoryInfo : PermissionDenied" })).rejects.toThrow(
      /the collector printed nothing\. The script's error output: Get-Item : Access is denied\./,
    );
  });

  test("output cut at 4,096 bytes is recognised, never half-read", async () => {
    const big = JSON.stringify({ ...compliant2022(), computer: "X".repeat(5000) });
    const tail = big.slice(-RUN_COMMAND_OUTPUT_LIMIT_BYTES);
    await expect(collect({ stdout: tail })).rejects.toThrow(
      /the output was cut \(Run Command returns only the last 4096 bytes\).*use --facts/,
    );
  });

  test("output that is not a facts document: exit-2 error naming the field", () => {
    expect(() => factsFromRunCommand({ stdout: '{"schemaVersion": 1}', stderr: "" }, VM_ID)).toThrow(
      /Run Command output of .*: not a facts document: .*must have required property/,
    );
  });

  test("an operation that never ends stops at the bound; a stalled request ends at its deadline", async () => {
    await expect(collect({ retryAfter: "20", operation: [{ status: "InProgress" }] }, { timeoutSeconds: 30 })).rejects.toThrow(
      /did not finish within 30 seconds \(the command was still running\)/,
    );
    await server!.close();
    const started = Date.now();
    await expect(collect({ stall: true }, { timeoutSeconds: 30, requestTimeoutMs: 300 })).rejects.toThrow(
      /starting the command failed \(no (complete )?answer within 300 ms\)/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("preflight server --azure-vm (flags)", () => {
  test.each([
    [
      ["--azure-vm", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm"],
      /--azure-vm .*not a virtual machine's resource id/,
    ],
    [["--azure-vm", VM_ID, "--facts", "examples/server-facts.json"], /Give exactly one of --facts/],
    [["--azure-vm", VM_ID, "--timeout-seconds", "0"], /--timeout-seconds 0: give a number of seconds above 0/],
  ])("%j: exit 2 before any call", async (args, message) => {
    const r = await runCli(["preflight", "server", ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
