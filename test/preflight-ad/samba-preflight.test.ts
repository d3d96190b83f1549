/**
 * The AD preflight against the real Samba DC of this jest run (test/support/samba): every check, the exact
 * findings of the seed (test/support/samba/seed.ldif), the Recycle Bin off then on, a GC attribute taken out of
 * the partial attribute set, and the faults that must end in a CheckFailedError (exit 2).
 */
import { CheckFailedError } from "../../src/support/errors";
import { runAdPreflight, type AdPreflightOptions } from "../../src/preflight/ad/run";
import type { AdPreflightReport } from "../../src/preflight/ad/report";
import { dcUrls, describeWithDc, ldbModify, type TestDc } from "../support/samba/dc";

const SEED = "OU=Seed,DC=corp,DC=example,DC=com";

function options(dc: TestDc, more: Partial<AdPreflightOptions> = {}): AdPreflightOptions {
  return { url: dcUrls(dc).gcTls, bindDn: dc.bindDn, password: dc.password, caFile: dc.caFile, verifiedDomains: ["contoso.com"], ...more };
}

function cn(dn: string): string {
  return /^CN=([^,]+)/.exec(dn)?.[1] ?? dn;
}

/** The findings under the seed OU, as [cn, attribute, value, errors, suggestion, related cns]. */
function seedFindings(report: AdPreflightReport): unknown[] {
  return report.findings
    .filter((f) => f.dn.endsWith(SEED))
    .map((f) => [cn(f.dn), f.attribute, f.value, f.errors, f.suggestion, f.related.map(cn)]);
}

const EXPECTED_FINDINGS = [
  ["Accent Upn", "userPrincipalName", "rené@contoso.com", ["character"], "rene@contoso.com", []],
  ["Apostrophe Sam", "sAMAccountName", "o'brien", ["character"], "obrien", []],
  ["Blank Display", "displayName", "   ", ["blank"], "Blank Display", []],
  ["Conflict Contact", "proxyAddresses", "SMTP:conflict@contoso.com", ["conflict"], null, ["Conflict Mail"]],
  ["Conflict Group", "mail", "upn.taken@contoso.com", ["conflict"], null, ["Conflict Upn"]],
  ["Conflict Mail", "mail", "conflict@contoso.com", ["conflict"], null, ["Conflict Contact"]],
  ["Conflict Upn", "userPrincipalName", "upn.taken@contoso.com", ["conflict"], null, ["Conflict Group"]],
  ["Dot Nick", "mailNickname", ".dotnick", ["character"], "dotnick", []],
  ["Dots Upn", "userPrincipalName", "john..doe@contoso.com", ["localpart"], "john.doe@contoso.com", []],
  ["Dup Mail One", "mail", "shared.mail@contoso.com", ["duplicate"], null, ["Dup Mail Two"]],
  ["Dup Mail Two", "mail", "Shared.Mail@contoso.com", ["duplicate"], null, ["Dup Mail One"]],
  ["Dup Nick One", "mailNickname", "dupnick", ["duplicate"], null, ["Dup Nick Two"]],
  ["Dup Nick Two", "mailNickname", "DupNick", ["duplicate"], null, ["Dup Nick One"]],
  ["Dup Proxy Group", "proxyAddresses", "SIP:shared.sip@contoso.com", ["duplicate"], null, ["Dup Proxy One"]],
  ["Dup Proxy Group", "proxyAddresses", "SMTP:SHARED.PROXY@contoso.com", ["duplicate"], null, ["Dup Proxy One"]],
  ["Dup Proxy One", "proxyAddresses", "sip:shared.sip@contoso.com", ["duplicate"], null, ["Dup Proxy Group"]],
  ["Dup Proxy One", "proxyAddresses", "smtp:shared.proxy@contoso.com", ["duplicate"], null, ["Dup Proxy Group"]],
  ["Fabrikam Upn", "userPrincipalName", "fabrikam.upn@fabrikam.com", ["unverifieddomain"], "fabrikam.upn@contoso.com", []],
  ["Guest Services Desk", "userPrincipalName", "guest desk@contoso.com", ["character"], "guestdesk@contoso.com", []],
  ["Holly Space", "mail", "holly @contoso.com", ["character"], "holly@contoso.com", []],
  ["Lead Dot Upn", "userPrincipalName", ".lead@contoso.com", ["localpart"], "lead@contoso.com", []],
  ["Local Mail", "mail", "local.mail@corp.local", ["topleveldomain"], "local.mail@contoso.com", []],
  ["Local Upn", "userPrincipalName", "local.upn@corp.local", ["topleveldomain"], "local.upn@contoso.com", []],
  ["Long Sam", "sAMAccountName", "abcdefghijklmnopqrstu", ["length"], "abcdefghijklmnopqrst", []],
  ["Long Upn Domain", "userPrincipalName", "long.upn.domain@dddddddddddddddddddddddddddddddddddddddd.contoso.com", ["length"], null, []],
  [
    "Long Upn Local",
    "userPrincipalName",
    "lllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll@contoso.com",
    ["length"],
    null,
    [],
  ],
  ["No Upn", "userPrincipalName", "", ["blank"], "noupn@contoso.com", []],
  ["Plus Upn", "userPrincipalName", "plus+tag@contoso.com", ["character"], "plustag@contoso.com", []],
  ["Proxy Problems", "proxyAddresses", "SMTP:second.primary@contoso.com", ["format"], "smtp:second.primary@contoso.com", []],
  // The seed's "X500:/o=Org/ou=Exchange (FYDIBOHF23SPDLT)/cn=Recipients/cn=proxy" is no finding: X.500 values keep
  // their spaces and parentheses (issue 11, directory-data-rules.md), and this list is compared exactly.
  ["Proxy Problems", "proxyAddresses", "noprefix@contoso.com", ["format"], "smtp:noprefix@contoso.com", []],
  ["Proxy Problems", "proxyAddresses", "smtp:<angle>@contoso.com", ["character"], "smtp:angle@contoso.com", []],
  ["Proxy Problems", "proxyAddresses", "smtp:colon:extra@contoso.com", ["character"], "smtp:colonextra@contoso.com", []],
  ["Proxy Problems", "proxyAddresses", "smtp:john doe@contoso.com", ["character"], "smtp:johndoe@contoso.com", []],
  ["Proxy Problems", "proxyAddresses", "smtp:josé@contoso.com", ["character"], "smtp:jose@contoso.com", []],
  ["Proxy Problems", "proxyAddresses", `smtp:${"p".repeat(250)}@contoso.com`, ["length"], null, []],
  ["Proxy Problems", "proxyAddresses", "smtp:proxy@server.internal", ["topleveldomain"], "smtp:proxy@contoso.com", []],
  ["Space Nick", "mailNickname", "space nick", ["character"], "spacenick", []],
  ["Target Chars", "targetAddress", "SMTP:ext;user@fabrikam.com", ["character"], "SMTP:extuser@fabrikam.com", []],
  ["Target Dup One", "targetAddress", "SMTP:target.dup@fabrikam.com", ["duplicate"], null, ["Target Dup Two"]],
  ["Target Dup Two", "targetAddress", "smtp:TARGET.DUP@fabrikam.com", ["duplicate"], null, ["Target Dup One"]],
  ["Target Local", "targetAddress", "SMTP:someone@mail.lan", ["topleveldomain"], null, []],
  ["Target Space", "targetAddress", "SMTP:ext user@fabrikam.com", ["character"], "SMTP:extuser@fabrikam.com", []],
];

describeWithDc("AD preflight against the Samba DC", (dc) => {
  let report: AdPreflightReport;
  beforeAll(async () => {
    report = await runAdPreflight(options(dc()));
  });

  it("reports every check with its status", () => {
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ["forest-functional-level", "pass"],
      ["writable-dc", "pass"],
      ["netbios-name", "pass"],
      ["recycle-bin", "warn"],
      ["object-count", "pass"],
      ["directory-data", "fail"],
    ]);
    expect(report.checks[0]?.message).toBe("Forest functional level is Windows Server 2008 R2 (4).");
    expect(report.checks[2]?.message).toBe("NetBIOS domain names without a dot: CORP.");
    expect(report.summary).toMatchObject({
      ready: false,
      globalCatalog: true,
      baseDn: "",
      url: `ldaps://${dc().host}:3269`,
      uncheckedAttributes: [],
    });
  });

  it("finds exactly the seeded problems, every member of each duplicate and conflict", () => {
    expect(seedFindings(report)).toEqual(EXPECTED_FINDINGS);
    expect(report.findings.filter((f) => !f.dn.endsWith(SEED))).toEqual([]);
  });

  it("counts the forest and sizes it", () => {
    // Issue 15 items 6-7: every object counts for sizing; the default sync rules' scope gives the "would sync" count.
    expect(report.counts).toEqual({
      users: 39,
      groups: 43,
      contacts: 8,
      computers: 4,
      total: 94,
      wouldSync: { users: 31, groups: 6, contacts: 7, computers: 1, total: 45 },
      outOfScope: {
        "critical system object": 39,
        "sync service account": 1,
        // SUPPORT_388945a0, mailNickname SystemMailbox{...}, mailNickname CAS_{...}
        "Exchange system account": 3,
        // msExchRecipientTypeDetails DiscoveryMailbox (the HealthMailbox, a MonitoringMailbox, syncs and is checked)
        "Exchange system recipient type": 1,
        "contact not mail-enabled": 1,
        "distribution group not mail-enabled": 1,
        // the DC's own account, WS002 and WS003; WS001 has a userCertificate
        "computer without userCertificate": 3,
      },
    });
    expect(report.sizing).toEqual({ tier: "t1-under-50k", ramGb: 6, diskGb: 70, database: "localdb" });
    // skippedBy: the same reasons for users, contacts and groups (computers are only counted).
    const { "computer without userCertificate": computers, ...skippedBy } = report.counts.outOfScope;
    expect(computers).toBe(3);
    expect(report.summary.skippedBy).toEqual(skippedBy);
    expect(report.checks.find((c) => c.id === "object-count")?.message).toContain(
      "94 objects in AD: sizing tier t1-under-50k (6 GB RAM, 70 GB disk, LocalDB). 45 would sync under Entra Connect's default sync rules",
    );
  });

  it("scans one domain through StartTLS on 389 with the same findings", async () => {
    const domain = await runAdPreflight(options(dc(), { url: dcUrls(dc()).ldap, baseDn: SEED }));
    expect(domain.summary).toMatchObject({ globalCatalog: false, baseDn: SEED });
    expect(seedFindings(domain)).toEqual(EXPECTED_FINDINGS);
  });

  it("warns when the Recycle Bin is off and passes once it is enabled (ldbmodify on the DC's database)", async () => {
    const partitions = "CN=Partitions,CN=Configuration,DC=corp,DC=example,DC=com";
    const feature = `CN=Recycle Bin Feature,CN=Optional Features,CN=Directory Service,CN=Windows NT,CN=Services,CN=Configuration,DC=corp,DC=example,DC=com`;
    const change = (op: "add" | "delete") =>
      ldbModify(dc(), `dn: ${partitions}\nchangetype: modify\n${op}: msDS-EnabledFeature\nmsDS-EnabledFeature: ${feature}\n`);
    change("add");
    try {
      const on = await runAdPreflight(options(dc(), { baseDn: SEED }));
      expect(on.checks.find((c) => c.id === "recycle-bin")).toMatchObject({ status: "pass", message: "AD Recycle Bin is enabled." });
    } finally {
      change("delete");
    }
    const off = await runAdPreflight(options(dc(), { baseDn: SEED }));
    expect(off.checks.find((c) => c.id === "recycle-bin")?.status).toBe("warn");
  });

  it("scans an attribute the GC does not carry on the domain port of the DC's domain, and says so (issue 15 item 4)", async () => {
    const schema = "CN=ms-Exch-Mail-Nickname,CN=Schema,CN=Configuration,DC=corp,DC=example,DC=com";
    const setPas = (value: "TRUE" | "FALSE") =>
      ldbModify(
        dc(),
        `dn: ${schema}\nchangetype: modify\nreplace: isMemberOfPartialAttributeSet\nisMemberOfPartialAttributeSet: ${value}\n`,
        ["--option=dsdb:schema update allowed=true"],
      );
    setPas("FALSE");
    try {
      const gc = await runAdPreflight(options(dc(), { baseDn: SEED }));
      expect(gc.summary.domainPortScan).toEqual({
        attributes: ["mailNickname"],
        url: `ldaps://${dc().host}:636`,
        scannedDomains: [SEED],
        notScannedDomains: [],
      });
      expect(gc.summary.uncheckedAttributes).toEqual([]);
      expect(seedFindings(gc)).toEqual(EXPECTED_FINDINGS);
      expect(gc.checks.find((c) => c.id === "directory-data")?.message).toContain(
        `mailNickname (not in the Global Catalog's partial attribute set) scanned on the domain port ldaps://${dc().host}:636 in: ${SEED}.`,
      );
    } finally {
      setPas("TRUE");
    }
  });

  describe("faults end in CheckFailedError with a message that says what to do", () => {
    const fails = async (more: Partial<AdPreflightOptions>, message: string | RegExp) => {
      const run = runAdPreflight(options(dc(), more));
      await expect(run).rejects.toBeInstanceOf(CheckFailedError);
      await expect(run).rejects.toThrow(message);
    };

    it("wrong password", () =>
      fails(
        { password: "wrong" },
        `bind as ${dc().bindDn}: ldaps://${dc().host}:3269 refused the bind (invalid credentials). Check --bind-dn and the password.`,
      ));

    it("untrusted certificate: hints at --ca-file", () =>
      fails({ caFile: undefined }, /is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE.*Give the CA that issued it with --ca-file FILE/));

    it("an unreachable host", () => fails({ url: `ldaps://127.0.0.1:1` }, /cannot reach ldaps:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/));

    it("a search base that does not exist", () =>
      fails(
        { baseDn: "OU=Nowhere,DC=corp,DC=example,DC=com" },
        /search under "OU=Nowhere,DC=corp,DC=example,DC=com": the object does not exist on .*Check --base-dn\./,
      ));

    it("a plain bind without --allow-insecure-bind goes through StartTLS, and StartTLS needs trust too", () =>
      fails({ url: dcUrls(dc()).gc, caFile: undefined }, /StartTLS: the certificate of ldap:\/\/.*:3268 is not trusted/));

    it("allows a plain bind only with --allow-insecure-bind", async () => {
      const plain = await runAdPreflight(options(dc(), { url: dcUrls(dc()).gc, caFile: undefined, allowInsecureBind: true, baseDn: SEED }));
      expect(seedFindings(plain)).toEqual(EXPECTED_FINDINGS);
    });
  });
});
