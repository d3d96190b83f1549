/**
 * A minimal Kerberos AS-REQ (RFC 4120 5.4.1) for a principal that does not exist: a KDC answers any well-formed
 * request, usually with a KRB-ERROR, which is all the probe needs to prove the KDC listens on UDP.
 */
import { applicationTag, BER, children, constructed, contextTag, integer, octetString, readInteger, readTlv } from "./ber";

const KERBEROS_VERSION = 5;
const MSG_AS_REQ = 10;
const NT_PRINCIPAL = 1;
const NT_SRV_INST = 2;
const AS_REP = applicationTag(11);
const KRB_ERROR = applicationTag(30);
/** Encryption types offered: aes256-cts-hmac-sha1-96, aes128-cts-hmac-sha1-96, rc4-hmac. */
const ETYPES = [18, 17, 23];
/** The client name the probe asks for; a KDC refuses it without learning anything about real accounts. */
const PROBE_CLIENT_NAME = "entra-gate-port-probe";
/** A far-future end time, as Windows clients send it. */
const TILL = "20370913024805Z";
/** The error codes a KDC most likely answers the probe with (RFC 4120 7.5.9). */
const KRB_ERROR_NAMES: Readonly<Record<number, string>> = {
  6: "KDC_ERR_C_PRINCIPAL_UNKNOWN",
  7: "KDC_ERR_S_PRINCIPAL_UNKNOWN",
  24: "KDC_ERR_PREAUTH_FAILED",
  25: "KDC_ERR_PREAUTH_REQUIRED",
  68: "KDC_ERR_WRONG_REALM",
};

function principalName(nameType: number, parts: readonly string[]): Buffer {
  return constructed([
    constructed([integer(nameType)], contextTag(0)),
    constructed([constructed(parts.map((p) => octetString(p, BER.generalString)))], contextTag(1)),
  ]);
}

/** An AS-REQ for PROBE_CLIENT_NAME@realm asking for krbtgt/realm, with the given nonce. */
export function kerberosAsRequest(realm: string, nonce: number): Buffer {
  const body = constructed([
    constructed([octetString(Buffer.from([0, 0, 0, 0, 0]), BER.bitString)], contextTag(0)), // kdc-options: none
    constructed([principalName(NT_PRINCIPAL, [PROBE_CLIENT_NAME])], contextTag(1)),
    constructed([octetString(realm, BER.generalString)], contextTag(2)),
    constructed([principalName(NT_SRV_INST, ["krbtgt", realm])], contextTag(3)),
    constructed([octetString(TILL, BER.generalizedTime)], contextTag(5)),
    constructed([integer(nonce)], contextTag(7)),
    constructed([constructed(ETYPES.map((e) => integer(e)))], contextTag(8)),
  ]);
  const kdcReq = constructed([
    constructed([integer(KERBEROS_VERSION)], contextTag(1)),
    constructed([integer(MSG_AS_REQ)], contextTag(2)),
    constructed([body], contextTag(4)),
  ]);
  return constructed([kdcReq], applicationTag(MSG_AS_REQ));
}

/** The error-code field ([6] INTEGER) of a KRB-ERROR's SEQUENCE. */
function errorCode(reply: Buffer, krbError: { contentStart: number; end: number; tag: number }): number | undefined {
  const [sequence] = children(reply, krbError);
  if (!sequence) return undefined;
  const field = children(reply, sequence).find((c) => c.tag === contextTag(6));
  const [value] = field ? children(reply, field) : [];
  return value ? readInteger(reply, value) : undefined;
}

/** Describes a datagram as a KDC's reply ("KRB-ERROR 6 KDC_ERR_C_PRINCIPAL_UNKNOWN"), or undefined when it is not one. */
export function describeKerberosReply(reply: Buffer): string | undefined {
  const message = readTlv(reply);
  if (!message) return undefined;
  if (message.tag === AS_REP) return "AS-REP";
  if (message.tag !== KRB_ERROR) return undefined;
  const code = errorCode(reply, message);
  if (code === undefined) return "KRB-ERROR";
  return `KRB-ERROR ${code}${KRB_ERROR_NAMES[code] ? ` ${KRB_ERROR_NAMES[code]}` : ""}`;
}
