/**
 * The two ways a DC port is probed: a TCP connect, and a UDP request on a connected socket that waits for a
 * reply. Both resolve (never reject) with a verdict and a detail, within the timeout.
 */
import { createSocket } from "node:dgram";
import { connect, isIPv6 } from "node:net";
import type { PortVerdict } from "./network-report";
import { settleOnce } from "./settle-once";

/** A verdict and how it was reached. */
export interface ProbeOutcome {
  readonly verdict: PortVerdict;
  readonly detail: string;
}

/** Socket errors that mean a firewall or router rejected the packet (ICMP unreachable or a local policy). */
const REJECTED_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH", "EACCES", "EPERM"]);

/** The verdict for a socket error: ECONNREFUSED is `closed`, a rejection on the way is `filtered`, else `untested`. */
function outcomeOfError(error: NodeJS.ErrnoException, closedDetail: string): ProbeOutcome {
  const code = error.code ?? error.message;
  if (code === "ECONNREFUSED") return { verdict: "closed", detail: closedDetail };
  if (REJECTED_CODES.has(code)) return { verdict: "filtered", detail: `rejected on the way (${code}): a firewall or a missing route` };
  return { verdict: "untested", detail: `the probe failed locally (${code}): ${error.message}` };
}

/** Arguments of a TCP probe. */
export interface TcpProbeArgs {
  /** The address to connect to (already resolved). */
  readonly address: string;
  readonly port: number;
  readonly timeoutMs: number;
}

/** Connects to address:port: connected = `open`, ECONNREFUSED = `closed`, no answer before the timeout = `filtered`. */
export function probeTcp(args: TcpProbeArgs): Promise<ProbeOutcome> {
  const timedOut = (): ProbeOutcome => ({
    verdict: "filtered",
    detail: `no answer to a TCP connect within ${args.timeoutMs} ms (dropped by a firewall?)`,
  });
  return settleOnce(args.timeoutMs, timedOut, (finish) => {
    const socket = connect({ host: args.address, port: args.port });
    socket.once("connect", () => finish({ verdict: "open", detail: "TCP connect accepted" }));
    socket.on("error", (e: NodeJS.ErrnoException) => finish(outcomeOfError(e, "TCP connect refused (ECONNREFUSED): nothing listens")));
    return { release: () => socket.destroy() };
  });
}

/** Arguments of a UDP request/reply probe. */
export interface UdpProbeArgs extends TcpProbeArgs {
  /** The protocol name for details, e.g. "CLDAP ping". */
  readonly what: string;
  readonly request: Buffer;
  /** Describes a datagram as the expected reply, or returns undefined when it is not one. */
  readonly describeReply: (reply: Buffer) => string | undefined;
}

/**
 * Sends the request on a connected UDP socket (so that an ICMP port unreachable surfaces as ECONNREFUSED) and
 * sends it once more halfway through the timeout, in case a datagram was lost. Any datagram back = `open`
 * (the detail says whether it was the expected reply); ECONNREFUSED = `closed`; silence = `filtered`.
 */
export function probeUdp(args: UdpProbeArgs): Promise<ProbeOutcome> {
  const timedOut = (): ProbeOutcome => ({
    verdict: "filtered",
    detail: `no reply to a ${args.what} within ${args.timeoutMs} ms: dropped on the way, or the service ignores it`,
  });
  return settleOnce(args.timeoutMs, timedOut, (finish) => {
    const socket = createSocket(isIPv6(args.address) ? "udp6" : "udp4");
    let resend: NodeJS.Timeout | undefined;
    socket.on("message", (reply: Buffer) => {
      const described = args.describeReply(reply);
      finish({
        verdict: "open",
        detail: described
          ? `${args.what} answered: ${described}`
          : `a ${reply.length}-byte datagram came back, but not a ${args.what} reply`,
      });
    });
    socket.on("error", (e: NodeJS.ErrnoException) =>
      finish(outcomeOfError(e, `${args.what} refused (ICMP port unreachable): nothing listens on UDP ${args.port}`)),
    );
    socket.connect(args.port, args.address, () => {
      socket.send(args.request);
      resend = setTimeout(() => socket.send(args.request), args.timeoutMs / 2);
    });
    return {
      release: () => {
        clearTimeout(resend);
        socket.close();
      },
    };
  });
}
