/**
 * The shared HTTPS JSON request of the ARM Run Command and Microsoft Graph clients, against a local HTTPS server
 * (loopback, a throw-away self-signed certificate): the answer read whole, the deadline, the size cap, bodies that
 * are not JSON, Retry-After and the `{"error": {"code", "message"}}` body both APIs answer errors with (ARM: "Common
 * error response for all Azure Resource Manager APIs ... (This also follows the OData error response format.)",
 * learn.microsoft.com/dotnet/api/microsoft.azure.management.resources.models.errorresponse; Graph: "Errors in Microsoft
 * Graph are returned using standard HTTP status codes, and a JSON error response object", learn.microsoft.com/graph/errors,
 * whose 503 row says the delay "can be specified in a Retry-After header"). Retry-After is RFC 9110 section 10.2.3:
 * delay-seconds or an HTTP date.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import {
  apiErrorOf,
  headerValue,
  HttpsFailure,
  type HttpsJsonRequest,
  type HttpsJsonResponse,
  isThrottled,
  parseJsonOr,
  retryAfterMs,
  sendHttpsJson,
} from "../../src/support/https-json";
import { makeSelfSignedCert, type PemPair } from "../preflight-sql/self-signed-cert";

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

let pem: PemPair;
let server: Server;
let base: string;
let handler: Handler;

beforeAll(async () => {
  pem = makeSelfSignedCert("127.0.0.1", ["127.0.0.1"]);
  server = createServer({ key: pem.key, cert: pem.cert }, (req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

const get = (over: Partial<HttpsJsonRequest> = {}): Promise<HttpsJsonResponse> =>
  sendHttpsJson({ url: `${base}/x`, method: "GET", headers: {}, ca: pem.cert, timeoutMs: 5000, maxResponseBytes: 1024, ...over });

async function failure(over: Partial<HttpsJsonRequest> = {}): Promise<HttpsFailure> {
  const error = await get(over).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpsFailure);
  return error as HttpsFailure;
}

describe("sendHttpsJson", () => {
  test("sends the caller's headers with Accept (and Content-Type with a body) and returns the answer raw", async () => {
    let seen: { method?: string; headers?: IncomingMessage["headers"]; body?: string } = {};
    handler = (req, body, res) => {
      seen = { method: req.method, headers: req.headers, body };
      res.writeHead(202, { "Content-Type": "application/json", Location: `${base}/results/1`, "Retry-After": "7" });
      res.end('{"ok": true}');
    };
    const answer = await sendHttpsJson({
      url: `${base}/run?api-version=2024-07-01`,
      method: "POST",
      headers: { Authorization: "Bearer t" },
      body: '{"commandId":"RunPowerShellScript"}',
      ca: pem.cert,
      timeoutMs: 5000,
      maxResponseBytes: 1024,
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toBe('{"ok": true}');
    expect(headerValue(answer.headers, "Location")).toBe(`${base}/results/1`);
    expect(headerValue(answer.headers, "retry-after")).toBe("7");
    expect(headerValue(answer.headers, "azure-asyncoperation")).toBeUndefined();
    expect(seen.method).toBe("POST");
    expect(seen.body).toBe('{"commandId":"RunPowerShellScript"}');
    expect(seen.headers).toMatchObject({
      authorization: "Bearer t",
      accept: "application/json",
      "content-type": "application/json",
      "content-length": "35",
    });
  });

  test("a GET carries no Content-Type; an error status is an answer, not a failure", async () => {
    let contentType: string | undefined = "unset";
    handler = (req, _body, res) => {
      contentType = req.headers["content-type"];
      res.writeHead(502, { "Content-Type": "text/html" });
      res.end("<html><body>Bad Gateway</body></html>");
    };
    await expect(get()).resolves.toMatchObject({ status: 502, body: "<html><body>Bad Gateway</body></html>" });
    expect(contentType).toBeUndefined();
  });

  test("a body trickled past the deadline ends at the deadline", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write("{");
      const timer = setInterval(() => res.write(" "), 20);
      res.on("close", () => clearInterval(timer));
    };
    const e = await failure({ timeoutMs: 300 });
    expect(e.kind).toBe("deadline");
    expect(e.message).toBe("no complete answer within 300 ms");
  });

  test("a server that never answers ends at the deadline", async () => {
    handler = () => undefined;
    const e = await failure({ timeoutMs: 200 });
    // The socket's silence and the whole-answer deadline share the bound: either may fire first.
    expect(["idle", "deadline"]).toContain(e.kind);
    expect(e.message).toMatch(/^no (complete )?answer within 200 ms$/);
  });

  test("a body past the cap is dropped, also an endless one", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(`[${'"x",'.repeat(400)}"x"]`);
    };
    let e = await failure({ maxResponseBytes: 1000 });
    expect(e.kind).toBe("too-large");
    expect(e.message).toBe("the answer passed 1000 bytes");

    handler = (_req, _body, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      const timer = setInterval(() => res.write('"x",'.repeat(1000)), 1);
      res.on("close", () => clearInterval(timer));
    };
    e = await failure({ maxResponseBytes: 64 * 1024, timeoutMs: 60_000 });
    expect(e.kind).toBe("too-large");
  });

  test("a body exactly at the cap is read", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200);
      res.end("x".repeat(1024));
    };
    await expect(get()).resolves.toMatchObject({ status: 200, body: "x".repeat(1024) });
  });

  test("a server whose certificate is not trusted, or no server, is unreachable", async () => {
    handler = (_req, _body, res) => res.end("{}");
    const untrusted = await failure({ ca: undefined });
    expect(untrusted.kind).toBe("unreachable");
    expect(untrusted.message).toMatch(/self[- ]signed certificate/);

    const closed = createServer({ key: pem.key, cert: pem.cert });
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await failure({ url: `https://127.0.0.1:${port}/x` });
    expect(refused.kind).toBe("unreachable");
    expect(refused.message).toContain("ECONNREFUSED");
  });

  test("a connection that breaks off mid-body is broken or unreachable, never an answer", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "100" });
      res.write('{"value": [');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const e = await failure();
    expect(["broken", "unreachable"]).toContain(e.kind);
  });
});

describe("parseJsonOr and apiErrorOf", () => {
  test("JSON is parsed; a body that is not JSON gives the caller's error", () => {
    expect(parseJsonOr('{"status": "Succeeded"}', () => new Error("never"))).toEqual({ status: "Succeeded" });
    expect(() => parseJsonOr("<html>Bad Gateway</html>", () => new Error("the operation status is not JSON"))).toThrow(
      "the operation status is not JSON",
    );
    expect(() => parseJsonOr("", () => new Error("empty"))).toThrow("empty");
  });

  test.each([
    // ARM's 403 (AuthorizationFailed) and Graph's 401 (InvalidAuthenticationToken) as documented
    [
      '{"error":{"code":"AuthorizationFailed","message":"The client does not have authorization."}}',
      { code: "AuthorizationFailed", message: "The client does not have authorization." },
    ],
    [
      '{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty.","innerError":{"date":"2026-12-02T10:00:00"}}}',
      { code: "InvalidAuthenticationToken", message: "Access token is empty." },
    ],
    ['{"error":{"code":"TooManyRequests"}}', { code: "TooManyRequests" }],
    ['{"error":{"code":42,"message":["x"]}}', {}],
    ['{"error":"throttled"}', undefined],
    ['{"error":null}', undefined],
    ['{"value":[]}', undefined],
    ["[]", undefined],
    ["<html>Service Unavailable</html>", undefined],
    ["", undefined],
  ])("error body %s", (body, expected) => {
    expect(apiErrorOf(body)).toEqual(expected);
  });
});

describe("Retry-After and throttling", () => {
  const now = Date.parse("2026-12-02T16:00:00Z");
  test.each([
    ["7", 7000],
    [" 120 ", 120_000],
    ["0", 0],
    ["Wed, 02 Dec 2026 16:00:30 GMT", 30_000],
    ["Wed, 02 Dec 2026 15:00:00 GMT", 0],
    ["soon", 5000],
    ["", 5000],
    [undefined, 5000],
    [["9", "1"], 9000],
  ])("Retry-After %j is %d ms (fallback 5000)", (value, ms) => {
    expect(retryAfterMs(value, 5000, now)).toBe(ms);
  });

  test("429 and 503 are throttling; other errors are not", () => {
    expect([429, 503, 500, 502, 401, 403, 404, 200].filter(isThrottled)).toEqual([429, 503]);
  });

  test("a 429 answer carries its Retry-After to the caller", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(429, { "Content-Type": "application/json", "Retry-After": "3" });
      res.end('{"error":{"code":"TooManyRequests","message":"Rate limit."}}');
    };
    const answer = await get();
    expect(isThrottled(answer.status)).toBe(true);
    expect(retryAfterMs(headerValue(answer.headers, "retry-after"), 5000)).toBe(3000);
    expect(apiErrorOf(answer.body)).toEqual({ code: "TooManyRequests", message: "Rate limit." });
  });
});
