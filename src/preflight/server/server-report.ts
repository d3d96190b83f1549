/** The server preflight's report and its renderers: text for a terminal, JSON and SARIF for pipelines. */
import { REQUIREMENTS, type Requirement } from "../../requirements";
import { EXIT_COULD_NOT_CHECK, EXIT_NOT_READY, EXIT_READY } from "../../support/exit-codes";
import { serverChecks, type ServerCheckContext, type ServerCheckResult, type ServerCheckStatus } from "./server-checks";
import type { ServerFacts } from "./server-facts";

export type ServerVerdict = "ready" | "not-ready" | "could-not-check";

export interface ServerPreflightReport {
  /** Where the facts came from: the facts file or the VM's resource id. */
  readonly source: string;
  readonly computer: string;
  readonly collectedAt: string;
  readonly checks: readonly ServerCheckResult[];
  readonly summary: Readonly<Record<ServerCheckStatus, number>>;
  /** not-ready (1) on any fail; could-not-check (2) when a check's facts were not read; ready (0) otherwise. */
  readonly verdict: ServerVerdict;
  readonly exitCode: number;
}

/** Judges the facts: the report with every check, its verdict and exit code. */
export function serverPreflightReport(facts: ServerFacts, context: ServerCheckContext, source: string): ServerPreflightReport {
  const checks = serverChecks(facts, context);
  const summary: Record<ServerCheckStatus, number> = { pass: 0, warn: 0, fail: 0, "not-checked": 0 };
  for (const c of checks) summary[c.status]++;
  const verdict: ServerVerdict = summary.fail > 0 ? "not-ready" : summary["not-checked"] > 0 ? "could-not-check" : "ready";
  const exitCode = verdict === "not-ready" ? EXIT_NOT_READY : verdict === "could-not-check" ? EXIT_COULD_NOT_CHECK : EXIT_READY;
  return { source, computer: facts.computer, collectedAt: facts.collectedAt, checks, summary, verdict, exitCode };
}

const MARK: Record<ServerCheckStatus, string> = { pass: "PASS", warn: "WARN", fail: "FAIL", "not-checked": "----" };

/** The report for a terminal; ends with a newline. */
export function renderServerReportText(report: ServerPreflightReport): string {
  const s = report.summary;
  return [
    `Server ${report.computer} (facts collected ${report.collectedAt}, from ${report.source})`,
    ...report.checks.map((c) => `  [${MARK[c.status]}] ${c.id}: ${c.message}`),
    `${report.verdict.toUpperCase()} (exit ${report.exitCode}): ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s["not-checked"]} not checked`,
    "",
  ].join("\n");
}

/** The report as JSON; ends with a newline. */
export function renderServerReportJson(report: ServerPreflightReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const byId = new Map<string, Requirement>(Object.values(REQUIREMENTS).map((r) => [r.id, r]));

/** SARIF 2.1.0: one rule per requirement, one result per check that is not a pass, located at the facts source. */
export function renderServerReportSarif(report: ServerPreflightReport): string {
  const results = report.checks.filter((c) => c.status !== "pass");
  const ruleIds = [...new Set(results.map((c) => c.requirement))];
  const uri = report.source.replace(/\\/g, "/").replace(/^\.\//, "");
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "entra-gate",
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: byId.get(id)?.title ?? id },
              properties: { category: byId.get(id)?.category ?? "none" },
            })),
          },
        },
        invocations: [{ executionSuccessful: report.verdict !== "could-not-check" }],
        properties: { verdict: report.verdict, exitCode: report.exitCode, computer: report.computer, collectedAt: report.collectedAt },
        results: results.map((c) => ({
          ruleId: c.requirement,
          level: c.status === "fail" ? "error" : c.status === "warn" ? "warning" : "note",
          message: { text: c.message },
          locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } } }],
          partialFingerprints: { checkId: `server/${c.id}` },
          properties: { checkId: c.id, status: c.status, category: c.category },
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
