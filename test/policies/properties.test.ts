/** Properties of the policies against the catalogue, over generated inputs (fast-check). */
import fc from "fast-check";
import { enforceMemorySizing } from "../../src/policies/enforce-memory-sizing";
import { enforceMinimumVersion } from "../../src/policies/enforce-minimum-version";
import { disallowServerCore } from "../../src/policies/disallow-server-core";
import { enforceSupportedWindowsServer } from "../../src/policies/enforce-supported-windows-server";
import { NATIVE } from "../../src/policies/support/type-tokens";
import { knownVmSizes, SIZING_TIERS } from "../../src/requirements";
import { vm } from "./fixtures";
import { run, set } from "./harness";

const VM = NATIVE.virtualMachine;
const sizes = knownVmSizes();

test("memory sizing refuses exactly the burstable sizes and the sizes with less memory than the tier of the object count", async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 1_500_000 }), fc.constantFrom(...sizes), async (count, size) => {
      const tier = [...SIZING_TIERS].reverse().find((t) => count >= t.minObjects);
      const m = set(set(vm(), "tags.entra-connect-object-count", String(count)), "hardwareProfile.vmSize", size.name.toUpperCase());
      expect((await run(enforceMemorySizing, VM, m)).length).toBe(size.burstable || size.memoryGib < (tier?.ramGb ?? Infinity) ? 1 : 0);
    }),
    { numRuns: 300, seed: 1 },
  );
});

test("a supported SKU passes whatever its case and suffixes; the same SKU as Core is refused", async () => {
  const suffix = fc.subarray(["smalldisk", "g2", "zhcn", "hotpatch", "with-containers"]);
  const randomCase = (s: string, flips: boolean[]): string =>
    [...s].map((ch, i) => (flips[i % flips.length] ? ch.toUpperCase() : ch)).join("");
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom("2022", "2019"),
      suffix,
      fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
      async (version, parts, flips) => {
        const desktop = randomCase([`${version}-datacenter`, ...parts].join("-"), flips);
        const core = randomCase([`${version}-datacenter-core`, ...parts].join("-"), flips);
        const withSku = (sku: string): Record<string, unknown> => set(vm(), "storageProfile.imageReference.sku", sku);
        expect(await run(enforceSupportedWindowsServer, VM, withSku(desktop))).toEqual([]);
        expect(await run(disallowServerCore, VM, withSku(desktop))).toEqual([]);
        expect(await run(disallowServerCore, VM, withSku(core))).toHaveLength(1);
      },
    ),
    { numRuns: 200, seed: 2 },
  );
});

test("the version policy compares builds part by part, as numbers", async () => {
  const part = fc.integer({ min: 0, max: 200 });
  await fc.assert(
    fc.asyncProperty(fc.tuple(part, part, part, part), async (parts) => {
      const minimum = [2, 5, 79, 0];
      const diff = parts.map((p, i) => p - (minimum[i] ?? 0)).find((d) => d !== 0) ?? 0;
      const m = set(vm(), "tags.entra-connect-version", parts.join("."));
      expect((await run(enforceMinimumVersion, VM, m)).length).toBe(diff < 0 ? 1 : 0);
    }),
    { numRuns: 300, seed: 3 },
  );
});
