import {
  DC_PORTS,
  ENTRA_SERVICE_TAG,
  GLOBAL_CATALOG_PORT,
  GLOBAL_CATALOG_TLS_PORT,
  LDAPS_PORT,
  LDAP_PORT,
  OUTBOUND_ENDPOINTS,
  RDP_PORT,
  dcPort,
  isInternetPrefix,
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

describe("isInternetPrefix", () => {
  test.each(["*", "Internet", "ANY", " 0.0.0.0/0 ", "::/0", "0.0.0.0"])("%p is the internet", (p) => {
    expect(isInternetPrefix(p)).toBe(true);
  });
  test.each(["10.0.0.0/8", "VirtualNetwork", "AzureActiveDirectory", "0.0.0.0/1", ""])("%p is not", (p) => {
    expect(isInternetPrefix(p)).toBe(false);
  });
});
