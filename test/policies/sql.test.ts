import { disallowAzureSqlDatabase } from "../../src/policies/disallow-azure-sql-database";
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
    for (const policy of [enforceSqlVersion, enforceSqlCollation, enforceSqlMaxMemory]) {
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
  const shared = (): Record<string, unknown> => set(sqlVm(), "tags", serverTags());
  it("accepts a capped value when SQL shares the sync server", async () => {
    expect(await run(enforceSqlMaxMemory, SQL, shared())).toEqual([]);
  });

  it("refuses an unset value when SQL shares the sync server", async () => {
    expect(await run(enforceSqlMaxMemory, SQL, set(shared(), "serverConfigurationsManagementSettings", undefined))).toEqual([
      `SQL Server shares the sync server but max server memory is not set. Fix: set serverConfigurationsManagementSettings.sqlInstanceSettings.maxServerMemoryMB to the VM's memory minus 4 GB, in MB. ${MEMORY_REQ}`,
    ]);
  });

  it("refuses the uncapped default (classic)", async () => {
    const classic = set(set(classicSqlVm(), "tags", serverTags()), "sqlInstance.maxServerMemoryMb", 2147483647);
    expect(await run(enforceSqlMaxMemory, CLASSIC.mssqlVirtualMachine, classic)).toEqual([
      `SQL Server shares the sync server with max server memory uncapped (2147483647 MB). Fix: set sqlInstance.maxServerMemoryMb to the VM's memory minus 4 GB, in MB. ${MEMORY_REQ}`,
    ]);
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
