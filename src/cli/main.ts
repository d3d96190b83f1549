/**
 * The entra-gate command line: a thin commander layer over command functions that return data. Each
 * command lives in ./commands/<name>.ts; this file registers them and maps typed errors to exit codes.
 * A command module is loaded only when it is the one being run (or for help), so `entra-gate check` does not
 * pay for the Pulumi SDK that `plan` needs.
 */
import { Command, CommanderError, type Option } from "commander";
import { deferUnusedPulumiModules } from "../plan/defer-unused-pulumi-modules";
import { GateError } from "../support/errors";
import { EXIT_COULD_NOT_CHECK } from "../support/exit-codes";
import { safeMultilineText } from "../support/redact";

interface CommandModule {
  register(program: Command): void;
}

/** A loader for a command that runs the stack program: defers the Pulumi SDK modules a plan never uses first. */
function runsStackProgram(load: () => Promise<CommandModule>): () => Promise<CommandModule> {
  return () => {
    deferUnusedPulumiModules();
    return load();
  };
}

/** Top-level commands and their modules, loaded on demand. */
const TOP_LEVEL: Readonly<Record<string, () => Promise<CommandModule>>> = {
  plan: runsStackProgram(() => import("./commands/plan")),
  check: () => import("./commands/check"),
  gate: runsStackProgram(() => import("./commands/gate")),
  "server-script": () => import("./commands/server-script"),
};

/** `preflight` subcommands and their modules, loaded on demand. */
const PREFLIGHT: Readonly<Record<string, () => Promise<CommandModule>>> = {
  ad: () => import("./commands/preflight-ad"),
  sql: () => import("./commands/preflight-sql"),
  network: () => import("./commands/preflight-network"),
  cloud: () => import("./commands/preflight-cloud"),
  server: () => import("./commands/preflight-server"),
};

/** The loaders `argv` needs: just the named command when there is one, every command otherwise (help, typos). */
function loadersFor(argv: readonly string[]): { top: (() => Promise<CommandModule>)[]; preflight: (() => Promise<CommandModule>)[] } {
  const [name, sub] = argv.slice(2).filter((a) => !a.startsWith("-"));
  const top = name === undefined ? undefined : TOP_LEVEL[name];
  if (top) return { top: [top], preflight: [] };
  const preflight = name === "preflight" && sub !== undefined ? PREFLIGHT[sub] : undefined;
  if (preflight) return { top: [], preflight: [preflight] };
  return { top: Object.values(TOP_LEVEL), preflight: Object.values(PREFLIGHT) };
}

/** This package's version, for --version. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json sits outside rootDir's src tree
const VERSION = (require("../../package.json") as { version: string }).version;

/**
 * An option's help line as git's or az's read: choices listed, a default shown as typed ("10000", not "\"10000\""),
 * and no default for a repeatable flag's empty list or an off switch.
 */
function optionDescription(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(`choices: ${option.argChoices.join(", ")}`);
  const value: unknown = option.defaultValue;
  const shown = !(Array.isArray(value) && value.length === 0) && value !== false && value !== undefined;
  if (shown && (option.required || option.optional))
    extra.push(`default: ${option.defaultValueDescription ?? (typeof value === "string" ? value : JSON.stringify(value))}`);
  return extra.length > 0 ? `${option.description} (${extra.join("; ")})` : option.description;
}

/** Builds the program with the commands `argv` needs (all of them when argv is omitted). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command("entra-gate")
    .description("Plan, policy-check and preflight a Microsoft Entra Connect Sync server")
    .version(VERSION, "-V, --version", "print the version of entra-gate")
    .configureHelp({ optionDescription })
    .showHelpAfterError()
    // commander echoes what was typed ("unknown option '--password=...'"): never a secret, never a control character.
    .configureOutput({ outputError: (text, write) => write(safeMultilineText(text)) })
    .exitOverride();
  const preflight = program.command("preflight").description("Check the real environment: AD forest, SQL Server, network path, tenant");
  preflight.exitOverride();
  const loaders = loadersFor(argv);
  for (const load of loaders.top) (await load()).register(program);
  for (const load of loaders.preflight) (await load()).register(preflight);
  return program;
}

/**
 * Runs the CLI and returns the exit code; never prints a stack trace for an expected failure. Exit 0 is earned:
 * the code is EXIT_COULD_NOT_CHECK (2) until a command has written its report and set process.exitCode itself.
 */
export async function run(argv: readonly string[]): Promise<number> {
  process.exitCode = EXIT_COULD_NOT_CHECK;
  try {
    await (await buildProgram(argv)).parseAsync([...argv]);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT_COULD_NOT_CHECK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed the help or the error already.
      return e.exitCode === 0 ? 0 : EXIT_COULD_NOT_CHECK;
    }
    if (e instanceof GateError) {
      process.stderr.write(`entra-gate: ${safeMultilineText(e.message)}\n`);
      return e.exitCode;
    }
    process.stderr.write(`entra-gate: unexpected error: ${safeMultilineText(e instanceof Error ? e.message : String(e))}\n`);
    return EXIT_COULD_NOT_CHECK;
  }
}

/** How long a finished command may take to let go of its sockets and timers before the process exits anyway. */
const EXIT_GRACE_MS = 2_000;

/** Printed when Node's event loop empties while a command still waits for an answer that can no longer come. */
const STOPPED_WITHOUT_RESULT =
  "entra-gate: stopped without a result: a connection ended while the command still waited for its answer, and nothing was left to wait for. No report was written (exit 2). Check the server's health and rerun; if it recurs, report it with the command line (without secrets).\n";

/**
 * Entry point of bin/entra-gate.js. The exit code is 2 from the start, so a process that ends before a command
 * settles (its event loop emptied under a driver that never settled) does not exit 0; once the command has
 * settled, a socket or timer a driver leaked cannot keep the process alive past EXIT_GRACE_MS.
 */
export function main(argv: readonly string[]): void {
  process.exitCode = EXIT_COULD_NOT_CHECK;
  const stoppedWithoutResult = (): void => {
    process.stderr.write(STOPPED_WITHOUT_RESULT);
    process.exitCode = EXIT_COULD_NOT_CHECK;
    process.removeListener("beforeExit", stoppedWithoutResult);
  };
  process.on("beforeExit", stoppedWithoutResult);
  void run(argv).then((code) => {
    process.removeListener("beforeExit", stoppedWithoutResult);
    process.exitCode = code;
    setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
  });
}
