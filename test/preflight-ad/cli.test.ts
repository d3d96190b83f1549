/** `entra-gate preflight ad`: argv to options, every bad-input message, and runs against the Samba DC (exit codes, outputs). */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adPlanFromFlags, type AdFlags } from "../../src/cli/commands/preflight-ad";
import { InputError } from "../../src/support/errors";
import { buildProgram, run } from "../../src/cli/main";
import { describeWithDc, type TestDc } from "../support/samba/dc";
import { startFakeLdapServer } from "./fake-ldap-server";

/** The objects under OU=Seed (test/support/samba/seed.ldif): all of them size the server; the default sync rules' scope. */
const SEED_COUNTS = {
  users: 36,
  groups: 5,
  contacts: 8,
  computers: 3,
  total: 52,
  wouldSync: { users: 31, groups: 4, contacts: 7, computers: 1, total: 43 },
  outOfScope: {
    "sync service account": 1,
    "Exchange system account": 3,
    "Exchange system recipient type": 1,
    "contact not mail-enabled": 1,
    "distribution group not mail-enabled": 1,
    "computer without userCertificate": 2,
  },
};

const DEFAULTS: AdFlags = {
  url: "ldaps://dc01.corp.example.com",
  bindDn: "svc@corp.example.com",
  verifiedDomain: [],
  format: "text",
  allowInsecureBind: false,
  connectTimeoutMs: "10000",
  timeoutMs: "120000",
  pageSize: "1000",
  limit: "50",
};

describe("adPlanFromFlags", () => {
  it("maps the flags to preflight options", () => {
    expect(
      adPlanFromFlags({
        ...DEFAULTS,
        verifiedDomain: ["Contoso.com"],
        caFile: "ca.pem",
        baseDn: "",
        format: "json",
        outLdif: "f.ldif",
        writeConfig: "s.yaml",
      }),
    ).toEqual({
      format: "json",
      limit: 50,
      outLdif: "f.ldif",
      writeConfig: "s.yaml",
      options: {
        url: "ldaps://dc01.corp.example.com",
        bindDn: "svc@corp.example.com",
        caFile: "ca.pem",
        baseDn: "",
        verifiedDomains: ["contoso.com"],
        allowInsecureBind: false,
        connectTimeoutMs: 10000,
        timeoutMs: 120000,
        pageSize: 1000,
      },
    });
  });

  it.each([
    [{ url: undefined }, "--url is required: name a DC or Global Catalog, e.g. --url ldaps://dc01.corp.example.com (port 3269)."],
    [{ bindDn: undefined }, "--bind-dn is required: the account to bind as, e.g. --bind-dn svc-preflight@corp.example.com."],
    [{ format: "xml" }, "--format xml: choose text, json or csv."],
    [
      { verifiedDomain: ["contoso"] },
      "--verified-domain contoso: not a DNS domain name. Give each verified tenant domain, e.g. --verified-domain contoso.com.",
    ],
    [{ pageSize: "0" }, "--page-size 0: give a whole number from 1 to 10000."],
    [{ limit: "-1" }, "--limit -1: give a whole number from 0 to 1000000."],
    [{ timeoutMs: "1.5" }, "--timeout-ms 1.5: give a whole number from 100 to 3600000."],
    [{ connectTimeoutMs: "soon" }, "--connect-timeout-ms soon: give a whole number from 100 to 600000."],
  ])("refuses %j", (flags, message) => {
    expect(() => adPlanFromFlags({ ...DEFAULTS, ...flags })).toThrow(new InputError(message));
  });
});

describe("preflight ad --help", () => {
  it("names the catalogue's Global Catalog and domain ports", async () => {
    const program = await buildProgram(["node", "entra-gate", "preflight", "ad"]);
    const ad = program.commands.find((c) => c.name() === "preflight")?.commands.find((c) => c.name() === "ad");
    const help = (ad?.helpInformation() ?? "").replace(/\s+/g, " ");
    expect(help).toContain("ldaps://host[:port] or ldap://host[:port] (StartTLS); default port: the Global Catalog (3269 / 3268)");
    expect(help).toContain(`search base (default: the whole forest "" on the GC, the DC's domain on 389/636)`);
  });
});

/** Runs the CLI in process and captures what it prints. */
async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  Object.assign(process.env, env);
  try {
    const code = await run(["node", "entra-gate", ...argv]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const k of Object.keys(env)) delete process.env[k];
    process.exitCode = undefined;
  }
}

describe("preflight ad against a server that stalls the StartTLS handshake", () => {
  it("exits 2 within --connect-timeout-ms, and the password is neither sent nor printed (issue 14 item 5)", async () => {
    const server = await startFakeLdapServer("starttls-stall");
    const password = "stall-Secret-7c1e";
    try {
      const argv = ["preflight", "ad", "--url", server.url, "--bind-dn", "cn=admin", "--password-env", "AD_TEST_PASSWORD"];
      const r = await cli([...argv, "--base-dn", "DC=fake,DC=test", "--connect-timeout-ms", "300"], { AD_TEST_PASSWORD: password });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/did not complete the TLS handshake within 300 ms \(--connect-timeout-ms\)/);
      expect(r.stderr).not.toContain(password);
      // The StartTLS request did reach the server; the simple bind (and its password) never did.
      expect(server.received().length).toBeGreaterThan(0);
      expect(server.received().includes(Buffer.from(password))).toBe(false);
    } finally {
      await server.stop();
    }
  }, 10_000);
});

describeWithDc("preflight ad against the Samba DC", (dc) => {
  const base = (d: TestDc): string[] => [
    "preflight",
    "ad",
    "--url",
    `ldaps://${d.host}`,
    "--bind-dn",
    d.bindDn,
    "--password-env",
    "AD_TEST_PASSWORD",
    "--ca-file",
    d.caFile,
  ];
  const env = (d: TestDc) => ({ AD_TEST_PASSWORD: d.password });
  const seed = ["--base-dn", "OU=Seed,DC=corp,DC=example,DC=com", "--verified-domain", "contoso.com"];

  it("exits 1 with findings, prints JSON of the documented shape, writes the LDIF and the stack file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "preflight-ad-cli-"));
    const stack = join(dir, "Pulumi.prod.yaml");
    writeFileSync(
      stack,
      "# prod stack\nconfig:\n  # sized by the preflight\n  entra-connect-gate:objectCount: 1\n  entra-connect-gate:location: westeurope\n",
    );
    const ldif = join(dir, "fixes.ldif");
    const r = await cli([...base(dc()), ...seed, "--format", "json", "--out-ldif", ldif, "--write-config", stack], env(dc()));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(["checks", "counts", "sizing", "findings", "summary"]);
    expect(report.counts).toEqual(SEED_COUNTS);
    expect(readFileSync(stack, "utf8")).toBe(
      "# prod stack\nconfig:\n  # sized by the preflight\n  entra-connect-gate:objectCount: 52\n  entra-connect-gate:location: westeurope\n  entra-connect-gate:database: localdb\n",
    );
    const fixes = readFileSync(ldif, "utf8");
    expect(fixes).toContain(
      [
        "# proxyAddresses: character",
        "dn: CN=Proxy Problems,OU=Seed,DC=corp,DC=example,DC=com",
        "changetype: modify",
        "delete: proxyAddresses",
        "proxyAddresses:: c210cDpqb3PDqUBjb250b3NvLmNvbQ==",
        "-",
        "add: proxyAddresses",
        "proxyAddresses: smtp:jose@contoso.com",
        "-",
      ].join("\n"),
    );
    expect(fixes).toContain(
      '# CN=Dup Mail One,OU=Seed,DC=corp,DC=example,DC=com mail "shared.mail@contoso.com": duplicate (also CN=Dup Mail Two,OU=Seed,DC=corp,DC=example,DC=com)',
    );
    expect(r.stdout).not.toContain(dc().password);
  });

  it("shows the scan's progress with objects per second on stderr when stderr is a terminal", async () => {
    const wasTty = process.stderr.isTTY;
    process.stderr.isTTY = true;
    try {
      const r = await cli([...base(dc()), ...seed, "--format", "json"], env(dc()));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`Scanning ldaps://${dc().host} | 0 objects | 0 objects/s`);
      expect(r.stderr).not.toContain(dc().password);
      expect((JSON.parse(r.stdout) as { counts: unknown }).counts).toEqual(SEED_COUNTS);
    } finally {
      process.stderr.isTTY = wasTty;
    }
  });

  it("exits 0 on a clean base and prints the text report", async () => {
    const r = await cli([...base(dc()), "--base-dn", "CN=Computers,DC=corp,DC=example,DC=com"], env(dc()));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("PASS  directory-data: 0 users, contacts and groups read (0 skipped): no findings.");
    // (pass and warn counts vary while samba-preflight.test.ts toggles the Recycle Bin on the shared DC)
    expect(r.stdout).toMatch(/Result: ready \(\d pass, \d warn, 0 fail\)\n$/);
  });

  it("prints the findings as CSV", async () => {
    const r = await cli([...base(dc()), ...seed, "--format", "csv"], env(dc()));
    const lines = r.stdout.split("\r\n");
    expect(lines[0]).toBe("dn,objectClass,attribute,value,errors,suggestion,related");
    expect(lines).toContain('"CN=Holly Space,OU=Seed,DC=corp,DC=example,DC=com",user,mail,holly @contoso.com,character,holly@contoso.com,');
    // 13: the seed's X500 value with spaces and parentheses is no finding (issue 11).
    expect(lines.filter((l) => l.includes(",proxyAddresses,"))).toHaveLength(13);
  });

  it("exits 2 with one clear message on a wrong password, and never prints it", async () => {
    const r = await cli(base(dc()), { AD_TEST_PASSWORD: "not-the-password" });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `entra-gate: bind as ${dc().bindDn}: ldaps://${dc().host}:3269 refused the bind (invalid credentials). Check --bind-dn and the password.\n`,
    );
    expect(r.stderr).not.toContain("not-the-password");
  });

  it("exits 2 on bad input before connecting", async () => {
    const r = await cli([...base(dc()), "--format", "xml"], env(dc()));
    expect(r).toEqual({ code: 2, stdout: "", stderr: "entra-gate: --format xml: choose text, json or csv.\n" });
  });

  it("refuses a stack file that is not YAML before scanning", async () => {
    const stack = join(mkdtempSync(join(tmpdir(), "preflight-ad-cli-")), "bad.yaml");
    writeFileSync(stack, "config: [unclosed\n");
    const r = await cli([...base(dc()), "--write-config", stack], env(dc()));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^entra-gate: --write-config ${stack}: not valid YAML \\(.+\\)\\. Fix the file or name another one\\.\\n$`),
    );
  });
});
