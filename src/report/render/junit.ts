/**
 * JUnit XML for pipeline test tabs: one suite per category, one test case per check. fail is a <failure>, warn
 * passes with the warning in <system-out>, a category not checked is one <skipped> case saying why.
 */
import type { CategoryVerdict, GateReport } from "../gate-report";
import { describePlannedOnly } from "./text";

/** Control characters XML 1.0 cannot hold (tab, newline and carriage return are allowed). */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to strip
const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** Escapes text for an XML attribute or element. */
function xmlEscape(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`)
    .replace(NOT_XML_CHARACTERS, "");
}

function suite(c: CategoryVerdict): string {
  const cases = c.checks.map((check) => {
    const open = `    <testcase classname="entra-gate.${c.id}" name="${xmlEscape(check.id)}">\n      <properties><property name="evidence" value="${check.evidence}"/><property name="source" value="${xmlEscape(check.source)}"/></properties>`;
    if (check.status === "fail")
      return `${open}\n      <failure message="${xmlEscape(check.message)}" type="${xmlEscape(check.requirement ?? "check")}"/>\n    </testcase>`;
    if (check.status === "warn") return `${open}\n      <system-out>WARN: ${xmlEscape(check.message)}</system-out>\n    </testcase>`;
    return `${open}\n    </testcase>`;
  });
  if (c.waiver)
    cases.push(
      `    <testcase classname="entra-gate.${c.id}" name="${c.id} waived">\n      <skipped message="${xmlEscape(`waived in gate.yaml: ${c.waiver.reason}`)}"/>\n    </testcase>`,
    );
  else if (c.status === "not-checked")
    cases.push(
      `    <testcase classname="entra-gate.${c.id}" name="${c.id} not checked">\n      <skipped message="${xmlEscape(c.reason ?? "")}"/>\n    </testcase>`,
    );
  const failures = c.checks.filter((x) => x.status === "fail").length;
  const skipped = c.waiver || c.status === "not-checked" ? 1 : 0;
  // Requirements only a plan speaks for: a suite property, since no test case observed them.
  const properties = c.plannedOnly
    ? `    <properties><property name="plannedOnly" value="${xmlEscape(describePlannedOnly(c.plannedOnly))}"/></properties>\n`
    : "";
  return `  <testsuite name="${xmlEscape(c.title)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${properties}${cases.join("\n")}\n  </testsuite>`;
}

export function renderGateJunit(report: GateReport): string {
  const suites = report.categories.map(suite);
  const tests = report.categories.reduce((n, c) => n + c.checks.length + (c.waiver || c.status === "not-checked" ? 1 : 0), 0);
  const failures = report.categories.reduce((n, c) => n + c.checks.filter((x) => x.status === "fail").length, 0);
  const skipped = report.categories.filter((c) => c.waiver || c.status === "not-checked").length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="entra-gate" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${report.generatedAt}">\n${suites.join("\n")}\n</testsuites>\n`;
}
