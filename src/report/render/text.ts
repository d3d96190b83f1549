/** Plain-text renderers for a terminal: a list of checks, and the gate report. */
import type { CheckResult } from "../check-result";
import type { CategoryStatus, GateReport, PlannedOnly } from "../gate-report";

const MARK: Record<CategoryStatus, string> = { pass: "PASS", warn: "WARN", fail: "FAIL", planned: "PLAN", "not-checked": "----" };

/** One line per check: "FAIL cloud-block-soft-match  <message>". */
export function renderChecksText(checks: readonly CheckResult[]): string {
  const width = Math.max(0, ...checks.map((c) => c.id.length));
  return checks.map((c) => `${MARK[c.status]} ${c.id.padEnd(width)}  ${c.message}`).join("\n") + "\n";
}

/** What to add to gate.yaml to cover a category. */
export function coverHint(sections: readonly string[]): string {
  return sections.length === 0
    ? "no gate.yaml section observes it yet; waive it (waive: [{category, reason}]) after checking it by hand"
    : `add the gate.yaml section ${sections.map((x) => `${x}:`).join(" or ")}`;
}

/** "tier0.no-public-ip (entra-connect-disallow-public-ip), ...": a category's requirements with only planned evidence. */
export function describePlannedOnly(list: readonly PlannedOnly[]): string {
  return list.map((p) => `${p.requirement} (${p.checks.join(", ")})`).join(", ");
}

/** The gate report: verdict, each category with its evidence, sizing, sources, directory findings count. */
export function renderGateText(report: GateReport): string {
  const s = report.summary;
  const lines = [
    `entra-gate readiness: ${report.verdict.toUpperCase()} (exit ${report.exitCode})`,
    `${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.planned} planned only, ${s["not-checked"]} not checked   config ${report.configPath}   ${report.generatedAt}`,
    "",
  ];
  for (const c of report.categories) {
    lines.push(`[${MARK[c.status]}] ${c.title}`);
    if (c.plannedOnly) lines.push(`    planned only, not observed: ${describePlannedOnly(c.plannedOnly)}`);
    for (const check of c.checks)
      lines.push(`    ${MARK[check.status]} ${check.id} (${check.source}, ${check.evidence}): ${check.message}`);
    if (c.reason) lines.push(`    not checked: ${c.reason}`);
    if (c.waiver) lines.push(`    WAIVED in gate.yaml: ${c.waiver.reason} (a waiver is not a pass)`);
  }
  if (report.uncovered.length > 0) {
    lines.push("", `Not covered by observed evidence${report.acceptPlanned ? " (accept: planned)" : ""}:`);
    for (const u of report.uncovered) lines.push(`    ${u.category}: ${coverHint(u.sections)}`);
  }
  if (report.sizing) {
    const z = report.sizing;
    lines.push(
      "",
      `Sizing: ${z.objectCount.toLocaleString("en-US")} objects (${z.objectCountSource}) -> tier ${z.tier} needs at least ${z.ramGb} GB RAM and ${z.diskGb} GB disk (tier minimum), ${z.database === "sql" ? "full SQL Server" : "LocalDB"}${z.fullSqlRecommended ? " (full SQL recommended)" : ""}; suggested VM size: ${z.vmSize}`,
    );
  }
  if (report.directoryFindings.length > 0)
    lines.push("", `Directory findings: ${report.directoryFindings.length} (see the HTML or JSON report for the table)`);
  lines.push("", `Sources: ${report.sources.map((r) => `${r.name} ${r.state}${r.detail ? ` (${r.detail})` : ""}`).join("; ")}`);
  return lines.join("\n") + "\n";
}
