/**
 * `entra-gate preflight network`: parses the flags, runs the network preflight and prints the report (text or
 * JSON). Exit 0 ready, 1 a check failed, 2 bad input or a DC name that does not resolve.
 */
import type { Command } from "commander";
import { exitCodeForChecks } from "../../report/check-result";
import { readExtraRootCas } from "../../preflight/network/extra-root-cas";
import {
  DEFAULT_PROBE_TIMEOUT_MS,
  MAX_PROBE_TIMEOUT_MS,
  MIN_PROBE_TIMEOUT_MS,
  parseTimeoutMs,
} from "../../preflight/network/probe-settings";
import { renderNetworkReportText, runNetworkPreflight, type NetworkPreflightOptions } from "../../preflight/network";
import { InputError } from "../../support/errors";
import { chosenFormat, collect } from "../flags";
import { writeOutput } from "../../report/render/write-output";

/** The flags as commander parses them. */
export interface NetworkFlags {
  readonly dc: string[];
  readonly domain?: string;
  readonly endpoint: string[];
  readonly defaultEndpoints: boolean;
  readonly extraRootCa: string[];
  readonly proxy?: string;
  readonly format: string;
  readonly timeoutMs: string;
}

export type OutputFormat = "text" | "json";

/** Turns the flags into preflight options and an output format; throws InputError naming the flag and the fix. */
export function networkOptionsFromFlags(flags: NetworkFlags): { options: NetworkPreflightOptions; format: OutputFormat } {
  if (flags.dc.length === 0) {
    throw new InputError("--dc is required: name at least one domain controller by FQDN or address (repeat --dc for each DC).");
  }
  const format = chosenFormat<OutputFormat>(flags.format, ["text", "json"]);
  const roots = readExtraRootCas(flags.extraRootCa);
  return {
    format,
    options: {
      dcs: flags.dc,
      ...(flags.domain !== undefined ? { domain: flags.domain } : {}),
      ...(flags.proxy !== undefined ? { proxy: flags.proxy } : {}),
      endpoints: flags.endpoint,
      includeCatalogueEndpoints: flags.defaultEndpoints,
      timeoutMs: parseTimeoutMs(flags.timeoutMs),
      extraTrustedRoots: roots.pems,
      extraKnownRootIssuers: roots.names,
    },
  };
}

/** Registers `entra-gate preflight network` on the `preflight` command. */
export function register(preflight: Command): void {
  preflight
    .command("network")
    .description("Probe the DC ports from this server, the outbound Entra ID endpoints, and detect TLS inspection")
    .option("--dc <host>", "a domain controller's FQDN or address (repeat for each DC; required)", collect, [])
    .option("--domain <name>", "the AD DNS domain for the DNS and Kerberos probes (default: the DC's FQDN without its first label)")
    .option(
      "--endpoint <url>",
      "an http(s) URL to probe besides, or instead of, the catalogue's endpoint it matches (repeatable)",
      collect,
      [],
    )
    .option("--no-default-endpoints", "probe only the --endpoint URLs, not the catalogue's Entra endpoints")
    .option(
      "--proxy <url>",
      "an explicit HTTP proxy without credentials (http://HOST:PORT) to reach the endpoints through, as the sync server does",
    )
    .option(
      "--extra-root-ca <file>",
      "a PEM root to trust and accept as an Entra root (only for a root Microsoft adopted after this release)",
      collect,
      [],
    )
    .option("--format <format>", "text or json", "text")
    .option(
      "--timeout-ms <ms>",
      `how long each probe waits (${MIN_PROBE_TIMEOUT_MS}-${MAX_PROBE_TIMEOUT_MS})`,
      String(DEFAULT_PROBE_TIMEOUT_MS),
    )
    .action(async (flags: NetworkFlags) => {
      const { options, format } = networkOptionsFromFlags(flags);
      const report = await runNetworkPreflight(options);
      writeOutput(format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderNetworkReportText(report));
      process.exitCode = exitCodeForChecks(report.checks);
    });
}
