/** `entra-gate preflight cloud`: the tenant checks through Microsoft Graph. */
import { readFileSync } from "node:fs";
import { Option, type Command } from "commander";
import { InputError } from "../../support/errors";
import { holdsPemCertificate } from "../../support/pem";
import {
  AUTH_METHODS,
  CLOUD_PREFLIGHT_PERMISSIONS,
  DEFAULT_GRAPH_URL,
  prepareGraphToken,
  runCloudPreflight,
  validateCloudPreflightOptions,
  type AuthMethod,
  type CloudPreflightOptions,
} from "../../preflight/cloud";
import { exitCodeForChecks } from "../../report/check-result";
import { renderChecksText } from "../../report/render";
import { checkOutputWritable, writeOutput } from "../../report/render/write-output";

interface CloudFlags {
  graphUrl: string;
  tokenEnv?: string;
  auth?: AuthMethod;
  tenantId?: string;
  clientId?: string;
  clientSecretEnv?: string;
  clientSecretFile?: string;
  caFile?: string;
  installer?: string;
  upnSuffixes?: string;
  objectCount?: string;
  format: "text" | "json";
  out?: string;
}

/** "120000" to 120000; InputError naming the flag otherwise. */
function parseObjectCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) {
    throw new InputError(
      `--object-count ${JSON.stringify(value)}: give the forest's object count (users + groups + contacts + computers) as a whole number.`,
    );
  }
  return Number(value.trim());
}

function readCa(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(
      `--ca-file ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give a PEM file of the CA to trust.`,
    );
  }
  if (!holdsPemCertificate(text))
    throw new InputError(`--ca-file ${file}: no PEM certificate in it. Give the CA to trust as a PEM file (-----BEGIN CERTIFICATE-----).`);
  return text;
}

export function register(preflight: Command): void {
  preflight
    .command("cloud")
    .description(`Check the tenant through Microsoft Graph (needs ${CLOUD_PREFLIGHT_PERMISSIONS.join(", ")})`)
    .option("--graph-url <url>", "Microsoft Graph root", DEFAULT_GRAPH_URL)
    .option("--token-env <var>", "environment variable holding a Graph access token (pipelines); never pass a token as an argument")
    .addOption(
      new Option("--auth <method>", "sign-in through @azure/identity when --token-env is not given (default azure-cli)").choices(
        AUTH_METHODS,
      ),
    )
    .option("--tenant-id <id>", "tenant id or domain (device-code, client-secret)")
    .option("--client-id <id>", "app (client) id (device-code, client-secret)")
    .option("--client-secret-env <var>", "environment variable holding the client secret")
    .option("--client-secret-file <file>", "file whose first line is the client secret")
    .option("--ca-file <file>", "extra PEM CA to trust for --graph-url")
    .option("--installer <upn>", "the account that will run the Connect wizard: its roles are checked")
    .option("--upn-suffixes <list>", "the forest's UPN suffixes, comma-separated: their coverage by verified domains is reported")
    .option("--object-count <n>", "the forest's object count: checked against the tenant object limit")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--out <file>", "write the report to a file instead of stdout")
    .action(async (flags: CloudFlags) => {
      // Every flag is read and checked before the sign-in, so bad input never follows a device-code prompt.
      const inputs: Omit<CloudPreflightOptions, "graphUrl" | "token"> = {
        ...(flags.caFile ? { ca: readCa(flags.caFile) } : {}),
        ...(flags.installer ? { installer: flags.installer } : {}),
        ...(flags.upnSuffixes
          ? {
              upnSuffixes: flags.upnSuffixes
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : {}),
        ...(flags.objectCount === undefined ? {} : { objectCount: parseObjectCount(flags.objectCount) }),
      };
      validateCloudPreflightOptions(inputs);
      checkOutputWritable(flags.out);
      const fetchToken = await prepareGraphToken(flags, flags.graphUrl);
      const result = await runCloudPreflight({ ...inputs, graphUrl: flags.graphUrl, token: await fetchToken() });
      writeOutput(flags.format === "json" ? JSON.stringify(result, null, 2) + "\n" : renderChecksText(result.checks), flags.out);
      process.exitCode = exitCodeForChecks(result.checks);
    });
}
