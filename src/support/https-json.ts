/**
 * One HTTPS request to a JSON API (Azure Resource Manager, Microsoft Graph), read whole within bounds: a deadline
 * from sending to the last byte of the body (a body trickled byte by byte still ends), the same bound on silence on
 * the socket, and a cap on the body's size. The answer comes back raw (status, headers, text) whatever its status;
 * what a status means, and every message the user reads, stays with the caller. Failures to get an answer reject
 * with an HttpsFailure whose `kind` the caller maps to its own message. Also here: the Retry-After header, the
 * throttling statuses and the `{"error": {"code", "message"}}` body both APIs answer errors with.
 */
import type { IncomingHttpHeaders } from "node:http";
import { request } from "node:https";

/** One request. */
export interface HttpsJsonRequest {
  /** Where to send it; https only (node:https throws on any other protocol). */
  readonly url: URL | string;
  readonly method: "GET" | "POST";
  /** The caller's headers (Authorization, ConsistencyLevel, ...). Accept (and Content-Type with a body) is added: JSON. */
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON body, sent as is with Content-Type application/json and its Content-Length; none when undefined. */
  readonly body?: string;
  /** Extra PEM CA certificates to trust (a local test server); the system CAs are used otherwise. */
  readonly ca?: string;
  /** Deadline of the request, from sending it to the last byte of the body, and the longest silence, in ms. */
  readonly timeoutMs: number;
  /** The largest body read, in bytes; past it the request is dropped. */
  readonly maxResponseBytes: number;
}

/** The answer, whatever its status. */
export interface HttpsJsonResponse {
  readonly status: number;
  readonly headers: Readonly<IncomingHttpHeaders>;
  /** The body as UTF-8 text (not parsed: an error status may come with any body). */
  readonly body: string;
}

/**
 * Why no answer came: `too-large` the body passed the cap; `deadline` the whole answer did not arrive in time;
 * `idle` the socket stayed silent that long; `unreachable` the request failed (DNS, refused, TLS); `broken` the
 * answer broke off.
 */
export type HttpsFailureKind = "too-large" | "deadline" | "idle" | "unreachable" | "broken";

/**
 * The request got no complete answer. The message is a short clause ("no answer within 300 ms", or the system's
 * error text for `unreachable` and `broken`) for the caller to place in its own sentence; it is outside text for
 * those two kinds, so pass it through safeText before printing.
 */
export class HttpsFailure extends Error {
  constructor(
    readonly kind: HttpsFailureKind,
    message: string,
  ) {
    super(message);
    this.name = "HttpsFailure";
  }
}

/** Sends one request and reads its answer whole, within `timeoutMs` and `maxResponseBytes`; see the module comment. */
export function sendHttpsJson(r: HttpsJsonRequest): Promise<HttpsJsonResponse> {
  const bodyHeaders: Record<string, string | number> =
    r.body === undefined ? {} : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(r.body) };
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      settle();
    };
    const fail = (kind: HttpsFailureKind, message: string): void => {
      finish(() => reject(new HttpsFailure(kind, message)));
      req.destroy();
    };
    const req = request(
      r.url,
      { method: r.method, headers: { ...r.headers, Accept: "application/json", ...bodyHeaders }, ca: r.ca, timeout: r.timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > r.maxResponseBytes) {
            fail("too-large", `the answer passed ${r.maxResponseBytes} bytes`);
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () =>
          finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") })),
        );
        res.on("error", (e) => fail("broken", e.message));
      },
    );
    const deadline = setTimeout(() => fail("deadline", `no complete answer within ${r.timeoutMs} ms`), r.timeoutMs);
    req.on("timeout", () => fail("idle", `no answer within ${r.timeoutMs} ms`));
    req.on("error", (e) => fail("unreachable", e.message));
    req.end(r.body);
  });
}

/** A header's first value (node gives repeated headers as an array); undefined when absent. */
export function headerValue(headers: Readonly<IncomingHttpHeaders>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The statuses that mean "throttled, try again after Retry-After": 429 Too Many Requests and 503 Service Unavailable. */
export function isThrottled(status: number): boolean {
  return status === 429 || status === 503;
}

/**
 * A Retry-After value (RFC 9110 10.2.3: delay-seconds or an HTTP date) in milliseconds from `now`; a date in the
 * past is 0; `fallbackMs` when absent, empty or unreadable.
 */
export function retryAfterMs(value: string | readonly string[] | undefined, fallbackMs: number, now: number = Date.now()): number {
  const text = (typeof value === "string" ? value : value?.[0])?.trim();
  if (text === undefined || text === "") return fallbackMs;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? fallbackMs : Math.max(0, at - now);
}

/** The parsed JSON of `text`, or the error `notJson` makes (naming the caller's source and the fix). */
export function parseJsonOr(text: string, notJson: () => Error): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw notJson();
  }
}

/** The `error` of an Azure Resource Manager or Microsoft Graph error body (`{"error": {"code": ..., "message": ...}}`). */
export interface ApiErrorBody {
  /** Present when the body's error.code is a string. Server text: pass it through safeText before printing. */
  readonly code?: string;
  /** Present when the body's error.message is a string. Server text: pass it through safeText before printing. */
  readonly message?: string;
}

/** The error object of an error body; undefined when the body is not JSON or holds no `error` object. */
export function apiErrorOf(body: string): ApiErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const error = isObject(parsed) ? parsed.error : undefined;
  if (!isObject(error)) return undefined;
  return {
    ...(typeof error.code === "string" ? { code: error.code } : {}),
    ...(typeof error.message === "string" ? { message: error.message } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
