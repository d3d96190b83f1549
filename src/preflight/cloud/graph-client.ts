/**
 * A minimal Microsoft Graph client: GET with a bearer token over HTTPS (an extra CA may be trusted, for a test
 * server), paging through `@odata.nextLink`, and throttling (429/503) honoured through `Retry-After`, bounded.
 * Every read is bounded: a deadline per request (a body trickled byte by byte still ends), a size cap per response,
 * a cap on pages and on the total time of a collection, and a repeated `@odata.nextLink` stops the paging.
 * Failures become typed errors (exit 2) whose messages never contain the token: text that came from the server is
 * stripped of control characters and bearer tokens are redacted.
 */
import { CheckFailedError, InputError } from "../../support/errors";
import {
  apiErrorOf,
  HttpsFailure,
  type HttpsJsonResponse,
  isThrottled,
  parseJsonOr,
  retryAfterMs,
  sendHttpsJson,
} from "../../support/https-json";
import { safeText } from "../../support/redact";
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
  /** Deadline of one request, from sending it to the last byte of the body, in milliseconds. Default 30000. */
  readonly timeoutMs?: number;
  /** The largest response body read, in bytes. Default 32 MiB. */
  readonly maxResponseBytes?: number;
  /** The most pages of one collection followed through `@odata.nextLink`. Default 1000. */
  readonly maxPages?: number;
  /** The longest one collection (every page and retry) may take, in milliseconds. Default 300000. */
  readonly maxTotalMs?: number;
}

/** Extra request headers, e.g. `ConsistencyLevel: eventual` for advanced queries. */
export type GraphHeaders = Readonly<Record<string, string>>;

const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const DEFAULT_MAX_PAGES = 1000;
const DEFAULT_MAX_TOTAL_MS = 300_000;

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

/** Parses a Retry-After header (seconds or an HTTP date) into seconds; 1 when absent or unreadable. */
export function retryAfterSeconds(header: string | string[] | undefined, now: number = Date.now()): number {
  return Math.ceil(retryAfterMs(header, 1000, now) / 1000);
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

/** The Graph API version of a request: v1.0, or beta for what v1.0 lacks (e.g. organization.directorySizeQuota). */
export type GraphVersion = "v1.0" | "beta";

export class GraphClient {
  private readonly base: string;
  private readonly root: URL;

  constructor(private readonly options: GraphClientOptions) {
    const url = parseGraphUrl(options.graphUrl);
    this.base = `${url.origin}${url.pathname.replace(/\/+$/, "")}/`;
    this.root = new URL("v1.0/", this.base);
  }

  /** GETs one resource; `path` is relative to /v1.0 (or /beta) (e.g. "organization?$select=id"). The caller checks its shape. */
  async get<T>(path: string, headers: GraphHeaders = {}, version: GraphVersion = "v1.0"): Promise<T> {
    const root = version === "v1.0" ? this.root : new URL(`${version}/`, this.base);
    return this.getUrl<T>(new URL(path.replace(/^\/+/, ""), root), path, headers);
  }

  /**
   * GETs every item of a collection, following `@odata.nextLink` on the same origin. Each page must be an object
   * whose `value` is an array of objects (the documented collection shape); anything else is a CheckFailedError
   * naming the field. Stops with a CheckFailedError on a repeated link, past `maxPages` or past `maxTotalMs`.
   */
  async getAll<T>(path: string, headers: GraphHeaders = {}): Promise<T[]> {
    const maxPages = this.options.maxPages ?? DEFAULT_MAX_PAGES;
    const maxTotalMs = this.options.maxTotalMs ?? DEFAULT_MAX_TOTAL_MS;
    const started = Date.now();
    const seen = new Set<string>();
    const items: T[] = [];
    let url: URL | undefined = new URL(path.replace(/^\/+/, ""), this.root);
    const stop = (why: string): CheckFailedError =>
      new CheckFailedError(
        `Microsoft Graph paging of GET /${pathOnly(path)} stopped: ${why}. Check --graph-url; a real tenant never pages like this.`,
      );
    while (url) {
      if (seen.has(url.href)) throw stop("an @odata.nextLink repeated a page already read (a paging loop)");
      if (seen.size >= maxPages) throw stop(`more than ${maxPages} pages`);
      if (Date.now() - started > maxTotalMs) throw stop(`it took longer than ${maxTotalMs / 1000} s in all`);
      seen.add(url.href);
      const page: { value: T[]; "@odata.nextLink"?: string } = collectionPage<T>(await this.getUrl<unknown>(url, path, headers), path);
      items.push(...page.value);
      const next: string | undefined = page["@odata.nextLink"];
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

  private async getUrl<T>(url: URL, path: string, headers: GraphHeaders): Promise<T> {
    const maxRetries = this.options.maxRetries ?? 3;
    const maxWait = this.options.maxRetryAfterSeconds ?? 60;
    for (let attempt = 0; ; attempt++) {
      const res = await this.send(url, path, headers);
      if (res.status >= 200 && res.status < 300) return parseJson<T>(res.body, path);
      if (!isThrottled(res.status)) throw errorFor(res, path, this.options.token);
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

  /** One GET, bounded by the deadline `timeoutMs` (headers and whole body) and by `maxResponseBytes`. */
  private async send(url: URL, path: string, headers: GraphHeaders): Promise<HttpsJsonResponse> {
    const timeout = this.options.timeoutMs ?? 30_000;
    const maxBytes = this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    try {
      return await sendHttpsJson({
        url,
        method: "GET",
        headers: { ...headers, Authorization: `Bearer ${this.options.token}` },
        ca: this.options.ca,
        timeoutMs: timeout,
        maxResponseBytes: maxBytes,
      });
    } catch (e) {
      if (!(e instanceof HttpsFailure)) throw e;
      throw new CheckFailedError(failureMessage(e, url, pathOnly(path), timeout, maxBytes));
    }
  }
}

/** The user's message for a GET that got no complete answer. */
function failureMessage(failure: HttpsFailure, url: URL, path: string, timeout: number, maxBytes: number): string {
  switch (failure.kind) {
    case "too-large":
      return `Microsoft Graph answered GET /${path} with more than ${maxBytes} bytes (response size cap); stopped reading. Check --graph-url.`;
    case "deadline":
      return `Microsoft Graph did not answer GET /${path} in full within ${timeout} ms (request deadline). Check --graph-url and the network path.`;
    case "idle":
      return `Microsoft Graph sent nothing for ${timeout} ms on GET /${path} (request deadline).`;
    case "broken":
      return `Microsoft Graph's answer to GET /${path} broke off: ${safeText(failure.message)}.`;
    case "unreachable":
      return `Cannot reach Microsoft Graph at ${url.origin}: ${safeText(failure.message)}. Check --graph-url and the network path.`;
  }
}

/** The path without its query, for messages. */
function pathOnly(path: string): string {
  return path.split("?")[0] ?? path;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A page checked against the documented collection shape: `{ value: [ {...}, ... ], "@odata.nextLink"?: string }`. */
function collectionPage<T>(page: unknown, path: string): { value: T[]; "@odata.nextLink"?: string } {
  const wrong = (what: string): CheckFailedError =>
    new CheckFailedError(
      `Microsoft Graph answered GET /${pathOnly(path)} with an unexpected shape: ${what}. A Graph collection is an object whose "value" is an array of objects. Check --graph-url.`,
    );
  if (!isObject(page)) throw wrong(`the body is ${describe(page)}, not an object`);
  if (!Array.isArray(page.value)) throw wrong(`"value" is ${describe(page.value)}, not an array`);
  const bad = page.value.findIndex((v) => !isObject(v));
  if (bad >= 0) throw wrong(`"value[${bad}]" is ${describe(page.value[bad])}, not an object`);
  const next = page["@odata.nextLink"];
  if (next !== undefined && typeof next !== "string") throw wrong(`"@odata.nextLink" is ${describe(next)}, not a string`);
  return { value: page.value as T[], ...(next === undefined ? {} : { "@odata.nextLink": next }) };
}

/** A short description of a JSON value of the wrong type, for messages (no server text beyond a type name). */
export function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

function parseJson<T>(body: string, path: string): T {
  return parseJsonOr(
    body,
    () => new CheckFailedError(`Microsoft Graph answered GET /${path} with a body that is not JSON. Check --graph-url.`),
  ) as T;
}

/** Server text made safe to print: control characters stripped, bearer tokens and the token itself redacted. */
function serverText(text: string, token: string): string {
  return safeText(token ? text.split(token).join("[redacted]") : text);
}

function errorFor(res: HttpsJsonResponse, path: string, token: string): GraphHttpError {
  // A non-JSON error body, or one without an error object: the status alone is reported.
  const error = apiErrorOf(res.body) ?? {};
  const code = error.code === undefined ? "" : serverText(error.code, token);
  const message = error.message === undefined ? "" : serverText(error.message, token);
  const detail = `${code}${message ? `: ${message}` : ""}`;
  const what = `Microsoft Graph refused GET /${pathOnly(path)} (HTTP ${res.status}${detail ? ` ${detail}` : ""})`;
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
