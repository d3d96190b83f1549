/** Properties of the pure check functions over generated server facts (no server needed). */
import fc from "fast-check";
import { sqlChecks, type SqlServerFacts } from "../../src/preflight/sql";

const FACTS: SqlServerFacts = {
  majorVersion: 16,
  productVersion: "16.0.4135.4",
  engineEdition: 3,
  edition: "Enterprise Edition (64-bit)",
  collation: "SQL_Latin1_General_CP1_CI_AS",
  hostPlatform: "Windows",
  netTransport: "TCP",
  namedPipesEnabled: false,
  databases: ["master", "tempdb", "model", "msdb"],
  maxServerMemoryMb: 2147483647,
  physicalMemoryMb: 32768,
  sysadmin: true,
  dbcreator: false,
  adSyncControl: null,
  adSyncCollation: null,
  windowsLogins: {},
  unreadable: {},
};

function status(facts: Partial<SqlServerFacts>, id: string, coLocated: boolean, serverMemoryGb?: number): string | undefined {
  return sqlChecks({ ...FACTS, ...facts }, { coLocated, serverMemoryGb }).find((c) => c.id === id)?.status;
}

describe("sql-max-memory", () => {
  it("on a shared server, passes exactly when the cap leaves at least 4 GB of the RAM", () => {
    fc.assert(
      // The shrunk counterexample that found the clamped limit of a server below 4 GB: 1 GB of RAM, a cap of 0 MB.
      fc.property(fc.integer({ min: 1, max: 1024 }), fc.integer({ min: 0, max: 1024 * 1024 }), (ramGb, capMb) => {
        const expected = ramGb * 1024 - capMb >= 4 * 1024 ? "pass" : "fail";
        expect(status({ maxServerMemoryMb: capMb }, "sql-max-memory", true, ramGb)).toBe(expected);
      }),
      { examples: [[1, 0]] },
    );
  });

  it("fails a shared server below 4 GB of RAM whatever the cap, saying no cap can fit", () => {
    for (const capMb of [0, 128, 1024]) {
      const result = sqlChecks({ ...FACTS, maxServerMemoryMb: capMb }, { coLocated: true, serverMemoryGb: 2 }).find(
        (c) => c.id === "sql-max-memory",
      );
      expect(result?.status).toBe("fail");
      expect(result?.message).toMatch(
        /^The server SQL Server shares with the sync engine has 2 GB of RAM: no max server memory leaves the 4 GB/,
      );
    }
  });

  it("fails an uncapped shared server of any size, and never fails a dedicated one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 0, max: 2147483647 }), (ramGb, capMb) => {
        expect(status({}, "sql-max-memory", true, ramGb)).toBe("fail");
        expect(status({ maxServerMemoryMb: capMb }, "sql-max-memory", false)).toBe("pass");
      }),
    );
  });
});

describe("sql-collation", () => {
  it("never passes a case-sensitive or binary collation, always passes a _CI_ one", () => {
    // Name parts without underscores, and never "CI" itself, which would make `_CI_` appear.
    const part = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/).filter((p) => p.toUpperCase() !== "CI");
    fc.assert(
      fc.property(
        part,
        part,
        fc.constantFrom("_CS_AS", "_BIN", "_BIN2", "_CS_AS_KS_WS"),
        fc.constantFrom("_CI_AS", "_CI_AI", "_CI"),
        (a, b, sensitive, insensitive) => {
          expect(status({ collation: `${a}_${b}${sensitive}` }, "sql-collation", false)).toBe("fail");
          expect(status({ collation: `${a}_${b}${insensitive}` }, "sql-collation", false)).toBe("pass");
        },
      ),
    );
  });
});
