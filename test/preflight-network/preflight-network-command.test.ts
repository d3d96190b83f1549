/**
 * `entra-gate preflight network` end to end, in process: a fake DC on a loopback address (ports of the
 * catalogue's DC table), local TLS endpoints, the JSON and text output, the exit codes and the refusals.
 */
import { run } from "../../src/cli/main";
import { runNetworkPreflight } from "../../src/preflight/network";
import { canBindPrivilegedPorts, HEALTHY_DC, withFakeDc } from "./support/fake-dc";
import { forwardProxy } from "./support/loopback-servers";
import { PUBLIC_ISSUING, PUBLIC_ROOT, startTlsFixtures, type TlsFixtures } from "./support/tls-fixtures";

/** Runs the CLI with `args`, capturing stdout and stderr. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => out.push(String(chunk)) > 0);
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation((chunk) => err.push(String(chunk)) > 0);
  const savedExitCode = process.exitCode;
  try {
    process.exitCode = undefined;
    const code = await run(["node", "entra-gate", "preflight", "network", ...args]);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    process.exitCode = savedExitCode;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

const citePorts = "requirement network.dc-ports: The DC port table open from the sync server to every DC";
const dynamicDetail = (problem: string): string =>
  `${problem}, so no port of 49152-65535 was probed (the range is not scanned: 16384 ports). Allow the whole range to the DC, ` +
  "and verify on Windows with `portqry -n DC -e 135`.";

describe("refusals (exit 2, no report)", () => {
  test.each([
    [["--no-default-endpoints"], "--dc is required: name at least one domain controller by FQDN or address (repeat --dc for each DC)."],
    [
      ["--dc", "ldap://dc1:389"],
      '--dc "ldap://dc1:389" is not a host name or an IP address. Pass the domain controller\'s FQDN (e.g. dc1.corp.example.com) or its address, without a scheme or a port; repeat --dc for each DC.',
    ],
    [
      ["--dc", "127.0.0.1", "--domain", "corp example"],
      '--domain "corp example" is not a DNS domain name. Pass the AD DNS domain, e.g. corp.example.com.',
    ],
    [["--dc", "127.0.0.1", "--format", "xml"], "--format xml: choose text or json."],
    [
      ["--dc", "127.0.0.1", "--timeout-ms", "5s"],
      "--timeout-ms 5s: give a whole number of milliseconds from 100 to 60000 (default 3000) for how long each probe waits.",
    ],
    [
      ["--dc", "127.0.0.1", "--timeout-ms", "99"],
      "--timeout-ms 99: give a whole number of milliseconds from 100 to 60000 (default 3000) for how long each probe waits.",
    ],
    [
      ["--dc", "127.0.0.1", "--endpoint", "ftp://x"],
      '--endpoint "ftp://x" is not an http(s) URL with a host. Pass a URL such as https://login.microsoftonline.com or https://myhost.adhybridhealth.azure.com:443.',
    ],
    [
      ["--dc", "127.0.0.1", "--proxy", "socks5://proxy:1080"],
      '--proxy "socks5://proxy:1080" is not an http:// URL of a proxy. Pass the proxy the sync server uses, e.g. http://proxy.corp.example.com:8080 (a proxy that needs a password cannot be checked).',
    ],
    [
      ["--dc", "127.0.0.1", "--extra-root-ca", "/nonexistent/root.pem"],
      "--extra-root-ca /nonexistent/root.pem: cannot read the file (ENOENT). Pass a readable PEM file.",
    ],
  ])("%j", async (args, message) => {
    const result = await cli(args);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `entra-gate: ${message}\n` });
  });

  test("runNetworkPreflight refuses a timeout out of bounds", async () => {
    await expect(runNetworkPreflight({ dcs: [], timeoutMs: 60_001 })).rejects.toThrow("--timeout-ms 60001: give a whole number");
  });
});

(canBindPrivilegedPorts ? describe : describe.skip)("against a fake DC on a loopback address (needs root)", () => {
  let tls: TlsFixtures;

  beforeAll(async () => {
    tls = await startTlsFixtures();
  });
  afterAll(() => tls.close());

  test("a DC with only LDAP, GC and a silent UDP 389: every port of the table gets its verdict, dc-ports fails", async () => {
    await withFakeDc({ tcp: ["ldap", "global-catalog"], udp: { ldap: () => undefined } }, async (address) => {
      const report = await runNetworkPreflight({ dcs: [address], includeCatalogueEndpoints: false, timeoutMs: 300 });
      const refused = "TCP connect refused (ECONNREFUSED): nothing listens";
      expect(report.ports).toEqual([
        { host: address, port: 53, protocol: "tcp", service: "dns", verdict: "closed", detail: refused },
        {
          host: address,
          port: 53,
          protocol: "udp",
          service: "dns",
          verdict: "closed",
          detail: 'DNS query (SOA of ".") refused (ICMP port unreachable): nothing listens on UDP 53',
        },
        { host: address, port: 88, protocol: "tcp", service: "kerberos", verdict: "closed", detail: refused },
        {
          host: address,
          port: 88,
          protocol: "udp",
          service: "kerberos",
          verdict: "closed",
          detail: "Kerberos AS-REQ (realm ENTRA-GATE.INVALID) refused (ICMP port unreachable): nothing listens on UDP 88",
        },
        { host: address, port: 135, protocol: "tcp", service: "rpc-endpoint-mapper", verdict: "closed", detail: refused },
        { host: address, port: 389, protocol: "tcp", service: "ldap", verdict: "open", detail: "TCP connect accepted" },
        {
          host: address,
          port: 389,
          protocol: "udp",
          service: "ldap",
          verdict: "filtered",
          detail: "no reply to a CLDAP ping within 300 ms: dropped on the way, or the service ignores it",
        },
        { host: address, port: 445, protocol: "tcp", service: "smb", verdict: "closed", detail: refused },
        { host: address, port: 636, protocol: "tcp", service: "ldaps", verdict: "closed", detail: refused },
        { host: address, port: 3268, protocol: "tcp", service: "global-catalog", verdict: "open", detail: "TCP connect accepted" },
        { host: address, port: 3269, protocol: "tcp", service: "global-catalog-ssl", verdict: "closed", detail: refused },
        {
          host: address,
          port: 49152,
          toPort: 65535,
          protocol: "tcp",
          service: "rpc-dynamic",
          verdict: "untested",
          detail: dynamicDetail("the endpoint mapper could not be reached (ECONNREFUSED)"),
        },
      ]);
      expect(report.endpoints).toEqual([]);
      expect(report.checks).toEqual([
        {
          id: "dc-ports",
          status: "fail",
          message:
            `9 of 11 DC ports probed are not open: ${address} TCP 53 (DNS) closed; ${address} UDP 53 (DNS) closed; ${address} TCP 88 (Kerberos) closed; ` +
            `${address} UDP 88 (Kerberos) closed; ${address} TCP 135 (RPC endpoint mapper) closed; ${address} UDP 389 (LDAP) filtered; ` +
            `${address} TCP 445 (SMB) closed; ${address} TCP 636 (LDAPS) closed; ${address} TCP 3269 (Global Catalog over TLS) closed. ` +
            `Open them from this server to every DC (network firewall, NSG, and the DC's Windows Firewall), then run this check again; ${citePorts}.`,
          requirement: "network.dc-ports",
          category: "network",
        },
      ]);
    });
  });

  test("a healthy DC and a clean endpoint: JSON output, dc-ports warns only about the dynamic range, exit 0", async () => {
    await withFakeDc(HEALTHY_DC, async (address) => {
      const url = `https://127.0.0.1:${tls.publicServer.port}/`;
      const result = await cli([
        "--dc",
        address,
        "--domain",
        "corp.example.com",
        "--no-default-endpoints",
        "--endpoint",
        url,
        "--extra-root-ca",
        tls.publicRootFile,
        "--format",
        "json",
        "--timeout-ms",
        "5000", // generous: a loaded CI machine answers loopback slowly
      ]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as Awaited<ReturnType<typeof runNetworkPreflight>>;
      expect(Object.keys(report)).toEqual(["checks", "ports", "endpoints"]);
      expect(report.ports.filter((p) => p.verdict !== "open").map((p) => p.service)).toEqual(["rpc-dynamic"]);
      const udp = Object.fromEntries(report.ports.filter((p) => p.protocol === "udp").map((p) => [p.service, p.detail]));
      expect(udp).toEqual({
        dns: 'DNS query (SOA of "corp.example.com") answered: DNS reply REFUSED, 0 answers',
        kerberos: "Kerberos AS-REQ (realm CORP.EXAMPLE.COM) answered: KRB-ERROR 6 KDC_ERR_C_PRINCIPAL_UNKNOWN",
        ldap: expect.stringMatching(/^CLDAP ping answered: LDAP message \d+, searchResDone$/),
      });
      expect(report.endpoints).toEqual([
        {
          url,
          verdict: "reachable",
          tlsInspection: "none",
          issuer: PUBLIC_ROOT,
          chain: ["localhost", PUBLIC_ISSUING, PUBLIC_ROOT],
          detail: `TLS handshake completed; the chain ends in "${PUBLIC_ROOT}", a root Entra endpoints use`,
        },
      ]);
      expect(report.checks.map((c) => [c.id, c.status])).toEqual([
        ["dc-ports", "warn"],
        ["entra-endpoints", "pass"],
        ["tls-inspection", "pass"],
      ]);
      expect(report.checks[0]?.message).toBe(
        `All 11 DC ports probed are open on ${address}; not tested: ${address} TCP 49152-65535 (Dynamic RPC): ${dynamicDetail("the endpoint mapper did not answer within 5000 ms")} ` +
          `Verify those from this server; ${citePorts}.`,
      );
    });
  });

  test("text output through --proxy: a row per port and endpoint, then the checks; an untrusted chain exits 1", async () => {
    const proxy = await forwardProxy(() => tls.publicServer.port);
    await withFakeDc(HEALTHY_DC, async (address) => {
      const url = `https://127.0.0.1:${tls.publicServer.port}/`;
      const args = [
        "--dc",
        address,
        "--no-default-endpoints",
        "--endpoint",
        url,
        "--proxy",
        `http://127.0.0.1:${proxy.port}`,
        "--timeout-ms",
        "1000",
      ];
      const result = await cli(args).finally(() => proxy.close());
      expect(proxy.connects).toEqual([`127.0.0.1:${tls.publicServer.port}`]);
      expect(result.code).toBe(1);
      const lines = result.stdout.split("\n");
      expect(lines[0]).toBe("DC ports:");
      expect(lines[1]).toMatch(new RegExp(`^  ${address.replace(/\./g, "\\.")} TCP 53 \\(DNS\\) +open +TCP connect accepted$`));
      expect(lines[13]).toBe("Endpoints:");
      expect(lines[14]).toMatch(
        new RegExp(
          `^  ${url.replace(/[.]/g, "\\.")}  reachable  tls-inspection: detected  the chain does not validate .*; chain: localhost <- Test Public Issuing CA 01$`,
        ),
      );
      expect(lines[15]).toBe("Checks:");
      expect(lines.slice(16, 19).map((l) => l.slice(0, l.indexOf(":")))).toEqual([
        "  [WARN] dc-ports",
        "  [PASS] entra-endpoints",
        "  [FAIL] tls-inspection",
      ]);
      expect(lines[19]).toBe("");
    });
  });
});
