/**
 * TDS framing and token encoding for the test server ([MS-TDS] 2.2.3 packets, 2.2.7 tokens), written from
 * the server's side: what tedious (the driver under `mssql`) reads.
 */
import type { Duplex } from "node:stream";

/** Packet types ([MS-TDS] 2.2.3.1.1). */
export const PACKET = { sqlBatch: 0x01, rpc: 0x03, tabularResult: 0x04, attention: 0x06, login7: 0x10, prelogin: 0x12 } as const;

const HEADER_LENGTH = 8;
const STATUS_EOM = 0x01;
/** The packet size tedious asks for; the server never negotiates another. */
export const PACKET_SIZE = 4096;

/** A whole client message (one or more packets up to EOM). */
export interface TdsMessage {
  readonly type: number;
  readonly payload: Buffer;
}

/** Splits a byte stream into TDS messages; `push` returns the messages completed by `chunk`, throws on garbage. */
export class MessageReader {
  private pending = Buffer.alloc(0);
  private parts: Buffer[] = [];

  push(chunk: Buffer): TdsMessage[] {
    this.pending = Buffer.concat([this.pending, chunk]);
    const done: TdsMessage[] = [];
    while (this.pending.length >= HEADER_LENGTH) {
      const length = this.pending.readUInt16BE(2);
      if (length < HEADER_LENGTH) throw new Error(`not a TDS packet: length ${length} in the header`);
      if (this.pending.length < length) break;
      const type = this.pending.readUInt8(0);
      const status = this.pending.readUInt8(1);
      this.parts.push(this.pending.subarray(HEADER_LENGTH, length));
      this.pending = this.pending.subarray(length);
      if (status & STATUS_EOM) {
        done.push({ type, payload: Buffer.concat(this.parts) });
        this.parts = [];
      }
    }
    return done;
  }
}

/** A packet header ([MS-TDS] 2.2.3.1): type, status (EOM or not), total length, packet id. */
export function packetHeader(type: number, endOfMessage: boolean, length: number, packetId = 1): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt8(type, 0);
  header.writeUInt8(endOfMessage ? STATUS_EOM : 0, 1);
  header.writeUInt16BE(length, 2);
  header.writeUInt8(packetId % 256, 6);
  return header;
}

/** Writes `payload` as a message of `type`, split into packets of PACKET_SIZE. */
export function writeMessage(socket: Duplex, type: number, payload: Buffer): void {
  const room = PACKET_SIZE - HEADER_LENGTH;
  let packetId = 1;
  for (let offset = 0; offset === 0 || offset < payload.length; offset += room) {
    const body = payload.subarray(offset, offset + room);
    socket.write(Buffer.concat([packetHeader(type, offset + room >= payload.length, HEADER_LENGTH + body.length, packetId++), body]));
  }
}

function ucs2(text: string): Buffer {
  return Buffer.from(text, "ucs2");
}

/** B_VARCHAR: a one-byte character count, then UCS-2. */
function bVarChar(text: string): Buffer {
  return Buffer.concat([Buffer.from([text.length]), ucs2(text)]);
}

/** US_VARCHAR: a two-byte character count, then UCS-2. */
function usVarChar(text: string): Buffer {
  const length = Buffer.alloc(2);
  length.writeUInt16LE(text.length);
  return Buffer.concat([length, ucs2(text)]);
}

/** A token with a two-byte length after its type byte. */
function lengthPrefixed(tokenType: number, body: Buffer): Buffer {
  const head = Buffer.alloc(3);
  head.writeUInt8(tokenType, 0);
  head.writeUInt16LE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** PRELOGIN response ([MS-TDS] 2.2.6.5): VERSION, ENCRYPTION, INSTOPT, THREADID, MARS. */
export function preloginResponse(version: readonly [number, number, number], encryption: number): Buffer {
  const versionData = Buffer.alloc(6);
  versionData.writeUInt8(version[0], 0);
  versionData.writeUInt8(version[1], 1);
  versionData.writeUInt16BE(version[2], 2);
  const options: [number, Buffer][] = [
    [0x00, versionData],
    [0x01, Buffer.from([encryption])],
    [0x02, Buffer.from([0])],
    [0x03, Buffer.alloc(4)],
    [0x04, Buffer.from([0])],
  ];
  const table = Buffer.alloc(options.length * 5 + 1);
  let dataOffset = table.length;
  options.forEach(([token, data], i) => {
    table.writeUInt8(token, i * 5);
    table.writeUInt16BE(dataOffset, i * 5 + 1);
    table.writeUInt16BE(data.length, i * 5 + 3);
    dataOffset += data.length;
  });
  table.writeUInt8(0xff, options.length * 5);
  return Buffer.concat([table, ...options.map(([, data]) => data)]);
}

/** PRELOGIN ENCRYPTION values ([MS-TDS] 2.2.6.5). */
export const ENCRYPTION = { off: 0x00, on: 0x01, notSupported: 0x02, required: 0x03 } as const;

/** The ENCRYPTION option of a client's PRELOGIN, or undefined when absent. */
export function preloginEncryption(payload: Buffer): number | undefined {
  for (let at = 0; at + 5 <= payload.length && payload[at] !== 0xff; at += 5) {
    if (payload[at] === 0x01) return payload[payload.readUInt16BE(at + 1)];
  }
  return undefined;
}

/** LOGINACK ([MS-TDS] 2.2.7.14) for TDS 7.4. */
export function loginAckToken(version: readonly [number, number, number]): Buffer {
  const fixed = Buffer.alloc(5);
  fixed.writeUInt8(1, 0); // SQL_TSQL
  fixed.writeUInt32BE(0x74000004, 1);
  const progVersion = Buffer.from([version[0], version[1], version[2] >> 8, version[2] & 0xff]);
  return lengthPrefixed(0xad, Buffer.concat([fixed, bVarChar("Microsoft SQL Server"), progVersion]));
}

/** ENVCHANGE ([MS-TDS] 2.2.7.9) of a B_VARCHAR value: 1 database, 4 packet size. */
export function envChangeToken(type: 1 | 4, newValue: string, oldValue: string): Buffer {
  return lengthPrefixed(0xe3, Buffer.concat([Buffer.from([type]), bVarChar(newValue), bVarChar(oldValue)]));
}

/** ENVCHANGE SQL_COLLATION (type 7) with a 5-byte collation. */
export function collationChangeToken(collation: Buffer): Buffer {
  return lengthPrefixed(0xe3, Buffer.concat([Buffer.from([7, collation.length]), collation, Buffer.from([0])]));
}

/** DONE status bits ([MS-TDS] 2.2.7.6). */
export const DONE = { final: 0x00, more: 0x01, error: 0x02, count: 0x10, attention: 0x20 } as const;

/** DONE (0xFD), DONEPROC (0xFE) or DONEINPROC (0xFF). */
export function doneToken(status: number, rowCount = 0, tokenType: 0xfd | 0xfe | 0xff = 0xfd): Buffer {
  const token = Buffer.alloc(13);
  token.writeUInt8(tokenType, 0);
  token.writeUInt16LE(status, 1);
  token.writeUInt16LE(0xc1, 3); // SELECT
  token.writeBigUInt64LE(BigInt(rowCount), 5);
  return token;
}

/** RETURNSTATUS ([MS-TDS] 2.2.7.18) of a procedure. */
export function returnStatusToken(value: number): Buffer {
  const token = Buffer.alloc(5);
  token.writeUInt8(0x79, 0);
  token.writeInt32LE(value, 1);
  return token;
}

/** A server error the client turns into an exception. */
export interface ServerError {
  readonly number: number;
  readonly state: number;
  readonly severity: number;
  readonly message: string;
}

/** ERROR ([MS-TDS] 2.2.7.10). */
export function errorToken(error: ServerError, serverName: string): Buffer {
  const fixed = Buffer.alloc(6);
  fixed.writeInt32LE(error.number, 0);
  fixed.writeUInt8(error.state, 4);
  fixed.writeUInt8(error.severity, 5);
  const line = Buffer.alloc(4);
  line.writeInt32LE(1);
  return lengthPrefixed(0xaa, Buffer.concat([fixed, usVarChar(error.message), bVarChar(serverName), bVarChar(""), line]));
}

/** The column types the test server returns. */
export type ColumnType = "int" | "bigint" | "nvarchar";
export interface Column {
  readonly name: string;
  readonly type: ColumnType;
}
export type CellValue = number | string | null;

/** SQL_Latin1_General_CP1_CI_AS as the 5 bytes of a TDS collation (LCID 0x0409, sort id 52). */
export const LATIN1_CI_AS = Buffer.from([0x09, 0x04, 0xd0, 0x00, 0x34]);

const NVARCHAR_MAX_BYTES = 8000;

function typeInfo(type: ColumnType): Buffer {
  if (type === "nvarchar") {
    const info = Buffer.alloc(3);
    info.writeUInt8(0xe7, 0);
    info.writeUInt16LE(NVARCHAR_MAX_BYTES, 1);
    return Buffer.concat([info, LATIN1_CI_AS]);
  }
  return Buffer.from([0x26, type === "int" ? 4 : 8]);
}

/** COLMETADATA ([MS-TDS] 2.2.7.4); every column nullable. */
export function colMetadataToken(columns: readonly Column[]): Buffer {
  const head = Buffer.alloc(3);
  head.writeUInt8(0x81, 0);
  head.writeUInt16LE(columns.length, 1);
  const parts = columns.map((c) => {
    const userTypeAndFlags = Buffer.alloc(6);
    userTypeAndFlags.writeUInt16LE(0x01, 4);
    return Buffer.concat([userTypeAndFlags, typeInfo(c.type), bVarChar(c.name)]);
  });
  return Buffer.concat([head, ...parts]);
}

function cell(type: ColumnType, value: CellValue): Buffer {
  if (type === "nvarchar") {
    if (value === null) return Buffer.from([0xff, 0xff]);
    const data = ucs2(String(value));
    const length = Buffer.alloc(2);
    length.writeUInt16LE(data.length);
    return Buffer.concat([length, data]);
  }
  if (value === null) return Buffer.from([0]);
  const data = Buffer.alloc(type === "int" ? 4 : 8);
  if (type === "int") data.writeInt32LE(Number(value));
  else data.writeBigInt64LE(BigInt(value));
  return Buffer.concat([Buffer.from([data.length]), data]);
}

/** ROW ([MS-TDS] 2.2.7.19). */
export function rowToken(columns: readonly Column[], values: readonly CellValue[]): Buffer {
  return Buffer.concat([Buffer.from([0xd1]), ...columns.map((c, i) => cell(c.type, values[i] ?? null))]);
}
