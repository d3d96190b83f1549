import { defaultVmSizeFor, knownVmSizes, lookupVmSize, sizingTierFor } from "../../src/requirements";

// vCPUs and memory from Microsoft Learn's size pages (https://learn.microsoft.com/azure/virtual-machines/sizes/overview;
// MicrosoftDocs/azure-compute-docs articles/virtual-machines/sizes/general-purpose/dsv5-series.md, dsv6-series.md,
// bv1-series.md, .../memory-optimized/esv5-series.md, .../compute-optimized/fsv2-series.md). B-series is "burstable":
// a baseline CPU share, above it only while banked credits last (general-purpose/b-family.md). The v6 series run
// on Generation 2 images only (their pages' "VM Generation Support: Generation 2").
describe("lookupVmSize", () => {
  test.each([
    ["Standard_D2s_v5", 2, 8, "Dsv5", false, true],
    ["standard_d2as_v5", 2, 8, "Dasv5", false, true],
    [" STANDARD_D2DS_V5 ", 2, 8, "Ddsv5", false, true],
    ["Standard_D4s_v3", 4, 16, "Dsv3", false, true],
    ["Standard_D4_v4", 4, 16, "Dv4", false, true],
    ["Standard_D8ds_v4", 8, 32, "Ddsv4", false, true],
    ["Standard_D8ads_v5", 8, 32, "Dadsv5", false, true],
    ["Standard_D96s_v5", 96, 384, "Dsv5", false, true],
    ["Standard_D4s_v6", 4, 16, "Dsv6", false, false],
    ["Standard_D16as_v6", 16, 64, "Dasv6", false, false],
    ["Standard_E2s_v5", 2, 16, "Esv5", false, true],
    ["Standard_E4s_v5", 4, 32, "Esv5", false, true],
    ["Standard_E4s_v3", 4, 32, "Esv3", false, true],
    ["Standard_E8ds_v4", 8, 64, "Edsv4", false, true],
    ["Standard_E4ads_v6", 4, 32, "Eadsv6", false, false],
    ["Standard_F4s_v2", 4, 8, "Fsv2", false, true],
    ["Standard_F72s_v2", 72, 144, "Fsv2", false, true],
    ["Standard_B2ms", 2, 8, "Bv1", true, true],
    ["Standard_B20ms", 20, 80, "Bv1", true, true],
  ])("%s -> %d vCPUs, %d GiB, %s (burstable %p, Gen1 %p)", (name, vcpus, memoryGib, series, burstable, supportsGen1) => {
    expect(lookupVmSize(name)).toMatchObject({ vcpus, memoryGib, series, burstable, supportsGen1 });
  });

  test.each(["Standard_D3s_v5", "Standard_D2_v6", "Standard_M128s", "D2s_v5", ""])("%p is unknown", (name) => {
    expect(lookupVmSize(name)).toBeUndefined();
  });

  test("returns the canonical spelling", () => {
    expect(lookupVmSize("standard_e2s_v5")?.name).toBe("Standard_E2s_v5");
  });

  test("knows the v3/v4/v5/v6 D, Das, Dds, E and F series and the B series", () => {
    const series = new Set(knownVmSizes().map((s) => s.series));
    for (const s of [
      "Dsv3",
      "Dsv4",
      "Ddsv4",
      "Dsv5",
      "Dasv5",
      "Ddsv5",
      "Dsv6",
      "Dasv6",
      "Ddsv6",
      "Esv3",
      "Esv4",
      "Esv5",
      "Esv6",
      "Fsv2",
      "Bv1",
    ]) {
      expect(series).toContain(s);
    }
  });
});

describe("defaultVmSizeFor: the smallest Dsv5 size for each tier", () => {
  test.each([
    [0, "Standard_D2s_v5"],
    [49_999, "Standard_D2s_v5"],
    [50_000, "Standard_D4s_v5"],
    [99_999, "Standard_D4s_v5"],
    [100_000, "Standard_D8s_v5"],
    [600_000, "Standard_D8s_v5"],
  ])("%d objects -> %s", (count, size) => {
    expect(defaultVmSizeFor(sizingTierFor(count).ramGb).name).toBe(size);
  });

  test("refuses a memory no Dsv5 size has", () => {
    expect(() => defaultVmSizeFor(1000)).toThrow(new RangeError("No Dsv5 size has 1000 GB of memory."));
  });
});
