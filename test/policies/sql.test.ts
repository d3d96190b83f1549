import { disallowAzureSqlDatabase } from "../../src/policies/disallow-azure-sql-database";
import { disallowSqlServer2019 } from "../../src/policies/disallow-sql-server-2019";
import { enforceSqlCollation } from "../../src/policies/enforce-sql-collation";
import { enforceSqlMaxMemory } from "../../src/policies/enforce-sql-max-memory";
import { enforceSqlVersion } from "../../src/policies/enforce-sql-version";
import { CLASSIC, NATIVE } from "../../src/policies/support/type-tokens";
import { classicSqlVm, serverTags, sqlVm, vm } from "./fixtures";
import { run, set } from "./harness";

const VERSION_REQ = "(requirement sql.version: Full SQL Server 2019 or 2022 on Windows)";
const COLLATION_REQ = "(requirement sql.collation: Case-insensitive (_CI_) SQL collation)";
const MEMORY_REQ =
  "(requirement sql.max-memory: max server memory capped so 4 GB stay for Windows and the sync engine when SQL shares the server)";
const ENGINE_REQ = "(requirement sql.engine: No Azure SQL Database or Managed Instance as the sync database)";
const SQL = NATIVE.sqlVirtualMachine;
const sqlImageVm = (offer: string): Record<string, unknown> =>
  set(set(vm(), "tags.entra-connect-role", "sync-database"), "storageProfile.imageReference", {
    publisher: "MicrosoftSQLServer",
    offer,
    sku: "standard-gen2",
    version: "latest",
  });

describe("SQL policies on compliant resources", () => {
  it("a SQL 2022 registration and VM image, the classic registration: no violation", async () => {
    for (const policy of [enforceSqlVersion, disallowSqlServer2019, enforceSqlCollation, enforceSqlMaxMemory]) {
      expect(await run(policy, SQL, sqlVm())).toEqual([]);
      expect(await run(policy, CLASSIC.mssqlVirtualMachine, classicSqlVm())).toEqual([]);
    }
    expect(await run(enforceSqlVersion, NATIVE.virtualMachine, sqlImageVm("sql2019-ws2022"))).toEqual([]);
  });

  it("ignores an Azure SQL database that is not tagged as the sync database", async () => {
    expect(await run(disallowAzureSqlDatabase, NATIVE.sqlDatabase, { serverName: "app", resourceGroupName: "rg" })).toEqual([]);
  });
});

describe("entra-connect-enforce-sql-version", () => {
  const fix = "Fix: use SQL Server 2019 or 2022, e.g. offer sql2022-ws2022.";
  it.each([
    ["SQL2017-WS2019", "SQL Server 2017 is too old: Entra Connect needs SQL Server 2019 or 2022"],
    ["sql2025-ws2025", "SQL Server 2025 is newer than Entra Connect supports (up to 2022)"],
  ])("refuses sqlImageOffer %s", async (offer, reason) => {
    expect(await run(enforceSqlVersion, SQL, set(sqlVm(), "sqlImageOffer", offer))).toEqual([
      `sqlImageOffer ${offer}: ${reason}. ${fix} ${VERSION_REQ}`,
    ]);
  });

  it("refuses an offer that names no version", async () => {
    expect(await run(enforceSqlVersion, SQL, set(sqlVm(), "sqlImageOffer", "SQLvNext-WS2022"))).toEqual([
      `sqlImageOffer "SQLvNext-WS2022" names no SQL Server version. ${fix} ${VERSION_REQ}`,
    ]);
  });

  it("refuses a SQL 2016 VM image", async () => {
    expect(await run(enforceSqlVersion, NATIVE.virtualMachine, sqlImageVm("sql2016sp3-ws2019"))).toEqual([
      `image offer sql2016sp3-ws2019: SQL Server 2016 is too old: Entra Connect needs SQL Server 2019 or 2022. ${fix} ${VERSION_REQ}`,
    ]);
  });
});

// Microsoft Learn, "Prerequisites for Microsoft Entra Connect" (learn.microsoft.com/entra/identity/hybrid/connect/
// how-to-connect-install-prerequisites): "mainstream supported SQL Server versions up to SQL Server 2022"; SQL Server
// 2019's mainstream support ended 2025-02-28 (learn.microsoft.com/lifecycle/products/sql-server-2019). Issue 9 item 12.
describe("entra-connect-disallow-sql-server-2019", () => {
  const reason = "SQL Server 2019: mainstream support ended 2025-02-28; Microsoft supports mainstream supported versions up to 2022";
  const fix = "Fix: deploy the sync database from offer sql2022-ws2022.";

  it("is advisory: SQL 2019 stays possible", () => {
    expect(disallowSqlServer2019.enforcementLevel).toBe("advisory");
  });

  it("warns on a SQL 2019 registration and a SQL 2019 VM image, with the reason and the fix", async () => {
    expect(await run(disallowSqlServer2019, SQL, set(sqlVm(), "sqlImageOffer", "SQL2019-WS2022"))).toEqual([
      `sqlImageOffer SQL2019-WS2022: ${reason}. ${fix} ${VERSION_REQ}`,
    ]);
    expect(await run(disallowSqlServer2019, NATIVE.virtualMachine, sqlImageVm("sql2019-ws2022"))).toEqual([
      `image offer sql2019-ws2022: ${reason}. ${fix} ${VERSION_REQ}`,
    ]);
  });

  it.each(["SQL2022-WS2022", "SQL2017-WS2019", "SQLvNext-WS2022"])(
    "says nothing on %s (2022 passes; the mandatory policy refuses the others)",
    async (offer) => {
      expect(await run(disallowSqlServer2019, SQL, set(sqlVm(), "sqlImageOffer", offer))).toEqual([]);
    },
  );
});

describe("entra-connect-enforce-sql-collation", () => {
  it("refuses a case-sensitive collation (azure-native and classic)", async () => {
    expect(
      await run(
        enforceSqlCollation,
        SQL,
        set(sqlVm(), "serverConfigurationsManagementSettings.sqlInstanceSettings.collation", "Latin1_General_CS_AS"),
      ),
    ).toEqual([
      `collation Latin1_General_CS_AS is not case-insensitive. Fix: set serverConfigurationsManagementSettings.sqlInstanceSettings.collation to a _CI_ collation such as SQL_Latin1_General_CP1_CI_AS. ${COLLATION_REQ}`,
    ]);
    expect(
      await run(enforceSqlCollation, CLASSIC.mssqlVirtualMachine, set(classicSqlVm(), "sqlInstance.collation", "Latin1_General_BIN2")),
    ).toEqual([
      `collation Latin1_General_BIN2 is not case-insensitive. Fix: set sqlInstance.collation to a _CI_ collation such as SQL_Latin1_General_CP1_CI_AS. ${COLLATION_REQ}`,
    ]);
  });
});

describe("entra-connect-enforce-sql-max-memory", () => {
  const shared = (): Record<string, unknown> => set(sqlVm(), "tags", { ...serverTags(), "entra-connect-vm-size": "Standard_E4s_v5" });
  const PATH = "serverConfigurationsManagementSettings.sqlInstanceSettings.maxServerMemoryMB";
  it("accepts the VM's memory minus 4 GB (E4s_v5: 32 GiB -> 28,672 MB) when SQL shares the sync server or has its own VM", async () => {
    expect(await run(enforceSqlMaxMemory, SQL, shared())).toEqual([]);
    expect(await run(enforceSqlMaxMemory, SQL, sqlVm())).toEqual([]);
    expect(await run(enforceSqlMaxMemory, SQL, set(sqlVm(), PATH, 1024))).toEqual([]);
  });

  it("refuses an unset value", async () => {
    expect(await run(enforceSqlMaxMemory, SQL, set(shared(), "serverConfigurationsManagementSettings", undefined))).toEqual([
      `max server memory is not set, so SQL Server takes nearly all of the VM's memory. Fix: set ${PATH} to the VM's memory minus 4 GB, in MB. ${MEMORY_REQ}`,
    ]);
  });

  // Issue 9 item 11: 2,147,483,646 MB (one below SQL Server's "uncapped" default) used to pass.
  it.each([
    [2_147_483_646, "Standard_E4s_v5", 32, 28_672],
    [28_673, "Standard_E4s_v5", 32, 28_672],
    [65_536, "Standard_E8s_v5", 64, 61_440],
  ])("refuses %d MB on the dedicated SQL VM of size %s (%d GiB): at most %d MB", async (value, size, memory, limit) => {
    const m = set(set(sqlVm(), PATH, value), "tags.entra-connect-vm-size", size);
    expect(await run(enforceSqlMaxMemory, SQL, m)).toEqual([
      `max server memory is ${value} MB on a ${size} with ${memory} GiB; at most ${limit} MB leaves the 4 GB Windows and the sync engine need. Fix: set ${PATH} to the VM's memory minus 4 GB, in MB (at most ${limit}). ${MEMORY_REQ}`,
    ]);
  });

  it("refuses the uncapped default (classic)", async () => {
    const classic = set(classicSqlVm(), "sqlInstance.maxServerMemoryMb", 2147483647);
    expect(await run(enforceSqlMaxMemory, CLASSIC.mssqlVirtualMachine, classic)).toEqual([
      `max server memory is 2147483647 MB on a Standard_E4s_v5 with 32 GiB; at most 28672 MB leaves the 4 GB Windows and the sync engine need. Fix: set sqlInstance.maxServerMemoryMb to the VM's memory minus 4 GB, in MB (at most 28672). ${MEMORY_REQ}`,
    ]);
  });

  it("takes the VM size from config without the tag, and refuses when the size is known from neither", async () => {
    const untagged = set(set(sqlVm(), "tags.entra-connect-vm-size", undefined), PATH, 30_000);
    expect(await run(enforceSqlMaxMemory, SQL, untagged, { vmSize: "Standard_E8s_v5" })).toEqual([]);
    expect(await run(enforceSqlMaxMemory, SQL, untagged)).toEqual([
      `the SQL VM's size is not known (no entra-connect-vm-size tag and no vmSize in the policy config), so max server memory (30000 MB) cannot be weighed against its memory. Fix: tag the SQL VM registration entra-connect-vm-size=<the VM's size>, or set "vmSize" in this policy's config. ${MEMORY_REQ}`,
    ]);
    const unknownSize = set(untagged, "tags.entra-connect-vm-size", "Standard_M8ms");
    expect(await run(enforceSqlMaxMemory, SQL, unknownSize, { vmSizeMemoryGib: { Standard_M8ms: 218.75 } })).toEqual([]);
  });
});

describe("entra-connect-disallow-azure-sql-database", () => {
  it.each([NATIVE.sqlDatabase, NATIVE.sqlManagedInstance, CLASSIC.mssqlDatabase, CLASSIC.mssqlManagedInstance])(
    "refuses %s tagged as the sync database",
    async (type) => {
      expect(await run(disallowAzureSqlDatabase, type, { tags: { "entra-connect-role": "sync-database" } })).toEqual([
        `${type} is tagged as an Entra Connect resource, but Entra Connect does not support Azure SQL Database or Managed Instance. Fix: host the sync database on SQL Server on a VM (e.g. offer sql2022-ws2022). ${ENGINE_REQ}`,
      ]);
    },
  );
});
