import {
  fullSqlRecommended,
  objectCountProblem,
  premiumDiskSizeFor,
  requiresFullSql,
  sizingTierFor,
  tenantLimitFor,
} from "../../src/requirements";

describe("sizingTierFor at every boundary of Microsoft's table", () => {
  test.each([
    [0, "t1-under-50k", 6, 70, "localdb"],
    [49_999, "t1-under-50k", 6, 70, "localdb"],
    [50_000, "t2-50k-100k", 16, 100, "localdb"],
    [79_999, "t2-50k-100k", 16, 100, "localdb"],
    [80_000, "t2-50k-100k", 16, 100, "localdb"],
    [99_999, "t2-50k-100k", 16, 100, "localdb"],
    [100_000, "t3-100k-300k", 32, 300, "sql"],
    [299_999, "t3-100k-300k", 32, 300, "sql"],
    [300_000, "t4-300k-600k", 32, 450, "sql"],
    [599_999, "t4-300k-600k", 32, 450, "sql"],
    [600_000, "t5-600k-plus", 32, 500, "sql"],
    [5_000_000, "t5-600k-plus", 32, 500, "sql"],
  ])("%d objects -> %s, %d GB RAM, %d GB disk, %s", (count, tier, ramGb, diskGb, database) => {
    expect(sizingTierFor(count)).toMatchObject({ tier, ramGb, diskGb, database });
  });

  test.each([
    [-1, "objectCount must not be negative, got -1."],
    [1.5, "objectCount must be a whole number, got 1.5."],
    [Number.NaN, "objectCount must be a number of AD objects (users + groups + contacts + computers), got NaN."],
    [Number.POSITIVE_INFINITY, "objectCount must be a number of AD objects (users + groups + contacts + computers), got Infinity."],
  ])("refuses %p", (count, message) => {
    expect(() => sizingTierFor(count)).toThrow(new RangeError(message));
  });
});

describe("objectCountProblem", () => {
  test.each([
    ["12000", 'must be a number of AD objects (users + groups + contacts + computers), got "12000"'],
    [undefined, "must be a number of AD objects (users + groups + contacts + computers), got undefined"],
    [-3, "must not be negative, got -3"],
    [0.25, "must be a whole number, got 0.25"],
  ])("%p -> %s", (value, problem) => {
    expect(objectCountProblem(value)).toBe(problem);
  });

  test.each([0, 1, 49_999, 600_000])("accepts %d", (value) => {
    expect(objectCountProblem(value)).toBeUndefined();
  });
});

describe("LocalDB and full SQL", () => {
  test.each([
    [49_999, false, false],
    [79_999, false, false],
    [80_000, false, true],
    [99_999, false, true],
    [100_000, true, false],
    [600_000, true, false],
  ])("%d objects: full SQL required %p, recommended %p", (count, required, recommended) => {
    expect(requiresFullSql(count)).toBe(required);
    expect(fullSqlRecommended(count)).toBe(recommended);
  });
});

describe("tenantLimitFor", () => {
  test.each([
    [0, 50_000, "nothing"],
    [49_999, 50_000, "nothing"],
    [50_000, 50_000, "nothing"],
    [50_001, 300_000, "verified-domain"],
    [299_999, 300_000, "verified-domain"],
    [300_000, 300_000, "verified-domain"],
    [300_001, 500_000, "support-case"],
    [500_000, 500_000, "support-case"],
    [500_001, Number.POSITIVE_INFINITY, "paid-licence"],
    [600_000, Number.POSITIVE_INFINITY, "paid-licence"],
  ])("%d objects -> limit %d, needs %s", (count, limit, needs) => {
    expect(tenantLimitFor(count)).toMatchObject({ limit, needs });
  });

  test("notes name the figures and the licences", () => {
    expect(tenantLimitFor(10).note).toBe("within the default tenant limit of 50,000 objects");
    expect(tenantLimitFor(60_000).note).toBe("above 50,000 objects: the tenant needs a verified custom domain (limit 300,000)");
    expect(tenantLimitFor(400_000).note).toBe(
      "above 300,000 objects: ask Microsoft support to raise the tenant limit (a verified domain is needed too)",
    );
    expect(tenantLimitFor(600_000).note).toBe(
      "above 500,000 objects: a licence alone is not enough: the tenant needs a paid licence (Microsoft Entra ID P1, Microsoft Entra ID P2, Microsoft 365, Enterprise Mobility + Security), a verified custom domain and a support request to Microsoft to raise its quota",
    );
  });
});

describe("premiumDiskSizeFor rounds up to a Premium SSD size", () => {
  test.each([
    [1, 32],
    [32, 32],
    [33, 64],
    [70, 128],
    [100, 128],
    [300, 512],
    [450, 512],
    [500, 512],
    [513, 1024],
    [2048, 2048],
    [3000, 3000],
  ])("%d GB -> %d GB", (minimum, size) => {
    expect(premiumDiskSizeFor(minimum)).toBe(size);
  });
});
