/**
 * Hostile and broken Graph servers (issue 14 items 3, 4, 7 and 14): each run ends, bounded in time, with exit 2 and a
 * named reason, and never prints the token. Shapes follow the Graph v1.0 reference: a collection is
 * `{ "value": [ ... ], "@odata.nextLink"?: string }` (Paging Microsoft Graph data in your app), organization-list returns
 * `verifiedDomains` as an array of verifiedDomain objects, and an error body is `{ "error": { "code", "message" } }`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CheckFailedError } from "../../src/support/errors";
import { run } from "../../src/cli/main";
import { runCloudPreflight } from "../../src/preflight/cloud";
import { compliantTenant, startGraphTestServer, type GraphTestServer, type ServerBehaviour } from "./graph-test-server";

const TOKEN = "eyJhbGciOiJSUzI1NiJ9.faults-secret-token.c2lnbmF0dXJl";
let server: GraphTestServer | undefined;
let stderr: string[];
let stdout: string[];

beforeEach(() => {
  stderr = [];
  stdout = [];
  jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => stderr.push(String(chunk)) > 0);
  jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => stdout.push(String(chunk)) > 0);
});
afterEach(async () => {
  jest.restoreAllMocks();
  process.exitCode = undefined;
  delete process.env.FAULTS_TOKEN;
  await server?.close();
  server = undefined;
});

/** Runs `entra-gate preflight cloud` against a server with `behaviour`; returns the exit code and all output. */
async function cli(behaviour: ServerBehaviour): Promise<{ code: number; output: string }> {
  server = await startGraphTestServer(compliantTenant(), TOKEN, behaviour);
  const dir = mkdtempSync(join(tmpdir(), "graph-faults-"));
  writeFileSync(join(dir, "ca.pem"), server.ca);
  process.env.FAULTS_TOKEN = TOKEN;
  const code = await run([
    "node",
    "entra-gate",
    "preflight",
    "cloud",
    "--graph-url",
    server.url,
    "--token-env",
    "FAULTS_TOKEN",
    "--ca-file",
    join(dir, "ca.pem"),
  ]);
  return { code, output: stderr.join("") + stdout.join("") };
}

/** Runs the module with small caps, for the faults that would take the defaults' 30 s or 5 min. */
async function module(
  behaviour: ServerBehaviour,
  caps: { timeoutMs?: number; maxPages?: number; maxResponseBytes?: number; maxTotalMs?: number },
) {
  server = await startGraphTestServer(compliantTenant(), TOKEN, behaviour);
  return runCloudPreflight({ graphUrl: server.url, ca: server.ca, token: TOKEN, ...caps });
}

describe("Graph faults end in exit 2 with a named reason and no token", () => {
  it("a 401 body that echoes the Authorization header and terminal escapes: token redacted, escapes stripped", async () => {
    const body = JSON.stringify({
      error: { code: "InvalidAuthenticationToken", message: `Bad header Authorization: Bearer ${TOKEN} \u001b]0;pwned\u0007\u001b[31mred` },
    });
    const { code, output } = await cli({ raw: { path: /organization/, status: 401, body } });
    expect(code).toBe(2);
    expect(output).toContain("HTTP 401 InvalidAuthenticationToken");
    expect(output).toContain("Bearer [redacted]");
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain("faults-secret-token");
    expect(output.includes("\u001b") || output.includes("\u0007")).toBe(false);
  }, 20_000);

  it("an @odata.nextLink that points to itself stops at once", async () => {
    const { code, output } = await cli({ fault: "self-next-link" });
    expect(code).toBe(2);
    expect(output).toContain("an @odata.nextLink repeated a page already read (a paging loop)");
    expect(server?.requests.length).toBe(1);
    expect(output).not.toContain(TOKEN);
  }, 20_000);

  it("pages that keep coming stop at the page cap", async () => {
    const error: unknown = await module({ fault: "endless-pages" }, { maxPages: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckFailedError);
    expect((error as CheckFailedError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/stopped: more than 20 pages/);
    expect((error as Error).message).not.toContain(TOKEN);
    expect(server?.requests.length).toBe(20);
  }, 20_000);

  it("pages that keep coming stop at the total time cap", async () => {
    const error: unknown = await module({ fault: "endless-pages" }, { maxTotalMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckFailedError);
    expect((error as CheckFailedError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/stopped: it took longer than 0.3 s in all/);
    expect((error as Error).message).not.toContain(TOKEN);
  }, 20_000);

  it("an endless body stops at the response size cap (no ERR_STRING_TOO_LONG, no unbounded memory)", async () => {
    const { code, output } = await cli({ fault: "endless-body" });
    expect(code).toBe(2);
    expect(output).toContain(`with more than ${32 * 1024 * 1024} bytes (response size cap)`);
    expect(output).not.toContain("ERR_STRING_TOO_LONG");
    expect(output).not.toContain("unexpected error");
    expect(output).not.toContain(TOKEN);
  }, 30_000);

  it("a body trickled byte by byte ends at the request deadline", async () => {
    const started = Date.now();
    const error: unknown = await module({ fault: "trickle" }, { timeoutMs: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckFailedError);
    expect((error as CheckFailedError).exitCode).toBe(2);
    expect((error as Error).message).toContain("did not answer GET /organization in full within 1000 ms (request deadline)");
    expect((error as Error).message).not.toContain(TOKEN);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 20_000);

  it.each([
    ['{"value":"abc"}', '"value" is a string, not an array'],
    ["{}", '"value" is missing, not an array'],
    ["[1]", "the body is an array, not an object"],
    ['{"value":[1]}', '"value[0]" is a number, not an object'],
    ['{"value":[{"id":"o","verifiedDomains":"x"}]}', '"verifiedDomains" is a string, not an array'],
    ['{"value":[{"id":"o","verifiedDomains":[{"name":7}]}]}', '"verifiedDomains[0]" is not an object with a string "name"'],
  ])(
    "organization answered %s: exit 2 naming the field",
    async (body, field) => {
      const { code, output } = await cli({ raw: { path: /organization/, status: 200, body } });
      expect(code).toBe(2);
      expect(output).toContain(`Microsoft Graph answered GET /organization with an unexpected shape: ${field}`);
      expect(output).not.toContain("is not a function");
      expect(output).not.toContain(TOKEN);
    },
    20_000,
  );
});
