/** Azure VM sizes and their memory, for checking a size against the sizing tier. */

export interface VmSize {
  /** Canonical name as Azure spells it, e.g. Standard_D4s_v5. */
  readonly name: string;
  readonly vcpus: number;
  readonly memoryGib: number;
  /** The series, e.g. "Dsv5". */
  readonly series: string;
  /** Burstable B-series: never for a Tier-0 sync server. */
  readonly burstable: boolean;
  /** False for sizes that take Generation 2 images only (Dsv6 and the other v6 sizes). */
  readonly supportsGen1: boolean;
}

interface Family {
  readonly letter: "D" | "E" | "F" | "B";
  readonly version: "" | "v2" | "v3" | "v4" | "v5" | "v6";
  /** Size suffixes ("", "s", "as", "ds", "ads", "d", "ms"). */
  readonly suffixes: readonly string[];
  readonly vcpus: readonly number[];
  /** GiB of memory per vCPU. */
  readonly memoryPerVcpu: number;
}

const D_VCPUS = [2, 4, 8, 16, 32, 48, 64] as const;
const FAMILIES: readonly Family[] = [
  { letter: "D", version: "v3", suffixes: ["", "s"], vcpus: D_VCPUS, memoryPerVcpu: 4 },
  { letter: "D", version: "v4", suffixes: ["", "s", "d", "ds"], vcpus: D_VCPUS, memoryPerVcpu: 4 },
  { letter: "D", version: "v5", suffixes: ["", "s", "d", "ds", "as", "ads"], vcpus: [...D_VCPUS, 96], memoryPerVcpu: 4 },
  { letter: "D", version: "v6", suffixes: ["s", "ds", "as", "ads"], vcpus: [...D_VCPUS, 96], memoryPerVcpu: 4 },
  { letter: "E", version: "v3", suffixes: ["", "s"], vcpus: D_VCPUS, memoryPerVcpu: 8 },
  { letter: "E", version: "v4", suffixes: ["", "s", "d", "ds"], vcpus: D_VCPUS, memoryPerVcpu: 8 },
  { letter: "E", version: "v5", suffixes: ["", "s", "d", "ds", "as", "ads"], vcpus: [...D_VCPUS, 96], memoryPerVcpu: 8 },
  { letter: "E", version: "v6", suffixes: ["s", "ds", "as", "ads"], vcpus: [...D_VCPUS, 96], memoryPerVcpu: 8 },
  { letter: "F", version: "v2", suffixes: ["s"], vcpus: [2, 4, 8, 16, 32, 48, 64, 72], memoryPerVcpu: 2 },
];

/** B-series sizes (burstable): vCPUs and GiB, from Microsoft's Bv1 table. */
const B_SERIES: readonly [string, number, number][] = [
  ["B1s", 1, 1],
  ["B1ms", 1, 2],
  ["B2s", 2, 4],
  ["B2ms", 2, 8],
  ["B4ms", 4, 16],
  ["B8ms", 8, 32],
  ["B12ms", 12, 48],
  ["B16ms", 16, 64],
  ["B20ms", 20, 80],
];

function buildTable(): Map<string, VmSize> {
  const table = new Map<string, VmSize>();
  const add = (size: VmSize): void => void table.set(size.name.toLowerCase(), size);
  for (const f of FAMILIES) {
    for (const suffix of f.suffixes) {
      for (const vcpus of f.vcpus) {
        add({
          name: `Standard_${f.letter}${vcpus}${suffix}_${f.version}`,
          vcpus,
          memoryGib: vcpus * f.memoryPerVcpu,
          series: `${f.letter}${suffix}${f.version}`,
          burstable: false,
          supportsGen1: f.version !== "v6",
        });
      }
    }
  }
  for (const [short, vcpus, memoryGib] of B_SERIES) {
    add({ name: `Standard_${short}`, vcpus, memoryGib, series: "Bv1", burstable: true, supportsGen1: true });
  }
  return table;
}

const VM_SIZES = buildTable();

/** Every size the catalogue knows. */
export function knownVmSizes(): readonly VmSize[] {
  return [...VM_SIZES.values()];
}

/** Looks a size up by name, case-insensitively; undefined when the catalogue does not know it. */
export function lookupVmSize(name: string): VmSize | undefined {
  return VM_SIZES.get(name.trim().toLowerCase());
}

/** The size the component picks for a tier's RAM: general purpose Dsv5, the smallest that meets it. */
export function defaultVmSizeFor(ramGb: number): VmSize {
  let size = DEFAULT_SIZES.get(ramGb);
  if (!size) DEFAULT_SIZES.set(ramGb, (size = smallestDsv5(ramGb)));
  return size;
}

/** Default sizes by RAM: a policy asks for every server of a plan, and a few tiers exist. */
const DEFAULT_SIZES = new Map<number, VmSize>();

function smallestDsv5(ramGb: number): VmSize {
  const candidates = knownVmSizes().filter((s) => s.series === "Dsv5" && s.memoryGib >= ramGb);
  const smallest = candidates.sort((a, b) => a.memoryGib - b.memoryGib)[0];
  if (!smallest) throw new RangeError(`No Dsv5 size has ${ramGb} GB of memory.`);
  return smallest;
}

/**
 * True for a burstable B-series size name, known to the table or not: Azure names them Standard_B<vCPUs>...
 * (Bv1 B2ms, Bsv2 B2s_v2, Basv2 B2as_v2, Bpsv2 B2pls_v2). Never for a Tier-0 sync server.
 */
export function isBurstableSizeName(name: string): boolean {
  return lookupVmSize(name)?.burstable ?? /^standard_b\d/i.test(name.trim());
}
