/**
 * An endpoint mapper lookup (DCE/RPC over TCP 135, [C706] and MS-RPCE): binds to the EPM interface and calls
 * ept_map for DRSUAPI (directory replication, which password hash sync uses) over ncacn_ip_tcp; the tower in
 * the answer names the dynamic TCP port the DC serves it on. Built and parsed by hand, little-endian NDR.
 */
import { connect } from "node:net";
import { settleOnce } from "./settle-once";

const PTYPE_REQUEST = 0;
const PTYPE_RESPONSE = 2;
const PTYPE_FAULT = 3;
const PTYPE_BIND = 11;
const PTYPE_BIND_ACK = 12;
const HEADER_LENGTH = 16;
const MAX_FRAGMENT = 4280;
const OPNUM_EPT_MAP = 3;
const MAX_TOWERS = 4;

/** An RPC interface: its UUID and major.minor version. */
interface RpcInterface {
  readonly uuid: string;
  readonly major: number;
  readonly minor: number;
}

const EPM: RpcInterface = { uuid: "e1af8308-5d1f-11c9-91a4-08002b14a0fa", major: 3, minor: 0 };
const NDR: RpcInterface = { uuid: "8a885d04-1ceb-11c9-9fe8-08002b104860", major: 2, minor: 0 };
/** The directory replication interface that password hash sync calls on the DC. */
export const DRSUAPI: RpcInterface = { uuid: "e3514235-4b06-11d1-ab04-00c04fc2dcd2", major: 4, minor: 0 };

/** Tower floor protocol ids. */
const FLOOR_UUID = 0x0d;
const FLOOR_RPC_CO = 0x0b;
const FLOOR_TCP = 0x07;
const FLOOR_IP = 0x09;

/** A UUID in NDR's wire form: the first three fields little-endian, the rest as written. */
function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, "");
  const raw = Buffer.from(hex, "hex");
  const out = Buffer.from(raw);
  out.writeUInt32LE(raw.readUInt32BE(0), 0);
  out.writeUInt16LE(raw.readUInt16BE(4), 4);
  out.writeUInt16LE(raw.readUInt16BE(6), 6);
  return out;
}

function u16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return b;
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return b;
}

/** A syntax id: UUID and version (major in the low half, minor in the high half). */
function syntaxId(i: RpcInterface): Buffer {
  return Buffer.concat([uuidBytes(i.uuid), u16(i.major), u16(i.minor)]);
}

/** A connection-oriented PDU: the 16-byte common header and the body. */
function pdu(ptype: number, callId: number, body: Buffer): Buffer {
  const header = Buffer.from([5, 0, ptype, 0x03, 0x10, 0, 0, 0]);
  return Buffer.concat([header, u16(HEADER_LENGTH + body.length), u16(0), u32(callId), body]);
}

/** The bind to the endpoint mapper with the NDR transfer syntax. */
export function epmBind(callId: number): Buffer {
  const context = Buffer.concat([u16(0), Buffer.from([1, 0]), syntaxId(EPM), syntaxId(NDR)]);
  return pdu(PTYPE_BIND, callId, Buffer.concat([u16(MAX_FRAGMENT), u16(MAX_FRAGMENT), u32(0), Buffer.from([1, 0, 0, 0]), context]));
}

function floor(lhs: Buffer, rhs: Buffer): Buffer {
  return Buffer.concat([u16(lhs.length), lhs, u16(rhs.length), rhs]);
}

/** The tower "interface over ncacn_ip_tcp, any port, any address" that ept_map is asked to complete. */
export function tcpTower(i: RpcInterface): Buffer {
  return Buffer.concat([
    u16(5),
    floor(Buffer.concat([Buffer.from([FLOOR_UUID]), uuidBytes(i.uuid), u16(i.major)]), u16(i.minor)),
    floor(Buffer.concat([Buffer.from([FLOOR_UUID]), uuidBytes(NDR.uuid), u16(NDR.major)]), u16(NDR.minor)),
    floor(Buffer.from([FLOOR_RPC_CO]), u16(0)),
    floor(Buffer.from([FLOOR_TCP]), Buffer.alloc(2)),
    floor(Buffer.from([FLOOR_IP]), Buffer.alloc(4)),
  ]);
}

/** Zero bytes that align `length` to a multiple of 4. */
const pad4 = (length: number): Buffer => Buffer.alloc((4 - (length % 4)) % 4);

/** The ept_map request: nil object UUID, the tower, a nil entry handle, at most MAX_TOWERS towers back. */
export function eptMapRequest(callId: number, i: RpcInterface): Buffer {
  const tower = tcpTower(i);
  const stub = Buffer.concat([
    u32(1), // object: unique pointer
    Buffer.alloc(16), // nil UUID
    u32(2), // map_tower: unique pointer
    u32(tower.length),
    u32(tower.length), // conformant array size
    tower,
    pad4(tower.length),
    Buffer.alloc(20), // entry_handle: nil context handle
    u32(MAX_TOWERS),
  ]);
  const body = Buffer.concat([u32(stub.length), u16(0), u16(OPNUM_EPT_MAP), stub]);
  return pdu(PTYPE_REQUEST, callId, body);
}

/** The TCP port in a tower's floors (the floor with protocol id TCP; the port is big-endian), or undefined. */
export function towerTcpPort(tower: Buffer): number | undefined {
  if (tower.length < 2) return undefined;
  const floors = tower.readUInt16LE(0);
  let offset = 2;
  for (let n = 0; n < floors && offset + 2 <= tower.length; n++) {
    const lhsLength = tower.readUInt16LE(offset);
    const lhsStart = offset + 2;
    const rhsLengthAt = lhsStart + lhsLength;
    if (rhsLengthAt + 2 > tower.length) return undefined;
    const rhsLength = tower.readUInt16LE(rhsLengthAt);
    const rhsStart = rhsLengthAt + 2;
    if (tower[lhsStart] === FLOOR_TCP && rhsLength === 2 && rhsStart + 2 <= tower.length) return tower.readUInt16BE(rhsStart);
    offset = rhsStart + rhsLength;
  }
  return undefined;
}

/** What an ept_map response says: the first tower's TCP port, or why there is none. */
export type EptMapAnswer = { readonly port: number } | { readonly problem: string };

/** Parses an ept_map response PDU (a fault, no tower, or the first tower's port). */
export function parseEptMapResponse(response: Buffer): EptMapAnswer {
  const ptype = response[2];
  if (ptype === PTYPE_FAULT)
    return { problem: `the endpoint mapper answered with a fault (status 0x${response.readUInt32LE(24).toString(16)})` };
  if (ptype !== PTYPE_RESPONSE || response.length < 24 + 20 + 4)
    return { problem: `the endpoint mapper answered with PDU type ${ptype ?? "none"}` };
  let offset = 24 + 20; // stub after the response header; then the entry handle
  const numTowers = response.readUInt32LE(offset);
  if (numTowers === 0) return { problem: "the endpoint mapper knows no TCP endpoint for DRSUAPI" };
  offset += 4 + 4 + 4; // max_count, offset
  const actual = offset + 4 <= response.length ? response.readUInt32LE(offset) : 0;
  offset += 4 + 4 * actual; // actual_count, then the referent ids
  if (offset + 8 > response.length) return { problem: "the endpoint mapper's answer is truncated" };
  const towerLength = response.readUInt32LE(offset);
  const towerStart = offset + 8; // tower_length, conformant size
  const port = towerTcpPort(response.subarray(towerStart, towerStart + towerLength));
  return port === undefined ? { problem: "the endpoint mapper's tower names no TCP port" } : { port };
}

/** Arguments of an endpoint mapper lookup. */
export interface EpmLookupArgs {
  readonly address: string;
  readonly port: number;
  readonly timeoutMs: number;
}

/**
 * Asks the endpoint mapper for DRSUAPI's TCP port: bind, then ept_map, one PDU each way. Resolves (never
 * rejects) within the timeout with the port or the problem.
 */
export function lookupDrsuapiPort(args: EpmLookupArgs): Promise<EptMapAnswer> {
  const timedOut = (): EptMapAnswer => ({ problem: `the endpoint mapper did not answer within ${args.timeoutMs} ms` });
  return settleOnce(args.timeoutMs, timedOut, (finish) => {
    const socket = connect({ host: args.address, port: args.port });
    let received = Buffer.alloc(0);
    let step: "bind" | "map" = "bind";
    socket.once("connect", () => socket.write(epmBind(1)));
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < HEADER_LENGTH || received.length < received.readUInt16LE(8)) return;
      const message = received.subarray(0, received.readUInt16LE(8));
      received = received.subarray(message.length);
      if (step === "map") return finish(parseEptMapResponse(message));
      if (message[2] !== PTYPE_BIND_ACK) return finish({ problem: `the endpoint mapper refused the bind (PDU type ${message[2]})` });
      step = "map";
      socket.write(eptMapRequest(2, DRSUAPI));
    });
    socket.on("error", (e: NodeJS.ErrnoException) =>
      finish({ problem: `the endpoint mapper could not be reached (${e.code ?? e.message})` }),
    );
    socket.once("end", () => finish({ problem: "the endpoint mapper closed the connection" }));
    return { release: () => socket.destroy() };
  });
}
