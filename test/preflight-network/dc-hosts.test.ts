/** The --dc values: which are accepted, and the AD domain guessed from an FQDN. */
import { domainOf, resolveDc, validateDcHost } from "../../src/preflight/network/dc-hosts";

describe("DC hosts", () => {
  test.each([
    ["dc01.corp.example.com", undefined, "corp.example.com"],
    ["dc01.corp.example.com.", undefined, "corp.example.com"],
    ["dc01.corp.example.com", "other.example", "other.example"],
    ["dc01", undefined, undefined],
    ["10.0.1.4", undefined, undefined],
    ["10.0.1.4", "corp.example.com", "corp.example.com"],
  ])("domainOf(%s, %s) is %s", (host, given, expected) => {
    expect(domainOf(host, given)).toBe(expected);
  });

  test.each(["dc01.corp.example.com", "DC01", "10.0.1.4", "::1", "fe80::1"])("accepts %s", (host) => {
    expect(validateDcHost(host)).toBe(host);
  });

  test.each(["dc01.corp.example.com:389", "ldap://dc01", "dc 01", "", "-dc.example.com"])("refuses %j", (host) => {
    expect(() => validateDcHost(host)).toThrow(`--dc "${host}" is not a host name or an IP address.`);
  });

  test("an address needs no lookup; localhost resolves from the hosts file", async () => {
    await expect(resolveDc("127.0.0.1", undefined, 1000)).resolves.toEqual({ host: "127.0.0.1", address: "127.0.0.1", domain: undefined });
    const local = await resolveDc("localhost", "corp.example.com", 1000);
    expect(["127.0.0.1", "::1"]).toContain(local.address);
    expect(local.domain).toBe("corp.example.com");
  });
});
