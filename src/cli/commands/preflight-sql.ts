/**
 * `entra-gate preflight sql`: parses the flags, reads the password from --password-env / --password-file (or a
 * prompt), runs the SQL preflight and prints the report (text or JSON). Exit 0 ready, 1 a check failed,
 * 2 bad input or a server that could not be checked.
 */
import type { Command } from "commander";
import { exitCodeForChecks } from "../../report/check-result";
import {
  DEFAULT_SQL_TIMEOUT_SECONDS,
  SQL_ENCRYPTION_MODES,
  parseServerAddress,
  renderSqlReportJson,
  renderSqlReportText,
  runSqlPreflight,
  validateSqlPreflightOptions,
  type SqlPreflightOptions,
} from "../../preflight/sql";
import { InputError } from "../../support/errors";
import { readCaPemFile } from "../../support/pem";
import { chosenFormat } from "../flags";
import { readSecret } from "../../support/secrets";
import { writeOutput } from "../../report/render/write-output";

/** The flags as commander parses them. */
export interface SqlFlags {
  readonly server?: string;
  readonly instance?: string;
  readonly user?: string;
  readonly installerLogin?: string;
  readonly serviceLogin?: string;
  readonly passwordEnv?: string;
  readonly passwordFile?: string;
  readonly trustServerCertificate?: boolean;
  readonly caFile?: string;
  readonly encryption: string;
  readonly coLocated?: boolean;
  readonly serverMemoryGb?: string;
  readonly timeoutSeconds: string;
  readonly format: string;
}

export type OutputFormat = "text" | "json";

function positiveNumber(flag: string, value: string, what: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) throw new InputError(`${flag} ${value}: give ${what}, a number above 0.`);
  return n;
}

/**
 * Turns the flags (without the password) into preflight options and an output format; throws InputError
 * naming the flag and the fix.
 */
export function sqlOptionsFromFlags(flags: SqlFlags): { options: Omit<SqlPreflightOptions, "password">; format: OutputFormat } {
  if (flags.server === undefined) throw new InputError("--server is required: give the SQL Server as HOST or HOST,PORT.");
  if (flags.user === undefined) throw new InputError("--user is required: give the SQL login the preflight connects with.");
  const format = chosenFormat<OutputFormat>(flags.format, ["text", "json"]);
  const encryption = SQL_ENCRYPTION_MODES.find((m) => m === flags.encryption);
  if (encryption === undefined) {
    throw new InputError(`--encryption ${flags.encryption}: choose ${SQL_ENCRYPTION_MODES.join(", ")}.`);
  }
  const address = parseServerAddress(flags.server);
  const options: Omit<SqlPreflightOptions, "password"> = {
    host: address.host,
    port: address.port,
    instance: flags.instance,
    user: flags.user,
    installerLogin: flags.installerLogin,
    serviceLogin: flags.serviceLogin,
    encryption,
    trustServerCertificate: flags.trustServerCertificate ?? false,
    trustedCaPem: flags.caFile === undefined ? undefined : readCaPemFile(flags.caFile, "--ca-file", "the server's certificate"),
    coLocated: flags.coLocated ?? false,
    serverMemoryGb:
      flags.serverMemoryGb === undefined
        ? undefined
        : positiveNumber("--server-memory-gb", flags.serverMemoryGb, "the shared server's RAM in GB"),
    timeoutSeconds: positiveNumber("--timeout-seconds", flags.timeoutSeconds, "a number of seconds"),
  };
  validateSqlPreflightOptions({ ...options, password: "" });
  return { options, format };
}

/** Registers `entra-gate preflight sql` on the `preflight` command. */
export function register(preflight: Command): void {
  preflight
    .command("sql")
    .description(
      "Check the SQL Server for the sync database: version, engine, collation, transport, dedication, memory cap, permissions, the installer's and the service account's logins",
    )
    .option("--server <host[,port]>", "the SQL Server host, optionally with its TCP port after a comma (required)")
    .option("--instance <name>", "a named instance, found through the SQL Browser service (not with a port)")
    .option("--user <login>", "the SQL login the preflight connects with (required)")
    .option(
      "--installer-login <DOMAIN\\user>",
      "the Windows account that runs the Entra Connect installer: checked for sysadmin, or dbo of a pre-created ADSync",
    )
    .option("--service-login <DOMAIN\\svc>", "the ADSync service account or gMSA (DOMAIN\\gmsa$): checked for dbo of a pre-created ADSync")
    .option("--password-env <var>", "read the password from this environment variable")
    .option("--password-file <file>", "read the password from the first line of this file")
    .option("--trust-server-certificate", "accept a server certificate that does not chain to a trusted root (lab servers)")
    .option("--ca-file <file>", "a PEM file with the CA that issued the server's certificate (a private CA)")
    .option("--encryption <mode>", `strict (TDS 8.0), mandatory (TLS after PRELOGIN) or off`, "mandatory")
    .option("--co-located", "SQL Server runs on the sync server itself: check that max server memory leaves room")
    .option("--server-memory-gb <gb>", "RAM of the shared server in GB (default: what SQL Server reports; only with --co-located)")
    .option("--timeout-seconds <s>", "bound on connecting and on each query", String(DEFAULT_SQL_TIMEOUT_SECONDS))
    .option("--format <format>", "text or json", "text")
    .action(async (flags: SqlFlags) => {
      const { options, format } = sqlOptionsFromFlags(flags);
      const password = await readSecret({ passwordEnv: flags.passwordEnv, passwordFile: flags.passwordFile }, "SQL password");
      const report = await runSqlPreflight({ ...options, password });
      writeOutput(format === "json" ? renderSqlReportJson(report) : renderSqlReportText(report));
      process.exitCode = exitCodeForChecks(report.checks);
    });
}
