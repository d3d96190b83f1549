/**
 * `runNetworkPreflight`: probes the catalogue's DC ports on every DC and the outbound Entra endpoints, with
 * TLS inspection detection, and returns the rows and the summary checks. Printing is the renderer's job.
 */
import { dcPortProbes, portRow, type PortProbe } from "./dc-port-probes";
import { resolveDc, validateDcHost, validateDomain } from "./dc-hosts";
import { endpointTargets, type EndpointTarget } from "./endpoint-targets";
import { probeHttp } from "./http-probe";
import { parseProxyUrl, type HttpProxy } from "./http-proxy";
import { dcPortsCheck, entraEndpointsCheck, tlsInspectionCheck } from "./network-checks";
import type { EndpointProbeResult, NetworkPreflightReport, PortProbeResult } from "./network-report";
import { DEFAULT_PROBE_TIMEOUT_MS, mapWithConcurrency, PROBE_CONCURRENCY, validateTimeoutMs } from "./probe-settings";
import { probeTls, type TlsTrust } from "./tls-chain";

/** Options of the network preflight (the flags of `entra-gate preflight network`). */
export interface NetworkPreflightOptions {
  /** Domain controllers to probe, by FQDN or address (--dc). May be empty to probe only the endpoints. */
  readonly dcs: readonly string[];
  /** The AD DNS domain for the DNS and Kerberos probes (--domain); default: each DC's FQDN without its first label. */
  readonly domain?: string;
  /** URLs that add to or override the catalogue's endpoints (--endpoint). */
  readonly endpoints?: readonly string[];
  /** Probe the catalogue's OUTBOUND_ENDPOINTS (default true; --no-default-endpoints sets false). */
  readonly includeCatalogueEndpoints?: boolean;
  /** How long each probe waits, in ms (--timeout-ms); default DEFAULT_PROBE_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  /** PEM roots trusted besides Node's bundled store (--extra-root-ca). */
  readonly extraTrustedRoots?: readonly string[];
  /** Root names accepted besides KNOWN_ENTRA_ROOT_ISSUERS (--extra-root-ca adds its subject). */
  readonly extraKnownRootIssuers?: readonly string[];
  /** An explicit HTTP proxy (http://HOST:PORT, no credentials) for the endpoints (--proxy); direct when unset. */
  readonly proxy?: string;
}

/** How every endpoint is probed: the timeout, the trust settings and the proxy. */
interface EndpointProbeSettings {
  readonly timeoutMs: number;
  readonly trust: TlsTrust;
  readonly proxy: HttpProxy | undefined;
}

function probeEndpoint(target: EndpointTarget, settings: EndpointProbeSettings): Promise<EndpointProbeResult> {
  if (target.host === undefined) {
    return Promise.resolve({
      url: target.url,
      verdict: "untested",
      tlsInspection: "unknown",
      issuer: null,
      chain: [],
      detail: `the pattern ${target.pattern ?? target.url} names no concrete host; pass --endpoint with one`,
    });
  }
  const args = { url: target.url, host: target.host, port: target.port, timeoutMs: settings.timeoutMs, proxy: settings.proxy };
  return target.scheme === "https" ? probeTls({ ...args, trust: settings.trust }) : probeHttp(args);
}

/**
 * Probes every DC port and endpoint and summarises them. Throws InputError for a bad option and
 * CheckFailedError when a DC name does not resolve (no partial report).
 */
export async function runNetworkPreflight(options: NetworkPreflightOptions): Promise<NetworkPreflightReport> {
  const timeoutMs = validateTimeoutMs(options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
  const dcs = [...new Set(options.dcs.map(validateDcHost))];
  const domain = options.domain === undefined ? undefined : validateDomain(options.domain);
  const targets = endpointTargets({ urls: options.endpoints ?? [], includeCatalogue: options.includeCatalogueEndpoints ?? true });
  const proxy = options.proxy === undefined ? undefined : parseProxyUrl(options.proxy);
  const trust: TlsTrust = {
    extraTrustedRoots: options.extraTrustedRoots ?? [],
    extraKnownRootIssuers: options.extraKnownRootIssuers ?? [],
  };

  const resolved = await Promise.all(dcs.map((host) => resolveDc(host, domain, timeoutMs)));
  const portProbes: PortProbe[] = resolved.flatMap((dc) => dcPortProbes({ ...dc, timeoutMs }));
  const [ports, endpoints] = await Promise.all([
    mapWithConcurrency(portProbes, PROBE_CONCURRENCY, async (p): Promise<PortProbeResult> => portRow(p, await p.run())),
    mapWithConcurrency(targets, PROBE_CONCURRENCY, (t) => probeEndpoint(t, { timeoutMs, trust, proxy })),
  ]);

  const checks = [
    ...(ports.length > 0 ? [dcPortsCheck(ports)] : []),
    ...(endpoints.length > 0 ? [entraEndpointsCheck(endpoints, options.proxy), tlsInspectionCheck(endpoints)] : []),
  ];
  return { checks, ports, endpoints };
}
