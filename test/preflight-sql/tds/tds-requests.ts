/** Parsers for the client messages the test server understands: LOGIN7, SQL_BATCH and RPC (sp_executesql). */

/** The credentials and database of a LOGIN7 message ([MS-TDS] 2.2.6.4). */
export interface Login7 {
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

function offsetString(payload: Buffer, at: number): Buffer {
  const offset = payload.readUInt16LE(at);
  const chars = payload.readUInt16LE(at + 2);
  return payload.subarray(offset, offset + chars * 2);
}

/** A password as LOGIN7 carries it: UCS-2 with each byte's nibbles swapped and XORed with 0xA5 ([MS-TDS] 2.2.6.4). */
export function scramblePassword(password: string): Buffer {
  return Buffer.from(Buffer.from(password, "ucs2").map((b) => (((b & 0x0f) << 4) | (b >> 4)) ^ 0xa5));
}

/** Passwords travel with their nibbles swapped and XORed with 0xA5. */
function unscramble(bytes: Buffer): string {
  const clear = Buffer.from(
    bytes.map((b) => {
      const x = b ^ 0xa5;
      return ((x & 0x0f) << 4) | (x >> 4);
    }),
  );
  return clear.toString("ucs2");
}

export function parseLogin7(payload: Buffer): Login7 {
  return {
    user: offsetString(payload, 40).toString("ucs2"),
    password: unscramble(offsetString(payload, 44)),
    database: offsetString(payload, 68).toString("ucs2"),
  };
}

/** SQL_BATCH and RPC start with ALL_HEADERS, whose first four bytes are its own length. */
function afterAllHeaders(payload: Buffer): number {
  return payload.readUInt32LE(0);
}

export function parseSqlBatch(payload: Buffer): string {
  return payload.subarray(afterAllHeaders(payload)).toString("ucs2");
}

/** A statement and its parameter values, as the server received them. */
export interface ReceivedQuery {
  readonly text: string;
  readonly parameters: Readonly<Record<string, string | number | null>>;
}

/** The only stored procedure the server runs: sp_executesql, procedure id 10. */
const SP_EXECUTESQL = 10;

class Cursor {
  constructor(
    private readonly data: Buffer,
    public at: number,
  ) {}
  get done(): boolean {
    return this.at >= this.data.length;
  }
  u8(): number {
    return this.data.readUInt8(this.at++);
  }
  u16(): number {
    const v = this.data.readUInt16LE(this.at);
    this.at += 2;
    return v;
  }
  u32(): number {
    const v = this.data.readUInt32LE(this.at);
    this.at += 4;
    return v;
  }
  bytes(n: number): Buffer {
    const v = this.data.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
}

const NULL_PLP = 0xffffffffffffffffn;

function readNVarChar(c: Cursor): string | null {
  const maxLength = c.u16();
  c.bytes(5); // collation
  if (maxLength !== 0xffff) {
    const length = c.u16();
    return length === 0xffff ? null : c.bytes(length).toString("ucs2");
  }
  const total = c.bytes(8).readBigUInt64LE();
  if (total === NULL_PLP) return null;
  const chunks: Buffer[] = [];
  for (let chunk = c.u32(); chunk > 0; chunk = c.u32()) chunks.push(c.bytes(chunk));
  return Buffer.concat(chunks).toString("ucs2");
}

function readIntN(c: Cursor): number | null {
  c.u8(); // declared size
  const length = c.u8();
  if (length === 0) return null;
  const value = c.bytes(length);
  return length === 8 ? Number(value.readBigInt64LE()) : value.readIntLE(0, length);
}

/** Parses an RPC of sp_executesql into its statement and parameters; throws on anything else. */
export function parseRpc(payload: Buffer): ReceivedQuery {
  const c = new Cursor(payload, afterAllHeaders(payload));
  const nameLength = c.u16();
  if (nameLength !== 0xffff) throw new Error(`RPC by name (${c.bytes(nameLength * 2).toString("ucs2")}) is not supported`);
  const procId = c.u16();
  if (procId !== SP_EXECUTESQL) throw new Error(`RPC procedure id ${procId} is not supported (only sp_executesql)`);
  c.u16(); // option flags
  const values: [string, string | number | null][] = [];
  while (!c.done) {
    const name = c.bytes(c.u8() * 2).toString("ucs2");
    c.u8(); // status flags
    const type = c.u8();
    if (type === 0xe7) values.push([name, readNVarChar(c)]);
    else if (type === 0x26) values.push([name, readIntN(c)]);
    else throw new Error(`parameter ${name}: TDS type 0x${type.toString(16)} is not supported by the test server`);
  }
  const [statement, ...rest] = values;
  if (!statement || statement[0] !== "@statement" || typeof statement[1] !== "string") throw new Error("sp_executesql without @statement");
  const parameters = rest.filter(([n]) => n !== "@params").map(([n, v]) => [n.replace(/^@/, ""), v]);
  return { text: statement[1], parameters: Object.fromEntries(parameters) };
}
