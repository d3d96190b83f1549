/**
 * Endpoints through an explicit proxy (--proxy), all on loopback: the proxy never resolves a name, it sends
 * every CONNECT to a local TLS server. An inspecting proxy re-signs with its private CA; a clean one passes the
 * public-looking chain through; a refusing one answers 403.
 */
import { runNetworkPreflight } from "../../src/preflight/network";
import { OUTBOUND_ENDPOINTS } from "../../src/requirements";
import { closedPort, forwardProxy } from "./support/loopback-servers";
import { PROXY_CA, PUBLIC_ROOT, startTlsFixtures, type TlsFixtures } from "./support/tls-fixtures";

let tls: TlsFixtures;

beforeAll(async () => {
  tls = await startTlsFixtures();
});

afterAll(() => tls.close());

describe("endpoints through --proxy", () => {
  test("the catalogue's endpoints through an inspecting proxy: every HTTPS chain is detected, HTTP goes through", async () => {
    const proxy = await forwardProxy(() => tls.inspectingServer.port);
    try {
      const report = await runNetworkPreflight({ dcs: [], proxy: `http://127.0.0.1:${proxy.port}`, timeoutMs: 3000 });
      const https = OUTBOUND_ENDPOINTS.filter((e) => e.port === 443 && e.probe);
      const http = OUTBOUND_ENDPOINTS.filter((e) => e.port === 80 && e.probe);
      expect([...proxy.connects].sort()).toEqual(https.map((e) => `${e.probe}:443`).sort());
      expect([...proxy.requests].sort()).toEqual(http.map((e) => `HEAD http://${e.probe}/`).sort());
      expect(report.endpoints.map((e) => e.tlsInspection)).toEqual(
        OUTBOUND_ENDPOINTS.map((e) => (!e.probe ? "unknown" : e.port === 443 ? "detected" : "not-applicable")),
      );
      const login = report.endpoints.find((e) => e.url === "https://login.microsoftonline.com/");
      expect(login).toMatchObject({ verdict: "reachable", issuer: PROXY_CA, chain: ["localhost"] });
      expect(report.endpoints.find((e) => e.url === "http://mscrl.microsoft.com/")?.detail).toBe("HTTP 204 to HEAD /");
      expect(report.checks.map((c) => [c.id, c.status])).toEqual([
        ["entra-endpoints", "warn"],
        ["tls-inspection", "fail"],
      ]);
      expect(report.checks[1]?.message).toMatch(
        /^TLS inspection detected on 10 endpoints: https:\/\/login\.microsoftonline\.com\/ presents \[localhost\]/,
      );
    } finally {
      await proxy.close();
    }
  });

  test("a proxy that passes TLS through leaves the chain alone", async () => {
    const proxy = await forwardProxy((authority) =>
      authority === `localhost:${tls.publicServer.port}` ? tls.publicServer.port : undefined,
    );
    try {
      const url = `https://localhost:${tls.publicServer.port}/`;
      const report = await runNetworkPreflight({
        dcs: [],
        endpoints: [url],
        includeCatalogueEndpoints: false,
        proxy: `http://127.0.0.1:${proxy.port}`,
        extraTrustedRoots: [tls.publicChain.rootPem],
        extraKnownRootIssuers: [PUBLIC_ROOT],
      });
      expect(report.endpoints[0]).toMatchObject({ url, verdict: "reachable", tlsInspection: "none", issuer: PUBLIC_ROOT });
      expect(proxy.connects).toEqual([`localhost:${tls.publicServer.port}`]);
    } finally {
      await proxy.close();
    }
  });

  test("a proxy that refuses the CONNECT, and a proxy that is not there: unreachable, naming the proxy", async () => {
    const proxy = await forwardProxy(() => undefined);
    const gone = await closedPort();
    try {
      const url = "https://localhost:4443/";
      const refused = await runNetworkPreflight({
        dcs: [],
        endpoints: [url],
        includeCatalogueEndpoints: false,
        proxy: `http://127.0.0.1:${proxy.port}`,
      });
      expect(refused.endpoints[0]).toMatchObject({
        verdict: "unreachable",
        detail: `the proxy 127.0.0.1:${proxy.port} refused CONNECT localhost:4443: HTTP/1.1 403 Forbidden`,
      });
      expect(refused.checks[0]?.message).toContain(`(these probes went through --proxy http://127.0.0.1:${proxy.port})`);
      const missing = await runNetworkPreflight({
        dcs: [],
        endpoints: [url],
        includeCatalogueEndpoints: false,
        proxy: `http://127.0.0.1:${gone}`,
      });
      expect(missing.endpoints[0]?.detail).toBe(`the proxy 127.0.0.1:${gone} could not be reached (ECONNREFUSED)`);
    } finally {
      await proxy.close();
    }
  });

  test.each([
    [
      "ftp://proxy:21",
      '--proxy "ftp://proxy:21" is not an http:// URL of a proxy. Pass the proxy the sync server uses, e.g. http://proxy.corp.example.com:8080 (a proxy that needs a password cannot be checked).',
    ],
    [
      "http://user:secret@proxy:8080",
      "--proxy carries a user name or password (not repeated here): credentials are never taken on the command line. Pass the URL of a proxy that needs none, e.g. http://proxy.corp.example.com:8080.",
    ],
  ])("--proxy %s is refused without echoing a secret", async (proxy, message) => {
    await expect(runNetworkPreflight({ dcs: [], proxy })).rejects.toThrow(message);
    await expect(runNetworkPreflight({ dcs: [], proxy })).rejects.not.toThrow("secret");
  });
});
