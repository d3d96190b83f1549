/** The data the network preflight returns: one row per DC port probed, one per endpoint, and summary checks. */
import type { Protocol } from "../../requirements";
import type { CheckResult } from "../../report/check-result";

/**
 * What a probe of one DC port found: `open` (a connection or a reply), `closed` (refused: TCP RST or ICMP port
 * unreachable), `filtered` (silence until the timeout, or an ICMP rejection by a firewall), `untested` (with
 * the reason in `detail`).
 */
export type PortVerdict = "open" | "closed" | "filtered" | "untested";

/** The verdict on one DC port and how it was reached. */
export interface PortProbeResult {
  /** The DC as given with --dc. */
  readonly host: string;
  /** The port, or the first port of a range (then `toPort` is set). */
  readonly port: number;
  /** The last port of a range that was not probed port by port. */
  readonly toPort?: number;
  readonly protocol: Protocol;
  /** The catalogue's service id, e.g. "global-catalog". */
  readonly service: string;
  readonly verdict: PortVerdict;
  /** How the verdict was reached, e.g. "CLDAP ping answered (LDAP message 1, searchResEntry)". */
  readonly detail: string;
}

/** `reachable`: a TLS handshake (HTTPS) or an HTTP response (HTTP) completed; `untested`: no concrete host to probe. */
export type EndpointVerdict = "reachable" | "unreachable" | "untested";

/** `detected`: the chain is not the one an Entra endpoint presents; `unknown`: no handshake; `not-applicable`: plain HTTP. */
export type TlsInspection = "none" | "detected" | "unknown" | "not-applicable";

/** The verdict on one outbound endpoint. */
export interface EndpointProbeResult {
  /** The URL probed, or the catalogue's pattern (e.g. "https://*.adhybridhealth.azure.com/") when untested. */
  readonly url: string;
  readonly verdict: EndpointVerdict;
  readonly tlsInspection: TlsInspection;
  /** The root the presented chain ends in (its subject), or the issuer the last presented certificate names. */
  readonly issuer: string | null;
  /** Subjects of the presented chain, leaf first (with the root found in the trust store, if any). */
  readonly chain: readonly string[];
  readonly detail: string;
}

/** What `runNetworkPreflight` returns; `checks` summarise `ports` and `endpoints` with requirement citations. */
export interface NetworkPreflightReport {
  readonly checks: readonly CheckResult[];
  readonly ports: readonly PortProbeResult[];
  readonly endpoints: readonly EndpointProbeResult[];
}
