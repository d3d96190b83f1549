/**
 * The SQL preflight against a real SQL Server, when MSSQL_TEST_CONNECTION holds an ADO-style connection string
 * such as "Server=sql01.corp.example,1433;User Id=entra-installer;Password=...;Encrypt=true". Without it the
 * suite is skipped, and its title says why.
 */
import sql from "mssql";
import { runSqlPreflight, SQL_CHECK_IDS, type SqlPreflightOptions } from "../../src/preflight/sql";
import { SQL_MAJOR_VERSIONS, sqlVersionVerdict } from "../../src/requirements";

const CONNECTION = process.env["MSSQL_TEST_CONNECTION"];

/** The preflight options a connection string names (mssql's own parser; "Encrypt=strict" kept as strict). */
function optionsFromConnectionString(connection: string): SqlPreflightOptions {
  const config = sql.ConnectionPool.parseConnectionString(connection);
  const instance = config.options.instanceName;
  const strict = /(^|;)\s*encrypt\s*=\s*strict\s*(;|$)/i.test(connection);
  return {
    host: config.server,
    port: instance === undefined ? config.port : undefined,
    instance,
    user: config.user ?? "",
    password: config.password ?? "",
    encryption: strict ? "strict" : config.options.encrypt === false ? "off" : "mandatory",
    trustServerCertificate: !strict && config.options.trustServerCertificate === true,
    timeoutSeconds: 30,
  };
}

const live = CONNECTION ? describe : describe.skip;
if (!CONNECTION) {
  console.info(
    "preflight sql live test skipped: MSSQL_TEST_CONNECTION is not set. Set it to a connection string such as Server=HOST,PORT;User Id=LOGIN;Password=...;Encrypt=true to prove the checks against a real SQL Server.",
  );
}

live(
  CONNECTION
    ? "preflight sql against the live server of MSSQL_TEST_CONNECTION"
    : "preflight sql live test (skipped: MSSQL_TEST_CONNECTION is not set)",
  () => {
    it("reads every fact and answers every check with a cited finding", async () => {
      const report = await runSqlPreflight(optionsFromConnectionString(CONNECTION ?? ""));
      expect(report.checks.map((c) => c.id)).toEqual([...SQL_CHECK_IDS]);
      for (const c of report.checks) {
        expect(["pass", "warn", "fail"]).toContain(c.status);
        if (c.status !== "pass") expect(c.message).toContain(`(requirement ${c.requirement}: `);
      }
      const s = report.server;
      expect(s.productVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(s.majorVersion).toBe(Number(s.productVersion.split(".")[0]));
      expect(s.collation).not.toBe("");
      expect(s.netTransport).toBe("TCP");
      expect(s.databases).toEqual(expect.arrayContaining(["master", "tempdb"]));
      expect(s.maxServerMemoryMb).toBeGreaterThan(0);
      const version = SQL_MAJOR_VERSIONS[s.majorVersion];
      const versionCheck = report.checks[0];
      if (version === undefined || sqlVersionVerdict(version).status === "refused") expect(versionCheck?.status).toBe("fail");
      expect(report.summary.ready).toBe(report.checks.every((c) => c.status !== "fail"));
    });
  },
);
