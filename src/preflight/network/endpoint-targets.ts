/**
 * The outbound endpoints to probe: the catalogue's OUTBOUND_ENDPOINTS (their probe hosts), with user URLs that
 * override the probe host of the pattern they match (e.g. a concrete host for "*.adhybridhealth.azure.com")
 * or are added when they match none or a pattern another URL already overrode.
 */
import { OUTBOUND_ENDPOINTS, OUTBOUND_HTTPS_PORT, type OutboundEndpoint } from "../../requirements";
import { defaultPort, parseFlagUrl, type UrlFlagRule, type UrlScheme } from "./flag-urls";

/** One endpoint to probe; `host` is undefined for a catalogue pattern that names no concrete host. */
export interface EndpointTarget {
  readonly url: string;
  readonly scheme: UrlScheme;
  readonly host: string | undefined;
  readonly port: number;
  /** The catalogue pattern this target stands for, when it comes from or overrides the catalogue. */
  readonly pattern?: string;
}

/** Arguments of `endpointTargets`. */
export interface EndpointTargetArgs {
  /** URLs given with --endpoint (http or https; the path is ignored). */
  readonly urls: readonly string[];
  /** Whether to start from the catalogue's endpoints (default true); false probes only `urls`. */
  readonly includeCatalogue: boolean;
}

const schemeOfPort = (port: OutboundEndpoint["port"]): UrlScheme => (port === OUTBOUND_HTTPS_PORT ? "https" : "http");

/** The URL form of a host and port, leaving out the scheme's default port. */
function urlOf(scheme: UrlScheme, host: string, port: number): string {
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return `${scheme}://${hostPart}${port === defaultPort(scheme) ? "" : `:${port}`}/`;
}

function catalogueTarget(e: OutboundEndpoint): EndpointTarget {
  const scheme = schemeOfPort(e.port);
  return { url: urlOf(scheme, e.probe ?? e.host, e.port), scheme, host: e.probe, port: e.port, pattern: e.host };
}

const ENDPOINT_FLAG: UrlFlagRule = {
  flag: "--endpoint",
  schemes: ["https", "http"],
  what: "an http(s) URL with a host",
  fix: "Pass a URL such as https://login.microsoftonline.com or https://myhost.adhybridhealth.azure.com:443.",
  credentialsFix: "Pass the URL without them, e.g. https://login.microsoftonline.com.",
};

/** Parses one --endpoint value; throws InputError naming the flag and the fix. */
function parseEndpointUrl(raw: string): EndpointTarget {
  const { scheme, host, port } = parseFlagUrl(raw, ENDPOINT_FLAG);
  return { url: urlOf(scheme, host, port), scheme, host, port };
}

/** Whether a host matches a catalogue pattern: equal, or under the domain of a "*." pattern. */
function matchesPattern(host: string, pattern: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  return p.startsWith("*.") ? h.endsWith(p.slice(1)) : h === p;
}

/** The most specific catalogue target whose pattern a URL's host falls under, by index, or undefined. */
function bestCatalogueMatch(catalogue: readonly EndpointTarget[], given: EndpointTarget): number | undefined {
  let best: number | undefined;
  catalogue.forEach((t, index) => {
    if (t.pattern === undefined || t.scheme !== given.scheme || !matchesPattern(given.host ?? "", t.pattern)) return;
    if (best === undefined || t.pattern.length > (catalogue[best]?.pattern?.length ?? 0)) best = index;
  });
  return best;
}

/** The endpoints to probe, in catalogue order then the added URLs; throws InputError for a bad URL. */
export function endpointTargets(args: EndpointTargetArgs): EndpointTarget[] {
  const catalogue = args.includeCatalogue ? OUTBOUND_ENDPOINTS.map(catalogueTarget) : [];
  const targets = [...catalogue];
  const overridden = new Set<number>();
  for (const given of args.urls.map(parseEndpointUrl)) {
    const best = bestCatalogueMatch(catalogue, given);
    const target = best === undefined ? given : { ...given, pattern: catalogue[best]?.pattern };
    if (best !== undefined && !overridden.has(best)) {
      targets[best] = target;
      overridden.add(best);
    } else if (!targets.some((t) => t.url === given.url)) {
      targets.push(target);
    }
  }
  return targets;
}
