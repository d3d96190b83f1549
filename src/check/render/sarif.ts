/** SARIF 2.1.0 rendering for code scanning: one rule per policy, one result per violation. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import type { CheckReport } from "../check";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** Renders the report; `policies` supplies the rules (description, remediation, default level). */
export function renderSarif(report: CheckReport, policies: readonly ResourceValidationPolicy[]): string {
  const index = new Map(policies.map((p, i) => [p.name, i]));
  const rules = policies.map((p) => ({
    id: p.name,
    name: p.name,
    shortDescription: { text: p.description },
    fullDescription: { text: p.description },
    help: { text: p.remediationSteps ?? p.description },
    defaultConfiguration: { level: p.enforcementLevel === "mandatory" ? "error" : "warning" },
    properties: { tags: p.tags ?? [], severity: p.severity },
  }));
  const results = report.violations.map((v) => ({
    ruleId: v.policy,
    ruleIndex: index.get(v.policy) ?? -1,
    level: v.enforcementLevel === "mandatory" ? "error" : "warning",
    message: { text: `${v.resourceName} (${v.resourceType}): ${v.message}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: v.file.split("\\").join("/") }, region: { startLine: 1 } },
        logicalLocations: [{ name: v.resourceName, fullyQualifiedName: v.urn, kind: "resource" }],
      },
    ],
    partialFingerprints: { "resourcePolicy/v1": `${v.urn}|${v.policy}|${v.message}` },
  }));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "entra-gate", rules } },
        results,
        properties: { resourcesChecked: report.resourcesChecked, summary: report.summary },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
