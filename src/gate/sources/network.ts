/** Gate adapter for the network preflight: section `network:` of gate.yaml. */
import { resolve } from "node:path";
import { runNetworkPreflight } from "../../preflight/network";
import { readExtraRootCas } from "../../preflight/network/extra-root-cas";
import type { GateSource } from "../source";

/** The `network:` section. */
export interface NetworkSection {
  readonly dcs: readonly string[];
  readonly domain?: string;
  readonly endpoints?: readonly string[];
  readonly includeCatalogueEndpoints?: boolean;
  readonly timeoutMs?: number;
  /** PEM files of roots to trust and accept as Entra roots (a known, approved proxy CA), relative to gate.yaml. */
  readonly extraRootCaFiles?: readonly string[];
}

const text = { type: "string", minLength: 1 } as const;

export const networkSource: GateSource = {
  name: "network",
  section: "network",
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
    },
  },
  async run(section, context) {
    const s = section as NetworkSection;
    const roots = readExtraRootCas((s.extraRootCaFiles ?? []).map((f) => resolve(context.configDir, f)));
    const report = await runNetworkPreflight({
      dcs: s.dcs,
      ...(s.domain ? { domain: s.domain } : {}),
      ...(s.endpoints ? { endpoints: s.endpoints } : {}),
      ...(s.includeCatalogueEndpoints === undefined ? {} : { includeCatalogueEndpoints: s.includeCatalogueEndpoints }),
      ...(s.timeoutMs === undefined ? {} : { timeoutMs: s.timeoutMs }),
      extraTrustedRoots: roots.pems,
      extraKnownRootIssuers: roots.names,
    });
    return { checks: report.checks };
  },
};
