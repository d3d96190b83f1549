/** The memory of a VM size: from the policy config for sizes the catalogue does not know, else from the catalogue. */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { lookupVmSize } from "../../requirements";

/** Config of the policies that weigh a VM size's memory. */
export interface VmMemoryConfig {
  /** Memory (GiB) of VM sizes the catalogue does not know, by size name. */
  readonly vmSizeMemoryGib?: Readonly<Record<string, number>>;
}

/** The config schema property for `vmSizeMemoryGib`. */
export const VM_MEMORY_CONFIG: Readonly<Record<string, PolicyConfigJSONSchema>> = {
  vmSizeMemoryGib: {
    type: "object",
    description: 'Memory in GiB of VM sizes the pack does not know, e.g. {"Standard_M8ms": 218.75}.',
    additionalProperties: { type: "number", minimum: 0 },
  },
};

/** The memory of a size from config (case-insensitive name), else from the catalogue; undefined when neither knows it. */
export function memoryOf(size: string, declared: Readonly<Record<string, number>> | undefined): number | undefined {
  const fromConfig = Object.entries(declared ?? {}).find(([name]) => name.toLowerCase() === size.trim().toLowerCase());
  return fromConfig?.[1] ?? lookupVmSize(size)?.memoryGib;
}
