/**
 * Gate adapter for the server preflight: section `server:` of gate.yaml. `factsFile` is the collector's output
 * (`entra-gate server-script`), read and validated before any source runs. Checks whose facts were not read are
 * handed to the gate as not checked: their category is then not covered, never a pass.
 */
import { parseServerFacts, serverPreflightReport } from "../../preflight/server";
import type { CheckResult } from "../../report/check-result";
import { readFactsFile } from "../../preflight/server/facts-file";
import type { GateSource, NotCheckedItem } from "../source";
import { readableSectionFile } from "./section-files";
import { NON_EMPTY_STRING } from "./schema-parts";

/** The `server:` section. */
export interface ServerSection {
  /** The collector's output saved to a file, relative to gate.yaml. */
  readonly factsFile: string;
  /** Tier-0 groups (DOMAIN\name, name or SID) allowed in Administrators and Remote Desktop. */
  readonly tier0Groups?: readonly string[];
}

export const serverSource: GateSource = {
  name: "server",
  section: "server",
  evidence: "observed",
  categories: ["version", "tier0", "server-os", "sql", "network"],
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["factsFile"],
    properties: {
      factsFile: { ...NON_EMPTY_STRING, description: "The output of the collector of `entra-gate server-script`, relative to gate.yaml" },
      tier0Groups: { type: "array", items: NON_EMPTY_STRING, description: "Tier-0 groups allowed in Administrators and Remote Desktop" },
    },
  },
  async prepare(section, configDir) {
    const s = section as ServerSection;
    const path = readableSectionFile(s.factsFile, "server.factsFile", configDir);
    const facts = parseServerFacts(readFactsFile(path, "gate.yaml server.factsFile"), `gate.yaml server.factsFile ${s.factsFile}`);
    return async ({ facts: shared }) => {
      const report = serverPreflightReport(facts, { tier0Groups: s.tier0Groups ?? [], objectCount: shared.objectCount }, s.factsFile);
      const checks: CheckResult[] = [];
      const notChecked: NotCheckedItem[] = [];
      for (const c of report.checks) {
        if (c.status === "not-checked") notChecked.push({ id: c.id, category: c.category, requirement: c.requirement, reason: c.message });
        else checks.push({ ...c, status: c.status });
      }
      return { checks, notChecked, note: `facts of ${facts.computer} collected ${facts.collectedAt}` };
    };
  },
};
