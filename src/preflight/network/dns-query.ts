/** A DNS query over UDP (RFC 1035): any reply with the query's id proves a DNS server answers on the DC. */

const HEADER_LENGTH = 12;
const FLAG_RECURSION_DESIRED = 0x0100;
const FLAG_RESPONSE = 0x8000;
const TYPE_SOA = 6;
const CLASS_IN = 1;
const RCODES: readonly string[] = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"];

/** The wire form of a name: length-prefixed labels ending in the root label; "" is the root itself. */
function encodeName(name: string): Buffer {
  const labels = name.split(".").filter((l) => l.length > 0);
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, "ascii")])), Buffer.from([0])]);
}

/** A query for the SOA record of `name` ("" for the root zone) with the given 16-bit id. */
export function dnsSoaQuery(id: number, name: string): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(FLAG_RECURSION_DESIRED, 2);
  header.writeUInt16BE(1, 4); // one question
  const question = Buffer.alloc(4);
  question.writeUInt16BE(TYPE_SOA, 0);
  question.writeUInt16BE(CLASS_IN, 2);
  return Buffer.concat([header, encodeName(name), question]);
}

/** Describes a datagram as the reply to query `id` ("DNS reply NOERROR, 1 answer"), or undefined when it is not. */
export function describeDnsReply(reply: Buffer, id: number): string | undefined {
  if (reply.length < HEADER_LENGTH || reply.readUInt16BE(0) !== id) return undefined;
  const flags = reply.readUInt16BE(2);
  if ((flags & FLAG_RESPONSE) === 0) return undefined;
  const rcode = flags & 0x0f;
  const answers = reply.readUInt16BE(6);
  return `DNS reply ${RCODES[rcode] ?? `rcode ${rcode}`}, ${answers} answer${answers === 1 ? "" : "s"}`;
}
