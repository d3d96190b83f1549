/** `entra-gate gate` and `entra-gate preflight cloud` through the CLI's run(): flags, output files, exit codes. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { compliantTenant, INSTALLER_UPN, startGraphTestServer, type GraphTestServer } from "../preflight-cloud/graph-test-server";

const TOKEN = "cli-test-token-secret";
let server: GraphTestServer;
let dir: string;
let stderr: string[];

beforeAll(async () => {
  server = await startGraphTestServer({ ...compliantTenant(), features: { blockSoftMatchEnabled: true } }, TOKEN);
});
afterAll(() => server.close());

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "gate-cli-"));
  writeFileSync(join(dir, "ca.pem"), server.ca);
  process.env.GATE_CLI_TOKEN = TOKEN;
  stderr = [];
  jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => stderr.push(String(chunk)) > 0);
});
afterEach(() => {
  jest.restoreAllMocks();
  process.exitCode = undefined;
  delete process.env.GATE_CLI_TOKEN;
});

function writeConfig(text: string): string {
  const file = join(dir, "gate.yaml");
  writeFileSync(file, text);
  return file;
}

const cloudYaml = () =>
  `objectCount: 42000\ncloud:\n  graphUrl: ${server.url}\n  tokenEnv: GATE_CLI_TOKEN\n  caFile: ca.pem\n  installer: ${INSTALLER_UPN}\n`;

describe("entra-gate gate", () => {
  it.each([
    ["json", (out: string) => expect(JSON.parse(out).verdict).toBe("not-ready")],
    ["sarif", (out: string) => expect(JSON.parse(out).runs[0].results[0].ruleId).toBe("match.block")],
    [
      "junit",
      (out: string) => expect(out).toContain('<testcase classname="entra-gate.soft-hard-match" name="cloud-block-hard-match-takeover">'),
    ],
    ["html", (out: string) => expect(out).toContain('<span id="verdict">Not ready</span>')],
    ["text", (out: string) => expect(out.split("\n")[0]).toBe("entra-gate readiness: NOT-READY (exit 1)")],
  ])("writes the %s report to --out and exits 1 on a failing check", async (format, assert) => {
    const out = join(dir, `report.${format}`);
    const code = await run(["node", "entra-gate", "gate", "--config", writeConfig(cloudYaml()), "--format", format, "--out", out]);
    expect(code).toBe(1);
    const text = readFileSync(out, "utf8");
    assert(text);
    expect(text).not.toContain(TOKEN);
  });

  it("exits 2 with every bad field of gate.yaml on stderr and writes no report", async () => {
    const out = join(dir, "report.json");
    const code = await run([
      "node",
      "entra-gate",
      "gate",
      "--config",
      writeConfig("cloud:\n  auth: magic\n  tokenEnv: ''\n"),
      "--out",
      out,
    ]);
    expect(code).toBe(2);
    expect(stderr.join("")).toBe(
      `entra-gate: ${join(dir, "gate.yaml")} has 2 bad fields (see docs/gate.md for the schema):\n  cloud.tokenEnv: must NOT have fewer than 1 characters\n  cloud.auth: must be one of azure-cli, device-code, client-secret\n`,
    );
    expect(() => readFileSync(out)).toThrow();
  });

  it("refuses an unknown format", async () => {
    expect(await run(["node", "entra-gate", "gate", "--config", writeConfig(cloudYaml()), "--format", "pdf"])).toBe(2);
    expect(stderr.join("")).toContain(
      "error: option '--format <format>' argument 'pdf' is invalid. Allowed choices are text, json, sarif, junit, html.",
    );
  });
});

describe("entra-gate preflight cloud", () => {
  const base = () => [
    "node",
    "entra-gate",
    "preflight",
    "cloud",
    "--graph-url",
    server.url,
    "--ca-file",
    join(dir, "ca.pem"),
    "--token-env",
    "GATE_CLI_TOKEN",
  ];

  it("prints the checks as JSON and exits 1 when hard-match takeover is not blocked", async () => {
    const out = join(dir, "cloud.json");
    const code = await run([
      ...base(),
      "--installer",
      INSTALLER_UPN,
      "--upn-suffixes",
      "contoso.com, eu.contoso.com",
      "--object-count",
      "1000",
      "--format",
      "json",
      "--out",
      out,
    ]);
    expect(code).toBe(1);
    const result = JSON.parse(readFileSync(out, "utf8"));
    expect(result.checks.map((c: { id: string; status: string }) => `${c.id}:${c.status}`)).toEqual([
      "cloud-verified-domain:pass",
      "cloud-upn-suffix-coverage:pass",
      "cloud-object-limit:pass",
      "cloud-block-soft-match:pass",
      "cloud-block-hard-match-takeover:fail",
      "cloud-installer-role:pass",
      "cloud-admin-mfa:pass",
    ]);
  });

  it("prints text lines, one per check", async () => {
    const out = join(dir, "cloud.txt");
    await run([...base(), "--out", out]);
    expect(readFileSync(out, "utf8").split("\n")[0]).toBe("PASS cloud-verified-domain            Verified custom domains: contoso.com.");
  });

  it("refuses a bad object count and an unset token variable with exit 2", async () => {
    expect(await run([...base(), "--object-count", "12k"])).toBe(2);
    expect(stderr.join("")).toBe(
      'entra-gate: --object-count "12k": give the forest\'s object count (users + groups + contacts + computers) as a whole number.\n',
    );
    delete process.env.GATE_CLI_TOKEN;
    stderr.length = 0;
    expect(await run(base())).toBe(2);
    expect(stderr.join("")).toBe(
      "entra-gate: --token-env GATE_CLI_TOKEN: that environment variable is not set or is empty. Put a Microsoft Graph access token in it (from the pipeline's secret store), or omit it to sign in with --auth (auth: in gate.yaml).\n",
    );
  });

  it("checks every flag before it signs in: bad input never follows an Azure CLI or device-code sign-in", async () => {
    const signIn = ["node", "entra-gate", "preflight", "cloud", "--graph-url", server.url, "--auth", "azure-cli"];
    expect(await run([...signIn, "--upn-suffixes", "contoso com"])).toBe(2);
    expect(stderr.join("")).toBe(
      'entra-gate: --upn-suffixes: "contoso com" is not a domain name. List DNS suffixes such as contoso.com, comma-separated.\n',
    );
    stderr.length = 0;
    expect(await run([...signIn, "--ca-file", join(dir, "missing.pem")])).toBe(2);
    expect(stderr.join("")).toBe(
      `entra-gate: --ca-file ${join(dir, "missing.pem")}: cannot read it (ENOENT). Give a PEM file of the CA to trust.\n`,
    );
    stderr.length = 0;
    expect(await run([...signIn, "--graph-url", "http://127.0.0.1:1"])).toBe(2);
    expect(stderr.join("")).toBe(
      'entra-gate: --graph-url "http://127.0.0.1:1" is not https: the token is only ever sent over TLS. Use https://graph.microsoft.com.\n',
    );
  });

  it("signs in with a client secret only from the app's ids and a secret in a variable or file, refused before any request", async () => {
    const clientSecret = ["node", "entra-gate", "preflight", "cloud", "--graph-url", server.url, "--auth", "client-secret"];
    const requestsBefore = server.requests.length;
    expect(await run([...clientSecret, "--client-id", "app"])).toBe(2);
    expect(stderr.join("")).toBe(
      "entra-gate: --auth client-secret needs --tenant-id and --client-id (the app registration that reads Graph).\n",
    );
    stderr.length = 0;
    const ids = ["--tenant-id", "contoso.com", "--client-id", "app"];
    expect(await run([...clientSecret, ...ids, "--client-secret-env", "GATE_CLI_UNSET_SECRET"])).toBe(2);
    expect(stderr.join("")).toBe(
      "entra-gate: --client-secret-env GATE_CLI_UNSET_SECRET: that environment variable is not set or is empty. Export the client secret in it, or use --client-secret-file.\n",
    );
    stderr.length = 0;
    expect(await run([...clientSecret, ...ids, "--client-secret-file", join(dir, "missing.txt")])).toBe(2);
    expect(stderr.join("")).toBe(
      `entra-gate: --client-secret-file ${join(dir, "missing.txt")}: cannot read it (ENOENT). Give a readable file whose first line is the client secret.\n`,
    );
    expect(server.requests.length).toBe(requestsBefore);
  });

  it("has no flag that takes a token or a secret as a value", async () => {
    expect(await run([...base(), "--token", TOKEN])).toBe(2);
    expect(stderr.join("")).toContain("error: unknown option '--token'");
    expect(await run([...base(), "--client-secret", "s"])).toBe(2);
  });
});

describe("entra-gate gate --also", () => {
  it("writes the same report in several formats from one run", async () => {
    const files = { sarif: join(dir, "g.sarif"), junit: join(dir, "g.xml"), html: join(dir, "g.html") };
    const code = await run([
      "node",
      "entra-gate",
      "gate",
      "--config",
      writeConfig(cloudYaml()),
      "--format",
      "json",
      "--out",
      join(dir, "g.json"),
      "--also",
      `sarif=${files.sarif}`,
      `junit=${files.junit}`,
      `html=${files.html}`,
    ]);
    expect(code).toBe(1);
    const generatedAt = JSON.parse(readFileSync(join(dir, "g.json"), "utf8")).generatedAt;
    expect(JSON.parse(readFileSync(files.sarif, "utf8")).runs[0].invocations[0].endTimeUtc).toBe(generatedAt);
    expect(readFileSync(files.junit, "utf8")).toContain(`timestamp="${generatedAt}"`);
    expect(readFileSync(files.html, "utf8")).toContain(`Generated ${generatedAt}`);
    expect(server.requests.filter((r) => r.startsWith("GET /v1.0/organization")).length).toBeGreaterThan(0);
  });

  it("refuses a malformed --also before running anything", async () => {
    const before = server.requests.length;
    expect(await run(["node", "entra-gate", "gate", "--config", writeConfig(cloudYaml()), "--also", "pdf=x.pdf"])).toBe(2);
    expect(stderr.join("")).toBe(
      "entra-gate: --also pdf=x.pdf: write it as FORMAT=FILE with FORMAT one of text, json, sarif, junit, html, e.g. --also sarif=gate.sarif.\n",
    );
    expect(server.requests.length).toBe(before);
  });
});

describe("entra-gate gate --print-schema", () => {
  it("prints the JSON schema of gate.yaml with every source's section", async () => {
    const out = join(dir, "schema.json");
    expect(await run(["node", "entra-gate", "gate", "--print-schema", "--out", out])).toBe(0);
    const schema = JSON.parse(readFileSync(out, "utf8"));
    expect(Object.keys(schema.properties)).toEqual(["objectCount", "accept", "waive", "check", "cloud", "ad", "sql", "server", "network"]);
    expect(schema.additionalProperties).toBe(false);
  });

  it("needs --config otherwise", async () => {
    expect(await run(["node", "entra-gate", "gate"])).toBe(2);
    expect(stderr.join("")).toBe(
      "entra-gate: --config is required: give the path of a gate.yaml (see examples/gate.yaml and docs/gate.md).\n",
    );
  });
});
