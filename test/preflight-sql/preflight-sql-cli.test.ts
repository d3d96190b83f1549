/**
 * `entra-gate preflight sql` end to end (argv to exit code and output) against the TDS test server, and
 * every refusal of bad input with its exact message and exit 2.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { makeSelfSignedCert } from "./self-signed-cert";
import { scenarioWith, withSqlTestTarget } from "./sql-test-target";

const PASSWORD_ENV = "ENTRA_GATE_TEST_SQL_PASSWORD";

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: readonly string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const out = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await run(["node", "entra-gate", "preflight", "sql", ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

beforeEach(() => {
  process.exitCode = undefined;
});

describe("preflight sql against the TDS test server", () => {
  const scenario = scenarioWith({ windowsLogins: [{ name: "CORP\\alice", ownLogin: true, serverRoles: ["sysadmin"] }] });
  beforeAll(() => {
    process.env[PASSWORD_ENV] = scenario.login.password;
  });
  afterAll(() => {
    delete process.env[PASSWORD_ENV];
  });

  function argsFor(port: number, ...extra: string[]): string[] {
    return ["--server", `127.0.0.1,${port}`, "--user", scenario.login.user, "--password-env", PASSWORD_ENV, ...extra];
  }

  it("prints the JSON report and exits 0 when ready", async () => {
    const result = await withSqlTestTarget(scenario, ({ options }) =>
      cli(
        argsFor(
          options.port ?? 0,
          "--encryption",
          "off",
          "--co-located",
          "--installer-login",
          "CORP\\alice",
          "--service-login",
          "CORP\\svc-adsync$",
          "--format",
          "json",
        ),
      ),
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as {
      checks: { id: string; status: string; message: string; requirement: string }[];
      server: Record<string, unknown>;
      summary: unknown;
    };
    expect(Object.keys(report)).toEqual(["checks", "server", "summary"]);
    expect(report.checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      "sql-version:pass",
      "sql-engine:pass",
      "sql-collation:pass",
      "sql-transport:pass",
      "sql-dedicated:pass",
      "sql-max-memory:pass",
      "sql-permissions:pass",
      "sql-installer-login:pass",
      "sql-service-login:pass",
    ]);
    expect(report.server["productVersion"]).toBe("16.0.4135.4");
    expect(report.summary).toEqual({ pass: 9, warn: 0, fail: 0, ready: true });
    expect(result.stdout).not.toContain(scenario.login.password);
  });

  it("prints the text report and exits 1 when a check fails", async () => {
    const result = await withSqlTestTarget(scenarioWith({ collation: "SQL_Latin1_General_CP1_CS_AS" }), ({ options }) =>
      cli(argsFor(options.port ?? 0, "--encryption", "off")),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "  [FAIL] sql-collation: Server collation SQL_Latin1_General_CP1_CS_AS is not case-insensitive (no _CI_). The server collation is chosen at setup: use an instance installed with a _CI_ collation such as SQL_Latin1_General_CP1_CI_AS. (requirement sql.collation: Case-insensitive (_CI_) SQL collation)\n",
    );
    expect(result.stdout.split("\n").at(-2)).toBe("Summary: 6 pass, 2 warn, 1 fail: not ready");
  });

  it("exits 2 with one message and no report when the login is refused", async () => {
    const result = await withSqlTestTarget(
      scenarioWith({ login: { user: scenario.login.user, password: "another" } }),
      async ({ options }) => ({
        port: options.port,
        ...(await cli(argsFor(options.port ?? 0, "--encryption", "off"))),
      }),
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `entra-gate: SQL Server 127.0.0.1,${result.port} refused the login of entra-installer: Login failed for user 'entra-installer'. Check --user and the password (--password-env or --password-file), and that the instance accepts SQL logins (mixed-mode authentication).\n`,
    );
  });

  it("runs over TDS 8.0 with --encryption strict and --ca-file", async () => {
    const pem = makeSelfSignedCert("localhost", ["localhost", "127.0.0.1"]);
    const dir = mkdtempSync(join(tmpdir(), "sql-ca-"));
    try {
      writeFileSync(join(dir, "ca.pem"), pem.cert);
      const result = await withSqlTestTarget(
        scenario,
        ({ options }) => cli(argsFor(options.port ?? 0, "--encryption", "strict", "--ca-file", join(dir, "ca.pem"))),
        { tls: pem },
      );
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("preflight sql refuses bad input with exit 2", () => {
  const base = ["--user", "sa", "--password-env", "ENTRA_GATE_TEST_UNSET_VARIABLE"];
  it.each<[string[], string]>([
    [["--user", "sa"], "--server is required: give the SQL Server as HOST or HOST,PORT."],
    [["--server", "sql01"], "--user is required: give the SQL login the preflight connects with."],
    [["--server", "sql01,99999", ...base], '--server "sql01,99999": the port after the comma must be a whole number from 1 to 65535.'],
    [
      ["--server", "sql01,1433,1", ...base],
      '--server "sql01,1433,1": give a host name or address, optionally with a port after a comma, e.g. sql01.corp.example,1433.',
    ],
    [["--server", "sql01\\SYNC", ...base], '--server "sql01\\SYNC": give the instance with --instance SYNC, not after a backslash.'],
    [
      ["--server", "sql01,1433", "--instance", "SYNC", ...base],
      "--instance SYNC and a port in --server were both given: a named instance is found through the SQL Browser service, so give either --instance or HOST,PORT.",
    ],
    [
      ["--server", "sql01", "--instance", "bad name", ...base],
      '--instance "bad name": an instance name is 1 to 16 letters, digits, _, $ or #, starting with a letter or _.',
    ],
    [
      ["--server", "sql01", "--server-memory-gb", "32", ...base],
      "--server-memory-gb applies only with --co-located: add --co-located if SQL Server shares the sync server, or drop it.",
    ],
    [
      ["--server", "sql01", "--co-located", "--server-memory-gb", "lots", ...base],
      "--server-memory-gb lots: give the shared server's RAM in GB, a number above 0.",
    ],
    [["--server", "sql01", "--timeout-seconds", "0", ...base], "--timeout-seconds 0: give a number of seconds, a number above 0."],
    [
      ["--server", "sql01", "--timeout-seconds", "3600", ...base],
      "--timeout-seconds 3600: give a number of seconds above 0 and at most 600.",
    ],
    [["--server", "sql01", "--format", "xml", ...base], "--format xml: choose text or json."],
    [
      ["--server", "sql01", "--installer-login", "alice@corp.example", ...base],
      '--installer-login "alice@corp.example": give the Windows account as SQL Server names its login, DOMAIN\\name (the NetBIOS domain, a backslash, the sAMAccountName; a gMSA ends in $), e.g. CORP\\svc-adsync$.',
    ],
    [["--server", "sql01", "--encryption", "maybe", ...base], "--encryption maybe: choose strict, mandatory, off."],
    [
      ["--server", "sql01", "--encryption", "strict", "--trust-server-certificate", ...base],
      "--trust-server-certificate does not apply with --encryption strict: TDS 8.0 always verifies the certificate. Give the issuing CA with --ca-file, or use --encryption mandatory.",
    ],
    [
      ["--server", "sql01", "--ca-file", "/nonexistent/ca.pem", ...base],
      "--ca-file /nonexistent/ca.pem: cannot read it (ENOENT). Give a readable PEM file with the CA that issued the server's certificate.",
    ],
    [
      ["--server", "sql01", ...base],
      "--password-env ENTRA_GATE_TEST_UNSET_VARIABLE: that environment variable is not set or is empty. Export the SQL password in it, or use --password-file.",
    ],
  ])("%j", async (args, message) => {
    const result = await cli(args);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `entra-gate: ${message}\n` });
  });
});
