/** The sync server's VM size must have the memory of the sizing tier of its object count, and never be a burstable B-series size. */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { defaultVmSizeFor, isBurstableSizeName, REQUIREMENTS, sizingTierFor } from "../requirements";
import { entraPolicy } from "./support/define";
import { OBJECT_COUNT_CONFIG, objectCountOf, type ObjectCountConfig } from "./support/object-count";
import { asString, readPath } from "./support/read";
import { serverShape } from "./support/server-shape";
import { SERVER_TYPES } from "./support/type-tokens";
import { memoryOf, VM_MEMORY_CONFIG, type VmMemoryConfig } from "./support/vm-memory";

type Config = ObjectCountConfig & VmMemoryConfig;

const CONFIG: Record<string, PolicyConfigJSONSchema> = { ...OBJECT_COUNT_CONFIG, ...VM_MEMORY_CONFIG };

export const enforceMemorySizing = entraPolicy<Config>({
  name: "entra-connect-enforce-memory-sizing",
  description:
    "The Entra Connect Sync server's VM size must have the memory of the sizing tier of its object count, and must not be a burstable B-series size.",
  enforcementLevel: "mandatory",
  severity: "high",
  requirement: REQUIREMENTS.sizingMemory,
  remediationSteps:
    "Pick a D, E or F size (not burstable B-series) with at least the tier's memory, or declare the memory of an unlisted size in vmSizeMemoryGib.",
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
    if (isBurstableSizeName(size.value)) {
      ctx.report(
        `VM size ${size.value} is a burstable B-series size, not for a Tier-0 sync server (its CPU is throttled to a baseline once its credits run out)`,
        `choose a D, E or F size with at least ${tier.ramGb} GB, e.g. ${suggestion}`,
      );
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
