/** The gate report's output formats, and the one function that picks a renderer. */
import type { GateReport } from "../gate-report";
import { renderGateHtml } from "./html";
import { renderGateJunit } from "./junit";
import { renderGateSarif } from "./sarif";
import { renderGateText } from "./text";

export const REPORT_FORMATS = ["text", "json", "sarif", "junit", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const RENDERERS: Record<ReportFormat, (report: GateReport) => string> = {
  text: renderGateText,
  json: (report) => JSON.stringify(report, null, 2) + "\n",
  sarif: renderGateSarif,
  junit: renderGateJunit,
  html: renderGateHtml,
};

/** Renders the report in a format. */
export function renderGate(report: GateReport, format: ReportFormat): string {
  return RENDERERS[format](report);
}

export { renderChecksText } from "./text";
