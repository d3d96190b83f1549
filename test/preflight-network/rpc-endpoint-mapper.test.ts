/** The endpoint mapper PDUs and the parsing of its answers (the real answer is tested against Samba). */
import {
  DRSUAPI,
  epmBind,
  eptMapRequest,
  parseEptMapResponse,
  tcpTower,
  towerTcpPort,
} from "../../src/preflight/network/rpc-endpoint-mapper";

/** A response PDU header (type `ptype`) followed by `stub`. */
function responsePdu(ptype: number, stub: Buffer): Buffer {
  const header = Buffer.alloc(24);
  header.set([5, 0, ptype, 0x03, 0x10, 0, 0, 0]);
  header.writeUInt16LE(24 + stub.length, 8);
  return Buffer.concat([header, stub]);
}

describe("endpoint mapper PDUs", () => {
  test("the bind names the EPM interface v3 and NDR v2, and its length field is its length", () => {
    const bind = epmBind(1);
    expect(bind.subarray(0, 4).toString("hex")).toBe("05000b03");
    expect(bind.readUInt16LE(8)).toBe(bind.length);
    expect(bind.subarray(32, 52).toString("hex")).toBe("0883afe11f5dc91191a408002b14a0fa03000000");
    expect(bind.subarray(52, 72).toString("hex")).toBe("045d888aeb1cc9119fe808002b10486002000000");
  });

  test("the ept_map request (opnum 3) carries a DRSUAPI v4 tower over TCP/IP with a port to fill in", () => {
    const request = eptMapRequest(2, DRSUAPI);
    expect(request[2]).toBe(0);
    expect(request.readUInt16LE(8)).toBe(request.length);
    expect(request.readUInt16LE(22)).toBe(3);
    const tower = tcpTower(DRSUAPI);
    expect(tower.subarray(0, 25).toString("hex")).toBe("050013000d354251e3064bd111ab0400c04fc2dcd204000200");
    expect(request.includes(tower)).toBe(true);
    expect(towerTcpPort(tower)).toBe(0);
  });

  test("towerTcpPort reads the TCP floor's big-endian port", () => {
    const tower = tcpTower(DRSUAPI);
    const tcpFloor = tower.indexOf(Buffer.from([0x01, 0x00, 0x07, 0x02, 0x00]));
    tower.writeUInt16BE(49153, tcpFloor + 5);
    expect(towerTcpPort(tower)).toBe(49153);
    expect(towerTcpPort(tower.subarray(0, 30))).toBeUndefined();
  });

  test("a fault, an answer with no tower, and a truncated answer are problems, not ports", () => {
    const fault = responsePdu(3, Buffer.from("1c010000", "hex"));
    expect(parseEptMapResponse(fault)).toEqual({ problem: "the endpoint mapper answered with a fault (status 0x11c)" });
    const noTower = responsePdu(2, Buffer.alloc(20 + 4 + 12 + 4));
    expect(parseEptMapResponse(noTower)).toEqual({ problem: "the endpoint mapper knows no TCP endpoint for DRSUAPI" });
    const truncated = responsePdu(2, Buffer.concat([Buffer.alloc(20), Buffer.from("01000000040000000000000001000000", "hex")]));
    expect(parseEptMapResponse(truncated)).toEqual({ problem: "the endpoint mapper's answer is truncated" });
  });
});
