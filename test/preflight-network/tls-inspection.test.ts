/**
 * Outbound endpoints against local servers: a TLS server presenting a "public-looking" chain (its root injected
 * as trusted and known), one presenting an inspection chain signed by a private CA, a closed port, plain HTTP.
 */
import { runNetworkPreflight, type NetworkPreflightOptions } from "../../src/preflight/network";
import { closedPort, httpServer, tcpServer } from "./support/loopback-servers";
import { PROXY_CA, PUBLIC_ISSUING, PUBLIC_ROOT, startTlsFixtures, type TlsFixtures } from "./support/tls-fixtures";

let tls: TlsFixtures;

beforeAll(async () => {
  tls = await startTlsFixtures();
});

afterAll(() => tls.close());

const endpointsOnly = (
  urls: string[],
  extra: Partial<NetworkPreflightOptions> = {},
): Promise<Awaited<ReturnType<typeof runNetworkPreflight>>> =>
  runNetworkPreflight({ dcs: [], endpoints: urls, includeCatalogueEndpoints: false, timeoutMs: 2000, ...extra });

const citeTls = "requirement network.no-tls-inspection: No TLS inspection between the sync server and Entra ID";

describe("TLS inspection detection", () => {
  test("a chain ending in a trusted root that Entra is known to use: reachable, no inspection", async () => {
    const url = `https://127.0.0.1:${tls.publicServer.port}/`;
    const report = await endpointsOnly([url], { extraTrustedRoots: [tls.publicChain.rootPem], extraKnownRootIssuers: [PUBLIC_ROOT] });
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
    expect(report.checks).toEqual([
      {
        id: "entra-endpoints",
        status: "pass",
        message: "All 1 endpoints are reachable; requirement network.entra-endpoints: Outbound HTTPS to the Entra ID endpoints.",
        requirement: "network.entra-endpoints",
        category: "network",
      },
      {
        id: "tls-inspection",
        status: "pass",
        message: `No TLS inspection: 1 HTTPS endpoint present chains ending in ${PUBLIC_ROOT}; ${citeTls}.`,
        requirement: "network.no-tls-inspection",
        category: "network",
      },
    ]);
  });

  test("a chain signed by a private CA (an inspecting proxy): detected, with the chain and the proxy CA as issuer", async () => {
    const url = `https://127.0.0.1:${tls.inspectingServer.port}/`;
    const report = await endpointsOnly([url]);
    const [endpoint] = report.endpoints;
    expect(endpoint).toMatchObject({ url, verdict: "reachable", tlsInspection: "detected", issuer: PROXY_CA, chain: ["localhost"] });
    const detail = `the chain does not validate against Node's bundled public roots (UNABLE_TO_VERIFY_LEAF_SIGNATURE), ending in "${PROXY_CA}": a TLS-inspecting proxy re-signs this traffic`;
    expect(endpoint?.detail).toBe(detail);
    expect(report.checks.find((c) => c.id === "tls-inspection")).toEqual({
      id: "tls-inspection",
      status: "fail",
      message:
        `TLS inspection detected on 1 endpoint: ${url} presents [localhost] (${detail}). Exempt the Entra endpoints from TLS ` +
        `inspection on the proxy or firewall (its bypass list); an inspected path makes sync fail with TLS errors, often ` +
        `hours after it started; ${citeTls}.`,
      requirement: "network.no-tls-inspection",
      category: "network",
    });
    expect(report.checks.find((c) => c.id === "entra-endpoints")?.status).toBe("pass");
  });

  test("a chain the store trusts but whose root Entra does not use: detected", async () => {
    const url = `https://127.0.0.1:${tls.publicServer.port}/`;
    const report = await endpointsOnly([url], { extraTrustedRoots: [tls.publicChain.rootPem] });
    expect(report.endpoints[0]).toMatchObject({ tlsInspection: "detected", issuer: PUBLIC_ROOT });
    expect(report.endpoints[0]?.detail).toMatch(
      new RegExp(
        `^the chain validates but ends in "${PUBLIC_ROOT}", not a root Entra endpoints use \\(DigiCert Global Root G2, .*\\): an inspecting proxy`,
      ),
    );
  });

  test("a private CA's chain stays detected when only its name is added to the known issuers (the chain must also validate)", async () => {
    const url = `https://127.0.0.1:${tls.inspectingServer.port}/`;
    const report = await endpointsOnly([url], { extraKnownRootIssuers: [PROXY_CA] });
    expect(report.endpoints[0]?.tlsInspection).toBe("detected");
  });

  test("a closed port is unreachable, and the inspection check says it could not check", async () => {
    const url = `https://127.0.0.1:${await closedPort()}/`;
    const report = await endpointsOnly([url]);
    expect(report.endpoints).toEqual([
      {
        url,
        verdict: "unreachable",
        tlsInspection: "unknown",
        issuer: null,
        chain: [],
        detail: expect.stringMatching(/^ECONNREFUSED: connect ECONNREFUSED/),
      },
    ]);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ["entra-endpoints", "fail"],
      ["tls-inspection", "warn"],
    ]);
    expect(report.checks[0]?.message).toMatch(
      new RegExp(`^1 of 1 endpoints are unreachable from this server: ${url.replace(/[.]/g, "\\.")} \\(ECONNREFUSED`),
    );
  });

  test("a server that accepts and never answers is unreachable after the timeout, for HTTPS and for HTTP", async () => {
    const silent = await tcpServer("127.0.0.1", 0, true);
    try {
      const report = await endpointsOnly([`https://127.0.0.1:${silent.port}/`, `http://127.0.0.1:${silent.port}/`], { timeoutMs: 300 });
      expect(report.endpoints.map((e) => [e.verdict, e.tlsInspection, e.detail])).toEqual([
        ["unreachable", "unknown", "no TLS handshake within 300 ms"],
        ["unreachable", "not-applicable", "no HTTP response within 300 ms"],
      ]);
    } finally {
      await silent.close();
    }
  });

  test("a plain HTTP endpoint (CRL/OCSP) is reachable on any status; inspection does not apply", async () => {
    const server = await httpServer(404);
    try {
      const url = `http://127.0.0.1:${server.port}/`;
      const report = await endpointsOnly([url]);
      expect(report.endpoints).toEqual([
        { url, verdict: "reachable", tlsInspection: "not-applicable", issuer: null, chain: [], detail: "HTTP 404 to HEAD /" },
      ]);
    } finally {
      await server.close();
    }
  });
});
