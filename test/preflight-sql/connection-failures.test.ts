/**
 * What the SQL preflight does when it cannot check: every case throws CheckFailedError (exit 2) with one
 * paragraph naming the flag and the fix, never a partial report. Also the TDS 8.0 strict-encryption path.
 */
import { createServer } from "node:net";
import { CheckFailedError } from "../../src/support/errors";
import { runSqlPreflight } from "../../src/preflight/sql";
import { makeSelfSignedCert, type PemPair } from "./self-signed-cert";
import { scenarioWith, withSqlTestTarget } from "./sql-test-target";

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 0;
}

async function failure(run: Promise<unknown>): Promise<CheckFailedError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CheckFailedError);
  return error as CheckFailedError;
}

describe("runSqlPreflight when the server cannot be checked", () => {
  it("a refused login (error 18456)", async () => {
    await withSqlTestTarget(scenarioWith(), async ({ options }) => {
      const e = await failure(runSqlPreflight({ ...options, password: "not-the-password" }));
      expect(e.exitCode).toBe(2);
      expect(e.message).toBe(
        `SQL Server 127.0.0.1,${options.port} refused the login of entra-installer: Login failed for user 'entra-installer'. Check --user and the password (--password-env or --password-file), and that the instance accepts SQL logins (mixed-mode authentication).`,
      );
      expect(e.message).not.toContain("not-the-password");
    });
  });

  it("an unreachable port", async () => {
    const port = await closedPort();
    const e = await failure(runSqlPreflight({ host: "127.0.0.1", port, user: "u", password: "p", encryption: "off", timeoutSeconds: 5 }));
    expect(e.message).toBe(
      `Could not reach SQL Server 127.0.0.1,${port} while connecting: Failed to connect to 127.0.0.1:${port} - Could not connect (sequence) (connect ECONNREFUSED 127.0.0.1:${port}). Check --server (host and port), that TCP/IP is enabled on the instance, and that the firewall allows the connection.`,
    );
  });

  it("a server that never answers the PRELOGIN, within --timeout-seconds", async () => {
    await withSqlTestTarget(scenarioWith({ stall: "prelogin" }), async ({ options }) => {
      const e = await failure(runSqlPreflight({ ...options, timeoutSeconds: 1 }));
      expect(e.message).toBe(
        `SQL Server 127.0.0.1,${options.port} did not answer within 1 seconds while connecting (Failed to connect to 127.0.0.1:${options.port} in 1000ms). Check the host and port in --server, and that a firewall lets the connection through, or raise --timeout-seconds.`,
      );
    });
  });

  it("a server that never answers a query, within --timeout-seconds", async () => {
    await withSqlTestTarget(scenarioWith({ stall: "query" }), async ({ options }) => {
      const e = await failure(runSqlPreflight({ ...options, timeoutSeconds: 1 }));
      expect(e.message).toBe(
        `SQL Server 127.0.0.1,${options.port} did not answer within 1 seconds while reading the server facts (Timeout: Request failed to complete in 1000ms). Check the host and port in --server, and that a firewall lets the connection through, or raise --timeout-seconds.`,
      );
    });
  });

  it("a named instance the SQL Browser service does not resolve, within --timeout-seconds", async () => {
    const e = await failure(
      runSqlPreflight({ host: "127.0.0.1", instance: "SYNC", user: "u", password: "p", encryption: "off", timeoutSeconds: 1 }),
    );
    expect(e.message).toBe(
      "SQL Server 127.0.0.1\\SYNC did not answer within 1 seconds while connecting (Failed to connect to 127.0.0.1\\SYNC in 1000ms). Check the host in --server, --instance, and that the SQL Browser service answers, and that a firewall lets the connection through, or raise --timeout-seconds.",
    );
  });

  it("a server that does not offer TLS when encryption is mandatory: no LOGIN7 is ever sent (issue 14 item 2)", async () => {
    // [MS-TDS] 2.2.6.5: ENCRYPT_NOT_SUP (0x02) in the server's PRELOGIN answer means it will not encrypt; the
    // LOGIN7 that would follow carries the user and the (merely obfuscated) password, 2.2.6.4.
    // https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-tds/60f56408-0188-4cd5-8b90-25c6f2423868
    await withSqlTestTarget(scenarioWith(), async ({ server, options }) => {
      const e = await failure(runSqlPreflight({ ...options, encryption: "mandatory" }));
      expect(e.message).toBe(
        `SQL Server 127.0.0.1,${options.port} did not encrypt the session (its PRELOGIN answer says it does not support encryption), although --encryption is mandatory; no login was sent. Give the instance a TLS certificate, or use --encryption strict; --encryption off accepts this only for a lab server.`,
      );
      expect(server.logins).toEqual([]);
      expect(e.message).not.toContain(options.password);
    });
  });
});

describe("TDS 8.0 strict encryption (TLS first, ALPN tds/8.0)", () => {
  let pem: PemPair;
  beforeAll(() => {
    pem = makeSelfSignedCert("localhost", ["localhost", "127.0.0.1"]);
  });

  it("runs every check inside TLS when the certificate's issuer is trusted (--ca-file)", async () => {
    const report = await withSqlTestTarget(
      scenarioWith(),
      async ({ server, options }) => {
        const result = await runSqlPreflight({ ...options, encryption: "strict", trustedCaPem: pem.cert });
        // mssql logs in twice: a probe connection, then the pool's.
        expect(new Set(server.logins)).toEqual(new Set(["entra-installer"]));
        return result;
      },
      { tls: pem },
    );
    expect(report.summary).toEqual({ pass: 7, warn: 2, fail: 0, ready: true });
  });

  it("refuses --trust-server-certificate with strict: TDS 8.0 always verifies", async () => {
    await expect(
      runSqlPreflight({ host: "127.0.0.1", user: "u", password: "p", encryption: "strict", trustServerCertificate: true }),
    ).rejects.toThrow(
      "--trust-server-certificate does not apply with --encryption strict: TDS 8.0 always verifies the certificate. Give the issuing CA with --ca-file, or use --encryption mandatory.",
    );
  });

  it("refuses a self-signed certificate whose issuer is not given", async () => {
    await withSqlTestTarget(
      scenarioWith(),
      async ({ options }) => {
        const e = await failure(runSqlPreflight({ ...options, encryption: "strict" }));
        expect(e.message).toBe(
          `TLS with SQL Server 127.0.0.1,${options.port} failed: Failed to connect to 127.0.0.1:${options.port} - self-signed certificate. With --encryption strict the server must speak TDS 8.0 (SQL Server 2022) and present a certificate this machine trusts for the name in --server: give its issuing CA with --ca-file.`,
        );
      },
      { tls: pem },
    );
  });

  it("fails a strict client against a server that speaks plain TDS", async () => {
    await withSqlTestTarget(scenarioWith(), async ({ options }) => {
      const e = await failure(runSqlPreflight({ ...options, encryption: "strict", trustedCaPem: pem.cert, timeoutSeconds: 2 }));
      expect(e.message).toBe(
        `TLS with SQL Server 127.0.0.1,${options.port} failed: Failed to connect to 127.0.0.1:${options.port} - Client network socket disconnected before secure TLS connection was established. With --encryption strict the server must speak TDS 8.0 (SQL Server 2022) and present a certificate this machine trusts for the name in --server: give its issuing CA with --ca-file.`,
      );
    });
  });
});

describe("TLS negotiated inside PRELOGIN (--encryption mandatory, the default)", () => {
  let pem: PemPair;
  beforeAll(() => {
    pem = makeSelfSignedCert("localhost", ["localhost", "127.0.0.1"]);
  });

  it("logs in and runs every check inside TLS when the issuer is trusted (--ca-file)", async () => {
    await withSqlTestTarget(
      scenarioWith(),
      async ({ server, options }) => {
        const report = await runSqlPreflight({ ...options, trustedCaPem: pem.cert });
        expect(report.summary).toEqual({ pass: 7, warn: 2, fail: 0, ready: true });
        expect(server.logins.length).toBeGreaterThan(0);
        expect(server.encryptedLogins).toEqual(server.logins);
      },
      { preloginTls: pem },
    );
  });

  it("accepts the self-signed certificate with --trust-server-certificate", async () => {
    const report = await withSqlTestTarget(scenarioWith(), ({ options }) => runSqlPreflight({ ...options, trustServerCertificate: true }), {
      preloginTls: pem,
    });
    expect(report.summary.ready).toBe(true);
  });

  it("refuses the self-signed certificate otherwise", async () => {
    await withSqlTestTarget(
      scenarioWith(),
      async ({ server, options }) => {
        const e = await failure(runSqlPreflight(options));
        expect(e.message).toBe(
          `TLS with SQL Server localhost,${options.port} failed: Failed to connect to localhost:${options.port} - self-signed certificate. Give the instance a certificate this machine trusts, issued for the name in --server, or give its issuing CA with --ca-file; for a lab server only, pass --trust-server-certificate.`,
        );
        expect(server.logins).toEqual([]);
      },
      { preloginTls: pem },
    );
  });

  it("exits 2 when --encryption off meets a server that requires encryption", async () => {
    await withSqlTestTarget(
      scenarioWith(),
      async ({ options }) => {
        const e = await failure(runSqlPreflight({ ...options, encryption: "off" }));
        expect(e.message).toBe(
          `SQL Server localhost,${options.port} requires encryption, but --encryption off was given: use --encryption mandatory (the default) or strict.`,
        );
      },
      { preloginTls: pem },
    );
  });
});
