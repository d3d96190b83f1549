/** The TDS test server itself, through the real mssql driver: it must be honest before it proves anything. */
import sql from "mssql";
import { SQL_PREFLIGHT_QUERIES } from "../../src/requirements";
import { COMPLIANT_SCENARIO, type TdsScenario } from "./tds/scenario";
import { startTdsServer, type TdsTestServer } from "./tds/tds-server";

async function connect(server: TdsTestServer, scenario: TdsScenario, password = scenario.login.password): Promise<sql.ConnectionPool> {
  const pool = new sql.ConnectionPool({
    server: "127.0.0.1",
    port: server.port,
    user: scenario.login.user,
    password,
    connectionTimeout: 5000,
    requestTimeout: 5000,
    validateConnection: "socket",
    options: { encrypt: false },
  });
  return pool.connect();
}

/** Runs `body` on a fresh pool to the server, closing the pool afterwards. */
async function withPool<T>(server: TdsTestServer, body: (pool: sql.ConnectionPool) => Promise<T>): Promise<T> {
  const pool = await connect(server, COMPLIANT_SCENARIO);
  try {
    return await body(pool);
  } finally {
    await pool.close();
  }
}

describe("TDS test server", () => {
  let server: TdsTestServer;
  beforeAll(async () => {
    server = await startTdsServer(COMPLIANT_SCENARIO);
  });
  afterAll(() => server.close());

  it("logs in and answers a catalogue query sent as sp_executesql with its parameters", async () => {
    await withPool(server, async (pool) => {
      const result = await pool
        .request()
        .input("configName", sql.NVarChar, "max server memory (MB)")
        .query<{ maxServerMemoryMb: string | number }>(SQL_PREFLIGHT_QUERIES.maxServerMemory.text);
      expect(result.recordset.map((r) => Number(r.maxServerMemoryMb))).toEqual([28672]);
      expect(server.received.at(-1)).toEqual({
        text: SQL_PREFLIGHT_QUERIES.maxServerMemory.text,
        parameters: { configName: "max server memory (MB)" },
      });
    });
  });

  it("evaluates the parameter: another configuration name matches no row", async () => {
    await withPool(server, async (pool) => {
      const result = await pool
        .request()
        .input("configName", sql.NVarChar, "no such option")
        .query(SQL_PREFLIGHT_QUERIES.maxServerMemory.text);
      expect(result.recordset).toEqual([]);
    });
  });

  it("answers a SQL batch and returns several rows", async () => {
    await withPool(server, async (pool) => {
      const result = await pool.request().batch<{ name: string }>(SQL_PREFLIGHT_QUERIES.databases.text);
      expect(result.recordset.map((r) => r.name)).toEqual(["master", "tempdb", "model", "msdb"]);
    });
  });

  it("fails an unknown statement with an ERROR token", async () => {
    await withPool(server, async (pool) => {
      await expect(pool.request().query("SELECT secret FROM somewhere")).rejects.toMatchObject({
        number: 2812,
        message: "TDS test server: unknown statement: SELECT secret FROM somewhere",
      });
    });
  });

  it("fails a catalogue query whose parameter was not sent", async () => {
    await withPool(server, async (pool) => {
      await expect(pool.request().query(SQL_PREFLIGHT_QUERIES.maxServerMemory.text)).rejects.toMatchObject({
        number: 137,
        message: 'Must declare the scalar variable "@configName".',
      });
    });
  });

  it("refuses a wrong password with error 18456", async () => {
    await expect(connect(server, COMPLIANT_SCENARIO, "wrong")).rejects.toMatchObject({
      code: "ELOGIN",
      message: "Login failed for user 'entra-installer'.",
    });
  });
});
