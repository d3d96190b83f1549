/**
 * The CLDAP ping (MS-ADTS 6.3.3): an LDAP searchRequest sent over UDP for the rootDSE's `Netlogon` attribute,
 * which every domain controller answers. Built by hand with the small BER encoder.
 */
import { applicationTag, BER, boolean, children, constructed, contextTag, integer, octetString, readInteger, readTlv } from "./ber";

/** NETLOGON_NT_VERSION_5 | NETLOGON_NT_VERSION_5EX, little-endian, as Windows clients send it. */
const NT_VERSION = Buffer.from([0x06, 0x00, 0x00, 0x00]);

const SEARCH_REQUEST = applicationTag(3);
/** The LDAP protocol ops a DC may answer a search with, by tag. */
const SEARCH_REPLIES: Readonly<Record<number, string>> = { 0x64: "searchResEntry", 0x65: "searchResDone" };

/** The CLDAP ping datagram: base "", scope base, filter (&(NtVer=\06\00\00\00)), attribute Netlogon. */
export function cldapPingRequest(messageId: number): Buffer {
  const equalityNtVer = constructed([octetString("NtVer"), octetString(NT_VERSION)], contextTag(3));
  const filter = constructed([equalityNtVer], contextTag(0));
  const search = constructed(
    [
      octetString(""),
      integer(0, BER.enumerated), // scope: baseObject
      integer(0, BER.enumerated), // derefAliases: never
      integer(0), // sizeLimit
      integer(0), // timeLimit
      boolean(false), // typesOnly
      filter,
      constructed([octetString("Netlogon")]),
    ],
    SEARCH_REQUEST,
  );
  return constructed([integer(messageId), search]);
}

/**
 * Describes a datagram as a reply to the ping with `messageId` ("LDAP message 7, searchResEntry"), or returns
 * undefined when it is not an LDAP message of that id.
 */
export function describeCldapReply(reply: Buffer, messageId: number): string | undefined {
  const message = readTlv(reply);
  if (!message || message.tag !== BER.sequence) return undefined;
  const [id, op] = children(reply, message);
  if (!id || !op || readInteger(reply, id) !== messageId) return undefined;
  return `LDAP message ${messageId}, ${SEARCH_REPLIES[op.tag] ?? `protocol op tag 0x${op.tag.toString(16)}`}`;
}
