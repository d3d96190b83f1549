import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GATE_SOURCES, parseGateConfig, runGate, type GateSource } from "../../src/gate";
import { cloudSource } from "../../src/gate/sources/cloud";
import { CheckFailedError, InputError } from "../../src/support/errors";
import { compliantTenant, startGraphTestServer, type GraphTestServer } from "../preflight-cloud/graph-test-server";
import { fakeSource } from "./fake-source";

const TOKEN = "gate-test-token";
const NOW = new Date("2026-11-27T12:00:00Z");
let server: GraphTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  delete process.env.GATE_TEST_GRAPH_TOKEN;
});

const adChecks = fakeSource("ad", ["active-directory"], {
  checks: [
    {
      id: "forest-functional-level",
      status: "pass",
      message: "Forest functional level 7.",
      requirement: "ad.forest-functional-level",
      category: "active-directory",
    },
    {
      id: "recycle-bin",
      status: "warn",
      message: "AD Recycle Bin is off. Fix: Enable-ADOptionalFeature.",
      requirement: "ad.recycle-bin",
      category: "active-directory",
    },
  ],
  facts: { objectCount: 120_000, objectCountSource: "ad" },
  directoryFindings: [
    {
      distinguishedName: "CN=A,DC=contoso,DC=com",
      objectClass: "user",
      attribute: "mail",
      value: "a b@contoso.com",
      kinds: ["character"],
      fix: "ab@contoso.com",
    },
  ],
});

async function gateWith(sources: readonly GateSource[], data: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), "gate-run-"));
  return runGate({ config: parseGateConfig(data, join(dir, "gate.yaml"), sources), sources, now: NOW });
}

describe("runGate", () => {
  it("files checks under their categories, marks the rest not checked with the reason, and passes the object count forward", async () => {
    server = await startGraphTestServer(compliantTenant(), TOKEN);
    const dir = mkdtempSync(join(tmpdir(), "gate-ca-"));
    writeFileSync(join(dir, "graph-ca.pem"), server.ca);
    process.env.GATE_TEST_GRAPH_TOKEN = TOKEN;
    const sources = [adChecks, cloudSource];
    const config = parseGateConfig(
      {
        ad: { target: "dc1" },
        cloud: {
          graphUrl: server.url,
          tokenEnv: "GATE_TEST_GRAPH_TOKEN",
          caFile: "graph-ca.pem",
          installer: "installer@contoso.com",
          upnSuffixes: ["contoso.com", "fabrikam.com"],
        },
      },
      join(dir, "gate.yaml"),
      sources,
    );
    const report = await runGate({ config, sources, now: NOW });
    const status = Object.fromEntries(report.categories.map((c) => [c.id, c.status]));
    expect(status).toEqual({
      version: "not-checked",
      cloud: "warn",
      "install-account": "pass",
      "active-directory": "warn",
      "soft-hard-match": "pass",
      tier0: "not-checked",
      "server-os": "not-checked",
      sql: "not-checked",
      network: "not-checked",
      sizing: "not-checked",
    });
    const cloud = report.categories.find((c) => c.id === "cloud");
    expect(cloud?.checks.map((c) => `${c.source}/${c.id}/${c.status}`)).toEqual([
      "cloud/cloud-verified-domain/pass",
      "cloud/cloud-upn-suffix-coverage/warn",
      "cloud/cloud-object-limit/pass",
    ]);
    expect(cloud?.checks[1]?.message).toMatch(/^UPN suffixes not verified in the tenant: fabrikam\.com /);
    expect(report.categories.find((c) => c.id === "sql")?.reason).toBe("No source of this gate checks this category.");
    expect(report.sizing).toEqual({
      objectCount: 120_000,
      objectCountSource: "ad",
      tier: "t3-100k-300k",
      ramGb: 32,
      diskGb: 300,
      database: "sql",
      fullSqlRecommended: false,
      vmSize: "Standard_D8s_v5",
    });
    expect(report.directoryFindings).toHaveLength(1);
    expect(report.summary).toEqual({ pass: 2, warn: 2, fail: 0, planned: 0, "not-checked": 6 });
    // Six categories have no observed evidence: incomplete (exit 3), each with the section that would cover it.
    expect(report.verdict).toBe("incomplete");
    expect(report.exitCode).toBe(3);
    expect(report.uncovered.map((u) => u.category)).toEqual(["version", "tier0", "server-os", "sql", "network", "sizing"]);
    expect(report.generatedAt).toBe("2026-11-27T12:00:00.000Z");
    expect(JSON.stringify(report)).not.toContain(TOKEN);
  });

  it("is not ready (exit 1) when any check fails", async () => {
    const failing = fakeSource("net", ["network"], {
      checks: [{ id: "dc-ports", status: "fail", message: "389/tcp closed.", requirement: "network.dc-ports", category: "network" }],
    });
    const report = await gateWith([failing], { net: { target: "dc1" } });
    expect(report.verdict).toBe("not-ready");
    expect(report.exitCode).toBe(1);
    expect(report.categories.find((c) => c.id === "network")?.status).toBe("fail");
  });

  it("reports a source that could not check, and exits 2 when nothing failed", async () => {
    const broken = fakeSource("ad", ["active-directory"], new CheckFailedError("Cannot reach ldaps://dc1:636: ECONNREFUSED."));
    const skipped = fakeSource("sql", ["sql"], { checks: [] });
    const report = await gateWith([broken, skipped], { ad: { target: "dc1" } });
    expect(report.sources).toEqual([
      { name: "ad", state: "could-not-check", detail: "Cannot reach ldaps://dc1:636: ECONNREFUSED." },
      { name: "sql", state: "skipped", detail: `no sql: section in ${report.configPath}` },
    ]);
    expect(report.categories.find((c) => c.id === "active-directory")?.reason).toBe(
      "ad: could not check (Cannot reach ldaps://dc1:636: ECONNREFUSED.)",
    );
    expect(report.categories.find((c) => c.id === "sql")?.reason).toBe(`sql: skipped (no sql: section in ${report.configPath})`);
    expect(report.verdict).toBe("could-not-check");
    expect(report.exitCode).toBe(2);
  });

  it("stops on bad input in a section: no partial report", async () => {
    const bad = fakeSource("ad", ["active-directory"], new InputError("ad.target: no such host."));
    await expect(gateWith([bad], { ad: { target: "x" } })).rejects.toThrow(new InputError("ad.target: no such host."));
  });

  describe("checks every section's inputs before any source runs: Graph is never contacted when a later section is bad", () => {
    const dir = mkdtempSync(join(tmpdir(), "gate-inputs-"));
    writeFileSync(join(dir, "empty-password.txt"), "\nnot the first line\n");
    // Each case changes one field of a section that is otherwise valid.
    const valid = {
      ad: { url: "ldaps://127.0.0.1", bindDn: "svc@corp.test", passwordEnv: "GATE_TEST_GRAPH_TOKEN" },
      sql: { server: "127.0.0.1,1", user: "installer", passwordEnv: "GATE_TEST_GRAPH_TOKEN" },
      network: { dcs: ["127.0.0.1"] },
    };
    const cases: [keyof typeof valid, Record<string, unknown>, string][] = [
      [
        "sql",
        { passwordEnv: undefined, passwordFile: "missing-password.txt" },
        `gate.yaml sql.passwordFile ${join(dir, "missing-password.txt")}: cannot read it (ENOENT). Give a readable file whose first line is the SQL password.`,
      ],
      [
        "sql",
        { passwordEnv: undefined, passwordFile: "empty-password.txt" },
        `gate.yaml sql.passwordFile ${join(dir, "empty-password.txt")}: the first line is empty. Put the SQL password on the first line.`,
      ],
      [
        "sql",
        { server: "db1", instance: "bad name" },
        '--instance "bad name": an instance name is 1 to 16 letters, digits, _, $ or #, starting with a letter or _.',
      ],
      [
        "ad",
        { passwordEnv: "GATE_TEST_UNSET_VAR" },
        "gate.yaml ad.passwordEnv GATE_TEST_UNSET_VAR: that environment variable is not set or is empty. Export the AD bind password in it, or use gate.yaml ad.passwordFile.",
      ],
      [
        "ad",
        { caFile: "no-ca.pem" },
        "gate.yaml ad.caFile no-ca.pem: cannot read it (ENOENT). Give a readable file, relative to gate.yaml.",
      ],
      [
        "ad",
        { url: "ldaps://dc1/DC=corp" },
        "--url ldaps://dc1/DC=corp: give only the scheme, host and port; name the search base with --base-dn.",
      ],
      [
        "network",
        { dcs: ["ldap://dc1:389"] },
        '--dc "ldap://dc1:389" is not a host name or an IP address. Pass the domain controller\'s FQDN (e.g. dc1.corp.example.com) or its address, without a scheme or a port; repeat --dc for each DC.',
      ],
      [
        "network",
        { proxy: "http://gate:secret@proxy.corp.test:8080" },
        "--proxy carries a user name or password (not repeated here): credentials are never taken on the command line. Pass the URL of a proxy that needs none, e.g. http://proxy.corp.example.com:8080.",
      ],
      [
        "network",
        { extraRootCaFiles: ["no-root.pem"] },
        `--extra-root-ca ${join(dir, "no-root.pem")}: cannot read the file (ENOENT). Pass a readable PEM file.`,
      ],
    ];
    it.each(cases)("%s: %j", async (section, change, message) => {
      server = await startGraphTestServer(compliantTenant(), TOKEN);
      writeFileSync(join(dir, "ca.pem"), server.ca);
      process.env.GATE_TEST_GRAPH_TOKEN = TOKEN;
      const bad = JSON.parse(JSON.stringify({ ...valid[section], ...change })) as unknown;
      const data = { cloud: { graphUrl: server.url, tokenEnv: "GATE_TEST_GRAPH_TOKEN", caFile: "ca.pem" }, [section]: bad };
      const config = parseGateConfig(data, join(dir, "gate.yaml"), GATE_SOURCES);
      await expect(runGate({ config, sources: GATE_SOURCES, now: NOW })).rejects.toThrow(new InputError(message));
      expect(server.requests).toEqual([]);
    });

    it("and a bad cloud section stops the gate before a source that comes earlier runs", async () => {
      const earlier = fakeSource("check", ["tier0"], { checks: [] });
      const config = parseGateConfig({ check: { target: "plan" }, cloud: { upnSuffixes: ["contoso com"] } }, join(dir, "gate.yaml"), [
        earlier,
        cloudSource,
      ]);
      await expect(runGate({ config, sources: [earlier, cloudSource], now: NOW })).rejects.toThrow(
        new InputError('--upn-suffixes: "contoso com" is not a domain name. List DNS suffixes such as contoso.com, comma-separated.'),
      );
      expect(earlier.seen).toEqual([]);
    });
  });

  it("gives the cloud source the object count from gate.yaml and reports the Graph failure as could-not-check", async () => {
    server = await startGraphTestServer(compliantTenant(), TOKEN, { forbidden: /subscribedSkus/ });
    const dir = mkdtempSync(join(tmpdir(), "gate-ca-"));
    writeFileSync(join(dir, "ca.pem"), server.ca);
    process.env.GATE_TEST_GRAPH_TOKEN = TOKEN;
    const config = parseGateConfig(
      { objectCount: 10, cloud: { graphUrl: server.url, tokenEnv: "GATE_TEST_GRAPH_TOKEN", caFile: "ca.pem" } },
      join(dir, "gate.yaml"),
      GATE_SOURCES,
    );
    const report = await runGate({ config, sources: GATE_SOURCES, now: NOW });
    expect(report.sources.find((r) => r.name === "cloud")?.state).toBe("could-not-check");
    expect(report.categories.find((c) => c.id === "cloud")?.reason).toMatch(
      /^cloud: could not check \(.*the token lacks the permission Organization\.Read\.All\./,
    );
    expect(report.sizing?.objectCountSource).toBe("gate.yaml objectCount");
    expect(report.exitCode).toBe(2);
  });

  it("refuses a missing token variable and an unreadable CA file as bad input", async () => {
    await expect(gateWith(GATE_SOURCES, { cloud: { tokenEnv: "GATE_TEST_UNSET_VAR" } })).rejects.toThrow(
      /^gate\.yaml cloud\.tokenEnv GATE_TEST_UNSET_VAR: that environment variable is not set or is empty\./,
    );
    process.env.GATE_TEST_GRAPH_TOKEN = TOKEN;
    await expect(gateWith(GATE_SOURCES, { cloud: { tokenEnv: "GATE_TEST_GRAPH_TOKEN", caFile: "nope.pem" } })).rejects.toThrow(
      new InputError("gate.yaml cloud.caFile nope.pem: cannot read it (ENOENT). Give a readable file, relative to gate.yaml."),
    );
  });

  it("reads the client secret from gate.yaml's folder and names the cloud section's fields when it cannot", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gate-client-secret-"));
    writeFileSync(join(dir, "client-secret.txt"), "not-a-real-secret\n");
    const signIn = { auth: "client-secret", tenantId: "contoso.com", clientId: "app" };
    // Prepared, not run: the sign-in itself would contact Entra ID.
    await expect(cloudSource.prepare({ ...signIn, clientSecretFile: "client-secret.txt" }, dir)).resolves.toBeInstanceOf(Function);
    await expect(cloudSource.prepare({ ...signIn, clientSecretFile: "missing.txt" }, dir)).rejects.toThrow(
      new InputError(
        `gate.yaml cloud.clientSecretFile ${join(dir, "missing.txt")}: cannot read it (ENOENT). Give a readable file whose first line is the client secret.`,
      ),
    );
    await expect(cloudSource.prepare({ ...signIn, clientSecretEnv: "GATE_TEST_UNSET_VAR" }, dir)).rejects.toThrow(
      new InputError(
        "gate.yaml cloud.clientSecretEnv GATE_TEST_UNSET_VAR: that environment variable is not set or is empty. Export the client secret in it, or use gate.yaml cloud.clientSecretFile.",
      ),
    );
  });
});
