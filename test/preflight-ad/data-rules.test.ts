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

describe("scope", () => {
  it("counts users, groups, contacts and computers, checks only the first three, and skips by exact rules", () => {
    const result = run([
      user("Alice", "alice@contoso.com"),
      entry("Ops", { sAMAccountName: ["ops"] }, ["top", "group"]),
      entry("Partner", {}, ["top", "person", "organizationalPerson", "contact"]),
      entry("WS001", { sAMAccountName: ["WS001$"], displayName: [" "] }, [...USER, "computer"]),
      entry("Inet", { sAMAccountName: ["inet"] }, [...USER, "inetOrgPerson"]),
      entry("krbtgt", { sAMAccountName: ["krbtgt"] }),
      entry("Administrator", { sAMAccountName: ["Administrator"] }, USER, { critical: true }),
      entry("MSOL_0123456789ab", { sAMAccountName: ["MSOL_0123456789ab"] }),
      // Entra Connect's default sync rules exclude MSOL_* and AAD_* with any suffix, but not Sync_* (issue 15 item 6).
      entry("MSOL_legacy", { sAMAccountName: ["MSOL_legacy"] }),
      entry("AAD_ops", { sAMAccountName: ["AAD_ops"] }),
      entry("Sync_SRV01_0123456789ab", { sAMAccountName: ["Sync_SRV01_0123456789ab"], userPrincipalName: ["sync.srv01@contoso.com"] }),
      entry("Msoliman", { sAMAccountName: ["Msoliman"], displayName: [" "] }),
      entry("HealthMailbox0123abc", { sAMAccountName: ["HealthMailbox0123abc"] }),
      entry("Dup\\0ACNF:4a1c9e3b-7f64-4b0a-9d5e-2f3c4b5a6d7e", { sAMAccountName: ["dupcnf"] }),
      entry("Guest Services Desk", { sAMAccountName: ["guestdesk"], userPrincipalName: ["guest.desk@contoso.com"] }),
    ]);
    expect(result.counts).toEqual({ users: 12, groups: 1, contacts: 1, computers: 1, total: 15 });
    expect(result.summary.objectsScanned).toBe(14);
    expect(result.summary.skippedBy).toEqual({
      "built-in account": 1,
      "critical system object": 1,
      "sync service account": 3,
      "Exchange system mailbox": 1,
      "replication conflict": 1,
    });
    expect(result.findings.map((f) => [f.dn, f.attribute, f.errors])).toEqual([
      [dn("Inet"), "userPrincipalName", ["blank"]],
      [dn("Msoliman"), "displayName", ["blank"]],
      [dn("Msoliman"), "userPrincipalName", ["blank"]],
      [dn("Sync_SRV01_0123456789ab"), "sAMAccountName", ["length"]],
    ]);
    expect(result.findings[0]?.objectClass).toBe("inetOrgPerson");
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
    const contact = ["top", "person", "organizationalPerson", "contact"];
    const result = run([
      user("A", "a@contoso.com", { sAMAccountName: ["same"], mailNickname: ["nick"] }),
      user("B", "b@contoso.com", { sAMAccountName: ["SAME"], mailNickname: ["NICK"] }),
      entry("C1", { targetAddress: ["SMTP:t@fabrikam.com"] }, contact),
      entry("C2", { targetAddress: ["smtp:T@fabrikam.com"] }, contact),
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
