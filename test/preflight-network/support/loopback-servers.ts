/** Loopback servers for the network preflight tests, each closed by the returned `close`. */
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { createServer as createHttpServer, type IncomingMessage } from "node:http";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { connect, createServer as createTcpServer, type AddressInfo, type Server, type Socket } from "node:net";
import { createServer as createTlsServer } from "node:tls";

/** A listening server's port and how to stop it. */
export interface Running {
  readonly port: number;
  close(): Promise<void>;
}

function listening(server: Server, address: string, port = 0): Promise<Running> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, address, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** A TCP server that accepts each connection and closes it, or (`silent`) reads and ignores it until the client leaves. */
export function tcpServer(address = "127.0.0.1", port = 0, silent = false): Promise<Running> {
  return listening(
    createTcpServer((s) => (silent ? s.on("error", () => undefined).resume() : s.destroy())),
    address,
    port,
  );
}

/** A TLS server presenting `certChain` (leaf first) for `key`. */
export function tlsServer(key: string, certChain: string): Promise<Running> {
  return listening(
    createTlsServer({ key, cert: certChain }, (s) => s.end()),
    "127.0.0.1",
  );
}

/** An HTTP server answering every request with `status`. */
export function httpServer(status: number): Promise<Running> {
  return listening(
    createHttpServer((_, res) => res.writeHead(status).end()),
    "127.0.0.1",
  );
}

/** A port that was just free on 127.0.0.1 (a server bound it and closed): a connect to it is refused. */
export async function closedPort(): Promise<number> {
  const server = await tcpServer();
  await server.close();
  return server.port;
}

/** A UDP socket on `address`:`port` (0 = any) that answers each datagram with `reply(request)`, or stays silent when it returns undefined. */
export function udpServer(reply: (request: Buffer) => Buffer | undefined, address = "127.0.0.1", port = 0): Promise<Running> {
  return new Promise((resolve, reject) => {
    const socket: UdpSocket = createSocket("udp4");
    socket.on("message", (msg, rinfo) => {
      const answer = reply(msg);
      if (answer) socket.send(answer, rinfo.port, rinfo.address);
    });
    socket.once("error", reject);
    socket.bind(port, address, () => {
      resolve({ port: socket.address().port, close: () => new Promise<void>((done) => socket.close(() => done())) });
    });
  });
}

/**
 * A TCP listener whose accept queue is full, so the kernel drops further SYNs (as a firewall that drops
 * does): a child process listens with a backlog of 1 and blocks its event loop, and two connections fill the
 * queue. A connect to it then times out.
 */
export async function fullBacklogListener(): Promise<Running> {
  const script =
    "const s = require('net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {" +
    " process.stdout.write(s.address().port + '\\n'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000); });";
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
  });
  const fillers = await Promise.all(
    [1, 2].map(
      () =>
        new Promise<Socket>((resolve, reject) => {
          const s = connect(port, "127.0.0.1");
          s.once("connect", () => resolve(s));
          s.once("error", reject);
        }),
    ),
  );
  return {
    port,
    close: async () => {
      fillers.forEach((s) => s.destroy());
      child.kill();
      await once(child, "exit");
    },
  };
}

/** A forward proxy on 127.0.0.1 and what it was asked: CONNECT authorities and absolute request URLs. */
export interface RunningProxy extends Running {
  readonly connects: string[];
  readonly requests: string[];
}

/**
 * An HTTP forward proxy that never resolves a name: each CONNECT goes to the 127.0.0.1 port `route` returns
 * for its authority (403 when none), and each plain request is answered `status` by the proxy itself.
 */
export async function forwardProxy(route: (authority: string) => number | undefined, status = 204): Promise<RunningProxy> {
  const connects: string[] = [];
  const requests: string[] = [];
  const server = createHttpServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(status).end();
  });
  server.on("connect", (req: IncomingMessage, client: Socket) => {
    const authority = req.url ?? "";
    connects.push(authority);
    client.on("error", () => undefined);
    const port = route(authority);
    if (port === undefined) return void client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
    const upstream = connect(port, "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
  });
  const running = await listening(server, "127.0.0.1");
  return {
    ...running,
    connects,
    requests,
    close: () => {
      server.closeAllConnections();
      return running.close();
    },
  };
}
