/** JSON rendering: {"violations":[...],"resourcesChecked":N,"summary":{"mandatory":N,"advisory":N}}. */
import type { CheckReport } from "../check";

export function renderJson(report: CheckReport): string {
  const { violations, resourcesChecked, summary } = report;
  return `${JSON.stringify({ violations, resourcesChecked, summary }, null, 2)}\n`;
}
