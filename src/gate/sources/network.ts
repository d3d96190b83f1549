/** Gate adapter for the network preflight: section `network:` of gate.yaml. */
import { resolve } from "node:path";
import { runNetworkPreflight, type NetworkPreflightOptions } from "../../preflight/network";
import { validateDcHost, validateDomain } from "../../preflight/network/dc-hosts";
import { endpointTargets } from "../../preflight/network/endpoint-targets";
import { readExtraRootCas } from "../../preflight/network/extra-root-cas";
import { parseProxyUrl } from "../../preflight/network/http-proxy";
import { DEFAULT_PROBE_TIMEOUT_MS, validateTimeoutMs } from "../../preflight/network/probe-settings";
import type { GateSource } from "../source";
import { NON_EMPTY_STRING } from "./schema-parts";

/** The `network:` section: the preflight's options, with root CAs as files instead of PEM text. */
export interface NetworkSection extends Omit<NetworkPreflightOptions, "extraTrustedRoots" | "extraKnownRootIssuers"> {
  /** PEM files of roots to trust and accept as Entra roots (a known, approved proxy CA), relative to gate.yaml. */
  readonly extraRootCaFiles?: readonly string[];
}

const text = NON_EMPTY_STRING;

export const networkSource: GateSource = {
  name: "network",
  section: "network",
  evidence: "observed",
  categories: ["network"],
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["dcs"],
    properties: {
      dcs: { type: "array", items: text, description: "Domain controllers by FQDN or address" },
      domain: text,
      endpoints: { type: "array", items: { type: "string", pattern: "^https?://" } },
      includeCatalogueEndpoints: { type: "boolean" },
      timeoutMs: { type: "integer" },
      extraRootCaFiles: { type: "array", items: text },
      proxy: { ...text, description: "http://HOST:PORT of the explicit proxy the sync server uses for the endpoints" },
    },
  },
  async prepare(section, configDir) {
    const s = section as NetworkSection;
    const { extraRootCaFiles, ...options } = s;
    // What runNetworkPreflight refuses before its first probe, refused now (it validates again when it runs).
    validateTimeoutMs(options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
    options.dcs.forEach(validateDcHost);
    if (options.domain !== undefined) validateDomain(options.domain);
    endpointTargets({ urls: options.endpoints ?? [], includeCatalogue: options.includeCatalogueEndpoints ?? true });
    if (options.proxy !== undefined) parseProxyUrl(options.proxy);
    const roots = readExtraRootCas((extraRootCaFiles ?? []).map((f) => resolve(configDir, f)));
    return async () => {
      const report = await runNetworkPreflight({ ...options, extraTrustedRoots: roots.pems, extraKnownRootIssuers: roots.names });
      return { checks: report.checks };
    };
  },
};
