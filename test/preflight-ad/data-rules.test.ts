/** The rules engine without a server: scope, counts, uniqueness across objects, merging, bad bytes, unchecked attributes. */
import { DirectoryDataRules } from "../../src/preflight/ad/data-rules";
import type { DirectoryEntry } from "../../src/preflight/ad/entry";

const OU = "OU=Staff,DC=corp,DC=example,DC=com";
const USER = ["top", "person", "organizationalPerson", "user"];

function entry(cn: string, values: Record<string, string[]>, objectClass = USER, extra: Partial<DirectoryEntry> = {}): DirectoryEntry {
  return { dn: `CN=${cn},${OU}`, objectClass, values: { cn: [cn], ...values }, ...extra };
}

function user(cn: string, upn: string, values: Record<string, string[]> = {}): DirectoryEntry {
  return entry(cn, { sAMAccountName: [cn.toLowerCase().replace(/\s/g, "")], userPrincipalName: [upn], ...values });
}

function run(entries: DirectoryEntry[], verifiedDomains: string[] = []) {
  const rules = new DirectoryDataRules({ verifiedDomains });
  for (const e of entries) rules.add(e);
  return rules.finish();
}

const dn = (cn: string): string => `CN=${cn},${OU}`;

const CONTACT = ["top", "person", "organizationalPerson", "contact"];
const GROUP = ["top", "group"];
const COMPUTER = [...USER, "computer"];
/** groupType of a global security group (ADS_GROUP_TYPE_GLOBAL_GROUP | SECURITY_ENABLED) and of a universal distribution group. */
const SECURITY = ["-2147483646"];
const DISTRIBUTION = ["8"];

/** A contact that is mail-enabled as the default sync rules test it (mail, and proxyAddresses with an SMTP: primary). */
function mailContact(cn: string, values: Record<string, string[]> = {}): DirectoryEntry {
  const address = `${cn.toLowerCase().replace(/\s/g, ".")}@fabrikam.com`;
  return entry(cn, { mail: [address], proxyAddresses: [`SMTP:${address}`], ...values }, CONTACT);
}

describe("scope: what Entra Connect's default sync rules sync (issue 15 item 6)", () => {
  // Source of every rule below: "Microsoft Entra Connect Sync: Understanding the default configuration",
  // learn.microsoft.com/entra/identity/hybrid/connect/concept-azure-ad-connect-sync-default-configuration
  // ("User out-of-box rules", "Contact out-of-box rules", "Group out-of-box rules", "Computer out-of-box rules").
  it("counts every object, checks only users, contacts and groups that sync, and names each reason", () => {
    const result = run([
      user("Alice", "alice@contoso.com"),
      entry("Ops", { sAMAccountName: ["ops"], groupType: SECURITY }, GROUP),
      mailContact("Partner"),
      entry("WS001", { sAMAccountName: ["WS001$"], displayName: [" "] }, COMPUTER),
      entry("WS002", { sAMAccountName: ["WS002$"] }, COMPUTER, { hasUserCertificate: true }),
      entry("Inet", { sAMAccountName: ["inet"] }, [...USER, "inetOrgPerson"]),
      entry("Administrator", { sAMAccountName: ["Administrator"] }, USER, { critical: true }),
      // IsPresent([sAMAccountName]) = False (a domain upgraded from NT4).
      entry("NoSam", { userPrincipalName: ["nosam@contoso.com"] }),
      // Left([sAMAccountName], 4) = "AAD_", Left([sAMAccountName], 5) = "MSOL_": any suffix; Sync_* is not in the rules.
      entry("MSOL_0123456789ab", { sAMAccountName: ["MSOL_0123456789ab"] }),
      entry("MSOL_legacy", { sAMAccountName: ["MSOL_legacy"] }),
      entry("AAD_ops", { sAMAccountName: ["AAD_ops"] }),
      entry("Sync_SRV01_0123456789ab", { sAMAccountName: ["Sync_SRV01_0123456789ab"], userPrincipalName: ["sync.srv01@contoso.com"] }),
      entry("Msoliman", { sAMAccountName: ["Msoliman"], displayName: [" "] }),
      // Exchange accounts that would not work in Exchange Online.
      entry("SUPPORT_388945a0", { sAMAccountName: ["SUPPORT_388945a0"] }),
      entry("SystemMailbox{1f05a927-3be2-4fb9-aa03-b59fe3b56f4c}", {
        sAMAccountName: ["SM_0123456789abcdef"],
        mailNickname: ["SystemMailbox{1f05a927-3be2-4fb9-aa03-b59fe3b56f4c}"],
      }),
      entry("CAS_{6f1e0e6a}", { sAMAccountName: ["CAS_6f1e0e6a"], mailNickname: ["CAS_{6f1e0e6a}"] }),
      entry("CAS_Sam", { sAMAccountName: ["CAS_{a1b2}"] }),
      // BitAnd(msExchRecipientTypeDetails, &H21C07000) > 0: DiscoveryMailbox 536870912; the value is a 64-bit integer.
      entry("DiscoverySearchMailbox {D919BA05-46A6-415f-80AD-7E09334BB852}", {
        sAMAccountName: ["SM_discovery0123"],
        msExchRecipientTypeDetails: ["536870912"],
      }),
      entry("FederatedEmail.4c1f4d8b-8179-4148-93bf-00a95fa1e042", {
        sAMAccountName: ["SM_federated0123"],
        msExchRecipientTypeDetails: ["8388608"],
      }),
      // A health mailbox is a MonitoringMailbox (0x4000000000): no bit of the mask, so it syncs and is checked.
      entry("HealthMailbox0123abc", { sAMAccountName: ["HealthMailbox0123abc"], msExchRecipientTypeDetails: ["274877906944"] }),
      // A user mailbox (1) and a remote user mailbox (2147483648) sync.
      user("Remote", "remote@contoso.com", { msExchRecipientTypeDetails: ["2147483648"] }),
      entry("Dup\\0ACNF:4a1c9e3b-7f64-4b0a-9d5e-2f3c4b5a6d7e", { sAMAccountName: ["dupcnf"] }),
      entry("Guest Services Desk", { sAMAccountName: ["guestdesk"], userPrincipalName: ["guest.desk@contoso.com"] }),
      // Contacts: mail, and mail-enabled (proxyAddresses with an SMTP: primary holding @, or a mail holding @).
      entry("Plain Contact", { mail: ["plain@fabrikam.com"] }, CONTACT),
      entry("Proxy Only Contact", { proxyAddresses: ["SMTP:proxy.only@fabrikam.com"] }, CONTACT),
      // No primary SMTP: proxy, but a mail holding @: mail-enabled.
      mailContact("Secondary Only", { proxyAddresses: ["smtp:secondary@fabrikam.com"] }),
      mailContact("Msol Contact", { displayName: ["Partner (MSOL)"], msExchHideFromAddressLists: ["TRUE"] }),
      mailContact("Msol Shown", { displayName: ["Shown (MSOL)"] }),
      mailContact("Cas Contact", { mailNickname: ["CAS_{0a}"] }),
      // Groups: security groups always; distribution groups only mail-enabled; role groups and DirSync's group never.
      entry("Plain Distribution", { sAMAccountName: ["plain-dl"], groupType: DISTRIBUTION }, GROUP),
      entry(
        "Mail Distribution",
        { sAMAccountName: ["mail-dl"], groupType: DISTRIBUTION, mail: ["dl@contoso.com"], proxyAddresses: ["SMTP:dl@contoso.com"] },
        GROUP,
      ),
      entry("Role Group", { sAMAccountName: ["role"], groupType: ["-2147483640"], msExchRecipientTypeDetails: ["1073741824"] }, GROUP),
      entry("MSOL_AD_Sync_RichCoexistence", { sAMAccountName: ["MSOL_AD_Sync_RichCoexistence"], groupType: SECURITY }, GROUP),
    ]);
    expect(result.counts).toEqual({
      users: 19,
      groups: 5,
      contacts: 7,
      computers: 2,
      total: 33,
      wouldSync: { users: 7, groups: 2, contacts: 3, computers: 1, total: 13 },
      outOfScope: {
        "critical system object": 1,
        "replication conflict": 1,
        "no sAMAccountName": 1,
        "sync service account": 3,
        "Exchange system account": 5,
        "Exchange system recipient type": 2,
        "DirSync object": 2,
        "Exchange role group": 1,
        "contact not mail-enabled": 2,
        "distribution group not mail-enabled": 1,
        "computer without userCertificate": 1,
      },
    });
    expect(result.summary.objectsScanned).toBe(31);
    expect(result.summary.skipped).toBe(19);
    expect(result.summary.skippedBy).not.toHaveProperty("computer without userCertificate");
    expect(result.findings.map((f) => [f.dn, f.attribute, f.errors])).toEqual([
      [dn("HealthMailbox0123abc"), "userPrincipalName", ["blank"]],
      [dn("Inet"), "userPrincipalName", ["blank"]],
      [dn("Msoliman"), "displayName", ["blank"]],
      [dn("Msoliman"), "userPrincipalName", ["blank"]],
      [dn("Sync_SRV01_0123456789ab"), "sAMAccountName", ["length"]],
    ]);
    expect(result.findings[1]?.objectClass).toBe("inetOrgPerson");
  });

  it("compares sAMAccountName within each domain, not across the forest (issue 15 item 8)", () => {
    const inDomain = (cn: string, domain: string, sam: string): DirectoryEntry => ({
      dn: `CN=${cn},OU=Staff,${domain}`,
      objectClass: USER,
      values: { cn: [cn], sAMAccountName: [sam], userPrincipalName: [`${cn.toLowerCase()}@contoso.com`] },
    });
    const result = run([
      inDomain("Root1", "DC=corp,DC=example,DC=com", "jdoe"),
      inDomain("Eu1", "DC=eu,DC=corp,DC=example,DC=com", "JDOE"),
      inDomain("Eu2", "DC=EU,DC=corp,DC=example,DC=com", "jdoe"),
    ]);
    expect(result.findings.map((f) => [f.dn, f.attribute, f.errors, f.related])).toEqual([
      [
        "CN=Eu1,OU=Staff,DC=eu,DC=corp,DC=example,DC=com",
        "sAMAccountName",
        ["duplicate"],
        ["CN=Eu2,OU=Staff,DC=EU,DC=corp,DC=example,DC=com"],
      ],
      [
        "CN=Eu2,OU=Staff,DC=EU,DC=corp,DC=example,DC=com",
        "sAMAccountName",
        ["duplicate"],
        ["CN=Eu1,OU=Staff,DC=eu,DC=corp,DC=example,DC=com"],
      ],
    ]);
  });
});

describe("uniqueness", () => {
  it("lists every member of a duplicate group, case-insensitively, with the others as related", () => {
    const result = run([
      user("A", "a@contoso.com", { mail: ["shared@contoso.com"] }),
      user("B", "b@contoso.com", { mail: ["SHARED@contoso.com"] }),
      user("C", "c@contoso.com", { mail: ["Shared@Contoso.com"] }),
    ]);
    expect(result.findings).toEqual(
      ["A", "B", "C"].map((cn, i) => ({
        dn: dn(cn),
        objectClass: "user",
        attribute: "mail",
        value: ["shared@contoso.com", "SHARED@contoso.com", "Shared@Contoso.com"][i],
        errors: ["duplicate"],
        suggestion: null,
        related: ["A", "B", "C"].filter((o) => o !== cn).map(dn),
      })),
    );
  });

  it("keeps the proxy prefix type: SMTP:a = smtp:A, but sip:a differs", () => {
    const result = run([
      user("A", "a@contoso.com", { proxyAddresses: ["SMTP:x@contoso.com", "sip:y@contoso.com"] }),
      user("B", "b@contoso.com", { proxyAddresses: ["smtp:X@CONTOSO.COM", "sip:x@contoso.com"] }),
    ]);
    expect(result.findings.map((f) => [f.dn, f.value, f.errors, f.related])).toEqual([
      [dn("A"), "SMTP:x@contoso.com", ["duplicate"], [dn("B")]],
      [dn("B"), "smtp:X@CONTOSO.COM", ["duplicate"], [dn("A")]],
    ]);
  });

  it("reports a conflict between mail, UPN and SMTP proxies of different objects, not within one object", () => {
    const result = run([
      user("A", "a@contoso.com", { mail: ["a@contoso.com"], proxyAddresses: ["SMTP:a@contoso.com"] }),
      user("B", "b@contoso.com", { proxyAddresses: ["smtp:A@contoso.com"] }),
      entry("G", { sAMAccountName: ["g"], mail: ["b@contoso.com"] }, ["top", "group"]),
    ]);
    expect(result.findings.map((f) => [f.dn, f.attribute, f.value, f.errors, f.related])).toEqual([
      [dn("A"), "mail", "a@contoso.com", ["conflict"], [dn("B")]],
      [dn("A"), "proxyAddresses", "SMTP:a@contoso.com", ["duplicate"], [dn("B")]],
      [dn("A"), "userPrincipalName", "a@contoso.com", ["conflict"], [dn("B")]],
      [dn("B"), "proxyAddresses", "smtp:A@contoso.com", ["duplicate", "conflict"], [dn("A")]],
      [dn("B"), "userPrincipalName", "b@contoso.com", ["conflict"], [dn("G")]],
      [dn("G"), "mail", "b@contoso.com", ["conflict"], [dn("B")]],
    ]);
  });

  it("flags two proxy values of one object that differ only in case", () => {
    const result = run([user("A", "a@contoso.com", { proxyAddresses: ["SMTP:a@contoso.com", "smtp:A@CONTOSO.COM"] })]);
    expect(result.findings.map((f) => [f.value, f.errors, f.related])).toEqual([
      ["SMTP:a@contoso.com", ["duplicate"], []],
      ["smtp:A@CONTOSO.COM", ["duplicate"], []],
    ]);
  });

  it("finds duplicate sAMAccountName, mailNickname and targetAddress values", () => {
    const result = run([
      user("A", "a@contoso.com", { sAMAccountName: ["same"], mailNickname: ["nick"] }),
      user("B", "b@contoso.com", { sAMAccountName: ["SAME"], mailNickname: ["NICK"] }),
      mailContact("C1", { targetAddress: ["SMTP:t@fabrikam.com"] }),
      mailContact("C2", { targetAddress: ["smtp:T@fabrikam.com"] }),
    ]);
    expect(result.findings.map((f) => [f.dn, f.attribute, f.errors])).toEqual([
      [dn("A"), "mailNickname", ["duplicate"]],
      [dn("A"), "sAMAccountName", ["duplicate"]],
      [dn("B"), "mailNickname", ["duplicate"]],
      [dn("B"), "sAMAccountName", ["duplicate"]],
      [dn("C1"), "targetAddress", ["duplicate"]],
      [dn("C2"), "targetAddress", ["duplicate"]],
    ]);
  });

  it("compares non-ASCII values case-insensitively too", () => {
    const result = run([
      user("A", "a@contoso.com", { mailNickname: ["\u00c4lice"] }),
      user("B", "b@contoso.com", { mailNickname: ["\u00e4LICE"] }),
    ]);
    expect(result.findings.map((f) => [f.dn, f.value, f.errors])).toEqual([
      [dn("A"), "\u00c4lice", ["duplicate"]],
      [dn("B"), "\u00e4LICE", ["duplicate"]],
    ]);
  });

  it("finds every pair among many values, whatever buckets their hashes share", () => {
    const entries = Array.from({ length: 5_000 }, (_, i) => user(`U${i}`, `u${i}@contoso.com`, { mailNickname: [`nick${i % 2_500}`] }));
    const result = run(entries);
    expect(result.findings).toHaveLength(5_000);
    expect(result.findings.every((f) => f.errors.join() === "duplicate" && f.related.length === 1)).toBe(true);
  });

  it("compares directory values, never proposed fixes", () => {
    const result = run([user("A", "a b@contoso.com"), user("B", "ab@contoso.com")]);
    expect(result.findings.map((f) => [f.dn, f.errors, f.suggestion])).toEqual([[dn("A"), ["character"], "ab@contoso.com"]]);
  });
});

describe("merging and robustness", () => {
  it("merges a rule failure and a duplicate into one finding, dropping the fix that would collide", () => {
    const result = run([
      user("A", "a@contoso.com", { mail: ["x @contoso.com"] }),
      user("B", "b@contoso.com", { mail: ["X @contoso.com"] }),
    ]);
    expect(result.findings.map((f) => [f.dn, f.errors, f.suggestion])).toEqual([
      [dn("A"), ["character", "duplicate"], null],
      [dn("B"), ["character", "duplicate"], null],
    ]);
  });

  it("demotes every primary SMTP but the one matching mail", () => {
    const result = run([
      user("A", "a@contoso.com", { mail: ["two@contoso.com"], proxyAddresses: ["SMTP:one@contoso.com", "SMTP:two@contoso.com"] }),
    ]);
    expect(result.findings.map((f) => [f.value, f.errors, f.suggestion])).toEqual([
      ["SMTP:one@contoso.com", ["format"], "smtp:one@contoso.com"],
    ]);
  });

  it("reports bytes that were not UTF-8 as character, without a fix", () => {
    const result = run(
      [user("A", "a@contoso.com", { displayName: ["Bad \ufffd Bytes"] })].map((e) => ({ ...e, invalidUtf8: new Set(["displayName"]) })),
    );
    expect(result.findings).toEqual([
      {
        dn: dn("A"),
        objectClass: "user",
        attribute: "displayName",
        value: "Bad \ufffd Bytes",
        errors: ["character"],
        suggestion: null,
        related: [],
      },
    ]);
  });

  it("survives huge values and huge multi-valued attributes", () => {
    const proxies = Array.from({ length: 20_000 }, (_, i) => `smtp:bulk${i}@contoso.com`);
    const result = run([
      user("A", "a@contoso.com", { displayName: ["x".repeat(1_000_000)], proxyAddresses: [...proxies, "smtp:BULK7@contoso.com"] }),
    ]);
    expect(result.findings.map((f) => [f.attribute, f.value.slice(0, 24), f.errors])).toEqual([
      ["displayName", "x".repeat(24), ["length"]],
      ["proxyAddresses", "smtp:BULK7@contoso.com", ["duplicate"]],
      ["proxyAddresses", "smtp:bulk7@contoso.com", ["duplicate"]],
    ]);
  });

  it("does not run the rules of attributes the scan cannot see", () => {
    const rules = new DirectoryDataRules({ uncheckedAttributes: ["mailNickname", "userPrincipalName"] });
    rules.add(user("A", "", { mailNickname: [".bad"] }));
    const result = rules.finish();
    expect(result.findings).toEqual([]);
    expect(result.summary.uncheckedAttributes).toEqual(["mailNickname", "userPrincipalName"]);
  });

  it("summarises findings per kind and per attribute", () => {
    const result = run([user("A", "a@corp.local", { mailNickname: [".a"] }), user("B", "b@contoso.com")], ["contoso.com"]);
    expect(result.summary).toEqual({
      objectsScanned: 2,
      skipped: 0,
      skippedBy: {},
      objectsWithFindings: 1,
      findings: 2,
      findingsByKind: { character: 1, topleveldomain: 1 },
      findingsByAttribute: { mailNickname: 1, userPrincipalName: 1 },
      uncheckedAttributes: [],
    });
  });
});
