/**
 * The entra-gate command line: a thin commander layer over command functions that return data. Each
 * command lives in ./commands/<name>.ts; this file registers them and maps typed errors to exit codes.
 */
import { Command, CommanderError } from "commander";
import { GateError } from "./errors";
import { EXIT_COULD_NOT_CHECK } from "../report/check-result";
import * as plan from "./commands/plan";
import * as check from "./commands/check";
import * as preflightAd from "./commands/preflight-ad";
import * as preflightSql from "./commands/preflight-sql";
import * as preflightNetwork from "./commands/preflight-network";
import * as preflightCloud from "./commands/preflight-cloud";
import * as gate from "./commands/gate";

/** Builds the program; exported so tests can parse argv without spawning a process. */
export function buildProgram(): Command {
  const program = new Command("entra-gate")
    .description("Plan, policy-check and preflight a Microsoft Entra Connect Sync server")
    .showHelpAfterError()
    .exitOverride();
  const preflight = program.command("preflight").description("Check the real environment: AD forest, SQL Server, network path, tenant");
  preflight.exitOverride();
  for (const m of [plan, check, gate]) m.register(program);
  for (const m of [preflightAd, preflightSql, preflightNetwork, preflightCloud]) m.register(preflight);
  return program;
}

/** Runs the CLI and sets process.exitCode; never prints a stack trace for an expected failure. */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed the help or the error already.
      return e.exitCode === 0 ? 0 : EXIT_COULD_NOT_CHECK;
    }
    if (e instanceof GateError) {
      process.stderr.write(`entra-gate: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`entra-gate: unexpected error: ${(e as Error)?.message ?? String(e)}\n`);
    return EXIT_COULD_NOT_CHECK;
  }
}

/** Entry point of bin/entra-gate.js. */
export function main(argv: readonly string[]): void {
  void run(argv).then((code) => {
    process.exitCode = code;
  });
}
