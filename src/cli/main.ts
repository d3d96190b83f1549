/**
 * The entra-gate command line: a thin commander layer over command functions that return data. Each
 * command lives in ./commands/<name>.ts; this file registers them and maps typed errors to exit codes.
 * A command module is loaded only when it is the one being run (or for help), so `entra-gate check` does not
 * pay for the Pulumi SDK that `plan` needs.
 */
import { Command, CommanderError, type Option } from "commander";
import { GateError } from "../support/errors";
import { EXIT_COULD_NOT_CHECK } from "../support/exit-codes";
import { safeMultilineText } from "../support/redact";

interface CommandModule {
  register(program: Command): void;
}

/** Top-level commands and their modules, loaded on demand. */
const TOP_LEVEL: Readonly<Record<string, () => Promise<CommandModule>>> = {
  plan: () => import("./commands/plan"),
  check: () => import("./commands/check"),
  gate: () => import("./commands/gate"),
};

/** `preflight` subcommands and their modules, loaded on demand. */
const PREFLIGHT: Readonly<Record<string, () => Promise<CommandModule>>> = {
  ad: () => import("./commands/preflight-ad"),
  sql: () => import("./commands/preflight-sql"),
  network: () => import("./commands/preflight-network"),
  cloud: () => import("./commands/preflight-cloud"),
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

/** Runs the CLI and returns the exit code; never prints a stack trace for an expected failure. */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync([...argv]);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
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

/** Entry point of bin/entra-gate.js. */
export function main(argv: readonly string[]): void {
  void run(argv).then((code) => {
    process.exitCode = code;
  });
}
