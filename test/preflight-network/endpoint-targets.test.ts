/** Which endpoints are probed: the catalogue's, overridden or extended by --endpoint URLs. */
import { endpointTargets } from "../../src/preflight/network/endpoint-targets";
import { InputError } from "../../src/support/errors";
import { OUTBOUND_ENDPOINTS } from "../../src/requirements";

describe("endpointTargets", () => {
  test("the catalogue's endpoints, by probe host, with wildcards without a probe host left untested", () => {
    const targets = endpointTargets({ urls: [], includeCatalogue: true });
    expect(targets).toHaveLength(OUTBOUND_ENDPOINTS.length);
    expect(targets[0]).toEqual({
      url: "https://login.microsoftonline.com/",
      scheme: "https",
      host: "login.microsoftonline.com",
      port: 443,
      pattern: "*.microsoftonline.com",
    });
    expect(targets.find((t) => t.pattern === "*.adhybridhealth.azure.com")).toEqual({
      url: "https://*.adhybridhealth.azure.com/",
      scheme: "https",
      host: undefined,
      port: 443,
      pattern: "*.adhybridhealth.azure.com",
    });
    expect(targets.find((t) => t.pattern === "mscrl.microsoft.com")?.url).toBe("http://mscrl.microsoft.com/");
  });

  test("a URL under a pattern replaces that pattern's probe host (the most specific pattern); a second one is added", () => {
    const targets = endpointTargets({
      urls: ["https://x1.blob.core.windows.net/some/path", "https://x2.blob.core.windows.net:8443"],
      includeCatalogue: true,
    });
    const blob = targets.filter((t) => t.pattern === "*.blob.core.windows.net");
    expect(blob.map((t) => t.url)).toEqual(["https://x1.blob.core.windows.net/", "https://x2.blob.core.windows.net:8443/"]);
    expect(targets.find((t) => t.pattern === "*.windows.net")?.host).toBe("login.windows.net");
    expect(targets).toHaveLength(OUTBOUND_ENDPOINTS.length + 1);
  });

  test("without the catalogue, only the given URLs, de-duplicated, default ports filled in", () => {
    expect(
      endpointTargets({ urls: ["https://127.0.0.1:8443", "https://127.0.0.1:8443/", "http://localhost"], includeCatalogue: false }),
    ).toEqual([
      { url: "https://127.0.0.1:8443/", scheme: "https", host: "127.0.0.1", port: 8443 },
      { url: "http://localhost/", scheme: "http", host: "localhost", port: 80 },
    ]);
  });

  test.each(["ftp://example.com", "login.microsoftonline.com"])("refuses %s, naming --endpoint", (url) => {
    const run = (): unknown => endpointTargets({ urls: [url], includeCatalogue: false });
    expect(run).toThrow(InputError);
    expect(run).toThrow(
      `--endpoint "${url}" is not an http(s) URL with a host. Pass a URL such as ` +
        `https://login.microsoftonline.com or https://myhost.adhybridhealth.azure.com:443.`,
    );
  });

  test("refuses a URL with credentials without repeating them", () => {
    const run = (): unknown => endpointTargets({ urls: ["https://user:pw-secret@example.com"], includeCatalogue: false });
    expect(run).toThrow(
      "--endpoint carries a user name or password (not repeated here): credentials are never taken on the command line. " +
        "Pass the URL without them, e.g. https://login.microsoftonline.com.",
    );
  });
});
