/** Gate adapter for the cloud preflight (Microsoft Graph): section `cloud:` of gate.yaml. */
import { resolve } from "node:path";
import {
  AUTH_METHODS,
  DEFAULT_GRAPH_URL,
  prepareGraphToken,
  runCloudPreflight,
  UPN_PATTERN,
  validateCloudPreflightOptions,
  type TokenOptions,
  type TokenSettingNames,
} from "../../preflight/cloud";
import type { GateSource } from "../source";
import { NON_EMPTY_STRING } from "./schema-parts";
import { readSectionFile } from "./section-files";

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

/** The section's fields, as refusals of the token settings name them. */
const TOKEN_FIELDS: TokenSettingNames = {
  tokenEnv: "gate.yaml cloud.tokenEnv",
  clientSecret: { env: "gate.yaml cloud.clientSecretEnv", file: "gate.yaml cloud.clientSecretFile" },
};

export const cloudSource: GateSource = {
  name: "cloud",
  section: "cloud",
  evidence: "observed",
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
      installer: { type: "string", pattern: UPN_PATTERN.source, description: "UPN of the account that runs the Connect wizard" },
      upnSuffixes: { type: "array", items: name },
      maxRetries: { type: "integer", minimum: 0, maximum: 10 },
      maxRetryAfterSeconds: { type: "integer", minimum: 0, maximum: 600 },
    },
  },
  async prepare(section, configDir) {
    const s = section as CloudSection;
    const graphUrl = s.graphUrl ?? DEFAULT_GRAPH_URL;
    validateCloudPreflightOptions(s);
    const ca = s.caFile ? readSectionFile(s.caFile, "cloud.caFile", configDir) : undefined;
    const clientSecretFile = s.clientSecretFile && resolve(configDir, s.clientSecretFile);
    const fetchToken = await prepareGraphToken({ ...s, clientSecretFile }, graphUrl, TOKEN_FIELDS);
    return async ({ facts }) => {
      const result = await runCloudPreflight({
        graphUrl,
        token: await fetchToken(),
        ca,
        installer: s.installer,
        upnSuffixes: s.upnSuffixes,
        objectCount: facts.objectCount,
        maxRetries: s.maxRetries,
        maxRetryAfterSeconds: s.maxRetryAfterSeconds,
      });
      const tenantLimit = {
        hasVerifiedDomain: result.verifiedCustomDomains.length > 0,
        licences: result.licences,
        quota: result.directoryQuota,
        ...(facts.objectCount === undefined ? {} : { checkedObjectCount: facts.objectCount }),
      };
      return { checks: result.checks, facts: { verifiedDomains: result.verifiedCustomDomains, tenantLimit } };
    };
  },
};
