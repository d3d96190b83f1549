import {
  DEFAULT_SQL_COLLATION,
  SQL_MAJOR_VERSIONS,
  isCaseInsensitiveCollation,
  maxServerMemoryMbFor,
  sqlServerSizingFor,
  sqlVersionFromOffer,
  sqlVersionVerdict,
  type SqlServerVersion,
} from "../../src/requirements";

describe("collation", () => {
  test.each([
    ["SQL_Latin1_General_CP1_CI_AS", true],
    ["Latin1_General_CI_AS", true],
    ["Latin1_General_100_CI_AS_KS_WS", true],
    ["latin1_general_ci_ai", true],
    ["Latin1_General_CI", true],
    [" Finnish_Swedish_CI_AS ", true],
    ["SQL_Latin1_General_CP1_CS_AS", false],
    ["Latin1_General_BIN2", false],
    ["Latin1_General_100_CS_AS_SC", false],
    ["Japanese_CIX_AS", false],
  ])("%s is case-insensitive: %p", (collation, expected) => {
    expect(isCaseInsensitiveCollation(collation)).toBe(expected);
  });

  test("the default is case-insensitive", () => {
    expect(DEFAULT_SQL_COLLATION).toBe("SQL_Latin1_General_CP1_CI_AS");
    expect(isCaseInsensitiveCollation(DEFAULT_SQL_COLLATION)).toBe(true);
  });
});

describe("sqlVersionVerdict", () => {
  test.each<[SqlServerVersion, string, string]>([
    ["2022", "allowed", "SQL Server 2022: recommended"],
    // "mainstream supported SQL Server versions up to SQL Server 2022" (Entra Connect prerequisites); SQL Server
    // 2019's mainstream support ended 2025-02-28 (learn.microsoft.com/lifecycle/products/sql-server-2019).
    ["2019", "warn", "SQL Server 2019: mainstream support ended 2025-02-28; Microsoft supports mainstream supported versions up to 2022"],
    ["2017", "refused", "SQL Server 2017 is too old: Entra Connect needs SQL Server 2019 or 2022"],
    ["2016", "refused", "SQL Server 2016 is too old: Entra Connect needs SQL Server 2019 or 2022"],
    ["2012", "refused", "SQL Server 2012 is too old: Entra Connect needs SQL Server 2019 or 2022"],
    ["2025", "refused", "SQL Server 2025 is newer than Entra Connect supports (up to 2022)"],
  ])("%s -> %s", (version, status, reason) => {
    expect(sqlVersionVerdict(version)).toEqual({ status, reason });
  });
});

describe("SQL versions from product majors and image offers", () => {
  test.each([
    [15, "2019"],
    [16, "2022"],
    [17, "2025"],
    [14, "2017"],
  ])("major %d -> %s", (major, version) => {
    expect(SQL_MAJOR_VERSIONS[major]).toBe(version);
  });

  test.each([
    ["SQL2022-WS2022", "2022"],
    ["sql2019-ws2019", "2019"],
    [" SQL2017-WS2019", "2017"],
    ["SQL2025-WS2025", "2025"],
    ["SQL2008R2SP3-WS2008R2SP1", undefined],
    ["sql-server-2022", undefined],
  ])("%s -> %p", (offer, version) => {
    expect(sqlVersionFromOffer(offer)).toBe(version);
  });
});

describe("SQL memory and sizing", () => {
  test.each([
    [32, 28 * 1024],
    [16, 12 * 1024],
    [4, 0],
    [2, 0],
  ])("max server memory on %d GB -> %d MB", (memoryGb, mb) => {
    expect(maxServerMemoryMbFor(memoryGb)).toBe(mb);
  });

  test.each([
    [100_000, "Standard_E4s_v5", 256],
    [299_999, "Standard_E4s_v5", 256],
    [300_000, "Standard_E8s_v5", 512],
    [599_999, "Standard_E8s_v5", 512],
    [600_000, "Standard_E16s_v5", 1024],
  ])("%d objects -> %s with a %d GB data disk", (count, vmSize, dataDiskGb) => {
    expect(sqlServerSizingFor(count)).toEqual({ vmSize, dataDiskGb });
  });

  test("refuses a negative count", () => {
    expect(() => sqlServerSizingFor(-1)).toThrow(new RangeError("objectCount -1 matches no SQL sizing row."));
  });
});
