/**
 * A minimal Microsoft Graph client: GET with a bearer token over HTTPS (an extra CA may be trusted, for a test
 * server), paging through `@odata.nextLink`, and throttling (429/503) honoured through `Retry-After`, bounded.
 * Failures become typed errors whose messages never contain the token.
 */
import { request } from "node:https";
import { CheckFailedError, InputError } from "../../cli/errors";
import { permissionFor } from "./graph-permissions";

export const DEFAULT_GRAPH_URL = "https://graph.microsoft.com";

export interface GraphClientOptions {
  /** Graph root, e.g. https://graph.microsoft.com (the client appends /v1.0). Must be https. */
  readonly graphUrl: string;
  /** An OAuth access token for Microsoft Graph. Never printed. */
  readonly token: string;
  /** Extra PEM CA certificates to trust (a local test server); the system CAs are used otherwise. */
  readonly ca?: string;
  /** How many times a throttled request is retried. Default 3. */
  readonly maxRetries?: number;
  /** The longest Retry-After (seconds) the client waits; a longer one fails at once. Default 60. */
  readonly maxRetryAfterSeconds?: number;
  /** Per-request timeout in milliseconds. Default 30000. */
  readonly timeoutMs?: number;
}

/** Graph answered with an error status that the caller may handle (e.g. 404 for an unknown user). */
export class GraphHttpError extends CheckFailedError {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

interface GraphErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string };
}

/** A page of a Graph collection. */
interface GraphPage<T> {
  readonly value?: T[];
  readonly "@odata.nextLink"?: string;
}

const THROTTLED = new Set([429, 503]);

/** Parses a Retry-After header (seconds or an HTTP date) into seconds; 1 when absent or unreadable. */
export function retryAfterSeconds(header: string | string[] | undefined, now: number = Date.now()): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "") return 1;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? 1 : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The Graph root as a URL; InputError naming --graph-url unless it is an https URL. */
export function parseGraphUrl(graphUrl: string): URL {
  let url: URL;
  try {
    url = new URL(graphUrl);
  } catch {
    throw new InputError(`--graph-url "${graphUrl}" is not a URL: give an https URL such as ${DEFAULT_GRAPH_URL}.`);
  }
  if (url.protocol !== "https:") {
    throw new InputError(`--graph-url "${graphUrl}" is not https: the token is only ever sent over TLS. Use ${DEFAULT_GRAPH_URL}.`);
  }
  return url;
}

export class GraphClient {
  private readonly root: URL;

  constructor(private readonly options: GraphClientOptions) {
    const url = parseGraphUrl(options.graphUrl);
    this.root = new URL(`${url.origin}${url.pathname.replace(/\/+$/, "")}/v1.0/`);
  }

  /** GETs one resource; `path` is relative to /v1.0 (e.g. "organization?$select=id"). */
  async get<T>(path: string): Promise<T> {
    return this.getUrl<T>(new URL(path.replace(/^\/+/, ""), this.root), path);
  }

  /** GETs every item of a collection, following `@odata.nextLink` on the same origin. */
  async getAll<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let url: URL | undefined = new URL(path.replace(/^\/+/, ""), this.root);
    while (url) {
      const page: GraphPage<T> = await this.getUrl<GraphPage<T>>(url, path);
      items.push(...(page.value ?? []));
      const next = page["@odata.nextLink"];
      url = next === undefined ? undefined : this.sameOrigin(next, path);
    }
    return items;
  }

  private sameOrigin(next: string, path: string): URL {
    const url = new URL(next, this.root);
    if (url.origin !== this.root.origin) {
      throw new CheckFailedError(
        `Microsoft Graph paged GET /${path} to another host (${url.origin}); the token is not sent there. Check --graph-url.`,
      );
    }
    return url;
  }

  private async getUrl<T>(url: URL, path: string): Promise<T> {
    const maxRetries = this.options.maxRetries ?? 3;
    const maxWait = this.options.maxRetryAfterSeconds ?? 60;
    for (let attempt = 0; ; attempt++) {
      const res = await this.send(url);
      if (res.status >= 200 && res.status < 300) return parseJson<T>(res.body, path);
      if (!THROTTLED.has(res.status)) throw errorFor(res, path);
      const wait = retryAfterSeconds(res.headers["retry-after"]);
      if (attempt >= maxRetries || wait > maxWait) {
        const why =
          wait > maxWait
            ? `it asked to wait ${wait} s, more than the limit of ${maxWait} s`
            : `still throttled after ${maxRetries} retries`;
        throw new CheckFailedError(`Microsoft Graph throttled GET /${path} (HTTP ${res.status}): ${why}. Run the check again later.`);
      }
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  }

  private send(url: URL): Promise<RawResponse> {
    const timeout = this.options.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: "GET",
          headers: { Authorization: `Bearer ${this.options.token}`, Accept: "application/json" },
          ca: this.options.ca,
          timeout,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${timeout} ms`)));
      req.on("error", (e) =>
        reject(
          new CheckFailedError(`Cannot reach Microsoft Graph at ${url.origin}: ${e.message}. Check --graph-url and the network path.`),
        ),
      );
      req.end();
    });
  }
}

function parseJson<T>(body: string, path: string): T {
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new CheckFailedError(`Microsoft Graph answered GET /${path} with a body that is not JSON. Check --graph-url.`);
  }
}

function errorFor(res: RawResponse, path: string): GraphHttpError {
  let body: GraphErrorBody = {};
  try {
    body = JSON.parse(res.body) as GraphErrorBody;
  } catch {
    // A non-JSON error body: the status alone is reported.
  }
  const code = body.error?.code ?? "";
  const detail = `${code}${body.error?.message ? `: ${body.error.message}` : ""}`;
  const what = `Microsoft Graph refused GET /${path.split("?")[0] ?? path} (HTTP ${res.status}${detail ? ` ${detail}` : ""})`;
  if (res.status === 401) {
    return new GraphHttpError(
      `${what}: the token is missing, expired or not issued for Microsoft Graph. Sign in again (az login) or put a fresh Graph token in the --token-env variable.`,
      res.status,
      code,
    );
  }
  if (res.status === 403) {
    return new GraphHttpError(
      `${what}: the token lacks the permission ${permissionFor(path)}. Grant it to the app or the signed-in account (admin consent), then run again.`,
      res.status,
      code,
    );
  }
  return new GraphHttpError(`${what}.`, res.status, code);
}
