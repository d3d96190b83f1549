import {
  DC_PORTS,
  DOMAIN_TIME_SYNC,
  ENTRA_SERVICE_TAG,
  GLOBAL_CATALOG_PORT,
  GLOBAL_CATALOG_TLS_PORT,
  LDAPS_PORT,
  LDAP_PORT,
  OUTBOUND_ENDPOINTS,
  RDP_PORT,
  dcPort,
  PRIVATE_ADDRESS_RANGES,
  addressRangeOf,
  isPrivateRange,
  publicAddressCount,
  portRangeText,
} from "../../src/requirements";

describe("the DC port table", () => {
  test("holds every port and protocol of the README", () => {
    expect(DC_PORTS.map((p) => `${portRangeText(p)}/${p.protocols.join("+")}`)).toEqual([
      "53/tcp+udp",
      "88/tcp+udp",
      "135/tcp",
      "389/tcp+udp",
      "445/tcp",
      "636/tcp",
      "3268/tcp",
      "3269/tcp",
      "49152-65535/tcp",
    ]);
  });

  test("named ports", () => {
    expect([LDAP_PORT, LDAPS_PORT, GLOBAL_CATALOG_PORT, GLOBAL_CATALOG_TLS_PORT, RDP_PORT]).toEqual([389, 636, 3268, 3269, 3389]);
    expect(dcPort("kerberos")).toMatchObject({ port: 88, toPort: 88 });
    expect(() => dcPort("telnet")).toThrow('No DC port with service id "telnet".');
  });
});

describe("LDAPS 636 is TCP only (the decision beside its entry in src/requirements/network.ts)", () => {
  // Microsoft's hybrid identity ports page writes "LDAP/SSL | 636 (TCP/UDP)" (Table 1 of
  // https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-ports). LDAPS is LDAP inside TLS, and
  // TLS's "only requirement from the underlying transport is a reliable, in-order data stream" (RFC 8446 section 1);
  // the LDAP AD answers over UDP is the rootDSE search on 389 ("Active Directory supports search over UDP only for
  // searches against rootDSE", MS-ADTS 3.1.1.3.1.11,
  // https://learn.microsoft.com/openspecs/windows_protocols/ms-adts/3fad0ec9-414c-432a-ba0b-837c74091dd6). Microsoft's
  // AD port tables list "LDAP SSL | TCP | 636" (KB 832017,
  // https://learn.microsoft.com/troubleshoot/windows-server/networking/service-overview-and-network-port-requirements)
  // and "49152-65535/TCP | 636/TCP | LDAP SSL" (KB 179442,
  // https://learn.microsoft.com/troubleshoot/windows-server/active-directory/config-firewall-for-ad-domains-and-trusts).
  test("636 and 3269 (the TLS ports) are TCP only; UDP only where a protocol runs on it: DNS, Kerberos, and CLDAP on 389", () => {
    expect(dcPort("ldaps")).toEqual({ service: "ldaps", description: "LDAPS", port: 636, toPort: 636, protocols: ["tcp"] });
    expect(dcPort("global-catalog-ssl").protocols).toEqual(["tcp"]);
    expect(DC_PORTS.filter((p) => p.protocols.includes("udp")).map((p) => p.port)).toEqual([53, 88, 389]);
  });
});

describe("time sync to the DCs (restrictOutbound's allow, not a DC table row)", () => {
  // A domain member's W32Time syncs from the domain hierarchy (https://learn.microsoft.com/azure/virtual-machines/windows/time-sync);
  // "49152-65535/UDP | 123/UDP | W32Time" (KB 179442, link above).
  test("NTP is UDP 123, and it stays out of DC_PORTS, which preflight network probes and which has no NTP probe", () => {
    expect(DOMAIN_TIME_SYNC).toMatchObject({ service: "w32time", port: 123, toPort: 123, protocols: ["udp"] });
    expect(DC_PORTS.map((p) => p.port)).not.toContain(DOMAIN_TIME_SYNC.port);
  });
});

describe("outbound endpoints", () => {
  test("Entra ID hosts over HTTPS, CRL/OCSP over HTTP", () => {
    const hosts = (port: number): string[] => OUTBOUND_ENDPOINTS.filter((e) => e.port === port).map((e) => e.host);
    expect(hosts(443)).toEqual(
      expect.arrayContaining(["*.microsoftonline.com", "*.windows.net", "*.msftauth.net", "*.aadcdn.microsoftonline-p.com"]),
    );
    expect(OUTBOUND_ENDPOINTS.filter((e) => e.port === 80).every((e) => e.purpose === "crl-ocsp")).toBe(true);
    expect(ENTRA_SERVICE_TAG).toBe("AzureActiveDirectory");
  });

  test("every endpoint has a concrete probe host, and a plain host probes itself", () => {
    for (const e of OUTBOUND_ENDPOINTS) {
      if (e.host.startsWith("*.")) expect(e.probe === undefined || e.probe.endsWith(e.host.slice(2))).toBe(true);
      else expect(e.probe).toBe(e.host);
    }
  });
});

describe("private ranges and public address counts (issue 9 item 10)", () => {
  const range = (text: string) => {
    const r = addressRangeOf(text);
    if (r === undefined) throw new Error(`${text} does not parse`);
    return r;
  };
  // RFC 1918 section 3, RFC 6598 section 7 (100.64.0.0/10) and RFC 4193 section 3.1 (fc00::/7).
  test("the catalogue holds RFC 1918, RFC 6598 and the IPv6 unique local range, nothing else", () => {
    expect(PRIVATE_ADDRESS_RANGES.map((r) => r.cidr)).toEqual([
      "10.0.0.0/8",
      "172.16.0.0/12",
      "192.168.0.0/16",
      "100.64.0.0/10",
      "fc00::/7",
    ]);
  });

  test.each([
    ["10.0.9.0/26", 4, 0x0a000900n, 0x0a00093fn],
    ["8.8.8.8", 4, 0x08080808n, 0x08080808n],
    ["10.0.9.5/24", 4, 0x0a000900n, 0x0a0009ffn],
    ["fd00::/8", 6, 0xfdn << 120n, (0xfen << 120n) - 1n],
    ["::ffff:10.0.0.1", 6, 0xffff0a000001n, 0xffff0a000001n],
    ["::", 6, 0n, 0n],
  ])("%s is the block %i %s-%s", (text, family, first, last) => {
    expect(addressRangeOf(text)).toEqual({ family, first, last });
  });

  test.each(["10.0.0.0/33", "::/129", "10.0.0", "256.0.0.1", "Internet", "10.0.0.0/8/1", "1::2::3", "", "10.0.0.0/x"])(
    "%p does not parse",
    (t) => {
      expect(addressRangeOf(t)).toBeUndefined();
    },
  );

  test.each(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7", "fd00::1", "10.20.250.0/26"])(
    "%s is private",
    (t) => {
      expect(isPrivateRange(range(t))).toBe(true);
    },
  );

  test.each([
    "0.0.0.0/0",
    "0.0.0.0/1",
    "10.0.0.0/7",
    "172.32.0.0/16",
    "100.128.0.0/10",
    "8.8.8.8/32",
    "::/0",
    "fe80::/10",
    "::ffff:10.0.0.1",
  ])("%s is not", (t) => {
    expect(isPrivateRange(range(t))).toBe(false);
  });

  test("0.0.0.0/1 + 128.0.0.0/1 counts as all of IPv4 but the private ranges: 2^32 - 2^24 - 2^20 - 2^16 - 2^22", () => {
    const ipv4 = 2n ** 32n - 2n ** 24n - 2n ** 20n - 2n ** 16n - 2n ** 22n;
    expect(ipv4).toBe(4_272_881_664n);
    expect(publicAddressCount([range("0.0.0.0/1"), range("128.0.0.0/1")])).toBe(ipv4);
    expect(publicAddressCount([range("0.0.0.0/0")])).toBe(ipv4);
    // Overlaps count once.
    expect(publicAddressCount([range("0.0.0.0/0"), range("8.0.0.0/8"), range("0.0.0.0/1")])).toBe(ipv4);
  });

  test("one public host is one address; private ranges are none; IPv6 counts outside fc00::/7", () => {
    expect(publicAddressCount([range("8.8.8.8/32"), range("10.0.0.0/8"), range("100.64.0.0/10")])).toBe(1n);
    expect(publicAddressCount([range("10.0.0.0/8"), range("fd00::/8")])).toBe(0n);
    expect(publicAddressCount([range("::/0")])).toBe(2n ** 128n - 2n ** 121n);
    expect(publicAddressCount([range("10.0.0.0/7")])).toBe(2n ** 24n);
  });
});
