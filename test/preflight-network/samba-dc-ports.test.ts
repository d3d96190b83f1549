/** The network preflight against the real Samba AD DC of this jest run (test/support/samba): every DC port answers. */
import { runNetworkPreflight } from "../../src/preflight/network";
import { describeWithDc } from "../support/samba/dc";

describeWithDc("preflight network against the Samba DC", (dc) => {
  test("DNS, Kerberos, LDAP (TCP and UDP), RPC endpoint mapper and the DRSUAPI port it maps, SMB, LDAPS and GC are open", async () => {
    const { host, realm } = dc();
    const report = await runNetworkPreflight({
      dcs: [host],
      domain: realm.toLowerCase(),
      includeCatalogueEndpoints: false,
      timeoutMs: 5000,
    });
    const dynamic = report.ports.find((p) => p.service === "rpc-dynamic");
    const verdicts = report.ports.map((p) => `${p.protocol}/${p.port} ${p.service} ${p.verdict}`);
    expect(verdicts).toEqual([
      "tcp/53 dns open",
      "udp/53 dns open",
      "tcp/88 kerberos open",
      "udp/88 kerberos open",
      "tcp/135 rpc-endpoint-mapper open",
      "tcp/389 ldap open",
      "udp/389 ldap open",
      "tcp/445 smb open",
      "tcp/636 ldaps open",
      "tcp/3268 global-catalog open",
      "tcp/3269 global-catalog-ssl open",
      `tcp/${dynamic?.port} rpc-dynamic open`,
    ]);
    expect(dynamic?.port).toBeGreaterThanOrEqual(49152);
    expect(dynamic?.detail).toBe(
      `DRSUAPI (directory replication, used by password hash sync) is on TCP ${dynamic?.port} says the endpoint mapper: ` +
        "TCP connect accepted; the other ports of 49152-65535 are not scanned",
    );
    const udp = Object.fromEntries(report.ports.filter((p) => p.protocol === "udp").map((p) => [p.service, p.detail]));
    expect(udp).toEqual({
      dns: `DNS query (SOA of "${realm.toLowerCase()}") answered: DNS reply NOERROR, 1 answer`,
      kerberos: `Kerberos AS-REQ (realm ${realm}) answered: KRB-ERROR 6 KDC_ERR_C_PRINCIPAL_UNKNOWN`,
      ldap: expect.stringMatching(/^CLDAP ping answered: LDAP message \d+, searchResEntry$/),
    });
    expect(report.checks).toEqual([
      {
        id: "dc-ports",
        status: "pass",
        message: `All 12 DC ports are open on ${host}; requirement network.dc-ports: The DC port table open from the sync server to every DC.`,
        requirement: "network.dc-ports",
        category: "network",
      },
    ]);
  });
});
