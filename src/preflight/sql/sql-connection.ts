/** Opens the mssql connection of the preflight and turns driver failures into one "could not check" message. */
import sql from "mssql";
import { SQL_PORT } from "../../requirements";
import { CheckFailedError } from "../../support/errors";
import { DEFAULT_SQL_TIMEOUT_SECONDS, type SqlPreflightOptions } from "./sql-preflight-options";

/** How the target is named in messages: `host,port`, `host\instance` or `host`. */
export function sqlTargetName(options: SqlPreflightOptions): string {
  if (options.instance !== undefined) return `${options.host}\\${options.instance}`;
  return `${options.host},${options.port ?? SQL_PORT}`;
}

function timeoutMs(options: SqlPreflightOptions): number {
  return (options.timeoutSeconds ?? DEFAULT_SQL_TIMEOUT_SECONDS) * 1000;
}

/** The mssql configuration: one connection, bounded timeouts, encryption as asked, master as database. */
function sqlConnectionConfig(options: SqlPreflightOptions): sql.config {
  const encryption = options.encryption ?? "mandatory";
  const ms = timeoutMs(options);
  return {
    server: options.host,
    port: options.instance === undefined ? (options.port ?? SQL_PORT) : undefined,
    user: options.user,
    password: options.password,
    database: "master",
    connectionTimeout: ms,
    requestTimeout: ms,
    validateConnection: "socket",
    pool: { min: 0, max: 1 },
    options: {
      encrypt: encryption === "strict" ? "strict" : encryption === "mandatory",
      trustServerCertificate: options.trustServerCertificate ?? false,
      instanceName: options.instance,
      cancelTimeout: ms,
      ...(options.trustedCaPem !== undefined ? { cryptoCredentialsDetails: { ca: options.trustedCaPem } } : {}),
      appName: "entra-gate preflight sql",
    },
  };
}

/** The one private field of tedious the preflight reads: whether TLS was negotiated after PRELOGIN. */
interface TediousTlsState {
  readonly messageIo?: { readonly tlsNegotiationComplete?: boolean };
}

/** An open connection pool and the guard on the encryption of every connection it opened. */
export interface SqlSession {
  readonly pool: sql.ConnectionPool;
  /** Throws CheckFailedError when "mandatory" encryption was asked and a connection was left unencrypted. */
  assertEncrypted(): void;
  close(): Promise<void>;
}

/**
 * Connects, or throws CheckFailedError with what went wrong and what to do. mssql logs in twice (a probe
 * connection, then the pool's), so the encryption guard is called after connecting and again after the
 * queries: tedious carries on in clear when PRELOGIN says the server does not support encryption, which must
 * not pass for a checked, encrypted connection.
 */
export async function openSqlSession(options: SqlPreflightOptions): Promise<SqlSession> {
  const connections: TediousTlsState[] = [];
  const pool = new sql.ConnectionPool({
    ...sqlConnectionConfig(options),
    beforeConnect: (c) => void connections.push(c as TediousTlsState),
  });
  const close = (): Promise<void> =>
    pool.close().then(
      () => undefined,
      () => undefined,
    );
  try {
    await pool.connect();
  } catch (e) {
    await close();
    throw couldNotCheck(e, options);
  }
  const session: SqlSession = {
    pool,
    close,
    assertEncrypted() {
      if ((options.encryption ?? "mandatory") !== "mandatory") return;
      if (connections.length > 0 && connections.every((c) => c.messageIo?.tlsNegotiationComplete === true)) return;
      throw new CheckFailedError(
        `SQL Server ${sqlTargetName(options)} did not encrypt the session (its PRELOGIN answer says it does not support encryption), although --encryption is mandatory. Give the instance a TLS certificate, or use --encryption strict; --encryption off accepts this only for a lab server.`,
      );
    },
  };
  try {
    session.assertEncrypted();
  } catch (e) {
    await close();
    throw e;
  }
  return session;
}

interface DriverError {
  readonly message?: string;
  readonly cause?: DriverError;
  readonly errors?: readonly DriverError[];
  readonly originalError?: DriverError;
}

/** The driver's message, with the socket-level causes tedious keeps in `cause` (an AggregateError per address). */
function driverMessage(e: unknown): string {
  const error = e as DriverError;
  const inner = error.originalError ?? error;
  const message = (inner.message ?? String(e)).replace(/\.$/, "");
  const causes = (inner.cause?.errors ?? (inner.cause ? [inner.cause] : []))
    .map((c) => (c.message ?? "").replace(/\.$/, ""))
    .filter((c) => c !== "" && !message.includes(c));
  return causes.length > 0 ? `${message} (${causes.join("; ")})` : message;
}

const TLS_FAILURE = /certificate|self[- ]signed|ssl|tls|alert|handshake|alpn/i;

/** A driver failure (connecting or querying) as the one-paragraph CheckFailedError the CLI prints (exit 2). */
export function couldNotCheck(e: unknown, options: SqlPreflightOptions, during = "connecting"): CheckFailedError {
  const target = sqlTargetName(options);
  const code = (e as { code?: string }).code;
  const detail = driverMessage(e);
  if (code === "ELOGIN") {
    return new CheckFailedError(
      `SQL Server ${target} refused the login of ${options.user}: ${detail}. Check --user and the password (--password-env or --password-file), and that the instance accepts SQL logins (mixed-mode authentication).`,
    );
  }
  if (code === "ETIMEOUT") {
    return new CheckFailedError(
      `SQL Server ${target} did not answer within ${options.timeoutSeconds ?? DEFAULT_SQL_TIMEOUT_SECONDS} seconds while ${during} (${detail}). Check ${options.instance === undefined ? "the host and port in --server" : "the host in --server, --instance, and that the SQL Browser service answers"}, and that a firewall lets the connection through, or raise --timeout-seconds.`,
    );
  }
  if (code === "EINSTLOOKUP") {
    return new CheckFailedError(
      `Could not find instance ${options.instance ?? ""} on ${options.host}: ${detail}. Check --instance and that the SQL Browser service runs, or give the port with --server HOST,PORT.`,
    );
  }
  if (code === "EENCRYPT") {
    return new CheckFailedError(
      `SQL Server ${target} requires encryption, but --encryption off was given: use --encryption mandatory (the default) or strict.`,
    );
  }
  if (TLS_FAILURE.test(detail)) {
    const fix =
      options.encryption === "strict"
        ? "With --encryption strict the server must speak TDS 8.0 (SQL Server 2022) and present a certificate this machine trusts for the name in --server: give its issuing CA with --ca-file."
        : "Give the instance a certificate this machine trusts, issued for the name in --server, or give its issuing CA with --ca-file; for a lab server only, pass --trust-server-certificate.";
    return new CheckFailedError(`TLS with SQL Server ${target} failed: ${detail}. ${fix}`);
  }
  if (code === "EREQUEST") {
    return new CheckFailedError(
      `SQL Server ${target} failed a read-only query while ${during}: ${detail}. The login needs the public role's default permissions (SERVERPROPERTY, sys.databases, sys.configurations); check that they were not revoked.`,
    );
  }
  return new CheckFailedError(
    `Could not reach SQL Server ${target} while ${during}: ${detail}. Check --server (host and port), that TCP/IP is enabled on the instance, and that the firewall allows the connection.`,
  );
}
