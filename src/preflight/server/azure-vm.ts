/** `preflight server --azure-vm`: the collector run through Run Command, and its output read as a facts document. */
import type { TokenCredential } from "@azure/identity";
import { RUN_COMMAND_OUTPUT_LIMIT_BYTES } from "../../requirements";
import { CheckFailedError, InputError } from "../../support/errors";
import { safeText } from "../../support/redact";
import { collectorScript } from "./collector";
import { CLI_INPUT_NAMES, runCommandOnVm, type RunCommandOptions, type RunCommandOutput } from "./run-command";
import { parseServerFacts, type ServerFacts } from "./server-facts";

/** Run Command's whole run (the sign-in, the request, the polling and the retries) unless the caller bounds it otherwise. */
export const DEFAULT_RUN_COMMAND_TIMEOUT_SECONDS = 600;
/** The longest whole run a caller may ask for. */
export const MAX_RUN_COMMAND_TIMEOUT_SECONDS = 3600;

/** The facts document in what Run Command returned; CheckFailedError naming why when it holds none. */
export function factsFromRunCommand(output: RunCommandOutput, resourceId: string, factsName = CLI_INPUT_NAMES.facts): ServerFacts {
  const stdout = output.stdout.trim();
  const stderr = output.stderr.trim() === "" ? "" : ` The script's error output: ${safeText(output.stderr.trim()).slice(0, 500)}`;
  if (stdout === "") {
    throw new CheckFailedError(
      `Run Command on ${resourceId}: the collector printed nothing.${stderr || " Run it on the server by hand to see why."}`,
    );
  }
  if (!stdout.startsWith("{") && Buffer.byteLength(output.stdout) >= RUN_COMMAND_OUTPUT_LIMIT_BYTES * 0.9) {
    throw new CheckFailedError(
      `Run Command on ${resourceId}: the output was cut (Run Command returns only the last ${RUN_COMMAND_OUTPUT_LIMIT_BYTES} bytes), so it holds no whole facts document. Run the collector on the server by hand and use ${factsName}.${stderr}`,
    );
  }
  // The JSON is the last line the script printed; anything before it (a warning) is not part of the document.
  const last = stdout.split(/\r?\n/).pop() ?? "";
  try {
    return parseServerFacts(last, `Run Command output of ${resourceId}`);
  } catch (e) {
    if (e instanceof InputError) throw new CheckFailedError(`${e.message}${stderr}`);
    throw e;
  }
}

/** What collectFromAzureVm takes: Run Command's options without the script; the credential defaults to DefaultAzureCredential. */
export type CollectOptions = Omit<RunCommandOptions, "script" | "credential"> & { readonly credential?: TokenCredential };

/** Runs the collector on the VM and returns its facts. */
export async function collectFromAzureVm(options: CollectOptions): Promise<ServerFacts> {
  const credential = options.credential ?? new (await import("@azure/identity")).DefaultAzureCredential();
  const output = await runCommandOnVm({ ...options, credential, script: collectorScript() });
  return factsFromRunCommand(output, options.resourceId, options.inputNames?.facts);
}
