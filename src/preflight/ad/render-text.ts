/** The text report of `preflight ad`: checks, counts and sizing, the findings table, the summary. */
import type { AdPreflightReport, DirectoryFinding } from "./report";
import { truncate } from "./text";
import { markControlCharacters as printable } from "../../support/redact";

const MARK = { pass: "PASS", warn: "WARN", fail: "FAIL" } as const;
/** Values longer than this are cut in the table (the JSON and CSV carry them whole). */
const TABLE_VALUE_WIDTH = 60;

function cell(value: string): string {
  const shown = printable(value);
  return shown.length > TABLE_VALUE_WIDTH ? `${truncate(shown, TABLE_VALUE_WIDTH - 1)}…` : shown;
}

function findingLines(f: DirectoryFinding): string[] {
  const lines = [`  ${printable(f.dn)}`, `    ${f.attribute} = ${JSON.stringify(cell(f.value))}: ${f.errors.join(", ")}`];
  if (f.suggestion !== null) lines.push(`    proposed: ${JSON.stringify(cell(f.suggestion))}`);
  if (f.related.length > 0) lines.push(`    also held by: ${f.related.map(printable).join("; ")}`);
  return lines;
}

/** Renders the report for a terminal. */
export function renderAdReportText(report: AdPreflightReport): string {
  const s = report.summary;
  const c = report.counts;
  const lines = [`AD preflight of ${s.url} (base "${s.baseDn}"${s.globalCatalog ? ", Global Catalog" : ""})`, ""];
  for (const check of report.checks) lines.push(`${MARK[check.status]}  ${check.id}: ${check.message}`);
  lines.push(
    "",
    `Objects: ${c.users} users, ${c.groups} groups, ${c.contacts} contacts, ${c.computers} computers (total ${c.total})`,
    `Sizing: ${report.sizing.tier}, ${report.sizing.ramGb} GB RAM, ${report.sizing.diskGb} GB disk, database ${report.sizing.database}`,
  );
  if (report.findings.length > 0) {
    lines.push("", `Findings (${report.findings.length}):`);
    for (const f of report.findings) lines.push(...findingLines(f));
  }
  const perKind = Object.entries(s.findingsByKind).map(([k, v]) => `${k} ${v}`);
  const perAttribute = Object.entries(s.findingsByAttribute).map(([k, v]) => `${k} ${v}`);
  lines.push(
    "",
    `Summary: ${s.objectsScanned} users, contacts and groups read, ${s.skipped} skipped, ${s.objectsWithFindings} with findings, ${s.findings} findings`,
  );
  if (perKind.length) lines.push(`  per kind: ${perKind.join(", ")}`, `  per attribute: ${perAttribute.join(", ")}`);
  if (s.uncheckedAttributes.length) lines.push(`  not checked: ${s.uncheckedAttributes.join(", ")}`);
  lines.push(`Result: ${s.ready ? "ready" : "NOT ready"} (${s.checks.pass} pass, ${s.checks.warn} warn, ${s.checks.fail} fail)`);
  return `${lines.join("\n")}\n`;
}
