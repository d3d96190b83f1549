import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadGateConfig, parseGateConfig } from "../../src/gate";
import { cloudSource } from "../../src/gate/sources/cloud";
import { InputError } from "../../src/support/errors";
import { fakeSource } from "./fake-source";

const sources = [cloudSource, fakeSource("ad", ["active-directory"], { checks: [] })];
const parse = (data: unknown) => parseGateConfig(data, "gate.yaml", sources);
const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("expected an InputError");
};

describe("gate.yaml", () => {
  it("accepts a valid config and keeps only the present sections", () => {
    const config = parse({
      objectCount: 1200,
      cloud: { tokenEnv: "GRAPH_TOKEN", installer: "a@contoso.com", upnSuffixes: ["contoso.com"] },
    });
    expect(config.objectCount).toBe(1200);
    expect(config.sections).toEqual({ cloud: { tokenEnv: "GRAPH_TOKEN", installer: "a@contoso.com", upnSuffixes: ["contoso.com"] } });
  });

  it("names every bad field in one error", () => {
    expect(
      messageOf(() =>
        parse({ objectCount: -5, cloud: { auth: "password", graphUrl: "http://graph", upnSuffixes: "contoso.com", tokn: "X" }, ad: {} }),
      ),
    ).toBe(
      [
        "gate.yaml has 6 bad fields (see docs/gate.md for the schema):",
        "  objectCount: must be >= 0",
        "  cloud.tokn: unknown field; known fields here: graphUrl, tokenEnv, auth, tenantId, clientId, clientSecretEnv, clientSecretFile, caFile, installer, upnSuffixes, maxRetries, maxRetryAfterSeconds",
        '  cloud.graphUrl: must match pattern "^https://"',
        "  cloud.auth: must be one of azure-cli, device-code, client-secret",
        "  cloud.upnSuffixes: must be array",
        "  ad: missing the field target",
      ].join("\n"),
    );
  });

  it("rejects an unknown section, listing the known ones", () => {
    expect(messageOf(() => parse({ sqll: {} }))).toBe(
      "gate.yaml has a bad field (see docs/gate.md for the schema):\n  sqll: unknown field; known fields here: objectCount, accept, waive, cloud, ad",
    );
  });

  it("rejects a literal password, secret or token, naming the field and the reference to use", () => {
    expect(messageOf(() => parse({ ad: { target: "dc1", password: "hunter2" } }))).toBe(
      "gate.yaml: ad.password holds a secret's value; gate.yaml never holds secrets. Replace it with passwordEnv (the name of an environment variable filled from your pipeline's secret store).", // the fake ad section has no passwordFile
    );
    expect(messageOf(() => parse({ cloud: { clientSecret: "abc" } }))).toMatch(
      /^gate\.yaml: cloud\.clientSecret holds a secret's value; .* Replace it with clientSecretEnv /,
    );
    // Issue 14 item 16: the advice names only fields that exist (cloud has tokenEnv, no tokenFile).
    expect(messageOf(() => parse({ cloud: { token: "eyJ..." } }))).toMatch(
      /^gate\.yaml: cloud\.token holds a secret's value; gate\.yaml never holds secrets\. Replace it with tokenEnv \(the name of an environment variable filled from your pipeline's secret store\)\.$/,
    );
    expect(messageOf(() => parse({ ad: { target: "dc1" }, extra: [{ secret: "s" }] }))).toMatch(
      /^gate\.yaml: extra\[0\]\.secret holds a secret's value/,
    );
  });

  it("rejects a document that is not a mapping", () => {
    expect(messageOf(() => parse(["cloud"]))).toBe(
      "gate.yaml: expected a YAML mapping with sections such as cloud:, ad:; see docs/gate.md.",
    );
  });

  it("reports YAML syntax errors and unreadable files", () => {
    const dir = mkdtempSync(join(tmpdir(), "gate-config-"));
    const bad = join(dir, "gate.yaml");
    writeFileSync(bad, "cloud:\n  tokenEnv: [unclosed\n");
    expect(messageOf(() => loadGateConfig(bad, sources))).toMatch(
      new RegExp(`^${bad.replace(/[.]/g, "\\.")} is not valid YAML: .+\\. Fix the syntax at that line\\.$`),
    );
    expect(messageOf(() => loadGateConfig(join(dir, "missing.yaml"), sources))).toBe(
      `--config ${join(dir, "missing.yaml")}: cannot read it (ENOENT). Give the path of a gate.yaml (see examples/gate.yaml).`,
    );
  });
});

describe("a gate.yaml without sources", () => {
  it("is refused: it would check nothing", () => {
    expect(messageOf(() => parse({ objectCount: 10 }))).toBe(
      "gate.yaml names no source, so nothing would be checked: add at least one of the sections cloud:, ad: (see examples/gate.yaml).",
    );
  });
});
