/**
 * A minimal BER/DER encoder and TLV reader: enough to build a CLDAP ping and a Kerberos AS-REQ by hand and to
 * recognise their replies. Definite lengths only; tags of one byte only.
 */

/** Universal and common tags used by the probes. */
export const BER = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  enumerated: 0x0a,
  sequence: 0x30,
  generalizedTime: 0x18,
  generalString: 0x1b,
} as const;

/** The tag byte of a constructed context-specific tag `[n]`. */
export function contextTag(n: number): number {
  return 0xa0 | n;
}

/** The tag byte of a constructed application tag `[APPLICATION n]`. */
export function applicationTag(n: number): number {
  return 0x60 | n;
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV: the tag byte, the definite length and the content. */
function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

/** A constructed TLV (SEQUENCE by default) of the given parts. */
export function constructed(parts: readonly Buffer[], tag: number = BER.sequence): Buffer {
  return tlv(tag, Buffer.concat(parts));
}

/** A non-negative INTEGER (or ENUMERATED with `tag`) in the fewest bytes, with a leading 0 when the top bit is set. */
export function integer(value: number, tag: number = BER.integer): Buffer {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  if (bytes.length === 0 || (bytes[0] ?? 0) >= 0x80) bytes.unshift(0);
  return tlv(tag, Buffer.from(bytes));
}

/** An OCTET STRING (or another string type with `tag`) of UTF-8 text or raw bytes. */
export function octetString(value: string | Buffer, tag: number = BER.octetString): Buffer {
  return tlv(tag, typeof value === "string" ? Buffer.from(value, "utf8") : value);
}

/** A BOOLEAN. */
export function boolean(value: boolean): Buffer {
  return tlv(BER.boolean, Buffer.from([value ? 0xff : 0x00]));
}

/** One TLV read from a buffer: its tag, and where its content starts and ends. */
export interface Tlv {
  readonly tag: number;
  readonly contentStart: number;
  readonly end: number;
}

/** Reads the TLV at `offset`, or undefined when the bytes are not a complete TLV of a definite length. */
export function readTlv(buf: Buffer, offset = 0): Tlv | undefined {
  const tag = buf[offset];
  const first = buf[offset + 1];
  if (tag === undefined || first === undefined) return undefined;
  let length = first;
  let contentStart = offset + 2;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = buf[offset + 2 + i];
      if (b === undefined) return undefined;
      length = length * 256 + b;
    }
    contentStart += count;
  }
  const end = contentStart + length;
  return end <= buf.length ? { tag, contentStart, end } : undefined;
}

/** The TLVs directly inside a constructed TLV, in order; stops at the first malformed one. */
export function children(buf: Buffer, parent: Tlv): Tlv[] {
  const found: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.end;) {
    const child = readTlv(buf, offset);
    if (!child || child.end > parent.end) break;
    found.push(child);
    offset = child.end;
  }
  return found;
}

/** The value of an INTEGER or ENUMERATED TLV (non-negative values up to 2^48), or undefined when it is another tag. */
export function readInteger(buf: Buffer, t: Tlv): number | undefined {
  if (t.tag !== BER.integer && t.tag !== BER.enumerated) return undefined;
  const length = t.end - t.contentStart;
  if (length < 1 || length > 6) return undefined;
  return buf.readIntBE(t.contentStart, length);
}
