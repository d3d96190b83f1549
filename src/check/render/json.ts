/** JSON rendering: {"violations":[...],"resourcesChecked":N,"summary":{"mandatory":N,"advisory":N},"notChecked":[{"file","reason"}]}. */
import type { CheckReport } from "../check";

export function renderJson(report: CheckReport): string {
  const { violations, resourcesChecked, summary, notChecked = [] } = report;
  return `${JSON.stringify({ violations, resourcesChecked, summary, notChecked }, null, 2)}\n`;
}
