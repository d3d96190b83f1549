/** The options of the SQL preflight, how `--server HOST[,PORT]` is read, and the checks on their combinations. */
import { InputError } from "../../support/errors";
import { WINDOWS_LOGIN_PATTERN } from "../../requirements";

/**
 * How the connection is encrypted: `strict` is TDS 8.0 (TLS before any TDS byte, SQL Server 2022),
 * `mandatory` is TLS negotiated after PRELOGIN (the mssql default), `off` sends TDS in clear when the server
 * does not offer TLS (lab servers only; the login itself is still encrypted when the server offers TLS).
 */
export type SqlEncryption = "strict" | "mandatory" | "off";
export const SQL_ENCRYPTION_MODES: readonly SqlEncryption[] = ["strict", "mandatory", "off"];

/** Seconds allowed to connect, and for each query, when the caller does not say. */
export const DEFAULT_SQL_TIMEOUT_SECONDS = 15;
/** The longest --timeout-seconds accepted. */
const MAX_SQL_TIMEOUT_SECONDS = 600;

export interface SqlPreflightOptions {
  /** Host name or address of the SQL Server (no instance, no port). */
  readonly host: string;
  /** TCP port; undefined for the default port or when `instance` is resolved by the SQL Browser service. */
  readonly port?: number;
  /** Named instance, resolved through the SQL Browser service; excludes `port`. */
  readonly instance?: string;
  /** SQL login used for the checks: the account that will run the Entra Connect installer's SQL steps. */
  readonly user: string;
  /** Its password; never logged, never part of a message. */
  readonly password: string;
  /** Default "mandatory". */
  readonly encryption?: SqlEncryption;
  /** Accept a certificate that does not chain to a trusted root (default false; not with "strict"). */
  readonly trustServerCertificate?: boolean;
  /** PEM certificates to trust, besides Node's bundled roots, for the server's certificate (a private CA). */
  readonly trustedCaPem?: string;
  /** True when SQL Server runs on the sync server itself (then sql-max-memory applies). */
  readonly coLocated?: boolean;
  /** RAM of that shared server in GB; default: the physical memory SQL Server reports. Only with `coLocated`. */
  readonly serverMemoryGb?: number;
  /** The Windows account (DOMAIN\\user) that will run the Entra Connect installer: checked for sysadmin or delegated dbo. */
  readonly installerLogin?: string;
  /** The ADSync service account or gMSA (DOMAIN\\svc or DOMAIN\\gmsa$): checked for dbo of a pre-created ADSync. */
  readonly serviceLogin?: string;
  /** Bound on connecting and on each query, in seconds (default DEFAULT_SQL_TIMEOUT_SECONDS). */
  readonly timeoutSeconds?: number;
}

/** A `--server` value split into host and optional port. */
export interface ServerAddress {
  readonly host: string;
  readonly port?: number;
}

/** Reads `HOST` or `HOST,PORT` (the SQL Server convention); throws InputError naming --server. */
export function parseServerAddress(value: string): ServerAddress {
  if (value.includes(";") || value.includes("=")) {
    // A connection string: never echo it (it may hold Password=...), and a password never comes from the command line.
    throw new InputError(
      "--server holds a connection string (a ';' or '='): give only HOST or HOST,PORT, the login with --user and the password with --password-env or --password-file.",
    );
  }
  const [host = "", port, ...extra] = value.trim().split(",");
  if (host === "" || /\s/.test(host) || extra.length > 0) {
    throw new InputError(
      `--server "${value}": give a host name or address, optionally with a port after a comma, e.g. sql01.corp.example,1433.`,
    );
  }
  if (host.includes("\\")) {
    throw new InputError(`--server "${value}": give the instance with --instance ${host.split("\\")[1] ?? "NAME"}, not after a backslash.`);
  }
  if (port === undefined) return { host };
  const number = Number(port);
  if (!/^\d+$/.test(port.trim()) || number < 1 || number > 65535) {
    throw new InputError(`--server "${value}": the port after the comma must be a whole number from 1 to 65535.`);
  }
  return { host, port: number };
}

/** Throws InputError on a combination the preflight cannot run with; names the flag and the fix. */
export function validateSqlPreflightOptions(options: SqlPreflightOptions): void {
  if (options.instance !== undefined && options.port !== undefined) {
    throw new InputError(
      `--instance ${options.instance} and a port in --server were both given: a named instance is found through the SQL Browser service, so give either --instance or HOST,PORT.`,
    );
  }
  if (options.instance !== undefined && !/^[A-Za-z_][\w$#]{0,15}$/.test(options.instance)) {
    throw new InputError(
      `--instance "${options.instance}": an instance name is 1 to 16 letters, digits, _, $ or #, starting with a letter or _.`,
    );
  }
  if (options.encryption === "strict" && options.trustServerCertificate) {
    throw new InputError(
      "--trust-server-certificate does not apply with --encryption strict: TDS 8.0 always verifies the certificate. Give the issuing CA with --ca-file, or use --encryption mandatory.",
    );
  }
  for (const [flag, login] of [
    ["--installer-login", options.installerLogin],
    ["--service-login", options.serviceLogin],
  ] as const) {
    if (login !== undefined && !WINDOWS_LOGIN_PATTERN.test(login)) {
      throw new InputError(
        `${flag} ${JSON.stringify(login)}: give the Windows account as SQL Server names its login, DOMAIN\\name (the NetBIOS domain, a backslash, the sAMAccountName; a gMSA ends in $), e.g. CORP\\svc-adsync$.`,
      );
    }
  }
  if (options.user.trim() === "") throw new InputError("--user is empty: give the SQL login the preflight connects with.");
  const timeout = options.timeoutSeconds;
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0 && timeout <= MAX_SQL_TIMEOUT_SECONDS)) {
    throw new InputError(`--timeout-seconds ${timeout}: give a number of seconds above 0 and at most ${MAX_SQL_TIMEOUT_SECONDS}.`);
  }
  if (options.serverMemoryGb !== undefined) {
    if (!options.coLocated) {
      throw new InputError(
        "--server-memory-gb applies only with --co-located: add --co-located if SQL Server shares the sync server, or drop it.",
      );
    }
    if (!(Number.isFinite(options.serverMemoryGb) && options.serverMemoryGb > 0)) {
      throw new InputError(`--server-memory-gb ${options.serverMemoryGb}: give the shared server's RAM in GB, a number above 0.`);
    }
  }
}
