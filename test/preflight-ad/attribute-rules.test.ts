/** Each per-value rule of the directory data spec, without a server: exact kinds and proposed fixes. */
import {
  checkDisplayName,
  checkMail,
  checkMailNickname,
  checkNameLength,
  checkProxyAddress,
  checkSamAccountName,
  checkTargetAddress,
  checkUserPrincipalName,
  type RuleContext,
} from "../../src/preflight/ad/attribute-rules";

const user: RuleContext = { kind: "user", cn: "Alice Smith", sAMAccountName: "alice", verifiedDomains: [] };
const verified: RuleContext = { ...user, verifiedDomains: ["contoso.com"] };
const contact: RuleContext = { ...verified, kind: "contact" };

describe("displayName", () => {
  it.each([
    ["Alice Smith", [], null],
    ["", ["blank"], "Alice Smith"],
    [" \t\u00a0", ["blank"], "Alice Smith"],
    ["D".repeat(256), [], null],
    ["D".repeat(257), ["length"], "D".repeat(256)],
  ])("%j -> %j", (value, errors, suggestion) => {
    expect(checkDisplayName(value, user)).toEqual({ errors, suggestion });
  });

  it("never splits a surrogate pair when it truncates", () => {
    const value = `${"D".repeat(255)}\u{1F600}x`;
    expect(checkDisplayName(value, user).suggestion).toBe("D".repeat(255));
  });
});

describe("givenName and sn", () => {
  it.each(["givenName", "sn"] as const)("%s: 64 passes, 65 is length", (attribute) => {
    expect(checkNameLength(attribute, "G".repeat(64))).toEqual({ errors: [], suggestion: null });
    expect(checkNameLength(attribute, "G".repeat(65))).toEqual({ errors: ["length"], suggestion: "G".repeat(64) });
  });
});

describe("mail", () => {
  it.each([
    ["alice@contoso.com", user, [], null],
    ["holly @contoso.com", user, ["character"], "holly@contoso.com"],
    ["local.mail@corp.local", user, ["topleveldomain"], null],
    ["local.mail@corp.local", verified, ["topleveldomain"], "local.mail@contoso.com"],
    ["a..b@contoso.com", user, ["localpart"], "a.b@contoso.com"],
    ["no-at-sign", user, ["format"], null],
    ["a@b@contoso.com", user, ["localpart"], null],
    ["user@-bad-.com", user, ["domainpart"], null],
    ["shop@store.shop", user, [], null],
    ["alice@fabrikam.com", verified, ["unverifieddomain"], "alice@contoso.com"],
    ["alice@mail.contoso.com", verified, [], null],
    ["partner@fabrikam.com", contact, [], null],
    ["jos\u00e9@contoso.com", user, ["character"], "jose@contoso.com"],
    ["info@b\u00fccher.de", contact, ["character"], null],
    ["info@b\u00fccher.de", user, ["character"], null],
    ["info@b\u00fccher.de", verified, ["character", "unverifieddomain"], "info@contoso.com"],
  ])("%j (%#) -> %j", (value, ctx, errors, suggestion) => {
    expect(checkMail(value, ctx)).toEqual({ errors, suggestion });
  });

  it("is at most 256 long", () => {
    const value = `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(5)}.com`;
    expect(value.length).toBe(257);
    expect(checkMail(value, user).errors).toEqual(["length"]);
  });
});

describe("mailNickname", () => {
  it.each([
    ["alice", [], null],
    [".alice", ["character"], "alice"],
    ["al ice", ["character"], "alice"],
    ["n".repeat(64), [], null],
    ["n".repeat(65), ["length"], "n".repeat(64)],
  ])("%j -> %j", (value, errors, suggestion) => {
    expect(checkMailNickname(value)).toEqual({ errors, suggestion });
  });
});

describe("proxyAddresses", () => {
  it.each([
    ["SMTP:alice@contoso.com", false, [], null],
    ["sip:alice@contoso.com", false, [], null],
    ["smtp:john doe@contoso.com", false, ["character"], "smtp:johndoe@contoso.com"],
    ["smtp:colon:extra@contoso.com", false, ["character"], "smtp:colonextra@contoso.com"],
    ["smtp:jos\u00e9@contoso.com", false, ["character"], "smtp:jose@contoso.com"],
    ["smtp:<angle>@contoso.com", false, ["character"], "smtp:angle@contoso.com"],
    ["smtp:proxy@server.internal", false, ["topleveldomain"], "smtp:proxy@server.internal"],
    ["noprefix@contoso.com", false, ["format"], "smtp:noprefix@contoso.com"],
    ["SMTP:second@contoso.com", true, ["format"], "smtp:second@contoso.com"],
    // Issue 11 / directory-data-rules.md: X.400 and X.500 values keep their spaces, parentheses and `;`.
    ["X500:/o=Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=tia", false, [], null],
    ["x500:/o=Org/ou=Exchange (FYDIBOHF23SPDLT)/cn=x", false, [], null],
    ["X.500:/o=Org/ou=Exchange (FYDIBOHF23SPDLT)/cn=x", false, [], null],
    ["X400:c=US;a= ;p=Contoso;o=Exchange;s=Smith;", false, [], null],
    ["x.400:c=US;a= ;p=Contoso (EU);o=Exchange;s=Smith;", false, [], null],
    ["X500:/o=Org/cn=[bracket]", false, ["character"], "X500:/o=Org/cn=bracket"],
    ['X500:/o=Org/cn="quoted"', false, ["character"], "X500:/o=Org/cn=quoted"],
    ["X400:c=US;s=O'Brien;", false, ["character"], "X400:c=US;s=OBrien;"],
    ["X500:/o=Org/cn=tab\there", false, ["character"], "X500:/o=Org/cn=tabhere"],
    ["x.400:c=US;s=line\nfeed;", false, ["character"], "x.400:c=US;s=linefeed;"],
    ["X500:/o=Org/cn=cr\r\f\vx", false, ["character"], "X500:/o=Org/cn=crx"],
    ["X500:/o=Org/cn=colon:extra", false, ["character"], "X500:/o=Org/cn=colonextra"],
    // Other non-SMTP prefixes keep the whitespace rule and get no address-format check.
    ["sip:alice smith@contoso.com", false, ["character"], "sip:alicesmith@contoso.com"],
    ["eum:12345;phone-context=Dial Plan", false, ["character"], "eum:12345;phone-context=DialPlan"],
    ["notes:Alice Smith/Contoso", false, ["character"], "notes:AliceSmith/Contoso"],
    ["notes:Alice/Contoso(EU)[x]", false, [], null],
    ["X600:/o=Org (x)", false, ["character"], "X600:/o=Org(x)"],
    ["smtp:alice@fabrikam.com", false, [], null],
    ["smtp:info@b\u00fccher.de", false, ["character"], "smtp:info@b\u00fccher.de"],
  ])("%j (extra primary %j) -> %j", (value, extraPrimary, errors, suggestion) => {
    const v = checkProxyAddress(value, user, extraPrimary);
    expect(v.errors).toEqual(errors);
    if (errors.length) expect(v.suggestion).toBe(suggestion);
  });

  it("is at most 256 per value", () => {
    const value = `smtp:${"p".repeat(239)}@contoso.com`;
    expect(value.length).toBe(256);
    expect(checkProxyAddress(value, user, false).errors).toEqual([]);
    expect(checkProxyAddress(`${value}x`, user, false).errors).toEqual(["length", "topleveldomain"]);
  });

  it("flags an unverified domain only with verified domains given, and not on contacts", () => {
    expect(checkProxyAddress("smtp:alice@fabrikam.com", verified, false)).toEqual({
      errors: ["unverifieddomain"],
      suggestion: "smtp:alice@contoso.com",
    });
    expect(checkProxyAddress("smtp:alice@fabrikam.com", contact, false).errors).toEqual([]);
  });
});

describe("sAMAccountName", () => {
  it.each([
    ["alice", user, [], null],
    ["o'brien", user, ["character"], "obrien"],
    ["a[b]c", user, ["character"], "ab]c"],
    ["abcdefghijklmnopqrst", user, [], null],
    ["abcdefghijklmnopqrstu", user, ["length"], "abcdefghijklmnopqrst"],
    ["abcdefghijklmnopqrstuvwxyz", { ...user, kind: "group" as const }, [], null],
    ["has space@ok", user, [], null],
  ])("%j (%#) -> %j", (value, ctx, errors, suggestion) => {
    expect(checkSamAccountName(value, ctx)).toEqual({ errors, suggestion });
  });
});

describe("targetAddress", () => {
  it.each([
    ["SMTP:partner@fabrikam.com", [], null],
    ["SMTP:ext user@fabrikam.com", ["character"], "SMTP:extuser@fabrikam.com"],
    ["SMTP:ext;user@fabrikam.com", ["character"], "SMTP:extuser@fabrikam.com"],
    ["SMTP:someone@mail.lan", ["topleveldomain"], null],
    ["X400:c=US;a= ;p=Org", ["character"], "X400:c=USa=p=Org"],
  ])("%j -> %j", (value, errors, suggestion) => {
    const v = checkTargetAddress(value, contact);
    expect(v.errors).toEqual(errors);
    if (errors.length && suggestion !== null) expect(v.suggestion).toBe(suggestion);
  });

  it("never folds a domain's diacritics into another domain's name", () => {
    expect(checkTargetAddress("SMTP:info@b\u00fccher.de", contact)).toEqual({ errors: ["character"], suggestion: null });
  });
});

describe("userPrincipalName", () => {
  it.each([
    ["alice@contoso.com", verified, [], null],
    ["liam.o'neil@contoso.com", verified, [], null],
    [undefined, verified, ["blank"], "alice@contoso.com"],
    [undefined, { ...verified, sAMAccountName: "john smith" }, ["blank"], "johnsmith@contoso.com"],
    [undefined, { ...verified, sAMAccountName: "ren\u00e9" }, ["blank"], "rene@contoso.com"],
    [undefined, { ...verified, sAMAccountName: ".lead." }, ["blank"], "lead@contoso.com"],
    [undefined, { ...verified, sAMAccountName: "l".repeat(65) }, ["blank"], null],
    ["  ", user, ["blank"], null],
    [`${"l".repeat(64)}@contoso.com`, verified, [], null],
    [`${"l".repeat(65)}@contoso.com`, verified, ["length"], null],
    [`u@${"d".repeat(36)}.contoso.com`, verified, [], null],
    [`u@${"d".repeat(37)}.contoso.com`, verified, ["length"], null],
    ["plus+tag@contoso.com", verified, ["character"], "plustag@contoso.com"],
    ["ren\u00e9@contoso.com", verified, ["character"], "rene@contoso.com"],
    ["john..doe@contoso.com", verified, ["localpart"], "john.doe@contoso.com"],
    [".lead@contoso.com", verified, ["localpart"], "lead@contoso.com"],
    ["trail.@contoso.com", verified, ["localpart"], "trail@contoso.com"],
    ["local.upn@corp.local", verified, ["topleveldomain"], "local.upn@contoso.com"],
    ["local.upn@corp.local", user, ["topleveldomain"], null],
    ["fabrikam.upn@fabrikam.com", verified, ["unverifieddomain"], "fabrikam.upn@contoso.com"],
    ["guest desk@contoso.com", verified, ["character"], "guestdesk@contoso.com"],
    ["no-suffix", verified, ["format"], null],
    ["anna@m\u00fcller.com", user, ["character"], null],
    ["anna@m\u00fcller.com", verified, ["character", "unverifieddomain"], "anna@contoso.com"],
  ])("%j (%#) -> %j", (value, ctx, errors, suggestion) => {
    expect(checkUserPrincipalName(value, ctx)).toEqual({ errors, suggestion });
  });

  it("is at most 113 in all", () => {
    const value = `${"l".repeat(64)}@${"d".repeat(20)}.${"e".repeat(20)}.contoso.com`;
    expect(value.length).toBe(118);
    expect(checkUserPrincipalName(value, verified).errors).toEqual(["length"]);
  });
});
