/** The sync server's VM size must have the memory of the sizing tier of its object count. */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { defaultVmSizeFor, lookupVmSize, REQUIREMENTS, sizingTierFor } from "../requirements";
import { entraPolicy } from "./support/define";
import { OBJECT_COUNT_CONFIG, objectCountOf, type ObjectCountConfig } from "./support/object-count";
import { asString, readPath } from "./support/read";
import { serverShape } from "./support/server-shape";
import { SERVER_TYPES } from "./support/type-tokens";

interface Config extends ObjectCountConfig {
  /** Memory (GiB) of VM sizes the catalogue does not know, by size name. */
  readonly vmSizeMemoryGib?: Readonly<Record<string, number>>;
}

const CONFIG: Record<string, PolicyConfigJSONSchema> = {
  ...OBJECT_COUNT_CONFIG,
  vmSizeMemoryGib: {
    type: "object",
    description: 'Memory in GiB of VM sizes the pack does not know, e.g. {"Standard_M8ms": 218.75}.',
    additionalProperties: { type: "number", minimum: 0 },
  },
};

/** The memory of a size from config (case-insensitive name), else from the catalogue. */
function memoryOf(size: string, declared: Readonly<Record<string, number>> | undefined): number | undefined {
  const fromConfig = Object.entries(declared ?? {}).find(([name]) => name.toLowerCase() === size.trim().toLowerCase());
  return fromConfig?.[1] ?? lookupVmSize(size)?.memoryGib;
}

export const enforceMemorySizing = entraPolicy<Config>({
  name: "entra-connect-enforce-memory-sizing",
  description: "The Entra Connect Sync server's VM size must have the memory of the sizing tier of its object count.",
  enforcementLevel: "mandatory",
  severity: "high",
  requirement: REQUIREMENTS.sizingMemory,
  remediationSteps: "Pick a VM size with at least the tier's memory, or declare the memory of an unlisted size in vmSizeMemoryGib.",
  types: SERVER_TYPES,
  scope: "sync-server",
  config: CONFIG,
  check(ctx) {
    const size = asString(readPath(ctx.props, serverShape(ctx.type).vmSize));
    if (!ctx.known(size, "the VM size")) return;
    const count = objectCountOf(ctx);
    if (count === undefined) return;
    const tier = sizingTierFor(count);
    const suggestion = defaultVmSizeFor(tier.ramGb).name;
    if (!size.value) {
      ctx.report(`no VM size is set (${size.path})`, `set it to a size with at least ${tier.ramGb} GB of memory, e.g. ${suggestion}`);
      return;
    }
    const memory = memoryOf(size.value, ctx.config.vmSizeMemoryGib);
    if (memory === undefined) {
      ctx.report(
        `VM size ${size.value} is not known to the pack, so its memory cannot be checked against the ${tier.ramGb} GB that ${count} objects need`,
        `use a known size such as ${suggestion}, or declare its memory in this policy's config: {"vmSizeMemoryGib":{"${size.value}":<GiB>}}`,
      );
    } else if (memory < tier.ramGb) {
      ctx.report(
        `VM size ${size.value} has ${memory} GiB of memory; ${count} objects (tier ${tier.tier}) need at least ${tier.ramGb} GB`,
        `choose a size with at least ${tier.ramGb} GB, e.g. ${suggestion}`,
      );
    }
  },
});
