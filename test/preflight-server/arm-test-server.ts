/**
 * A local HTTPS server that answers like Azure Resource Manager's action Run Command (Virtual Machines - Run
 * Command, REST API reference, learn.microsoft.com/rest/api/compute/virtual-machines/run-command; Azure's
 * long-running operation pattern, "Track asynchronous Azure operations"):
 * - POST {vm}/runCommand?api-version=... with {"commandId": "RunPowerShellScript", "script": [...]} answers 202
 *   Accepted with the headers Azure-AsyncOperation and Location (and Retry-After);
 * - GET Azure-AsyncOperation answers {"status": "InProgress"} until {"status": "Succeeded", "properties":
 *   {"output": {"value": [...]}}} or {"status": "Failed", "error": {"code", "message"}};
 * - GET Location answers 202 while running, then 200 with the RunCommandResult {"value": [{"code":
 *   "ComponentStatus/StdOut/succeeded", "level": "Info", "displayStatus": "Provisioning succeeded", "message":
 *   stdout}, {"code": "ComponentStatus/StdErr/succeeded", ..., "message": stderr}]};
 * - errors are {"error": {"code", "message"}}: 401 InvalidAuthenticationToken, 403 AuthorizationFailed, 429 with
 *   Retry-After (TooManyRequests).
 */
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { makeSelfSignedCert, type PemPair } from "../preflight-sql/self-signed-cert";

export const VM_ID =
  "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-sync/providers/Microsoft.Compute/virtualMachines/entra-sync";
export const TOKEN = "test-arm-token";

export interface ArmScenario {
  /** Answers to the POST, in order (the last repeats): a status, headers and a body. */
  readonly post?: readonly { status: number; headers?: Record<string, string>; body?: unknown }[];
  /** Poll answers of Azure-AsyncOperation, in order (the last repeats). */
  readonly operation?: readonly unknown[];
  /** Whether the 202 names Azure-AsyncOperation (default true) and Location (default true). */
  readonly asyncHeader?: boolean;
  readonly locationHeader?: boolean;
  /** Poll answers of Location, in order (the last repeats): 202 while running, else 200 with this body. */
  readonly location?: readonly ({ status: 202 } | { status: 200; body: unknown })[];
  readonly stdout?: string;
  readonly stderr?: string;
  /** Retry-After on 202 answers, in seconds. */
  readonly retryAfter?: string;
  /** Never answer the POST (a stalled connection). */
  readonly stall?: boolean;
}

export function runCommandResult(stdout: string, stderr = ""): unknown {
  return {
    value: [
      { code: "ComponentStatus/StdOut/succeeded", level: "Info", displayStatus: "Provisioning succeeded", message: stdout },
      { code: "ComponentStatus/StdErr/succeeded", level: "Info", displayStatus: "Provisioning succeeded", message: stderr },
    ],
  };
}

export interface ArmTestServer {
  readonly endpoint: string;
  readonly ca: string;
  readonly requests: { method: string; path: string; authorization?: string; body: string }[];
  close(): Promise<void>;
}

let pem: PemPair | undefined;

export async function startArmServer(scenario: ArmScenario): Promise<ArmTestServer> {
  pem ??= makeSelfSignedCert("localhost", ["localhost", "127.0.0.1"]);
  const requests: ArmTestServer["requests"] = [];
  const counts = { post: 0, operation: 0, location: 0 };
  const pick = <T>(list: readonly T[] | undefined, i: number): T | undefined =>
    list === undefined ? undefined : list[Math.min(i, list.length - 1)];
  let base = "";
  const server: Server = createServer({ key: pem.key, cert: pem.cert }, (req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization, body });
      const json = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { "Content-Type": "application/json", ...headers });
        res.end(value === undefined ? "" : JSON.stringify(value));
      };
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        json(401, { error: { code: "InvalidAuthenticationToken", message: "The access token is invalid." } });
        return;
      }
      const retry: Record<string, string> = scenario.retryAfter === undefined ? {} : { "Retry-After": scenario.retryAfter };
      const url = new URL(req.url ?? "/", base);
      if (req.method === "POST" && url.pathname === `${VM_ID}/runCommand`) {
        if (scenario.stall) return;
        const parsed = JSON.parse(body) as { commandId?: string; script?: unknown };
        if (parsed.commandId !== "RunPowerShellScript" || !Array.isArray(parsed.script) || !url.searchParams.get("api-version")) {
          json(400, { error: { code: "InvalidParameter", message: "commandId, script and api-version are required." } });
          return;
        }
        const answer = pick(scenario.post, counts.post++);
        if (answer && answer.status !== 202) {
          json(answer.status, answer.body, answer.headers);
          return;
        }
        json(202, undefined, {
          ...(scenario.asyncHeader === false ? {} : { "Azure-AsyncOperation": `${base}/operations/op-1?api-version=2024-07-01` }),
          ...(scenario.locationHeader === false ? {} : { Location: `${base}/results/op-1?api-version=2024-07-01` }),
          ...retry,
          ...(answer?.headers ?? {}),
        });
        return;
      }
      if (req.method === "GET" && url.pathname === "/operations/op-1") {
        const answer = pick(scenario.operation, counts.operation++) ?? {
          status: "Succeeded",
          properties: { output: runCommandResult(scenario.stdout ?? "", scenario.stderr ?? "") },
        };
        json(200, { name: "op-1", startTime: "2026-12-02T14:00:00Z", ...(answer as object) }, retry);
        return;
      }
      if (req.method === "GET" && url.pathname === "/results/op-1") {
        const answer = pick(scenario.location, counts.location++) ?? {
          status: 200,
          body: runCommandResult(scenario.stdout ?? "", scenario.stderr ?? ""),
        };
        if (answer.status === 202) json(202, undefined, retry);
        else json(200, answer.body);
        return;
      }
      json(404, { error: { code: "NotFound", message: `No route ${req.method} ${url.pathname}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint: base,
    ca: pem.cert,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
