/**
 * `entra-gate preflight ad`: parses the flags, reads the password from a safe source, runs the AD preflight
 * (progress on stderr only on a terminal), prints the report (text, JSON or CSV), and optionally writes the
 * fixes as LDIF and the object count into a stack file. Exit 0 ready, 1 a check failed, 2 bad input or a fault.
 */
import type { Command } from "commander";
import type { Document } from "yaml";
import { exitCodeForChecks } from "../../report/check-result";
import { GLOBAL_CATALOG_PORT, GLOBAL_CATALOG_TLS_PORT, LDAPS_PORT, LDAP_PAGE_SIZE, LDAP_PORT } from "../../requirements";
import { renderFindingsCsv } from "../../preflight/ad/render-csv";
import { renderFixesLdif } from "../../preflight/ad/fixes-ldif";
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_OPERATION_TIMEOUT_MS } from "../../preflight/ad/ldap-session";
import { DEFAULT_FINDINGS_LIMIT, renderAdReportText } from "../../preflight/ad/render-text";
import { runAdPreflight, type AdPreflightOptions } from "../../preflight/ad/run";
import { InputError } from "../../support/errors";
import { chosenFormat, collect } from "../flags";
import { readSecret } from "../../support/secrets";
import { checkOutputWritable, writeOutput } from "../../report/render/write-output";

/** The flags as commander parses them. */
export interface AdFlags {
  readonly url?: string;
  readonly bindDn?: string;
  readonly passwordEnv?: string;
  readonly passwordFile?: string;
  readonly caFile?: string;
  readonly baseDn?: string;
  readonly verifiedDomain: string[];
  readonly format: string;
  readonly outLdif?: string;
  readonly writeConfig?: string;
  readonly allowInsecureBind: boolean;
  readonly connectTimeoutMs: string;
  readonly timeoutMs: string;
  readonly pageSize: string;
  readonly limit: string;
}

export type AdOutputFormat = "text" | "json" | "csv";

/** Everything the command needs besides the password. */
export interface AdCommandPlan {
  readonly options: Omit<AdPreflightOptions, "password" | "onProgress">;
  readonly format: AdOutputFormat;
  /** Findings shown per group of attribute and kinds in the text report. */
  readonly limit: number;
  readonly outLdif?: string;
  readonly writeConfig?: string;
}

const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}$/;

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new InputError(`${flag} ${text}: give a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** Turns the flags into preflight options; throws InputError naming the flag and the fix. */
export function adPlanFromFlags(flags: AdFlags): AdCommandPlan {
  if (!flags.url)
    throw new InputError(
      `--url is required: name a DC or Global Catalog, e.g. --url ldaps://dc01.corp.example.com (port ${GLOBAL_CATALOG_TLS_PORT}).`,
    );
  if (!flags.bindDn) throw new InputError("--bind-dn is required: the account to bind as, e.g. --bind-dn svc-preflight@corp.example.com.");
  const format = chosenFormat<AdOutputFormat>(flags.format, ["text", "json", "csv"]);
  const bad = flags.verifiedDomain.find((d) => !DOMAIN.test(d.trim()));
  if (bad !== undefined)
    throw new InputError(
      `--verified-domain ${bad}: not a DNS domain name. Give each verified tenant domain, e.g. --verified-domain contoso.com.`,
    );
  return {
    format,
    limit: wholeNumber("--limit", flags.limit, 0, 1_000_000),
    ...(flags.outLdif ? { outLdif: flags.outLdif } : {}),
    ...(flags.writeConfig ? { writeConfig: flags.writeConfig } : {}),
    options: {
      url: flags.url,
      bindDn: flags.bindDn,
      ...(flags.caFile ? { caFile: flags.caFile } : {}),
      ...(flags.baseDn !== undefined ? { baseDn: flags.baseDn } : {}),
      verifiedDomains: flags.verifiedDomain.map((d) => d.trim().toLowerCase()),
      allowInsecureBind: flags.allowInsecureBind,
      connectTimeoutMs: wholeNumber("--connect-timeout-ms", flags.connectTimeoutMs, 100, 600_000),
      timeoutMs: wholeNumber("--timeout-ms", flags.timeoutMs, 100, 3_600_000),
      pageSize: wholeNumber("--page-size", flags.pageSize, 1, 10_000),
    },
  };
}

/**
 * A progress line on stderr with objects per second, only when stderr is a terminal (cli-progress is loaded only
 * then: every module loaded is start-up time of each run, issue 11).
 */
async function progressReporter(url: string): Promise<{ onProgress?: (objects: number) => void; stop: () => void }> {
  if (!process.stderr.isTTY) return { stop: () => undefined };
  const { Presets, SingleBar } = await import("cli-progress");
  const bar = new SingleBar(
    { stream: process.stderr, format: `Scanning ${url} | {value} objects | {speed} objects/s`, hideCursor: true, clearOnComplete: true },
    Presets.legacy,
  );
  const started = Date.now();
  bar.start(0, 0, { speed: 0 });
  return {
    onProgress: (objects) => bar.update(objects, { speed: Math.round(objects / Math.max((Date.now() - started) / 1000, 0.001)) }),
    stop: () => bar.stop(),
  };
}

/** Registers `entra-gate preflight ad` on the `preflight` command. */
export function register(preflight: Command): void {
  preflight
    .command("ad")
    .description("Check the AD forest over LDAP: functional level, writable DC, NetBIOS names, Recycle Bin, object count, directory data")
    .option(
      "--url <url>",
      `ldaps://host[:port] or ldap://host[:port] (StartTLS); default port: the Global Catalog (${GLOBAL_CATALOG_TLS_PORT} / ${GLOBAL_CATALOG_PORT})`,
    )
    .option("--bind-dn <dn>", "the account to bind as (DN or user@domain)")
    .option("--password-env <var>", "read the password from this environment variable")
    .option("--password-file <file>", "read the password from the first line of this file")
    .option("--ca-file <file>", "PEM of the CA that issued the DC's certificate")
    .option("--base-dn <dn>", `search base (default: the whole forest "" on the GC, the DC's domain on ${LDAP_PORT}/${LDAPS_PORT})`)
    .option("--verified-domain <domain>", "a verified domain of the tenant (repeatable): enables unverifieddomain", collect, [])
    .option("--format <format>", "text, json or csv (the findings)", "text")
    .option("--out-ldif <file>", "write the proposed fixes as LDIF for review (never applied by the tool)")
    .option("--write-config <file>", "set entra-connect-gate:objectCount and :database in this Pulumi stack file")
    .option(
      "--allow-insecure-bind",
      "allow a simple bind over plain LDAP without StartTLS (the password crosses the network in clear)",
      false,
    )
    .option("--connect-timeout-ms <ms>", "connect timeout", String(DEFAULT_CONNECT_TIMEOUT_MS))
    .option("--timeout-ms <ms>", "timeout of each LDAP operation (one page)", String(DEFAULT_OPERATION_TIMEOUT_MS))
    .option("--page-size <n>", "entries per page of the paged search", String(LDAP_PAGE_SIZE))
    .option(
      "--limit <n>",
      "text report: findings shown per group of attribute and kinds (json and csv list them all)",
      String(DEFAULT_FINDINGS_LIMIT),
    )
    .action(async (flags: AdFlags) => {
      const plan = adPlanFromFlags(flags);
      checkOutputWritable(plan.outLdif, "--out-ldif");
      checkOutputWritable(plan.writeConfig, "--write-config");
      // The stack writer (and its YAML parser) is loaded only for --write-config.
      const stackWriter = plan.writeConfig ? await import("../../preflight/ad/stack-config-writer") : undefined;
      const stackDoc: Document | undefined = plan.writeConfig ? stackWriter?.loadStackDocument(plan.writeConfig) : undefined;
      const password = await readSecret(flags, "bind password");
      const progress = await progressReporter(plan.options.url);
      let report;
      try {
        report = await runAdPreflight({ ...plan.options, password, ...(progress.onProgress ? { onProgress: progress.onProgress } : {}) });
      } finally {
        progress.stop();
      }
      if (plan.outLdif) writeOutput(renderFixesLdif(report.findings), plan.outLdif, "--out-ldif");
      if (plan.writeConfig && stackDoc) stackWriter?.writeStackSizing(plan.writeConfig, stackDoc, report.counts, report.sizing);
      const text =
        plan.format === "json"
          ? `${JSON.stringify(report, null, 2)}\n`
          : plan.format === "csv"
            ? renderFindingsCsv(report.findings)
            : renderAdReportText(report, { limit: plan.limit });
      writeOutput(text);
      process.exitCode = exitCodeForChecks(report.checks);
    });
}
