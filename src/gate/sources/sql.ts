/** Gate adapter for the SQL preflight: section `sql:` of gate.yaml; the password comes from passwordEnv or passwordFile. */
import {
  parseServerAddress,
  runSqlPreflight,
  SQL_ENCRYPTION_MODES,
  validateSqlPreflightOptions,
  type SqlEncryption,
  type SqlPreflightOptions,
} from "../../preflight/sql";
import { resolve } from "node:path";
import type { GateSource } from "../source";
import { readCaPemFile } from "../../support/pem";
import { NON_EMPTY_STRING } from "./schema-parts";
import { PASSWORD_REFERENCE, readPasswordReference, type PasswordReference } from "./password-reference";

/** The `sql:` section. */
export interface SqlSection extends PasswordReference {
  /** HOST or HOST,PORT. */
  readonly server: string;
  readonly instance?: string;
  readonly user: string;
  /** DOMAIN\\user: the Windows account that runs the Entra Connect installer. */
  readonly installerLogin?: string;
  /** DOMAIN\\svc or DOMAIN\\gmsa$: the ADSync service account. */
  readonly serviceLogin?: string;
  readonly encryption?: SqlEncryption;
  readonly trustServerCertificate?: boolean;
  /** A PEM file (relative to gate.yaml) with the CA that issued the server's certificate: a private CA. */
  readonly caFile?: string;
  readonly coLocated?: boolean;
  readonly serverMemoryGb?: number;
  readonly timeoutSeconds?: number;
}

const text = NON_EMPTY_STRING;

export const sqlSource: GateSource = {
  name: "sql",
  section: "sql",
  evidence: "observed",
  categories: ["sql"],
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["server", "user"],
    oneOf: PASSWORD_REFERENCE.oneOf,
    properties: {
      ...PASSWORD_REFERENCE.properties,
      server: { ...text, description: "HOST or HOST,PORT" },
      instance: text,
      user: { ...text, description: "The SQL login the preflight connects with" },
      installerLogin: { ...text, description: "DOMAIN\\user: the Windows account that runs the Entra Connect installer" },
      serviceLogin: { ...text, description: "DOMAIN\\svc or DOMAIN\\gmsa$: the ADSync service account" },
      encryption: { enum: [...SQL_ENCRYPTION_MODES] },
      trustServerCertificate: { type: "boolean" },
      caFile: { ...text, description: "PEM file (relative to gate.yaml) with the CA that issued the server's certificate" },
      coLocated: { type: "boolean" },
      serverMemoryGb: { type: "number", exclusiveMinimum: 0 },
      timeoutSeconds: { type: "number", exclusiveMinimum: 0 },
    },
  },
  async prepare(section, configDir) {
    const s = section as SqlSection;
    const address = parseServerAddress(s.server);
    const password = await readPasswordReference(s, configDir, "SQL password", "sql");
    const options: SqlPreflightOptions = {
      host: address.host,
      port: address.port,
      instance: s.instance,
      user: s.user,
      installerLogin: s.installerLogin,
      serviceLogin: s.serviceLogin,
      password,
      encryption: s.encryption,
      trustServerCertificate: s.trustServerCertificate,
      trustedCaPem:
        s.caFile === undefined
          ? undefined
          : readCaPemFile(resolve(configDir, s.caFile), "gate.yaml sql.caFile", "the server's certificate"),
      coLocated: s.coLocated,
      serverMemoryGb: s.serverMemoryGb,
      timeoutSeconds: s.timeoutSeconds,
    };
    validateSqlPreflightOptions(options);
    return async () => ({ checks: (await runSqlPreflight(options)).checks });
  },
};
