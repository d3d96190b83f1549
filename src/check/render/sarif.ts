/**
 * SARIF 2.1.0 rendering for code scanning: one rule per policy (a short description, a full one naming the
 * requirement and level, help with the fix), one result per violation located at the plan file with the resource's
 * URN as a logical location, and each file that could not be checked as a tool execution notification.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { REQUIREMENTS } from "../../requirements";
import { PACKAGE_HOMEPAGE, PACKAGE_VERSION } from "../../support/package-info";
import type { CheckReport } from "../check";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** A plan file's path as a SARIF artifact URI (relative, forward slashes). */
const artifactUri = (file: string): string => file.split("\\").join("/");

/** The rule's full description: what it requires, the requirement it enforces, and its default level. */
function fullDescription(p: ResourceValidationPolicy): string {
  const requirement = Object.values(REQUIREMENTS).find((r) => r.id === p.tags?.[0]);
  const cites = requirement ? ` It enforces requirement ${requirement.id} (${requirement.title}).` : "";
  return `${p.description}${cites} Default level ${p.enforcementLevel} (severity ${p.severity ?? "unset"}); a resource it cannot read is reported as "cannot verify", never passed.`;
}

/** Renders the report; `policies` supplies the rules (description, remediation, default level). */
export function renderSarif(report: CheckReport, policies: readonly ResourceValidationPolicy[]): string {
  const index = new Map(policies.map((p, i) => [p.name, i]));
  const rules = policies.map((p) => ({
    id: p.name,
    name: p.name,
    shortDescription: { text: p.description },
    fullDescription: { text: fullDescription(p) },
    help: {
      text: `Fix: ${p.remediationSteps ?? p.description} Settings and levels: docs/policy-pack.md.`,
      markdown: `**Fix:** ${p.remediationSteps ?? p.description}\n\nSettings and levels: \`docs/policy-pack.md\`.`,
    },
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
        physicalLocation: { artifactLocation: { uri: artifactUri(v.file) }, region: { startLine: 1 } },
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
        tool: {
          driver: {
            name: "entra-gate",
            version: PACKAGE_VERSION,
            ...(PACKAGE_HOMEPAGE ? { informationUri: PACKAGE_HOMEPAGE } : {}),
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: (report.notChecked ?? []).length === 0,
            toolExecutionNotifications: (report.notChecked ?? []).map((n) => ({
              level: "error",
              message: { text: n.reason },
              locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(n.file) } } }],
            })),
          },
        ],
        results,
        properties: { resourcesChecked: report.resourcesChecked, summary: report.summary },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
