/** The text rendering of a network preflight report: a table of DC ports, one of endpoints, then the checks. */
import type { NetworkPreflightReport } from "./network-report";
import { portLabel } from "./network-checks";

/** Left-aligned columns separated by two spaces; the last column is not padded. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")}`);
}

/** Renders the report for a terminal; ends with a newline. */
export function renderNetworkReportText(report: NetworkPreflightReport): string {
  const lines: string[] = [];
  if (report.ports.length > 0) {
    lines.push("DC ports:");
    lines.push(...table(report.ports.map((p) => [portLabel(p), p.verdict, p.detail])));
  }
  if (report.endpoints.length > 0) {
    lines.push("Endpoints:");
    lines.push(
      ...table(
        report.endpoints.map((e) => [
          e.url,
          e.verdict,
          `tls-inspection: ${e.tlsInspection}`,
          `${e.detail}${e.chain.length > 0 ? `; chain: ${e.chain.join(" <- ")}` : ""}`,
        ]),
      ),
    );
  }
  lines.push("Checks:");
  for (const c of report.checks) lines.push(`  [${c.status.toUpperCase()}] ${c.id}: ${c.message}`);
  return `${lines.join("\n")}\n`;
}
