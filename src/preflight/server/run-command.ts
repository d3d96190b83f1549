/**
 * Runs the collector on an Azure VM through Azure Resource Manager's action Run Command and returns its output:
 * POST .../virtualMachines/{vm}/runCommand (commandId RunPowerShellScript), then the long-running operation polled
 * through Azure-AsyncOperation (or Location) until it ends, within a bounded total time. Every request has a
 * deadline and a size cap; 429 and 503 are retried after Retry-After (within the total time); ARM's error text goes
 * through safeText. Credentials come from @azure/identity (DefaultAzureCredential unless the caller gives one).
 */
import type { AccessToken, TokenCredential } from "@azure/identity";
import { CheckFailedError, InputError } from "../../support/errors";
import {
  apiErrorOf,
  headerValue,
  type HttpsJsonResponse,
  isThrottled,
  parseJsonOr,
  retryAfterMs,
  sendHttpsJson,
} from "../../support/https-json";
import { safeText } from "../../support/redact";

/** The ARM API version of Virtual Machines - Run Command used here. */
export const RUN_COMMAND_API_VERSION = "2024-07-01";
export const ARM_ENDPOINT = "https://management.azure.com";
const ARM_SCOPE = "https://management.azure.com/.default";
/** The role action the caller needs (Virtual Machine Contributor holds it). */
export const RUN_COMMAND_PERMISSION = "Microsoft.Compute/virtualMachines/runCommand/action";
const MAX_RESPONSE_BYTES = 1024 * 1024;
const DEFAULT_POLL_SECONDS = 5;
/** A held token is asked for again when less than this is left of its life. */
const TOKEN_REUSE_MARGIN_MS = 120_000;

const VM_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w.()]+\/providers\/Microsoft\.Compute\/virtualMachines\/[-\w.]+$/i;

export interface RunCommandOptions {
  /** /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/{name} */
  readonly resourceId: string;
  /** The script, one line per array item, as the API takes it. */
  readonly script: string;
  readonly credential: TokenCredential;
  /** Bound on the whole run: the sign-in (getToken), the request, the polling and the retries. */
  readonly timeoutSeconds: number;
  /** Bound on each HTTP request. */
  readonly requestTimeoutMs?: number;
  /** ARM's base URL (a test server in the tests). */
  readonly endpoint?: string;
  /** Extra CA certificates to trust (a test server's). */
  readonly ca?: string;
  /** Waiting between polls; a test passes a fast clock. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** How the caller's inputs are named in messages: the CLI's flags unless given (gate.yaml's fields in the gate). */
  readonly inputNames?: RunCommandInputNames;
}

/** The names of the VM, the time bound and the facts-file alternative, as the caller's user gives them. */
export interface RunCommandInputNames {
  readonly vm: string;
  readonly timeout: string;
  readonly facts: string;
}

/** The flags of `preflight server`. */
export const CLI_INPUT_NAMES: RunCommandInputNames = { vm: "--azure-vm", timeout: "--timeout-seconds", facts: "--facts" };

/** What the script printed: stdout and stderr as Run Command reports them. */
export interface RunCommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** Refuses a resource id that is not a VM's, naming the flag's shape. */
export function validateVmResourceId(resourceId: string, field: string): void {
  if (!VM_ID.test(resourceId)) {
    throw new InputError(
      `${field} ${safeText(resourceId)}: not a virtual machine's resource id. Give /subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Compute/virtualMachines/<name> (az vm show --query id).`,
    );
  }
}

/** One request with the caller's deadline, ARM's bearer token and the response cap. */
function send(
  method: "GET" | "POST",
  url: string,
  token: string,
  body: string | undefined,
  options: RunCommandOptions,
): Promise<HttpsJsonResponse> {
  return sendHttpsJson({
    url,
    method,
    headers: { Authorization: `Bearer ${token}` },
    body,
    ca: options.ca,
    timeoutMs: options.requestTimeoutMs ?? 30_000,
    maxResponseBytes: MAX_RESPONSE_BYTES,
  });
}

/** Retry-After in ms (seconds or an HTTP date); the default when absent or unreadable. */
function retryAfter(res: HttpsJsonResponse, fallbackSeconds: number): number {
  return retryAfterMs(headerValue(res.headers, "retry-after"), fallbackSeconds * 1000);
}

function armError(res: HttpsJsonResponse): string {
  const e = apiErrorOf(res.body);
  // not JSON, or no error object: the status says enough
  return e ? safeText(`${e.code ?? "error"}: ${e.message ?? ""}`.slice(0, 500)) : `HTTP ${res.status}`;
}

function refusal(res: HttpsJsonResponse, what: string, names: RunCommandInputNames): CheckFailedError {
  if (res.status === 401) {
    return new CheckFailedError(
      `Run Command on the VM: Azure refused the credentials (401, ${armError(res)}) while ${what}. Sign in (az login, or the environment variables or managed identity DefaultAzureCredential reads) and run again.`,
    );
  }
  if (res.status === 403) {
    return new CheckFailedError(
      `Run Command on the VM: the signed-in identity may not run commands on it (403, ${armError(res)}) while ${what}. Grant it ${RUN_COMMAND_PERMISSION} on the VM (Virtual Machine Contributor), or run the collector of \`entra-gate server-script\` on the server yourself and use ${names.facts}.`,
    );
  }
  if (res.status === 404) {
    return new CheckFailedError(
      `Run Command on the VM: Azure does not know the VM (404, ${armError(res)}) while ${what}. Check the resource id and the subscription.`,
    );
  }
  return new CheckFailedError(`Run Command on the VM: Azure answered ${res.status} (${armError(res)}) while ${what}.`);
}

/**
 * Runs the script and returns its output. Throws CheckFailedError naming the reason (refused, failed, timed out);
 * the output itself is not interpreted here.
 */
export async function runCommandOnVm(options: RunCommandOptions): Promise<RunCommandOutput> {
  const names = options.inputNames ?? CLI_INPUT_NAMES;
  validateVmResourceId(options.resourceId, names.vm);
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const remaining = (): number => deadline - Date.now();
  const timedOut = (what: string): CheckFailedError =>
    new CheckFailedError(
      `Run Command on the VM did not finish within ${options.timeoutSeconds} seconds (${what}). The VM agent may be busy or stopped: check the VM's agent status, or raise ${names.timeout}.`,
    );
  // A token still valid is used again: the polls would otherwise ask the credential each time, and Azure CLI's
  // credential runs `az` on every getToken (by design, Azure/azure-sdk-for-go#23533).
  let held: AccessToken | undefined;
  const tokenFor = async (what: string): Promise<string> => {
    if (held && held.expiresOnTimestamp - Date.now() > TOKEN_REUSE_MARGIN_MS) return held.token;
    // The credential chain (az, IMDS, ...) gets what is left of the bound, like every request.
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timedOut(`getting an Azure token while ${what}`)), Math.max(0, remaining()));
    });
    try {
      const token = await Promise.race([
        options.credential.getToken(ARM_SCOPE, { abortSignal: AbortSignal.timeout(Math.max(1, remaining())) }),
        expired,
      ]);
      if (!token) throw new Error("no token");
      held = token;
      return token.token;
    } catch (e) {
      if (e instanceof CheckFailedError) throw e;
      if (remaining() <= 0) throw timedOut(`getting an Azure token while ${what}`);
      throw new CheckFailedError(
        `Run Command on the VM: no Azure token (${safeText((e as Error).message).slice(0, 300)}). Sign in with az login, or set the environment variables or managed identity that DefaultAzureCredential reads.`,
      );
    } finally {
      clearTimeout(timer);
    }
  };
  /** One request, retried after Retry-After on 429/503 while time remains. */
  const call = async (method: "GET" | "POST", url: string, body: string | undefined, what: string): Promise<HttpsJsonResponse> => {
    for (;;) {
      if (remaining() <= 0) throw timedOut(what);
      let res: HttpsJsonResponse;
      try {
        res = await send(method, url, await tokenFor(what), body, {
          ...options,
          requestTimeoutMs: Math.min(options.requestTimeoutMs ?? 30_000, remaining()),
        });
      } catch (e) {
        if (e instanceof CheckFailedError) throw e;
        if (remaining() <= 0) throw timedOut(what);
        throw new CheckFailedError(
          `Run Command on the VM: ${what} failed (${safeText((e as Error).message)}). Check the network path to ${options.endpoint ?? ARM_ENDPOINT}.`,
        );
      }
      if (!isThrottled(res.status)) return res;
      const wait = retryAfter(res, DEFAULT_POLL_SECONDS);
      if (wait >= remaining()) throw timedOut(`Azure asked to retry after ${Math.ceil(wait / 1000)} s while ${what}`);
      await sleep(wait);
    }
  };

  const base = options.endpoint ?? ARM_ENDPOINT;
  const url = `${base}${options.resourceId}/runCommand?api-version=${RUN_COMMAND_API_VERSION}`;
  const body = JSON.stringify({ commandId: "RunPowerShellScript", script: options.script.split("\n") });
  const started = await call("POST", url, body, "starting the command");
  if (started.status === 200) return outputOf(started.body);
  if (started.status !== 202) throw refusal(started, "starting the command", names);
  const asyncUrl = headerValue(started.headers, "azure-asyncoperation");
  const locationUrl = headerValue(started.headers, "location");
  if (asyncUrl === undefined && locationUrl === undefined) {
    throw new CheckFailedError(
      "Run Command on the VM: Azure accepted the command (202) but named no Azure-AsyncOperation or Location to follow.",
    );
  }
  let wait = retryAfter(started, DEFAULT_POLL_SECONDS);
  for (;;) {
    if (wait >= remaining()) throw timedOut("the command was still running");
    await sleep(wait);
    if (asyncUrl !== undefined) {
      const res = await call("GET", asyncUrl, undefined, "polling the operation");
      if (res.status !== 200) throw refusal(res, "polling the operation", names);
      const op = parseJson(res.body, "the operation status") as {
        status?: string;
        error?: { code?: string; message?: string };
        properties?: { output?: unknown };
      };
      const status = (op.status ?? "").toLowerCase();
      if (status === "succeeded") {
        if (op.properties?.output !== undefined) return outputOf(JSON.stringify(op.properties.output));
        if (locationUrl === undefined)
          throw new CheckFailedError(
            "Run Command on the VM: the operation succeeded but Azure returned no output and no Location to read it from.",
          );
        const result = await call("GET", locationUrl, undefined, "reading the result");
        if (result.status !== 200) throw refusal(result, "reading the result", names);
        return outputOf(result.body);
      }
      if (status === "failed" || status === "canceled") {
        throw new CheckFailedError(
          `Run Command on the VM ${status} (${safeText(`${op.error?.code ?? "error"}: ${op.error?.message ?? "no reason given"}`).slice(0, 500)}). Check that the VM is running and its VM agent is ready.`,
        );
      }
      wait = retryAfter(res, DEFAULT_POLL_SECONDS);
    } else if (locationUrl !== undefined) {
      const res = await call("GET", locationUrl, undefined, "polling the result");
      if (res.status === 200) return outputOf(res.body);
      if (res.status !== 202) throw refusal(res, "polling the result", names);
      wait = retryAfter(res, DEFAULT_POLL_SECONDS);
    }
  }
}

function parseJson(text: string, what: string): unknown {
  return parseJsonOr(text, () => new CheckFailedError(`Run Command on the VM: ${what} is not JSON (${safeText(text.slice(0, 200))}).`));
}

/** StdOut and StdErr of a RunCommandResult ({"value": [{"code": "ComponentStatus/StdOut/succeeded", "message": ...}]}). */
function outputOf(text: string): RunCommandOutput {
  const value = (parseJson(text, "the command's result") as { value?: { code?: string; message?: string }[] }).value ?? [];
  const pick = (stream: string): string => value.find((v) => (v.code ?? "").startsWith(`ComponentStatus/${stream}/`))?.message ?? "";
  return { stdout: pick("StdOut"), stderr: pick("StdErr") };
}
