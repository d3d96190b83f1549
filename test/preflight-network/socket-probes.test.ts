/** TCP connect and UDP request probes against loopback listeners: open, closed, filtered. */
import { probeTcp, probeUdp } from "../../src/preflight/network/socket-probes";
import { closedPort, fullBacklogListener, tcpServer, udpServer, type Running } from "./support/loopback-servers";

const address = "127.0.0.1";
const timeoutMs = 400;

describe("probeTcp", () => {
  test("a listener is open", async () => {
    const server = await tcpServer();
    try {
      expect(await probeTcp({ address, port: server.port, timeoutMs })).toEqual({ verdict: "open", detail: "TCP connect accepted" });
    } finally {
      await server.close();
    }
  });

  test("a listener that never accepts (its queue full, SYNs dropped) is filtered after the timeout", async () => {
    const server = await fullBacklogListener();
    try {
      expect(await probeTcp({ address, port: server.port, timeoutMs })).toEqual({
        verdict: "filtered",
        detail: `no answer to a TCP connect within ${timeoutMs} ms (dropped by a firewall?)`,
      });
    } finally {
      await server.close();
    }
  });

  test("a port with no listener is closed (ECONNREFUSED)", async () => {
    expect(await probeTcp({ address, port: await closedPort(), timeoutMs })).toEqual({
      verdict: "closed",
      detail: "TCP connect refused (ECONNREFUSED): nothing listens",
    });
  });
});

describe("probeUdp", () => {
  const echo = { what: "test ping", request: Buffer.from("ping") };
  let servers: Running[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });

  test("a reply the protocol recognises is open, with its description", async () => {
    const server = await udpServer((req) => Buffer.concat([Buffer.from("re:"), req]));
    servers.push(server);
    const outcome = await probeUdp({
      address,
      port: server.port,
      timeoutMs,
      ...echo,
      describeReply: (r) => (r.toString() === "re:ping" ? "pong" : undefined),
    });
    expect(outcome).toEqual({ verdict: "open", detail: "test ping answered: pong" });
  });

  test("any other datagram back is open, saying it was not the expected reply", async () => {
    const server = await udpServer(() => Buffer.from("junk!"));
    servers.push(server);
    const outcome = await probeUdp({ address, port: server.port, timeoutMs, ...echo, describeReply: () => undefined });
    expect(outcome).toEqual({ verdict: "open", detail: "a 5-byte datagram came back, but not a test ping reply" });
  });

  test("ICMP port unreachable is closed", async () => {
    const port = await closedPort();
    const outcome = await probeUdp({ address, port, timeoutMs, ...echo, describeReply: () => "never" });
    expect(outcome).toEqual({ verdict: "closed", detail: `test ping refused (ICMP port unreachable): nothing listens on UDP ${port}` });
  });

  test("a socket that never answers is filtered after the timeout, having received the request twice", async () => {
    const received: string[] = [];
    const server = await udpServer((req) => {
      received.push(req.toString());
      return undefined;
    });
    servers.push(server);
    const started = Date.now();
    const outcome = await probeUdp({ address, port: server.port, timeoutMs, ...echo, describeReply: () => "never" });
    expect(outcome).toEqual({
      verdict: "filtered",
      detail: `no reply to a test ping within ${timeoutMs} ms: dropped on the way, or the service ignores it`,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(timeoutMs - 5);
    // The resend may still be in flight on a loaded machine: give it a moment to land.
    for (let waited = 0; received.length < 2 && waited < 1000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(received).toEqual(["ping", "ping"]);
  });
});
