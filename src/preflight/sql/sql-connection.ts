/** Opens the mssql connection of the preflight and turns driver failures into one "could not check" message. */
import sql from "mssql";
import { SQL_PORT } from "../../requirements";
import { CheckFailedError } from "../../support/errors";
import { withDeadline } from "../../support/deadline";
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

/**
 * The private parts of a tedious 19 Connection the preflight relies on (node_modules/tedious/lib/connection.js):
 * `initialiseConnection` reads the PRELOGIN answer, calls `performTlsNegotiation` (which starts TLS only when
 * the answer's ENCRYPTION is ON or REQ, and carries on in clear after NOT_SUP) and then `sendLogin7Packet`,
 * which writes the user and password. `messageIo.tlsNegotiationComplete` says whether TLS was negotiated.
 */
interface TediousConnection {
  readonly messageIo?: { readonly tlsNegotiationComplete?: boolean };
  sendLogin7Packet?: () => void;
  close(): void;
}

/** An open connection pool and the guard on the encryption of every connection it opened. */
export interface SqlSession {
  readonly pool: sql.ConnectionPool;
  /** Throws CheckFailedError when "mandatory" encryption was asked and a connection was left unencrypted. */
  assertEncrypted(): void;
  /** Bounds `work` (one query) by the overall deadline of a query; closes every connection when it passes. */
  bounded<T>(work: Promise<T>, during: string): Promise<T>;
  close(): Promise<void>;
}

/** What an outside call may take beyond the driver's own timeout before the overall deadline gives up on it. */
const DEADLINE_MARGIN_MS = 1_000;

/** The error of an overall deadline, worded as the driver's own timeout ("did not answer within ..."). */
function deadlinePassed(options: SqlPreflightOptions, during: string): CheckFailedError {
  const error = Object.assign(new Error(`no complete answer in ${timeoutMs(options)}ms`), { code: "ETIMEOUT" });
  return couldNotCheck(error, options, during);
}

function notEncrypted(options: SqlPreflightOptions): CheckFailedError {
  return new CheckFailedError(
    `SQL Server ${sqlTargetName(options)} did not encrypt the session (its PRELOGIN answer says it does not support encryption), although --encryption is mandatory; no login was sent. Give the instance a TLS certificate, or use --encryption strict; --encryption off accepts this only for a lab server.`,
  );
}

/**
 * Makes `connection` refuse to send LOGIN7 (the user and password) unless TLS was negotiated: with `encrypt:
 * true`, tedious sends the login in clear when the server's PRELOGIN answer says ENCRYPT_NOT_SUP (issue 14
 * item 2). Fails closed when this tedious has no `sendLogin7Packet` to guard.
 */
function guardLogin(connection: TediousConnection, refused: () => void): void {
  const send = connection.sendLogin7Packet;
  if (typeof send !== "function") {
    throw new Error("this tedious version has no sendLogin7Packet to guard; refusing to connect with --encryption mandatory");
  }
  connection.sendLogin7Packet = function guardedSendLogin7Packet(this: TediousConnection): void {
    if (this.messageIo?.tlsNegotiationComplete !== true) {
      refused();
      throw Object.assign(new Error("the server did not negotiate TLS; the login was not sent"), { code: "ENOTENCRYPTED" });
    }
    send.call(this);
  };
}

/**
 * Connects, or throws CheckFailedError with what went wrong and what to do. With "mandatory" encryption no
 * login leaves this machine unless TLS was negotiated after PRELOGIN; the guard on the session is checked
 * again after the queries, for every connection mssql opened (it logs in twice: a probe, then the pool's).
 * Connecting, each query and closing have an overall deadline beyond the driver's own timeouts.
 */
export async function openSqlSession(options: SqlPreflightOptions): Promise<SqlSession> {
  const mandatory = (options.encryption ?? "mandatory") === "mandatory";
  const connections: TediousConnection[] = [];
  let loginRefused = false;
  const pool = new sql.ConnectionPool({
    ...sqlConnectionConfig(options),
    beforeConnect: (c) => {
      const connection = c as unknown as TediousConnection;
      connections.push(connection);
      if (mandatory) {
        guardLogin(connection, () => {
          loginRefused = true;
        });
      }
    },
  });
  const abandon = (): void => {
    for (const c of connections) c.close();
  };
  const bounded = <T>(work: Promise<T>, during: string): Promise<T> =>
    withDeadline(work, timeoutMs(options) + DEADLINE_MARGIN_MS, { error: () => deadlinePassed(options, during), abandon });
  const close = (): Promise<void> =>
    withDeadline(pool.close(), DEADLINE_MARGIN_MS, { error: () => new Error("close"), abandon }).then(
      () => undefined,
      () => undefined,
    );
  try {
    await bounded(pool.connect(), "connecting");
  } catch (e) {
    await close();
    abandon();
    if (loginRefused) throw notEncrypted(options);
    throw e instanceof CheckFailedError ? e : couldNotCheck(e, options);
  }
  const session: SqlSession = {
    pool,
    bounded,
    close,
    assertEncrypted() {
      if (!mandatory) return;
      if (connections.length > 0 && connections.every((c) => c.messageIo?.tlsNegotiationComplete === true)) return;
      throw notEncrypted(options);
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
