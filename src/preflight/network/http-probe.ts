/** Reachability of a plain-HTTP endpoint (CRL and OCSP): any HTTP response to a HEAD request proves the path. */
import { request } from "node:http";
import type { EndpointProbeResult } from "./network-report";

/** Arguments of one HTTP probe. */
export interface HttpProbeArgs {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
}

/** Sends HEAD / and reports `reachable` on any response status, `unreachable` on an error or the timeout. */
export function probeHttp(args: HttpProbeArgs): Promise<EndpointProbeResult> {
  return new Promise((resolve) => {
    const base = { url: args.url, tlsInspection: "not-applicable", issuer: null, chain: [] } as const;
    const req = request({ host: args.host, port: args.port, method: "HEAD", path: "/", agent: false });
    const finish = (result: EndpointProbeResult): void => {
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ...base, verdict: "unreachable", detail: `no HTTP response within ${args.timeoutMs} ms` }),
      args.timeoutMs,
    );
    req.once("response", (res) => finish({ ...base, verdict: "reachable", detail: `HTTP ${res.statusCode ?? "?"} to HEAD /` }));
    req.once("error", (e: NodeJS.ErrnoException) =>
      finish({ ...base, verdict: "unreachable", detail: `${e.code ?? "error"}: ${e.message}` }),
    );
    req.end();
  });
}
