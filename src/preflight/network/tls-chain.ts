/**
 * TLS inspection detection: connects to an HTTPS endpoint, records the certificate chain it presents and
 * decides whether that chain is one an Entra endpoint presents: it must validate against Node's bundled root
 * store (tls.rootCertificates) and end in a root the catalogue lists in KNOWN_ENTRA_ROOT_ISSUERS. Directly, or
 * through an explicit proxy's CONNECT tunnel, where inspecting proxies usually sit.
 */
import { isIP, type Socket } from "node:net";
import { connect, rootCertificates, type DetailedPeerCertificate, type TLSSocket } from "node:tls";
import { KNOWN_ENTRA_ROOT_ISSUERS } from "../../requirements";
import { openTunnel, type HttpProxy } from "./http-proxy";
import type { EndpointProbeResult } from "./network-report";
import { settleOnce } from "./settle-once";

/** Trust settings: Node's bundled roots plus what the caller adds. */
export interface TlsTrust {
  /** PEM root certificates trusted in addition to tls.rootCertificates. */
  readonly extraTrustedRoots: readonly string[];
  /** Root names (subject CN) accepted in addition to KNOWN_ENTRA_ROOT_ISSUERS. */
  readonly extraKnownRootIssuers: readonly string[];
}

/** Arguments of one HTTPS probe. */
export interface TlsProbeArgs {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
  readonly trust: TlsTrust;
  /** An explicit proxy to tunnel through (CONNECT); direct when undefined. */
  readonly proxy: HttpProxy | undefined;
}

/** The subject of a certificate as a report shows it: its CN, else its O, else the whole subject. */
function subjectName(cert: DetailedPeerCertificate): string {
  const s = cert.subject;
  return String(s.CN ?? s.O ?? JSON.stringify(s));
}

/** The chain as presented, leaf first, with the root Node found in the trust store appended (self-issued). */
function walkChain(leaf: DetailedPeerCertificate): DetailedPeerCertificate[] {
  const chain: DetailedPeerCertificate[] = [];
  const seen = new Set<string>();
  for (
    let cert: DetailedPeerCertificate | undefined = leaf;
    cert?.fingerprint256 && !seen.has(cert.fingerprint256);
    cert = cert.issuerCertificate
  ) {
    seen.add(cert.fingerprint256);
    chain.push(cert);
  }
  return chain;
}

/** The name of the root a chain ends in: the last certificate's subject when self-issued, else the issuer it names. */
function rootName(chain: readonly DetailedPeerCertificate[]): string | null {
  const last = chain[chain.length - 1];
  if (!last) return null;
  const selfIssued = last.issuerCertificate?.fingerprint256 === last.fingerprint256;
  return selfIssued ? subjectName(last) : String(last.issuer.CN ?? last.issuer.O ?? JSON.stringify(last.issuer));
}

/** The inspection verdict and its explanation for a completed handshake. */
function classify(
  authorized: boolean,
  authorizationError: string | undefined,
  root: string | null,
  trust: TlsTrust,
): Pick<EndpointProbeResult, "tlsInspection" | "detail"> {
  if (!authorized) {
    return {
      tlsInspection: "detected",
      detail:
        `the chain does not validate against Node's bundled public roots (${authorizationError ?? "unknown error"}), ` +
        `ending in "${root ?? "nothing"}": a TLS-inspecting proxy re-signs this traffic`,
    };
  }
  const known: readonly string[] = [...KNOWN_ENTRA_ROOT_ISSUERS, ...trust.extraKnownRootIssuers];
  if (root === null || !known.includes(root)) {
    return {
      tlsInspection: "detected",
      detail: `the chain validates but ends in "${root ?? "nothing"}", not a root Entra endpoints use (${known.join(", ")}): an inspecting proxy with a public-looking CA`,
    };
  }
  return { tlsInspection: "none", detail: `TLS handshake completed; the chain ends in "${root}", a root Entra endpoints use` };
}

/** Connects with TLS (SNI set for names), never sends data, and reports reachability and inspection. */
export function probeTls(args: TlsProbeArgs): Promise<EndpointProbeResult> {
  const unreachable = (detail: string): EndpointProbeResult => ({
    url: args.url,
    verdict: "unreachable",
    tlsInspection: "unknown",
    issuer: null,
    chain: [],
    detail,
  });
  return settleOnce(
    args.timeoutMs,
    () => unreachable(`no TLS handshake within ${args.timeoutMs} ms`),
    (finish) => {
      let tlsSocket: TLSSocket | undefined;
      const handshake = (tunnel?: Socket): void => {
        const socket = connect({
          ...(tunnel ? { socket: tunnel } : { host: args.host, port: args.port }),
          ...(isIP(args.host) ? {} : { servername: args.host }),
          ca: [...rootCertificates, ...args.trust.extraTrustedRoots],
          rejectUnauthorized: false,
        });
        tlsSocket = socket;
        socket.on("error", (e: NodeJS.ErrnoException) => finish(unreachable(`${e.code ?? "error"}: ${e.message}`)));
        socket.once("secureConnect", () => {
          const chain = walkChain(socket.getPeerCertificate(true));
          const root = rootName(chain);
          const authorizationError = socket.authorizationError === undefined ? undefined : String(socket.authorizationError);
          finish({
            url: args.url,
            verdict: "reachable",
            issuer: root,
            chain: chain.map(subjectName),
            ...classify(socket.authorized, authorizationError, root, args.trust),
          });
        });
      };
      const tunnel = args.proxy
        ? openTunnel(args.proxy, args.host, args.port, { onOpen: handshake, onFail: (detail) => finish(unreachable(detail)) })
        : undefined;
      if (!tunnel) handshake();
      return {
        release: () => {
          tlsSocket?.destroy();
          tunnel?.destroy();
        },
      };
    },
  );
}
