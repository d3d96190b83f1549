/** Renderers of a SQL preflight report: text for a terminal, JSON for pipelines. */
import type { SqlPreflightReport } from "./run-sql-preflight";

/** Renders the report for a terminal; ends with a newline. */
export function renderSqlReportText(report: SqlPreflightReport): string {
  const s = report.server;
  const lines = [
    `SQL Server ${s.target}: ${s.edition}, version ${s.productVersion}, collation ${s.collation}`,
    "Checks:",
    ...report.checks.map((c) => `  [${c.status.toUpperCase()}] ${c.id}: ${c.message}`),
    `Summary: ${report.summary.pass} pass, ${report.summary.warn} warn, ${report.summary.fail} fail: ${report.summary.ready ? "ready" : "not ready"}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** The report as JSON: {"checks":[...],"server":{...},"summary":{...}}; ends with a newline. */
export function renderSqlReportJson(report: SqlPreflightReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
