/**
 * One LDAP session to a DC or Global Catalog over TLS (ldaps:// or ldap:// + StartTLS), bound with a simple
 * bind. Plain binds need --allow-insecure-bind. The session never reconnects: if the server goes away, the next
 * operation fails, so a scan cannot silently go on unauthenticated or half done. Every failure becomes a
 * CheckFailedError (exit 2) whose message names the cause and the fix.
 */
import { readFileSync } from "node:fs";
import { connect as netConnect, isIP } from "node:net";
import { connect as tlsConnect, type ConnectionOptions } from "node:tls";
import {
  Client,
  InvalidCredentialsError,
  NoSuchObjectError,
  SizeLimitExceededError,
  StrongAuthRequiredError,
  TimeLimitExceededError,
} from "ldapts";
import { CheckFailedError, InputError } from "../../support/errors";
import { GLOBAL_CATALOG_PORT, GLOBAL_CATALOG_TLS_PORT, LDAPS_PORT, LDAP_PORT } from "../../requirements";
import { holdsPemCertificate } from "../../support/pem";

export interface AdConnectionOptions {
  /** ldaps://host[:port] or ldap://host[:port]; without a port, the Global Catalog (3269 / 3268). */
  readonly url: string;
  /** The bind DN or user@domain. */
  readonly bindDn: string;
  readonly password: string;
  /** PEM file of the CA (or chain) that issued the DC's certificate, when the system store does not trust it. */
  readonly caFile?: string;
  /** Allow a simple bind over plain LDAP (no StartTLS): the password crosses the network in clear. */
  readonly allowInsecureBind?: boolean;
  /** Connect timeout in ms (default 10,000). */
  readonly connectTimeoutMs?: number;
  /** Timeout of each LDAP operation (one page) in ms (default 120,000, as IdFix). */
  readonly timeoutMs?: number;
}

/** The parsed --url: where to connect and whether it is a Global Catalog port. */
export interface AdEndpoint {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly globalCatalog: boolean;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_OPERATION_TIMEOUT_MS = 120_000;

/** Parses --url; defaults the port to the Global Catalog so one scan covers the forest. */
export function parseAdUrl(url: string): AdEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`--url ${url}: not a URL. Write ldaps://dc01.corp.example.com (Global Catalog over TLS) or ldap://host:389.`);
  }
  const scheme = parsed.protocol.replace(/:$/, "");
  if (scheme !== "ldap" && scheme !== "ldaps") {
    throw new InputError(`--url ${url}: the scheme must be ldaps:// or ldap:// (with StartTLS), not ${scheme}://.`);
  }
  if (parsed.pathname !== "/" && parsed.pathname !== "") {
    throw new InputError(`--url ${url}: give only the scheme, host and port; name the search base with --base-dn.`);
  }
  if (parsed.hostname === "") {
    throw new InputError(`--url ${url}: names no host. Write the DC's name after the scheme, such as ldaps://dc01.corp.example.com.`);
  }
  const tls = scheme === "ldaps";
  const port = parsed.port ? Number(parsed.port) : tls ? GLOBAL_CATALOG_TLS_PORT : GLOBAL_CATALOG_PORT;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const globalCatalog = port === GLOBAL_CATALOG_PORT || port === GLOBAL_CATALOG_TLS_PORT;
  return { url: `${scheme}://${parsed.port ? parsed.host : `${parsed.host}:${port}`}`, host, port, tls, globalCatalog };
}

/** The domain (non-GC) URL of the same DC, for the "use the domain port" hint. */
export function domainPortUrl(endpoint: AdEndpoint): string {
  const host = isIP(endpoint.host) === 6 ? `[${endpoint.host}]` : endpoint.host;
  return endpoint.tls ? `ldaps://${host}:${LDAPS_PORT}` : `ldap://${host}:${LDAP_PORT}`;
}

function readCa(caFile: string): Buffer {
  let pem: Buffer;
  try {
    pem = readFileSync(caFile);
  } catch (e) {
    throw new InputError(
      `--ca-file ${caFile}: cannot read it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give the PEM file of the CA that issued the DC's certificate.`,
    );
  }
  if (!holdsPemCertificate(pem.toString("latin1")))
    throw new InputError(
      `--ca-file ${caFile}: no PEM certificate in it. Give the CA that issued the DC's certificate as a PEM file (-----BEGIN CERTIFICATE-----).`,
    );
  return pem;
}

const TLS_TRUST_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ECONNRESET",
  "EPIPE",
]);

/** Maps a failure of the LDAP client to a CheckFailedError that says what to do. */
export function describeLdapFailure(e: unknown, endpoint: AdEndpoint, doing: string): CheckFailedError {
  if (e instanceof CheckFailedError) return e;
  const err = e as NodeJS.ErrnoException & { message?: string };
  const code = err?.code ?? "";
  const text = err?.message ?? String(e);
  const where = `${endpoint.url}`;
  if (TLS_TRUST_CODES.has(code)) {
    return new CheckFailedError(
      `${doing}: the certificate of ${where} is not trusted (${code}: ${text}). Give the CA that issued it with --ca-file FILE (PEM), and connect by the name or address the certificate lists.`,
    );
  }
  if (e instanceof InvalidCredentialsError) {
    return new CheckFailedError(`${doing}: ${where} refused the bind (invalid credentials). Check --bind-dn and the password.`);
  }
  if (e instanceof StrongAuthRequiredError) {
    return new CheckFailedError(
      `${doing}: ${where} requires a protected connection. Use ldaps:// or ldap:// without --allow-insecure-bind (StartTLS).`,
    );
  }
  if (e instanceof NoSuchObjectError) {
    return new CheckFailedError(`${doing}: the object does not exist on ${where} (${text}). Check --base-dn.`);
  }
  if (e instanceof SizeLimitExceededError || e instanceof TimeLimitExceededError) {
    const what = e instanceof SizeLimitExceededError ? "size" : "time";
    return new CheckFailedError(
      `${doing}: ${where} stopped the search at its ${what} limit, so the scan is incomplete. Ask the AD admins to raise MaxPageSize/MaxQueryDuration for this account, or narrow --base-dn; no partial result is reported.`,
    );
  }
  if (/Operation timed out/.test(text)) {
    return new CheckFailedError(
      `${doing}: ${where} did not answer within the operation timeout (--timeout-ms), so the scan is incomplete and no result is reported. Raise --timeout-ms for a large or busy directory, or narrow --base-dn.`,
    );
  }
  if (code === "ECONNRESET" && (endpoint.tls || doing === "StartTLS")) {
    // A DC without a server-authentication certificate accepts the TCP connection and resets the TLS handshake.
    return new CheckFailedError(
      `${doing}: ${where} reset the connection during the TLS handshake (ECONNRESET): the DC may have no certificate for LDAP over TLS. Enroll a server-authentication certificate on the DC (LDAPS uses it on 636 and 3269), or check that nothing on the path resets TLS.`,
    );
  }
  if (UNREACHABLE_CODES.has(code) || /timeout|timed out/i.test(text)) {
    return new CheckFailedError(
      `${doing}: cannot reach ${where} (${code || text}). Check the host name, the port and the firewall (see preflight network).`,
    );
  }
  if (/connection (closed|lost)|socket (hang up|closed)|not connected|reconnect/i.test(text)) {
    return new CheckFailedError(
      `${doing}: the connection to ${where} closed (${text}); the scan is incomplete and no result is reported. Run it again.`,
    );
  }
  return new CheckFailedError(`${doing}: ${where} answered with an error (${err?.name ?? "Error"}: ${text}).`);
}

/** An open, bound session; `close` unbinds. */
export interface AdSession {
  readonly client: Client;
  readonly endpoint: AdEndpoint;
  /** Throws when the connection dropped since the bind (a reconnect would be unauthenticated). */
  assertConnected(doing: string): void;
  close(): Promise<void>;
}

/** Connects, secures (TLS or StartTLS) and binds; throws InputError/CheckFailedError. */
export async function openAdSession(options: AdConnectionOptions): Promise<AdSession> {
  const endpoint = parseAdUrl(options.url);
  const ca = options.caFile ? readCa(options.caFile) : undefined;
  const tlsOptions: ConnectionOptions = {
    ...(ca ? { ca: [ca] } : {}),
    ...(isIP(endpoint.host) ? {} : { servername: endpoint.host }),
    minVersion: "TLSv1.2",
  };
  let connections = 0;
  let dropped = false;
  let socket: { destroy(): unknown } | undefined;
  const track = <T extends { once(event: "close", listener: () => void): unknown; destroy(): unknown }>(opened: T): T => {
    if (++connections > 1)
      throw new CheckFailedError(`the connection to ${endpoint.url} was lost; the preflight does not reconnect mid-scan.`);
    opened.once("close", () => (dropped = true));
    socket = opened;
    return opened;
  };
  const createConnection = ((...args: Parameters<typeof netConnect>) => track(netConnect(...args))) as typeof netConnect;
  const createSecureConnection = ((...args: Parameters<typeof tlsConnect>) => {
    const upgrade = typeof args[0] === "object" && args[0] !== null && "socket" in args[0];
    return upgrade ? tlsConnect(...args) : track(tlsConnect(...args));
  }) as typeof tlsConnect;
  const client = new Client({
    url: `${endpoint.tls ? "ldaps" : "ldap"}://${isIP(endpoint.host) === 6 ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`,
    connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    timeout: options.timeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS,
    // ldapts speaks TLS from the first byte whenever tlsOptions are given: only for ldaps://.
    ...(endpoint.tls ? { tlsOptions } : {}),
    strictDN: false,
    createConnection,
    createSecureConnection,
  });
  const session: AdSession = {
    client,
    endpoint,
    assertConnected(doing) {
      if (dropped)
        throw new CheckFailedError(
          `${doing}: the connection to ${endpoint.url} closed; the scan is incomplete and no result is reported. Run it again.`,
        );
    },
    async close() {
      await client.unbind().catch(() => undefined);
    },
  };
  if (!endpoint.tls && !options.allowInsecureBind) {
    const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    try {
      // ldapts' startTLS() waits for the TLS handshake without a deadline: a server that accepts StartTLS and then
      // never answers the ClientHello would hang the run forever (issue 14 item 5).
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          socket?.destroy();
          reject(
            new CheckFailedError(
              `StartTLS: ${endpoint.url} accepted StartTLS but did not complete the TLS handshake within ${connectTimeoutMs} ms (--connect-timeout-ms); nothing was sent. Check that the DC has a certificate for LDAP over TLS, or use ldaps:// (port ${GLOBAL_CATALOG_TLS_PORT} or ${LDAPS_PORT}).`,
            ),
          );
        }, connectTimeoutMs);
      });
      await Promise.race([client.startTLS(tlsOptions), deadline]);
    } catch (e) {
      await session.close();
      const failure = describeLdapFailure(e, endpoint, "StartTLS");
      if (e instanceof Error && e.name === "ProtocolError") {
        throw new CheckFailedError(
          `StartTLS: ${endpoint.url} does not offer StartTLS. Use ldaps:// (port ${GLOBAL_CATALOG_TLS_PORT} or ${LDAPS_PORT}), or --allow-insecure-bind on a network you trust.`,
        );
      }
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }
  try {
    await client.bind(options.bindDn, options.password);
  } catch (e) {
    await session.close();
    throw describeLdapFailure(e, endpoint, `bind as ${options.bindDn}`);
  }
  return session;
}
