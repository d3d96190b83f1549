/**
 * `entra-gate preflight server --facts FILE`: judges the facts the collector of `entra-gate server-script` read on
 * the sync server. Exit 0 ready, 1 a check failed, 2 bad input or a check whose facts were not read.
 */
import type { Command } from "commander";
import { objectCountProblem } from "../../requirements";
import {
  parseServerFacts,
  renderServerReportJson,
  renderServerReportSarif,
  renderServerReportText,
  serverPreflightReport,
  type ServerPreflightReport,
} from "../../preflight/server";
import { readFactsFile } from "../../preflight/server/facts-file";
import { collectFromAzureVm, DEFAULT_RUN_COMMAND_TIMEOUT_SECONDS, MAX_RUN_COMMAND_TIMEOUT_SECONDS } from "../../preflight/server/azure-vm";
import { validateVmResourceId } from "../../preflight/server/run-command";
import { checkOutputWritable, writeOutput } from "../../report/render/write-output";
import { InputError } from "../../support/errors";
import { chosenFormat, collect } from "../flags";

export interface ServerFlags {
  readonly facts?: string;
  readonly azureVm?: string;
  readonly timeoutSeconds: string;
  readonly tier0Group: string[];
  readonly objectCount?: string;
  readonly format: string;
  readonly out?: string;
}

export type ServerOutputFormat = "text" | "json" | "sarif";
export const SERVER_OUTPUT_FORMATS: readonly [ServerOutputFormat, ...ServerOutputFormat[]] = ["text", "json", "sarif"];

/** The --object-count value; InputError when it is not a whole number of objects. */
function objectCountFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const problem = value.trim() === "" ? "is empty" : objectCountProblem(n);
  if (problem !== undefined)
    throw new InputError(`--object-count ${value}: ${problem}. Give the forest's users + groups + contacts + computers.`);
  return n;
}

/** The rendered report in `format`. */
export function renderServerReport(report: ServerPreflightReport, format: ServerOutputFormat): string {
  if (format === "json") return renderServerReportJson(report);
  if (format === "sarif") return renderServerReportSarif(report);
  return renderServerReportText(report);
}

/** Registers `entra-gate preflight server` on the `preflight` command. */
export function register(preflight: Command): void {
  preflight
    .command("server")
    .description("Judge the sync server's own facts (OS, .NET, TLS 1.2, NTLM, LAPS, admins, version, LocalDB, ...) read by the collector")
    .option("--facts <file>", "the JSON document the collector of `entra-gate server-script` printed on the server")
    .option(
      "--azure-vm <resource-id>",
      "run the collector on this Azure VM through Run Command instead (credentials: DefaultAzureCredential)",
    )
    .option(
      "--timeout-seconds <s>",
      "with --azure-vm: bound on the whole Run Command (sign-in, request, polling, retries)",
      String(DEFAULT_RUN_COMMAND_TIMEOUT_SECONDS),
    )
    .option(
      "--tier0-group <group>",
      "a Tier-0 group (DOMAIN\\name or SID) allowed in Administrators and Remote Desktop (repeatable)",
      collect,
      [],
    )
    .option("--object-count <n>", "the forest's object count (users + groups + contacts + computers), for the LocalDB advice")
    .option("--format <format>", "text, json or sarif", "text")
    .option("--out <file>", "write the report to this file instead of stdout")
    .action(async (flags: ServerFlags) => {
      const format = chosenFormat(flags.format, SERVER_OUTPUT_FORMATS);
      if ((flags.facts === undefined) === (flags.azureVm === undefined)) {
        throw new InputError(
          "Give exactly one of --facts FILE (the output of the collector that `entra-gate server-script` writes, run on the server) or --azure-vm RESOURCE_ID (run it through Azure Run Command).",
        );
      }
      const objectCount = objectCountFlag(flags.objectCount);
      const timeoutSeconds = Number(flags.timeoutSeconds);
      if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > MAX_RUN_COMMAND_TIMEOUT_SECONDS) {
        throw new InputError(
          `--timeout-seconds ${flags.timeoutSeconds}: give a number of seconds above 0 and at most ${MAX_RUN_COMMAND_TIMEOUT_SECONDS}.`,
        );
      }
      if (flags.azureVm !== undefined) validateVmResourceId(flags.azureVm, "--azure-vm");
      checkOutputWritable(flags.out);
      const source = flags.facts ?? flags.azureVm ?? "";
      const facts =
        flags.facts !== undefined
          ? parseServerFacts(readFactsFile(flags.facts, "--facts"), flags.facts)
          : await collectFromAzureVm({ resourceId: source, timeoutSeconds });
      const report = serverPreflightReport(facts, { tier0Groups: flags.tier0Group, objectCount }, source);
      writeOutput(renderServerReport(report, format), flags.out);
      process.exitCode = report.exitCode;
    });
}
