import {
  DOTNET_MINIMUM_RELEASE,
  DOTNET_RECOMMENDED_RELEASE,
  LATEST_KNOWN_ENTRA_CONNECT_VERSION,
  MINIMUM_ENTRA_CONNECT_VERSION,
  TLS12_REGISTRY_VALUES,
  compareVersions,
  isVersionString,
  meetsMinimumEntraConnectVersion,
} from "../../src/requirements";

describe("compareVersions", () => {
  test.each([
    ["2.10.0.0", "2.5.79.0", 1],
    ["2.5.79.0", "2.10.0.0", -1],
    ["2.5.79.0", "2.5.79.0", 0],
    ["2.5.79", "2.5.79.0", 0],
    ["2.5.100.0", "2.5.79.0", 1],
    ["2.5.78.9999", "2.5.79.0", -1],
    ["10.0", "9.99.99.99", 1],
    [" 2.6.92.0 ", "2.6.92.0", 0],
  ])("%s vs %s -> sign %d", (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });

  test.each(["2.5.x", "", "v2.5.79.0", "2", "1.2.3.4.5"])("refuses %p", (bad) => {
    expect(() => compareVersions(bad, "2.5.79.0")).toThrow(`"${bad}" is not a version: write it as dotted numbers such as 2.5.79.0.`);
  });
});

describe("isVersionString", () => {
  test.each([
    ["2.5.79.0", true],
    ["2.5", true],
    ["2.5.79", true],
    ["2", false],
    ["2.5.79.0.1", false],
    ["2.5.79.0-beta", false],
  ])("%p -> %p", (value, expected) => {
    expect(isVersionString(value)).toBe(expected);
  });
});

describe("the minimum Entra Connect version", () => {
  test.each([
    ["2.5.79.0", true],
    ["2.5.79.1", true],
    ["2.6.92.0", true],
    ["2.10.0.0", true],
    ["2.5.78.0", false],
    ["2.4.131.0", false],
    ["1.6.16.0", false],
  ])("%s meets the minimum: %p", (version, expected) => {
    expect(meetsMinimumEntraConnectVersion(version)).toBe(expected);
  });

  test("the figures the README enforces", () => {
    expect(MINIMUM_ENTRA_CONNECT_VERSION).toBe("2.5.79.0");
    expect(compareVersions(LATEST_KNOWN_ENTRA_CONNECT_VERSION, MINIMUM_ENTRA_CONNECT_VERSION)).toBeGreaterThanOrEqual(0);
    expect(DOTNET_MINIMUM_RELEASE).toBe(461808);
    expect(DOTNET_RECOMMENDED_RELEASE).toBe(528040);
  });
});

describe("TLS 1.2 registry values", () => {
  test("cover .NET in both registry views and SCHANNEL client and server", () => {
    expect(TLS12_REGISTRY_VALUES.map((v) => `${v.key}|${v.name}=${v.dword}`)).toEqual([
      "HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319|SystemDefaultTlsVersions=1",
      "HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319|SchUseStrongCrypto=1",
      "HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319|SystemDefaultTlsVersions=1",
      "HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319|SchUseStrongCrypto=1",
      "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server|Enabled=1",
      "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server|DisabledByDefault=0",
      "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client|Enabled=1",
      "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client|DisabledByDefault=0",
    ]);
  });
});
