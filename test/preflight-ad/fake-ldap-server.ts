/**
 * A minimal LDAP server on loopback for what a real DC will not produce on demand: a directory that is not AD, a
 * rootDSE with a forestFunctionality that is not a number, a size or time limit hit in the middle of the scan, a server
 * that goes away mid-scan, one that stops answering mid-scan, and values sent in ranges. It
 * answers binds with success, base searches with an AD-like rootDSE (or a plain one), one-level searches with
 * nothing (or, in "ranged" mode, the schema), and the subtree scan as the mode says.
 */
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { BerReader, BerWriter } from "ldapts";
import { CHECKED_ATTRIBUTES } from "../../src/requirements";

export type FakeMode =
  | "not-ad"
  | "bad-level"
  | "size-limit"
  | "time-limit"
  | "drop-mid-scan"
  | "stall-scan"
  | "ranged"
  /** Accepts StartTLS (extended response, success) and then never answers the TLS ClientHello (issue 14 item 5). */
  | "starttls-stall"
  /** Resets the connection at the first byte, as a Windows DC without an LDAPS certificate answers a ClientHello. */
  | "tls-reset";

const BIND_REQUEST = 0x60;
const SEARCH_REQUEST = 0x63;
const UNBIND_REQUEST = 0x42;
const EXTENDED_REQUEST = 0x77;
const EXTENDED_RESPONSE = 0x78;
export const BIND_RESPONSE = 0x61;
const SEARCH_ENTRY = 0x64;
export const SEARCH_DONE = 0x65;
const TIME_LIMIT_EXCEEDED = 3;
const SIZE_LIMIT_EXCEEDED = 4;
const SET = 0x31;

const ROOT_DSE: Record<string, string[]> = {
  dsServiceName: ["CN=NTDS Settings,CN=FAKE,CN=Servers,CN=Site,CN=Sites,CN=Configuration,DC=fake,DC=test"],
  configurationNamingContext: ["CN=Configuration,DC=fake,DC=test"],
  schemaNamingContext: ["CN=Schema,CN=Configuration,DC=fake,DC=test"],
  defaultNamingContext: ["DC=fake,DC=test"],
  forestFunctionality: ["7"],
};

export function message(id: number, write: (w: BerWriter) => void): Buffer {
  const w = new BerWriter();
  w.startSequence();
  w.writeInt(id);
  write(w);
  w.endSequence();
  return w.buffer;
}

export function result(id: number, tag: number, code = 0, text = ""): Buffer {
  return message(id, (w) => {
    w.startSequence(tag);
    w.writeEnumeration(code);
    w.writeString("");
    w.writeString(text);
    w.endSequence();
  });
}

export function entry(id: number, dn: string, attributes: Record<string, string[]>): Buffer {
  return message(id, (w) => {
    w.startSequence(SEARCH_ENTRY);
    w.writeString(dn);
    w.startSequence();
    for (const [type, values] of Object.entries(attributes)) {
      w.startSequence();
      w.writeString(type);
      w.startSequence(SET);
      for (const v of values) w.writeString(v);
      w.endSequence();
      w.endSequence();
    }
    w.endSequence();
    w.endSequence();
  });
}

function user(i: number): Record<string, string[]> {
  return { objectClass: ["top", "user"], cn: [`User ${i}`], sAMAccountName: [`user${i}`], userPrincipalName: [`user${i}@fake.com`] };
}

/** The user whose proxyAddresses come in ranges (as AD sends more than 1,500 values): two values, then the rest. */
const RANGED_DN = "CN=Ranged,DC=fake,DC=test";
const RANGED_FIRST = ["SMTP:ranged@fabrikam.com", "smtp:alias@fabrikam.com"];
const RANGED_REST = ["smtp:ALIAS@fabrikam.com"];

function answerRanged(socket: Socket, id: number, base: string, scope: number): void {
  if (scope === 0 && base === RANGED_DN) {
    socket.write(entry(id, RANGED_DN, { "proxyAddresses;range=2-*": RANGED_REST }));
  } else if (scope === 1 && base.startsWith("CN=Schema")) {
    for (const a of CHECKED_ATTRIBUTES)
      socket.write(entry(id, `CN=${a},${base}`, { lDAPDisplayName: [a], isMemberOfPartialAttributeSet: ["TRUE"] }));
  } else if (scope === 2) {
    socket.write(
      entry(id, RANGED_DN, {
        objectClass: ["top", "contact"],
        cn: ["Ranged"],
        mail: ["ranged@fabrikam.com"],
        "proxyAddresses;range=0-1": RANGED_FIRST,
      }),
    );
  }
  socket.write(result(id, SEARCH_DONE));
}

function rootDse(mode: FakeMode): Record<string, string[]> {
  if (mode === "not-ad") return { namingContexts: ["dc=example,dc=org"], vendorName: ["Fake LDAP"] };
  return mode === "bad-level" ? { ...ROOT_DSE, forestFunctionality: ["seven"] } : ROOT_DSE;
}

function answer(socket: Socket, mode: FakeMode, id: number, base: string, scope: number): void {
  if (mode === "ranged" && base !== "") return answerRanged(socket, id, base, scope);
  if (scope === 0) {
    const attrs = base === "" ? rootDse(mode) : {};
    socket.write(entry(id, base, attrs));
    socket.write(result(id, SEARCH_DONE));
    return;
  }
  if (scope === 1) {
    socket.write(result(id, SEARCH_DONE));
    return;
  }
  for (let i = 0; i < 3; i++) socket.write(entry(id, `CN=User ${i},DC=fake,DC=test`, user(i)));
  if (mode === "drop-mid-scan") socket.destroy();
  else if (mode === "stall-scan") return;
  else if (mode === "size-limit") socket.write(result(id, SEARCH_DONE, SIZE_LIMIT_EXCEEDED, "Size limit exceeded"));
  else if (mode === "time-limit") socket.write(result(id, SEARCH_DONE, TIME_LIMIT_EXCEEDED, "Time limit exceeded"));
  else socket.write(result(id, SEARCH_DONE));
}

function handle(socket: Socket, mode: FakeMode, received: Buffer[]): void {
  let pending = Buffer.alloc(0);
  socket.on("error", () => undefined);
  socket.on("data", (chunk: Buffer) => received.push(chunk));
  if (mode === "tls-reset") {
    socket.once("data", () => socket.resetAndDestroy());
    return;
  }
  socket.on("data", (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const reader = new BerReader(pending);
      if (reader.readSequence() === null || reader.remain < reader.length) return;
      const end = reader.offset + reader.length;
      const id = reader.readInt() ?? 0;
      const op = reader.readSequence();
      if (op === BIND_REQUEST) socket.write(result(id, BIND_RESPONSE));
      else if (op === SEARCH_REQUEST) answer(socket, mode, id, reader.readString() ?? "", reader.readEnumeration() ?? 2);
      else if (op === UNBIND_REQUEST) socket.end();
      else if (op === EXTENDED_REQUEST && mode === "starttls-stall") {
        // RFC 4511 4.14.2: success, then the client starts TLS; this server swallows every later byte.
        socket.write(result(id, EXTENDED_RESPONSE));
        socket.removeAllListeners("data");
        socket.on("data", (chunk: Buffer) => received.push(chunk));
        return;
      }
      pending = pending.subarray(end);
      if (socket.destroyed || pending.length === 0) return;
    }
  });
}

/**
 * Starts the fake server on 127.0.0.1 and an ephemeral port; resolves with its ldap:// URL, a stop function and
 * every byte the clients sent (to show that a password never went out).
 */
export function startFakeLdapServer(mode: FakeMode): Promise<{ url: string; stop: () => Promise<void>; received: () => Buffer }> {
  const received: Buffer[] = [];
  const server: Server = createServer((socket) => handle(socket, mode, received));
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `ldap://127.0.0.1:${port}`,
        stop: () => new Promise((done) => server.close(() => done())),
        received: () => Buffer.concat(received),
      });
    });
  });
}
