/**
 * An explicit HTTP proxy on the way out (--proxy): HTTPS goes through a CONNECT tunnel, plain HTTP as a request
 * for the absolute URL. Only proxies that need no credentials: a password is never taken on the command line.
 */
import { connect, type Socket } from "node:net";
import { parseFlagUrl, type UrlFlagRule } from "./flag-urls";

/** Where the proxy listens. */
export interface HttpProxy {
  readonly host: string;
  readonly port: number;
}

const PROXY_FLAG: UrlFlagRule = {
  flag: "--proxy",
  schemes: ["http"],
  what: "an http:// URL of a proxy",
  fix: "Pass the proxy the sync server uses, e.g. http://proxy.corp.example.com:8080 (a proxy that needs a password cannot be checked).",
  credentialsFix: "Pass the URL of a proxy that needs none, e.g. http://proxy.corp.example.com:8080.",
};

/** Parses --proxy (http://HOST[:PORT]); throws InputError naming the flag and the fix. */
export function parseProxyUrl(raw: string): HttpProxy {
  const { host, port } = parseFlagUrl(raw, PROXY_FLAG);
  return { host, port };
}

const HEADER_END = "\r\n\r\n";

/** Handlers of a tunnel being opened: the socket once the proxy said 200, or why it did not. */
export interface TunnelHandlers {
  readonly onOpen: (socket: Socket) => void;
  readonly onFail: (detail: string) => void;
}

/** Opens a CONNECT tunnel to host:port through the proxy; returns the raw socket so the caller can release it. */
export function openTunnel(proxy: HttpProxy, host: string, port: number, handlers: TunnelHandlers): Socket {
  const socket = connect({ host: proxy.host, port: proxy.port });
  const authority = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  let head = "";
  const onData = (chunk: Buffer): void => {
    head += chunk.toString("latin1");
    const end = head.indexOf(HEADER_END);
    if (end < 0) return;
    socket.off("data", onData);
    const statusLine = head.slice(0, head.indexOf("\r\n"));
    if (!/^HTTP\/1\.[01] 2\d\d/.test(statusLine))
      return handlers.onFail(`the proxy ${proxy.host}:${proxy.port} refused CONNECT ${authority}: ${statusLine}`);
    handlers.onOpen(socket);
  };
  socket.once("connect", () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
  socket.on("data", onData);
  socket.on("error", (e: NodeJS.ErrnoException) =>
    handlers.onFail(`the proxy ${proxy.host}:${proxy.port} could not be reached (${e.code ?? e.message})`),
  );
  return socket;
}
