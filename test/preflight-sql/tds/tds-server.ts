/**
 * A TDS server for tests, on loopback: PRELOGIN (encryption NOT_SUP), LOGIN7 (LOGINACK, ENVCHANGE, DONE, or
 * error 18456), SQL_BATCH and RPC sp_executesql (COLMETADATA, ROW, DONE), ERROR tokens and ATTENTION.
 * With `tls`, it is a TDS 8.0 "strict" server: TLS first (ALPN tds/8.0), then the same TDS inside. With
 * `preloginTls`, it requires TLS negotiated inside PRELOGIN packets (TDS 7.x), as SQL Server with a certificate.
 */
import { createServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import type { Duplex } from "node:stream";
import { answerQuery, isSessionSetup, type QueryAnswer, type TdsScenario } from "./scenario";
import { acceptPreloginTls } from "./prelogin-tls";
import { parseLogin7, parseRpc, parseSqlBatch, type ReceivedQuery } from "./tds-requests";
import {
  DONE,
  ENCRYPTION,
  LATIN1_CI_AS,
  MessageReader,
  PACKET,
  PACKET_SIZE,
  collationChangeToken,
  colMetadataToken,
  doneToken,
  envChangeToken,
  errorToken,
  loginAckToken,
  packetHeader,
  preloginEncryption,
  preloginResponse,
  returnStatusToken,
  rowToken,
  writeMessage,
  type ServerError,
  type TdsMessage,
} from "./tds-wire";

export interface TdsServerOptions {
  /** PEM key and certificate: serve TDS 8.0 (TLS first, ALPN tds/8.0). */
  readonly tls?: { readonly key: string; readonly cert: string };
  /** PEM key and certificate: require TLS negotiated inside PRELOGIN (TDS 7.x, ENCRYPTION ON/REQ). */
  readonly preloginTls?: { readonly key: string; readonly cert: string };
}

export interface TdsTestServer {
  readonly port: number;
  /** Every statement received after login (session setup included), in order. */
  readonly received: ReceivedQuery[];
  /** User names of every LOGIN7 received. */
  readonly logins: string[];
  /** Every byte any client sent, as it came off the sockets (TLS records included), to search for secrets. */
  wireBytes(): Buffer;
  /** User names of the LOGIN7 messages that arrived inside TLS. */
  readonly encryptedLogins: string[];
  close(): Promise<void>;
}

/** The server's record of what it received, as its connections fill it. */
interface TdsServerState extends TdsTestServer {
  readonly wire: Buffer[];
}

function version(s: TdsScenario): [number, number, number] {
  const [major = 0, minor = 0, build = 0] = s.productVersion.split(".").map(Number);
  return [major, minor, build];
}

function answerTokens(answer: QueryAnswer, serverName: string, rpc: boolean): Buffer {
  if ("error" in answer) {
    return Buffer.concat([errorToken(answer.error, serverName), doneToken(DONE.error, 0, rpc ? 0xfe : 0xfd)]);
  }
  const rows = answer.rows.map((r) => rowToken(answer.columns, r));
  const head = Buffer.concat([colMetadataToken(answer.columns), ...rows]);
  if (!rpc) return Buffer.concat([head, doneToken(DONE.count, rows.length)]);
  return Buffer.concat([head, doneToken(DONE.count | DONE.more, rows.length, 0xff), returnStatusToken(0), doneToken(DONE.final, 0, 0xfe)]);
}

/** The "prelogin-trickle" answer: a 32 KB packet, sent in 1 KB pieces, and how long the server waits before hanging up. */
const TRICKLE = { packetLength: 32 * 1024, pieceLength: 1024, pieceIntervalMs: 40, hangUpAfterMs: 2_500 } as const;

/**
 * Sends a 32 KB packet without EOM slowly (its message never completes), then hangs up. Under tedious 19 the
 * connect timeout then left the client awaiting the half-read message while nothing kept Node's event loop
 * alive: the process exited 0 with nothing printed (issue 14 item 1).
 */
function trickleOversizedPacket(socket: Duplex): void {
  const packet = Buffer.concat([packetHeader(PACKET.tabularResult, false, TRICKLE.packetLength), Buffer.alloc(TRICKLE.packetLength - 8)]);
  let sent = 0;
  const timer = setInterval(() => {
    if (sent < packet.length) {
      socket.write(packet.subarray(sent, sent + TRICKLE.pieceLength));
      sent += TRICKLE.pieceLength;
      return;
    }
    clearInterval(timer);
    setTimeout(() => socket.end(), TRICKLE.hangUpAfterMs);
  }, TRICKLE.pieceIntervalMs);
  socket.on("close", () => clearInterval(timer));
}

function handleConnection(socket: Duplex, scenario: TdsScenario, server: TdsServerState, options: TdsServerOptions): void {
  const reader = new MessageReader();
  let loggedIn = false;
  let unanswered = false;
  let encrypted = options.tls !== undefined;
  let out: Duplex = socket;
  let tlsReceive: ((chunk: Buffer) => void) | undefined;
  const reply = (payload: Buffer): void => writeMessage(out, PACKET.tabularResult, payload);
  const fail = (error: ServerError, rpc: boolean): void => reply(answerTokens({ error }, scenario.serverName, rpc));

  const onMessage = (type: number, payload: Buffer): void => {
    if (type === PACKET.prelogin) {
      if (scenario.stall === "prelogin") return;
      if (scenario.stall === "prelogin-trickle") {
        trickleOversizedPacket(socket);
        return;
      }
      if (scenario.stall === "prelogin-non-final") {
        const body = preloginResponse(version(scenario), ENCRYPTION.notSupported);
        socket.write(Buffer.concat([packetHeader(PACKET.tabularResult, false, 8 + body.length), body]));
        return;
      }
      const pem = options.preloginTls;
      if (pem === undefined) {
        reply(preloginResponse(version(scenario), ENCRYPTION.notSupported));
      } else if (preloginEncryption(payload) !== ENCRYPTION.on) {
        reply(preloginResponse(version(scenario), ENCRYPTION.required));
        socket.end();
      } else {
        reply(preloginResponse(version(scenario), ENCRYPTION.on));
        const session = acceptPreloginTls(socket, pem);
        const tlsReader = new MessageReader();
        session.cleartext.on("data", (chunk: Buffer) => readMessages(tlsReader, chunk));
        session.cleartext.on("error", () => socket.destroy());
        out = session.cleartext;
        tlsReceive = session.receive;
        encrypted = true;
      }
      return;
    }
    if (type === PACKET.login7) {
      const login = parseLogin7(payload);
      server.logins.push(login.user);
      if (encrypted) server.encryptedLogins.push(login.user);
      if (login.user !== scenario.login.user || login.password !== scenario.login.password) {
        fail({ number: 18456, state: 1, severity: 14, message: `Login failed for user '${login.user}'.` }, false);
        socket.end();
        return;
      }
      loggedIn = true;
      reply(
        Buffer.concat([
          envChangeToken(1, login.database || "master", "master"),
          collationChangeToken(LATIN1_CI_AS),
          loginAckToken(version(scenario)),
          envChangeToken(4, String(PACKET_SIZE), String(PACKET_SIZE)),
          doneToken(DONE.final),
        ]),
      );
      return;
    }
    if (type === PACKET.attention) {
      // The client reads the (cut short) answer to the cancelled request, then the acknowledgement.
      if (unanswered) reply(doneToken(DONE.final));
      unanswered = false;
      reply(doneToken(DONE.attention));
      return;
    }
    const rpc = type === PACKET.rpc;
    if (!loggedIn || (!rpc && type !== PACKET.sqlBatch)) {
      socket.destroy();
      return;
    }
    let query: ReceivedQuery;
    try {
      query = rpc ? parseRpc(payload) : { text: parseSqlBatch(payload), parameters: {} };
    } catch (e) {
      fail({ number: 8009, state: 1, severity: 16, message: `TDS test server: ${(e as Error).message}` }, rpc);
      return;
    }
    server.received.push(query);
    if (!rpc && isSessionSetup(query.text)) {
      reply(doneToken(DONE.final));
      return;
    }
    if (scenario.stall === "query") {
      unanswered = true;
      return;
    }
    reply(answerTokens(answerQuery(scenario, query), scenario.serverName, rpc));
  };

  const readMessages = (from: MessageReader, chunk: Buffer): void => {
    let messages: TdsMessage[];
    try {
      messages = from.push(chunk);
    } catch {
      socket.destroy();
      return;
    }
    for (const m of messages) onMessage(m.type, m.payload);
  };
  socket.on("data", (chunk: Buffer) => {
    server.wire.push(chunk);
    if (tlsReceive === undefined) readMessages(reader, chunk);
    else {
      try {
        tlsReceive(chunk);
      } catch {
        socket.destroy();
      }
    }
  });
  socket.on("error", () => socket.destroy());
}

/** Starts a test server for `scenario` on 127.0.0.1 and an ephemeral port. */
export async function startTdsServer(scenario: TdsScenario, options: TdsServerOptions = {}): Promise<TdsTestServer> {
  const sockets = new Set<Socket>();
  const state = { port: 0, received: [] as ReceivedQuery[], logins: [] as string[], encryptedLogins: [] as string[], wire: [] as Buffer[] };
  const onSocket = (socket: Duplex): void => handleConnection(socket, scenario, api, options);
  const server: Server = options.tls
    ? createTlsServer({ key: options.tls.key, cert: options.tls.cert, ALPNProtocols: ["tds/8.0"] }, onSocket)
    : createServer(onSocket);
  const api: TdsServerState = {
    get port() {
      return state.port;
    },
    received: state.received,
    wire: state.wire,
    wireBytes: () => Buffer.concat(state.wire),
    logins: state.logins,
    encryptedLogins: state.encryptedLogins,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  state.port = typeof address === "object" && address ? address.port : 0;
  return api;
}
