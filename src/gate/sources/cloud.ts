/** Gate adapter for the cloud preflight (Microsoft Graph): section `cloud:` of gate.yaml. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "../../cli/errors";
import { acquireGraphToken, AUTH_METHODS, DEFAULT_GRAPH_URL, runCloudPreflight, type TokenOptions } from "../../preflight/cloud";
import type { GateSource } from "../source";
import { NON_EMPTY_STRING } from "./schema-parts";

/** The `cloud:` section. */
export interface CloudSection extends TokenOptions {
  readonly graphUrl?: string;
  /** PEM file of an extra CA to trust for graphUrl. */
  readonly caFile?: string;
  readonly installer?: string;
  /** The forest's UPN suffixes. */
  readonly upnSuffixes?: readonly string[];
  readonly maxRetries?: number;
  readonly maxRetryAfterSeconds?: number;
}

const name = NON_EMPTY_STRING;

/** Reads an optional file named in a section, resolved from gate.yaml's folder. */
export function readSectionFile(file: string, field: string, configDir: string): string {
  try {
    return readFileSync(resolve(configDir, file), "utf8");
  } catch (e) {
    throw new InputError(
      `gate.yaml ${field} ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give a readable file, relative to gate.yaml.`,
    );
  }
}

export const cloudSource: GateSource = {
  name: "cloud",
  section: "cloud",
  categories: ["cloud", "install-account", "soft-hard-match"],
  schema: {
    type: "object",
    additionalProperties: false,
    properties: {
      graphUrl: { type: "string", pattern: "^https://", description: `Microsoft Graph root; default ${DEFAULT_GRAPH_URL}` },
      tokenEnv: { ...name, description: "Environment variable holding a Graph access token (pipelines)" },
      auth: { enum: [...AUTH_METHODS] },
      tenantId: name,
      clientId: name,
      clientSecretEnv: name,
      clientSecretFile: name,
      caFile: name,
      installer: { type: "string", pattern: "^[^@\\s]+@[^@\\s]+$", description: "UPN of the account that runs the Connect wizard" },
      upnSuffixes: { type: "array", items: name },
      maxRetries: { type: "integer", minimum: 0, maximum: 10 },
      maxRetryAfterSeconds: { type: "integer", minimum: 0, maximum: 600 },
    },
  },
  async run(section, context) {
    const s = section as CloudSection;
    const graphUrl = s.graphUrl ?? DEFAULT_GRAPH_URL;
    const token = await acquireGraphToken(s, graphUrl, "gate.yaml cloud.tokenEnv");
    const result = await runCloudPreflight({
      graphUrl,
      token,
      ...(s.caFile ? { ca: readSectionFile(s.caFile, "cloud.caFile", context.configDir) } : {}),
      ...(s.installer ? { installer: s.installer } : {}),
      ...(s.upnSuffixes ? { upnSuffixes: s.upnSuffixes } : {}),
      ...(context.facts.objectCount === undefined ? {} : { objectCount: context.facts.objectCount }),
      ...(s.maxRetries === undefined ? {} : { maxRetries: s.maxRetries }),
      ...(s.maxRetryAfterSeconds === undefined ? {} : { maxRetryAfterSeconds: s.maxRetryAfterSeconds }),
    });
    const tenantLimit = {
      hasVerifiedDomain: result.verifiedCustomDomains.length > 0,
      licences: result.licences,
      ...(context.facts.objectCount === undefined ? {} : { checkedObjectCount: context.facts.objectCount }),
    };
    return { checks: result.checks, facts: { verifiedDomains: result.verifiedCustomDomains, tenantLimit } };
  },
};
