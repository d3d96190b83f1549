/**
 * Gets a Microsoft Graph access token: from an environment variable (pipelines), or through @azure/identity with
 * the Azure CLI's sign-in, a device code, or a client secret. The token is never printed.
 */
import { AzureCliCredential, ClientSecretCredential, DeviceCodeCredential, type TokenCredential } from "@azure/identity";
import { CheckFailedError, InputError } from "../../support/errors";
import { readSecret, type SecretSourceNames } from "../../support/secrets";
import { parseGraphUrl } from "./graph-client";

export const AUTH_METHODS = ["azure-cli", "device-code", "client-secret"] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export interface TokenOptions {
  /** Name of an environment variable holding a Graph access token; wins over `auth`. */
  readonly tokenEnv?: string;
  /** How @azure/identity signs in when no `tokenEnv` is given. Default azure-cli. */
  readonly auth?: AuthMethod;
  /** Tenant id or domain (device-code, client-secret). */
  readonly tenantId?: string;
  /** App (client) id (device-code, client-secret). */
  readonly clientId?: string;
  /** Environment variable holding the client secret (client-secret). */
  readonly clientSecretEnv?: string;
  /** File whose first line is the client secret (client-secret). */
  readonly clientSecretFile?: string;
}

/** How refusals name the token settings: the command's flags, or the fields of gate.yaml's `cloud:` section. */
export interface TokenSettingNames {
  readonly tokenEnv: string;
  readonly clientSecret: SecretSourceNames;
}

const TOKEN_FLAGS: TokenSettingNames = {
  tokenEnv: "--token-env",
  clientSecret: { env: "--client-secret-env", file: "--client-secret-file" },
};

/** Gets the Graph access token: the one already read from `tokenEnv`, or a sign-in through @azure/identity. */
export type GraphTokenFetch = () => Promise<string>;

/**
 * Resolves how the token for the Graph resource at `graphUrl` is got, without signing in: checks `graphUrl` and reads
 * `tokenEnv` or the client secret now (InputError when missing or malformed), so bad input is refused before any
 * server is contacted. `names` name the token variable's and the client secret's settings in messages.
 * The fetch throws CheckFailedError when the sign-in fails.
 */
export async function prepareGraphToken(
  options: TokenOptions,
  graphUrl: string,
  names: TokenSettingNames = TOKEN_FLAGS,
): Promise<GraphTokenFetch> {
  const scope = `${parseGraphUrl(graphUrl).origin}/.default`;
  if (options.tokenEnv) {
    const token = process.env[options.tokenEnv]?.trim();
    if (!token) {
      throw new InputError(
        `${names.tokenEnv} ${options.tokenEnv}: that environment variable is not set or is empty. Put a Microsoft Graph access token in it (from the pipeline's secret store), or omit it to sign in with --auth (auth: in gate.yaml).`,
      );
    }
    return () => Promise.resolve(token);
  }
  const credential = await credentialFor(options, names.clientSecret);
  return async () => {
    try {
      const token = await credential.getToken(scope);
      if (!token) throw new Error("no token returned");
      return token.token;
    } catch (e) {
      throw new CheckFailedError(
        `Could not get a Microsoft Graph token with --auth ${options.auth ?? "azure-cli"}: ${(e as Error).message.split("\n")[0]}. Sign in (az login), or use --token-env VAR.`,
      );
    }
  };
}

async function credentialFor(options: TokenOptions, clientSecretNames: SecretSourceNames): Promise<TokenCredential> {
  const auth = options.auth ?? "azure-cli";
  switch (auth) {
    case "azure-cli":
      return new AzureCliCredential(options.tenantId ? { tenantId: options.tenantId } : {});
    case "device-code":
      return new DeviceCodeCredential({
        ...(options.tenantId ? { tenantId: options.tenantId } : {}),
        ...(options.clientId ? { clientId: options.clientId } : {}),
        userPromptCallback: (info) => void process.stderr.write(`${info.message}\n`),
      });
    case "client-secret": {
      if (!options.tenantId || !options.clientId) {
        throw new InputError("--auth client-secret needs --tenant-id and --client-id (the app registration that reads Graph).");
      }
      const secret = await readSecret(
        { passwordEnv: options.clientSecretEnv, passwordFile: options.clientSecretFile },
        "client secret",
        clientSecretNames,
      );
      return new ClientSecretCredential(options.tenantId, options.clientId, secret);
    }
  }
}
