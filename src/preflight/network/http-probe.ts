/** Reachability of a plain-HTTP endpoint (CRL and OCSP): any HTTP response to a HEAD request proves the path. */
import { request } from "node:http";
import type { HttpProxy } from "./http-proxy";
import type { EndpointProbeResult } from "./network-report";
import { settleOnce } from "./settle-once";

/** Arguments of one HTTP probe. */
export interface HttpProbeArgs {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
  /** An explicit proxy that gets the request for the absolute URL; direct when undefined. */
  readonly proxy: HttpProxy | undefined;
}

/** Sends HEAD / and reports `reachable` on any response status, `unreachable` on an error or the timeout. */
export function probeHttp(args: HttpProbeArgs): Promise<EndpointProbeResult> {
  const base = { url: args.url, tlsInspection: "not-applicable", issuer: null, chain: [] } as const;
  const timedOut = (): EndpointProbeResult => ({ ...base, verdict: "unreachable", detail: `no HTTP response within ${args.timeoutMs} ms` });
  return settleOnce(args.timeoutMs, timedOut, (finish) => {
    const target = args.proxy
      ? { host: args.proxy.host, port: args.proxy.port, path: args.url, headers: { host: new URL(args.url).host } }
      : { host: args.host, port: args.port, path: "/" };
    const req = request({ ...target, method: "HEAD", agent: false });
    req.once("response", (res) => finish({ ...base, verdict: "reachable", detail: `HTTP ${res.statusCode ?? "?"} to HEAD /` }));
    req.on("error", (e: NodeJS.ErrnoException) =>
      finish({ ...base, verdict: "unreachable", detail: `${e.code ?? "error"}: ${e.message}` }),
    );
    req.end();
    return { release: () => req.destroy() };
  });
}
