/**
 * The text report of `preflight ad`: checks, counts (all, and what would sync) and sizing, the findings grouped
 * by attribute and kinds with counts (the first `limit` of each group; the JSON and CSV carry them all), the summary.
 */
import { CHECKED_ATTRIBUTES, DIRECTORY_ERROR_KINDS } from "../../requirements";
import { outOfScopeList } from "./object-count";
import type { AdPreflightReport, DirectoryFinding, KindCounts } from "./report";
import { truncate } from "./text";
import { markControlCharacters as printable } from "../../support/redact";

const MARK = { pass: "PASS", warn: "WARN", fail: "FAIL" } as const;
/** Values longer than this are cut in the table (the JSON and CSV carry them whole). */
const TABLE_VALUE_WIDTH = 60;
/** Findings shown per group by default (`--limit`). */
export const DEFAULT_FINDINGS_LIMIT = 50;

export interface TextReportOptions {
  /** Findings shown per group of attribute and kinds (default 50); the others are counted and left to JSON/CSV. */
  readonly limit?: number;
}

function cell(value: string): string {
  const shown = printable(value);
  return shown.length > TABLE_VALUE_WIDTH ? `${truncate(shown, TABLE_VALUE_WIDTH - 1)}…` : shown;
}

function findingLines(f: DirectoryFinding): string[] {
  const lines = [`    ${printable(f.dn)}`, `      ${f.attribute} = ${JSON.stringify(cell(f.value))}: ${f.errors.join(", ")}`];
  if (f.suggestion !== null) lines.push(`      proposed: ${JSON.stringify(cell(f.suggestion))}`);
  if (f.related.length > 0) lines.push(`      also held by: ${f.related.map(printable).join("; ")}`);
  return lines;
}

const ATTRIBUTE_ORDER = new Map<string, number>(CHECKED_ATTRIBUTES.map((a, i) => [a, i]));
const KIND_ORDER = new Map<string, number>(DIRECTORY_ERROR_KINDS.map((k, i) => [k, i]));

/** Findings grouped by attribute and their kinds, in catalogue order; each group keeps the findings' order. */
function groupFindings(findings: readonly DirectoryFinding[]): { attribute: string; kinds: string; findings: DirectoryFinding[] }[] {
  const groups = new Map<string, { attribute: string; kinds: string; order: number[]; findings: DirectoryFinding[] }>();
  for (const f of findings) {
    const key = `${f.attribute}\u0000${f.errors.join(",")}`;
    let g = groups.get(key);
    if (!g) {
      const order = [ATTRIBUTE_ORDER.get(f.attribute) ?? 0, ...f.errors.map((e) => KIND_ORDER.get(e) ?? 0)];
      groups.set(key, (g = { attribute: f.attribute, kinds: f.errors.join(", "), order, findings: [] }));
    }
    g.findings.push(f);
  }
  const compare = (a: number[], b: number[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
    return a.length - b.length;
  };
  return [...groups.values()].sort((a, b) => compare(a.order, b.order));
}

const kinds = (c: KindCounts): string =>
  `${c.users} users, ${c.groups} groups, ${c.contacts} contacts, ${c.computers} computers (total ${c.total})`;

/** Renders the report for a terminal. */
export function renderAdReportText(report: AdPreflightReport, options: TextReportOptions = {}): string {
  const limit = options.limit ?? DEFAULT_FINDINGS_LIMIT;
  const s = report.summary;
  const c = report.counts;
  const lines = [`AD preflight of ${s.url} (base "${s.baseDn}"${s.globalCatalog ? ", Global Catalog" : ""})`, ""];
  for (const check of report.checks) lines.push(`${MARK[check.status]}  ${check.id}: ${check.message}`);
  const out = outOfScopeList(c.outOfScope);
  lines.push(
    "",
    `Objects: ${kinds(c)}`,
    `Would sync (default sync rules): ${kinds(c.wouldSync)}${out ? `; out of scope: ${out}` : ""}`,
    `Sizing: ${report.sizing.tier}, ${report.sizing.ramGb} GB RAM, ${report.sizing.diskGb} GB disk, database ${report.sizing.database}`,
  );
  if (report.findings.length > 0) {
    const groups = groupFindings(report.findings);
    const cut = groups.some((g) => g.findings.length > limit);
    lines.push(
      "",
      `Findings (${report.findings.length}) by attribute and kinds` +
        (cut ? `, the first ${limit} of each (--limit N; all of them with --format json or --format csv):` : ":"),
    );
    for (const g of groups) {
      lines.push(`  ${g.attribute}: ${g.kinds} (${g.findings.length})`);
      for (const f of g.findings.slice(0, limit)) lines.push(...findingLines(f));
      const more = g.findings.length - limit;
      if (more > 0) lines.push(`    ... ${more} more ${g.attribute}: ${g.kinds} (--format json or --format csv lists them all)`);
    }
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
