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
  const notChecked = report.notChecked ?? [];
  for (const n of notChecked) lines.push(`${n.file}: NOT CHECKED: ${n.reason}`);
  const { mandatory, advisory } = report.summary;
  const counts = `${report.resourcesChecked} resources checked, ${mandatory} mandatory and ${advisory} advisory violations.`;
  if (notChecked.length > 0) {
    const files = `${notChecked.length} file${notChecked.length === 1 ? "" : "s"}`;
    lines.push(`COULD NOT CHECK: ${files} not checked (listed above)${mandatory > 0 ? ", and NOT READY" : ""}; ${counts}`);
  } else {
    lines.push(`${mandatory > 0 ? "NOT READY" : "OK"}: ${counts}`);
  }
  return `${lines.join("\n")}\n`;
}
