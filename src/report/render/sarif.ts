/**
 * SARIF 2.1.0 for code scanning: one rule per catalogue requirement, one result per warn or fail check, located
 * at the gate config (the input the pipeline changes). Passing checks are not results.
 */
import { REQUIREMENTS, type Requirement } from "../../requirements";
import type { GateCheck, GateReport } from "../gate-report";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const UNCATEGORISED = "gate.check";

const byId = new Map<string, Requirement>(Object.values(REQUIREMENTS).map((r) => [r.id, r]));

function ruleFor(id: string): Record<string, unknown> {
  const requirement = byId.get(id);
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase()),
    shortDescription: { text: requirement?.title ?? "A readiness check of entra-gate" },
    properties: { category: requirement?.category ?? "none" },
  };
}

function resultFor(check: GateCheck, configUri: string): Record<string, unknown> {
  return {
    ruleId: check.requirement ?? UNCATEGORISED,
    level: check.status === "fail" ? "error" : "warning",
    message: { text: check.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: configUri }, region: { startLine: 1 } } }],
    partialFingerprints: { checkId: `${check.source}/${check.id}` },
    properties: { checkId: check.id, source: check.source, evidence: check.evidence, category: check.category ?? "none" },
  };
}

export function renderGateSarif(report: GateReport): string {
  const checks = report.categories.flatMap((c) => c.checks).filter((c) => c.status !== "pass");
  const ruleIds = [...new Set(checks.map((c) => c.requirement ?? UNCATEGORISED))];
  const configUri = report.configPath.replace(/\\/g, "/").replace(/^\.\//, "");
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "entra-gate", rules: ruleIds.map(ruleFor) } },
        invocations: [{ executionSuccessful: report.verdict !== "could-not-check", endTimeUtc: report.generatedAt }],
        properties: {
          verdict: report.verdict,
          exitCode: report.exitCode,
          acceptPlanned: report.acceptPlanned,
          uncovered: report.uncovered,
          waivers: report.waivers,
          plannedOnly: report.categories.flatMap((c) =>
            c.plannedOnly ? [{ category: c.id, requirements: c.plannedOnly.map((p) => p.requirement) }] : [],
          ),
          evidence: report.categories.flatMap((c) =>
            c.checks.map((k) => ({ checkId: `${k.source}/${k.id}`, status: k.status, evidence: k.evidence })),
          ),
        },
        results: checks.map((c) => resultFor(c, configUri)),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
