/** The network preflight against the real Samba AD DC of this jest run (test/support/samba): every DC port answers. */
import { runNetworkPreflight } from "../../src/preflight/network";
import { describeWithDc } from "../support/samba/dc";

describeWithDc("preflight network against the Samba DC", (dc) => {
  test("DNS, Kerberos, LDAP (TCP and UDP), RPC endpoint mapper, SMB, LDAPS and GC are open; the real protocols answer", async () => {
    const { host, realm } = dc();
    const report = await runNetworkPreflight({
      dcs: [host],
      domain: realm.toLowerCase(),
      includeCatalogueEndpoints: false,
      timeoutMs: 5000,
    });
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
      "tcp/49152 rpc-dynamic untested",
    ]);
    const udp = Object.fromEntries(report.ports.filter((p) => p.protocol === "udp").map((p) => [p.service, p.detail]));
    expect(udp).toEqual({
      dns: `DNS query (SOA of "${realm.toLowerCase()}") answered: DNS reply NOERROR, 1 answer`,
      kerberos: `Kerberos AS-REQ (realm ${realm}) answered: KRB-ERROR 6 KDC_ERR_C_PRINCIPAL_UNKNOWN`,
      ldap: expect.stringMatching(/^CLDAP ping answered: LDAP message \d+, searchResEntry$/),
    });
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([["dc-ports", "warn"]]);
  });
});
