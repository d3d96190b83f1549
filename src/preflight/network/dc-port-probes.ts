/**
 * Probes every port of the catalogue's DC table on one domain controller: TCP by connect, UDP 389 by a CLDAP
 * ping, UDP 53 by a DNS query, UDP 88 by a Kerberos AS-REQ; the dynamic RPC range through the endpoint mapper.
 */
import { randomInt } from "node:crypto";
import { DC_PORTS, type DcPort, type Protocol } from "../../requirements";
import { cldapPingRequest, describeCldapReply } from "./cldap-ping";
import { describeDnsReply, dnsSoaQuery } from "./dns-query";
import { probeDynamicRpc, type PortFinding } from "./dynamic-rpc-probe";
import { describeKerberosReply, kerberosAsRequest } from "./kerberos-as-req";
import type { PortProbeResult } from "./network-report";
import { probeTcp, probeUdp, type ProbeOutcome } from "./socket-probes";

/** Arguments of the probes of one DC. */
export interface DcProbeArgs {
  /** The DC as given by the user (a name or an address). */
  readonly host: string;
  /** The address `host` resolved to. */
  readonly address: string;
  /** The AD DNS domain: the DNS query asks for its SOA and the AS-REQ uses it as the realm. */
  readonly domain: string | undefined;
  readonly timeoutMs: number;
}

/** One probe to run: which DC, protocol and service, and how to get the port's finding. */
export interface PortProbe {
  readonly row: Pick<PortProbeResult, "host" | "protocol" | "service">;
  readonly run: () => Promise<PortFinding>;
}

/** A realm for the AS-REQ when the domain is unknown: a KDC still answers it (with KDC_ERR_WRONG_REALM or similar). */
const UNKNOWN_REALM = "ENTRA-GATE.INVALID";

type UdpRequest = Pick<Parameters<typeof probeUdp>[0], "what" | "request" | "describeReply">;

/** The UDP request that proves each service answers, by the catalogue's service id. */
const UDP_REQUESTS: Readonly<Record<string, (args: DcProbeArgs) => UdpRequest>> = {
  ldap: () => {
    const id = randomInt(1, 0x7fffffff);
    return { what: "CLDAP ping", request: cldapPingRequest(id), describeReply: (r) => describeCldapReply(r, id) };
  },
  dns: (args) => {
    const id = randomInt(0, 0x10000);
    const name = args.domain ?? "";
    return {
      what: `DNS query (SOA of "${name || "."}")`,
      request: dnsSoaQuery(id, name),
      describeReply: (r) => describeDnsReply(r, id),
    };
  },
  kerberos: (args) => {
    const realm = (args.domain ?? UNKNOWN_REALM).toUpperCase();
    return {
      what: `Kerberos AS-REQ (realm ${realm})`,
      request: kerberosAsRequest(realm, randomInt(1, 0x7fffffff)),
      describeReply: describeKerberosReply,
    };
  },
};

function probeFor(port: DcPort, protocol: Protocol, args: DcProbeArgs): () => Promise<PortFinding> {
  if (port.toPort !== port.port) return () => probeDynamicRpc({ range: port, address: args.address, timeoutMs: args.timeoutMs });
  const target = { address: args.address, port: port.port, timeoutMs: args.timeoutMs };
  const at = (outcome: ProbeOutcome): PortFinding => ({ port: port.port, ...outcome });
  if (protocol === "tcp") return async () => at(await probeTcp(target));
  const udpRequest = UDP_REQUESTS[port.service];
  if (!udpRequest) return () => Promise.resolve(at({ verdict: "untested", detail: `no UDP probe is implemented for ${port.description}` }));
  return async () => at(await probeUdp({ ...target, ...udpRequest(args) }));
}

/** The probes of every port and protocol of the DC table, for one DC. */
export function dcPortProbes(args: DcProbeArgs): PortProbe[] {
  return DC_PORTS.flatMap((port) =>
    port.protocols.map((protocol) => ({ row: { host: args.host, protocol, service: port.service }, run: probeFor(port, protocol, args) })),
  );
}

/** The report row of a probe and its finding, in the JSON's field order. */
export function portRow(probe: PortProbe, finding: PortFinding): PortProbeResult {
  return {
    host: probe.row.host,
    port: finding.port,
    ...(finding.toPort !== undefined ? { toPort: finding.toPort } : {}),
    protocol: probe.row.protocol,
    service: probe.row.service,
    verdict: finding.verdict,
    detail: finding.detail,
  };
}
