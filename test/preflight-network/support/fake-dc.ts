/**
 * A stand-in for a domain controller on a loopback address, listening on chosen ports of the catalogue's DC
 * table: TCP listeners that accept, and UDP responders that answer like a DC (CLDAP, DNS, Kerberos) or stay
 * silent. Binding ports below 1024 needs root (as CI runs).
 */
import {
  children,
  constructed,
  contextTag,
  applicationTag,
  integer,
  octetString,
  readInteger,
  readTlv,
} from "../../../src/preflight/network/ber";
import { dcPort } from "../../../src/requirements";
import { tcpServer, udpServer, type Running } from "./loopback-servers";

/** How a fake UDP service answers a datagram; undefined = silence. */
export type UdpResponder = (request: Buffer) => Buffer | undefined;

/** A CLDAP responder: a searchResDone (success) with the request's message id. */
export const cldapResponder: UdpResponder = (request) => {
  const message = readTlv(request);
  const [id] = message ? children(request, message) : [];
  const messageId = id ? readInteger(request, id) : undefined;
  if (messageId === undefined) return undefined;
  return constructed([integer(messageId), constructed([integer(0, 0x0a), octetString(""), octetString("")], applicationTag(5))]);
};

/** A DNS responder: the query echoed back as a REFUSED response (QR set, rcode 5). */
export const dnsResponder: UdpResponder = (request) => {
  const reply = Buffer.from(request);
  reply.writeUInt16BE(0x8005, 2);
  return reply;
};

/** A KDC: KRB-ERROR 6 (KDC_ERR_C_PRINCIPAL_UNKNOWN) to every request. */
export const kdcResponder: UdpResponder = () =>
  constructed(
    [
      constructed([
        constructed([integer(5)], contextTag(0)),
        constructed([integer(30)], contextTag(1)),
        constructed([integer(6)], contextTag(6)),
      ]),
    ],
    applicationTag(30),
  );

/**
 * Which services of the DC table the fake DC offers: TCP listeners by service id (the endpoint mapper's
 * listener accepts and stays silent), UDP responders by service id.
 */
export interface FakeDcServices {
  readonly tcp: readonly string[];
  readonly udp: Readonly<Record<string, UdpResponder>>;
}

/** Every service of a healthy DC: all single TCP ports and the three UDP services answering. */
export const HEALTHY_DC: FakeDcServices = {
  tcp: ["dns", "kerberos", "rpc-endpoint-mapper", "ldap", "smb", "ldaps", "global-catalog", "global-catalog-ssl"],
  udp: { dns: dnsResponder, kerberos: kdcResponder, ldap: cldapResponder },
};

/** A random address in 127.77.0.0/16, so that parallel test files and the Samba DC never share one. */
export function randomLoopbackAddress(): string {
  const byte = (): number => 1 + Math.floor(Math.random() * 254);
  return `127.77.${byte()}.${byte()}`;
}

/** Starts the services on `address`; `close` stops them all. */
export async function startFakeDc(address: string, services: FakeDcServices): Promise<{ close(): Promise<void> }> {
  const running: Running[] = [];
  try {
    for (const service of services.tcp) running.push(await tcpServer(address, dcPort(service).port, service === "rpc-endpoint-mapper"));
    for (const [service, responder] of Object.entries(services.udp))
      running.push(await udpServer(responder, address, dcPort(service).port));
  } catch (e) {
    await Promise.all(running.map((r) => r.close()));
    throw e;
  }
  return { close: async () => void (await Promise.all(running.map((r) => r.close()))) };
}

/** Binding ports below 1024 needs root: the fake-DC tests skip otherwise. */
export const canBindPrivilegedPorts = process.getuid?.() === 0;

/** Runs `fn` with a fake DC offering `services` on a fresh loopback address, and stops it afterwards. */
export async function withFakeDc(services: FakeDcServices, fn: (address: string) => Promise<void>): Promise<void> {
  const address = randomLoopbackAddress();
  const dc = await startFakeDc(address, services);
  try {
    await fn(address);
  } finally {
    await dc.close();
  }
}
