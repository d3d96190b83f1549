/** The SQL and network adapters, each run by the gate against a real loopback target. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GATE_SOURCES, parseGateConfig, runGate } from "../../src/gate";
import { InputError } from "../../src/support/errors";
import { scenarioWith, withSqlTestTarget } from "../preflight-sql/sql-test-target";

const gate = (data: Record<string, unknown>) => {
  const config = parseGateConfig(data, join(mkdtempSync(join(tmpdir(), "gate-src-")), "gate.yaml"), GATE_SOURCES);
  return runGate({ config, sources: GATE_SOURCES });
};

afterEach(() => {
  delete process.env.GATE_SQL_PW;
});

describe("sql: section", () => {
  it("runs the SQL preflight with the password from passwordEnv and files its checks under sql", async () => {
    await withSqlTestTarget(scenarioWith({ collation: "SQL_Latin1_General_CP1_CS_AS" }), async ({ server, options }) => {
      process.env.GATE_SQL_PW = options.password;
      const report = await gate({
        sql: { server: `127.0.0.1,${server.port}`, user: options.user, passwordEnv: "GATE_SQL_PW", encryption: "off", timeoutSeconds: 5 },
      });
      const sql = report.categories.find((c) => c.id === "sql");
      expect(sql?.status).toBe("fail");
      expect(sql?.checks.filter((c) => c.status === "fail").map((c) => c.requirement)).toEqual(["sql.collation"]);
      expect(sql?.checks.every((c) => c.source === "sql")).toBe(true);
      expect(JSON.stringify(report)).not.toContain(options.password);
      expect(report.exitCode).toBe(1);
    });
  });

  it("reads the password from passwordFile, relative to gate.yaml", async () => {
    await withSqlTestTarget(scenarioWith(), async ({ server, options }) => {
      const dir = mkdtempSync(join(tmpdir(), "gate-pwfile-"));
      writeFileSync(join(dir, "sql-password.txt"), `${options.password}\n`);
      const data = {
        sql: {
          server: `127.0.0.1,${server.port}`,
          user: options.user,
          passwordFile: "sql-password.txt",
          encryption: "off",
          timeoutSeconds: 5,
        },
      };
      const report = await runGate({ config: parseGateConfig(data, join(dir, "gate.yaml"), GATE_SOURCES), sources: GATE_SOURCES });
      expect(report.sources.find((r) => r.name === "sql")).toEqual({ name: "sql", state: "ran" });
      expect(report.categories.find((c) => c.id === "sql")?.status).not.toBe("not-checked");
    });
  });

  it("reports an unreachable server as could-not-check", async () => {
    process.env.GATE_SQL_PW = "pw";
    const report = await gate({
      sql: { server: "127.0.0.1,1", user: "installer", passwordEnv: "GATE_SQL_PW", encryption: "off", timeoutSeconds: 2 },
    });
    expect(report.sources.find((r) => r.name === "sql")).toMatchObject({ state: "could-not-check" });
    expect(report.categories.find((c) => c.id === "sql")?.reason).toMatch(
      /(^|; )sql: could not check \(Could not reach SQL Server 127\.0\.0\.1,1 .+\)$/,
    );
    expect(report.exitCode).toBe(2);
  });

  it("needs exactly one password reference", () => {
    expect(() => parseGateConfig({ sql: { server: "db1", user: "u" } }, "gate.yaml", GATE_SOURCES)).toThrow(
      new InputError("gate.yaml has a bad field (see docs/gate.md for the schema):\n  sql: give exactly one of passwordEnv, passwordFile"),
    );
  });
});

describe("network: section", () => {
  it("probes the DC ports on loopback and files the result under network", async () => {
    const report = await gate({
      network: { dcs: ["127.0.0.1"], domain: "contoso.test", includeCatalogueEndpoints: false, timeoutMs: 300 },
    });
    const network = report.categories.find((c) => c.id === "network");
    expect(network?.checks.map((c) => `${c.source}/${c.requirement}`)).toEqual(["network/network.dc-ports"]);
    expect(network?.status).toBe("fail");
    expect(report.sources).toContainEqual({ name: "network", state: "ran" });
  });

  it("probes the endpoints through the proxy named in proxy:", async () => {
    const report = await gate({
      network: {
        dcs: [],
        endpoints: ["https://login.microsoftonline.com"],
        includeCatalogueEndpoints: false,
        proxy: "http://127.0.0.1:1",
        timeoutMs: 300,
      },
    });
    const network = report.categories.find((c) => c.id === "network");
    expect(network?.checks.map((c) => `${c.id}/${c.status}`)).toEqual(["entra-endpoints/fail", "tls-inspection/warn"]);
    expect(network?.checks[0]?.message).toBe(
      "1 of 1 endpoints are unreachable from this server: https://login.microsoftonline.com/ (the proxy 127.0.0.1:1 could not be reached (ECONNREFUSED)). Allow outbound HTTPS (and HTTP for CRL/OCSP) to them in the firewall, or through the proxy Entra Connect is configured with (these probes went through --proxy http://127.0.0.1:1); requirement network.entra-endpoints: Outbound HTTPS to the Entra ID endpoints.",
    );
  });

  it("refuses a DC list that is missing", () => {
    expect(() => parseGateConfig({ network: { domain: "contoso.test" } }, "gate.yaml", GATE_SOURCES)).toThrow(
      /^gate\.yaml has a bad field .*\n {2}network: missing the field dcs$/,
    );
  });
});
