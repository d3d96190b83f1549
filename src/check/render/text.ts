/** Plain-text rendering of a check report, grouped by file and resource. */
import type { CheckReport } from "../check";

export function renderText(report: CheckReport): string {
  const lines: string[] = [];
  let lastKey = "";
  for (const v of report.violations) {
    const key = `${v.file}\u0000${v.urn}`;
    if (key !== lastKey) {
      lines.push(`${v.file}: ${v.resourceName} (${v.resourceType})`);
      lastKey = key;
    }
    lines.push(`  [${v.enforcementLevel}] ${v.policy}: ${v.message}`);
  }
  const { mandatory, advisory } = report.summary;
  const verdict = mandatory > 0 ? "NOT READY" : "OK";
  lines.push(`${verdict}: ${report.resourcesChecked} resources checked, ${mandatory} mandatory and ${advisory} advisory violations.`);
  return `${lines.join("\n")}\n`;
}
