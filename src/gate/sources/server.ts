/**
 * Gate adapter for the server preflight: section `server:` of gate.yaml, with exactly one of `factsFile` (the
 * collector's output, read and validated before any source runs) or `azureVm` (the collector run on the VM through
 * Azure Run Command when the source runs, as `preflight server --azure-vm` does: same code, deadline, size caps and
 * DefaultAzureCredential). A VM that cannot be reached or whose output holds no facts document is `could not
 * check`. Checks whose facts were not read are handed to the gate as not checked: their category is then not
 * covered, never a pass.
 */
import { parseServerFacts, serverPreflightReport, type ServerFacts } from "../../preflight/server";
import type { CheckResult } from "../../report/check-result";
import { readFactsFile } from "../../preflight/server/facts-file";
import {
  collectFromAzureVm,
  DEFAULT_RUN_COMMAND_TIMEOUT_SECONDS,
  MAX_RUN_COMMAND_TIMEOUT_SECONDS,
  type CollectOptions,
} from "../../preflight/server/azure-vm";
import { validateVmResourceId, type RunCommandInputNames } from "../../preflight/server/run-command";
import { REQUIREMENTS } from "../../requirements";
import { InputError } from "../../support/errors";
import type { GateSource, NotCheckedItem } from "../source";
import { readableSectionFile } from "./section-files";
import { NON_EMPTY_STRING } from "./schema-parts";

/** The `server:` section: exactly one of factsFile or azureVm. */
export interface ServerSection {
  /** The collector's output saved to a file, relative to gate.yaml. */
  readonly factsFile?: string;
  /** The resource id of an Azure VM to run the collector on through Run Command. */
  readonly azureVm?: string;
  /** With azureVm: bound on the whole Run Command (sign-in, request, polling, retries), in seconds. */
  readonly timeoutSeconds?: number;
  /** Tier-0 groups (DOMAIN\name, name or SID) allowed in Administrators and Remote Desktop. */
  readonly tier0Groups?: readonly string[];
}

/** Run Command's messages name gate.yaml's fields, not the CLI's flags. */
const GATE_INPUT_NAMES: RunCommandInputNames = {
  vm: "gate.yaml server.azureVm",
  timeout: "gate.yaml server.timeoutSeconds",
  facts: "gate.yaml server.factsFile",
};

/** How the source reaches Azure Resource Manager: the real endpoint and DefaultAzureCredential unless given (tests). */
export type ArmConnection = Pick<CollectOptions, "endpoint" | "ca" | "credential" | "sleep" | "requestTimeoutMs">;

/** The server source; `arm` is how an `azureVm` section reaches Run Command. */
export function createServerSource(arm: ArmConnection = {}): GateSource {
  return {
    name: "server",
    section: "server",
    evidence: "observed",
    categories: ["version", "tier0", "server-os", "sql", "network"],
    // server-os judges the release and the installation type together: it cites the one that breaks, or osSupported.
    alsoObserves: { "server-os": [REQUIREMENTS.osSupported.id, REQUIREMENTS.osDesktopExperience.id] },
    schema: {
      type: "object",
      additionalProperties: false,
      oneOf: [{ required: ["factsFile"] }, { required: ["azureVm"] }],
      properties: {
        factsFile: { ...NON_EMPTY_STRING, description: "The output of the collector of `entra-gate server-script`, relative to gate.yaml" },
        azureVm: {
          ...NON_EMPTY_STRING,
          description:
            "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Compute/virtualMachines/<name>: run the collector there through Run Command",
        },
        timeoutSeconds: {
          type: "number",
          exclusiveMinimum: 0,
          maximum: MAX_RUN_COMMAND_TIMEOUT_SECONDS,
          description: `With azureVm: bound on the whole Run Command in seconds; default ${DEFAULT_RUN_COMMAND_TIMEOUT_SECONDS}`,
        },
        tier0Groups: { type: "array", items: NON_EMPTY_STRING, description: "Tier-0 groups allowed in Administrators and Remote Desktop" },
      },
    },
    async prepare(section, configDir) {
      const s = section as ServerSection;
      let collect: () => Promise<ServerFacts>;
      let origin: string;
      if (s.azureVm !== undefined) {
        const resourceId = s.azureVm;
        validateVmResourceId(resourceId, GATE_INPUT_NAMES.vm);
        const timeoutSeconds = s.timeoutSeconds ?? DEFAULT_RUN_COMMAND_TIMEOUT_SECONDS;
        collect = () => collectFromAzureVm({ ...arm, resourceId, timeoutSeconds, inputNames: GATE_INPUT_NAMES });
        origin = `through Run Command on ${resourceId}`;
      } else {
        if (s.timeoutSeconds !== undefined) {
          throw new InputError(
            "gate.yaml server.timeoutSeconds bounds Run Command, so it applies to server.azureVm only: remove it, or replace server.factsFile with server.azureVm.",
          );
        }
        const file = s.factsFile ?? "";
        const path = readableSectionFile(file, "server.factsFile", configDir);
        const facts = parseServerFacts(readFactsFile(path, "gate.yaml server.factsFile"), `gate.yaml server.factsFile ${file}`);
        collect = async () => facts;
        origin = `from ${file}`;
      }
      return async ({ facts: shared }) => {
        const facts = await collect();
        const report = serverPreflightReport(
          facts,
          { tier0Groups: s.tier0Groups ?? [], objectCount: shared.objectCount },
          s.factsFile ?? s.azureVm ?? "",
        );
        const checks: CheckResult[] = [];
        const notChecked: NotCheckedItem[] = [];
        for (const c of report.checks) {
          if (c.status === "not-checked")
            notChecked.push({ id: c.id, category: c.category, requirement: c.requirement, reason: c.message });
          else checks.push({ ...c, status: c.status });
        }
        return { checks, notChecked, note: `facts of ${facts.computer} collected ${facts.collectedAt} ${origin}` };
      };
    },
  };
}

/** The server source gate.yaml uses: Run Command on Azure Resource Manager with DefaultAzureCredential. */
export const serverSource: GateSource = createServerSource();
