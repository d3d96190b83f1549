/**
 * gate.yaml `sql: caFile` (issue 14 item 16): a private CA is trusted without `trustServerCertificate`; the file
 * is resolved from gate.yaml's folder and refused, naming the field, when unreadable or not PEM.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GATE_SOURCES, parseGateConfig, runGate } from "../../src/gate";
import { InputError } from "../../src/support/errors";
import { makeSelfSignedCert, type PemPair } from "./self-signed-cert";
import { scenarioWith, withSqlTestTarget } from "./sql-test-target";

const PASSWORD_ENV = "GATE_SQL_CA_PW";
let dir: string;
let pem: PemPair;

beforeAll(() => {
  pem = makeSelfSignedCert("localhost", ["localhost", "127.0.0.1"]);
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "gate-sql-ca-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  delete process.env[PASSWORD_ENV];
});

function gate(sql: Record<string, unknown>): ReturnType<typeof runGate> {
  const config = parseGateConfig(
    { sql: { user: "entra-installer", passwordEnv: PASSWORD_ENV, timeoutSeconds: 5, ...sql } },
    join(dir, "gate.yaml"),
    GATE_SOURCES,
  );
  return runGate({ config, sources: GATE_SOURCES });
}

describe("gate.yaml sql.caFile", () => {
  it("trusts the server's certificate through the CA given, under the default mandatory encryption", async () => {
    writeFileSync(join(dir, "sql-ca.pem"), pem.cert);
    await withSqlTestTarget(
      scenarioWith({ windowsLogins: [{ name: "CORP\\alice", ownLogin: true, serverRoles: ["sysadmin"] }] }),
      async ({ server, options }) => {
        process.env[PASSWORD_ENV] = options.password;
        const report = await gate({
          server: `localhost,${server.port}`,
          caFile: "sql-ca.pem",
          installerLogin: "CORP\\alice",
          serviceLogin: "CORP\\svc-adsync$",
        });
        expect(report.sources.find((r) => r.name === "sql")).toEqual({ name: "sql", state: "ran" });
        expect(report.categories.find((c) => c.id === "sql")?.status).toBe("pass");
        expect(server.logins.length).toBeGreaterThan(0);
        expect(server.encryptedLogins).toEqual(server.logins);
      },
      { preloginTls: pem },
    );
  });

  it("without it the self-signed certificate is refused (could not check)", async () => {
    await withSqlTestTarget(
      scenarioWith(),
      async ({ server, options }) => {
        process.env[PASSWORD_ENV] = options.password;
        const report = await gate({ server: `localhost,${server.port}` });
        expect(report.sources.find((r) => r.name === "sql")).toMatchObject({ state: "could-not-check" });
        expect(server.logins).toEqual([]);
      },
      { preloginTls: pem },
    );
  });

  it("refuses a file that holds no PEM certificate, naming the field", async () => {
    writeFileSync(join(dir, "not-a-ca.pem"), "just text\n");
    process.env[PASSWORD_ENV] = "pw";
    await expect(gate({ server: "127.0.0.1,1", caFile: "not-a-ca.pem" })).rejects.toThrow(
      new InputError(
        `gate.yaml sql.caFile ${join(dir, "not-a-ca.pem")}: no PEM certificate in it. Give the CA that issued the server's certificate as a PEM file (-----BEGIN CERTIFICATE-----).`,
      ),
    );
  });

  it("refuses a file that cannot be read, naming the field", async () => {
    process.env[PASSWORD_ENV] = "pw";
    await expect(gate({ server: "127.0.0.1,1", caFile: "missing.pem" })).rejects.toThrow(
      new InputError(
        `gate.yaml sql.caFile ${join(dir, "missing.pem")}: cannot read it (ENOENT). Give a readable PEM file with the CA that issued the server's certificate.`,
      ),
    );
  });
});
