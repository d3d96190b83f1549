/** Decoding LDAP entries without a server: strict UTF-8, well-known SIDs, ranged attributes. */
import type { Entry } from "ldapts";
import { isWellKnownSid, parseRangedAttribute, toDirectoryEntry } from "../../src/preflight/ad/paged-scan";

function sid(...subAuthorities: number[]): Buffer {
  const b = Buffer.alloc(8 + 4 * subAuthorities.length);
  b[0] = 1;
  b[1] = subAuthorities.length;
  b.writeUIntBE(5, 2, 6);
  subAuthorities.forEach((s, i) => b.writeUInt32LE(s, 8 + 4 * i));
  return b;
}

const canonical = new Map(
  ["objectClass", "cn", "displayName", "proxyAddresses", "objectSid", "isCriticalSystemObject"].map((a) => [a.toLowerCase(), a]),
);

describe("toDirectoryEntry", () => {
  it("decodes valid UTF-8 and marks attributes whose bytes are not UTF-8", () => {
    const raw: Entry = {
      dn: "CN=A,DC=corp,DC=example,DC=com",
      objectClass: [Buffer.from("top"), Buffer.from("user")],
      displayname: Buffer.from([0x42, 0xff, 0x43]),
      proxyAddresses: [Buffer.from("SMTP:jos\u00e9@contoso.com")],
    };
    const { entry } = toDirectoryEntry(raw, canonical);
    expect(entry.values).toEqual({
      objectClass: ["top", "user"],
      displayName: ["B\ufffdC"],
      proxyAddresses: ["SMTP:jos\u00e9@contoso.com"],
    });
    expect([...(entry.invalidUtf8 ?? [])]).toEqual(["displayName"]);
    expect(entry.critical).toBe(false);
  });

  it("marks critical objects by isCriticalSystemObject or a well-known SID", () => {
    const base: Entry = { dn: "CN=A,DC=x", objectClass: [Buffer.from("user")] };
    expect(toDirectoryEntry({ ...base, isCriticalSystemObject: Buffer.from("TRUE") }, canonical).entry.critical).toBe(true);
    expect(toDirectoryEntry({ ...base, objectSid: sid(21, 1, 2, 3, 500) }, canonical).entry.critical).toBe(true);
    expect(toDirectoryEntry({ ...base, objectSid: sid(21, 1, 2, 3, 1105) }, canonical).entry.critical).toBe(false);
  });

  it("collects a ranged attribute and says where the range ended", () => {
    const raw: Entry = {
      dn: "CN=A,DC=x",
      objectClass: [Buffer.from("user")],
      "proxyAddresses;range=0-1": [Buffer.from("smtp:a@x.com"), Buffer.from("smtp:b@x.com")],
    };
    const { entry, ranged } = toDirectoryEntry(raw, canonical);
    expect(entry.values.proxyAddresses).toEqual(["smtp:a@x.com", "smtp:b@x.com"]);
    expect([...ranged]).toEqual([["proxyAddresses", "1"]]);
  });
});

describe("isWellKnownSid", () => {
  it.each([
    [sid(21, 1, 2, 3, 500), true],
    [sid(21, 1, 2, 3, 999), true],
    [sid(21, 1, 2, 3, 1000), false],
    [sid(32, 544), true],
    [Buffer.alloc(3), false],
  ])("%#", (value, expected) => {
    expect(isWellKnownSid(value)).toBe(expected);
  });
});

describe("parseRangedAttribute", () => {
  it("reads AD's ranged attribute names", () => {
    expect(parseRangedAttribute("proxyAddresses;range=0-1499")).toEqual({ attribute: "proxyAddresses", end: "1499" });
    expect(parseRangedAttribute("member;range=1500-*")).toEqual({ attribute: "member", end: "*" });
    expect(parseRangedAttribute("proxyAddresses")).toBeUndefined();
  });
});
