/** The directory-data check without a server: pass, fail, and a warn whose advice fits the attributes of the findings. */
import { DirectoryDataRules } from "../../src/preflight/ad/data-rules";
import { checkDirectoryData } from "../../src/preflight/ad/directory-data-check";
import type { DomainPortScan } from "../../src/preflight/ad/report";
import type { CheckStatus } from "../../src/report/check-result";

const OU = "OU=Staff,DC=corp,DC=example,DC=com";
const DOMAIN_URL = "ldaps://dc01.corp.example.com:636";
const CITE = " (requirement ad.directory-data: Directory data clean for synchronisation)";

/** A user (or, with `contact`, a contact) and its values besides cn and sAMAccountName. */
interface TestObject {
  readonly cn: string;
  readonly contact?: boolean;
  readonly values: Record<string, string[]>;
}

/** Runs the rules over the objects and judges the result. */
function judge(objects: readonly TestObject[], scan?: DomainPortScan) {
  const rules = new DirectoryDataRules({ verifiedDomains: ["contoso.com"] });
  for (const o of objects) {
    const objectClass = ["top", "person", "organizationalPerson", o.contact ? "contact" : "user"];
    rules.add({ dn: `CN=${o.cn},${OU}`, objectClass, values: { cn: [o.cn], sAMAccountName: [o.cn.toLowerCase()], ...o.values } });
  }
  const { findings, summary } = rules.finish();
  return checkDirectoryData(findings, summary, scan);
}

const clean: TestObject = { cn: "Alice", values: { userPrincipalName: ["alice@contoso.com"] } };

describe("directory-data", () => {
  it("names each reason an object was left out of the default sync scope (issue 15 item 6: never silently)", () => {
    const plain: TestObject = { cn: "Plain", contact: true, values: { mail: ["plain@fabrikam.com"] } };
    const service: TestObject = { cn: "MSOL_0a1b2c3d4e5f", values: {} };
    expect(judge([clean, plain, service]).message).toBe(
      "3 users, contacts and groups read (2 skipped, out of the default sync scope: sync service account 1, contact not mail-enabled 1): no findings.",
    );
  });

  it("passes without findings", () => {
    expect(judge([clean])).toEqual({
      id: "directory-data",
      status: "pass",
      message: "1 users, contacts and groups read (0 skipped): no findings.",
      requirement: "ad.directory-data",
      category: "active-directory",
    });
  });

  const cases: [string, TestObject[], DomainPortScan | undefined, CheckStatus, string][] = [
    [
      "fails when a finding stops its object from syncing",
      [clean, { cn: "Holly", values: { userPrincipalName: ["holly@contoso.com"], mail: ["holly @contoso.com"] } }],
      undefined,
      "fail",
      "2 users, contacts and groups read (0 skipped): 1 findings on 1 objects (character 1); 1 of them stop their objects from syncing. " +
        "Fix them in AD before the first sync (the findings list each value and a proposed fix; --out-ldif writes the fixes for review).",
    ],
    [
      "warns about UPN suffixes with the sign-in fallback",
      [clean, { cn: "Lee", values: { userPrincipalName: ["lee@corp.local"] } }],
      undefined,
      "warn",
      "2 users, contacts and groups read (0 skipped): 1 findings on 1 objects (topleveldomain 1); none stops its object from syncing " +
        "(1 userPrincipalName: those users sign in with an onmicrosoft.com name; fix the UPN suffixes or add the domains to the tenant).",
    ],
    [
      "warns about addresses and blank display names without calling them sign-in names",
      [
        clean,
        { cn: "Partner", contact: true, values: { mail: ["partner@corp.local"], proxyAddresses: ["SMTP:partner@fabrikam.com"] } },
        { cn: "Blank", values: { userPrincipalName: ["blank@contoso.com"], displayName: [" "] } },
      ],
      undefined,
      "warn",
      "3 users, contacts and groups read (0 skipped): 2 findings on 2 objects (blank 1, topleveldomain 1); none stops its object from syncing " +
        "(1 mail, proxyAddresses or targetAddress: an address in an unroutable or unverified domain is not usable in the tenant; " +
        "fix the addresses or add the domains to the tenant; 1 displayName: set a display name (the proposed fix is the cn)).",
    ],
    [
      "says which domains were scanned on the domain port for attributes the GC does not carry",
      [clean],
      { attributes: ["proxyAddresses"], url: DOMAIN_URL, scannedDomains: ["DC=corp,DC=example,DC=com"], notScannedDomains: [] },
      "pass",
      "1 users, contacts and groups read (0 skipped): no findings. proxyAddresses (not in the Global Catalog's partial attribute set) " +
        "scanned on the domain port ldaps://dc01.corp.example.com:636 in: DC=corp,DC=example,DC=com.",
    ],
    [
      "fails (could not check is never ready) when a domain's non-GC attributes could not be scanned",
      [clean],
      {
        attributes: ["proxyAddresses"],
        url: DOMAIN_URL,
        scannedDomains: ["DC=corp,DC=example,DC=com"],
        notScannedDomains: ["DC=eu,DC=corp,DC=example,DC=com"],
      },
      "fail",
      "1 users, contacts and groups read (0 skipped): no findings. proxyAddresses (not in the Global Catalog's partial attribute set) " +
        "scanned on the domain port ldaps://dc01.corp.example.com:636 in: DC=corp,DC=example,DC=com. Could not check proxyAddresses in: " +
        "DC=eu,DC=corp,DC=example,DC=com (not in the Global Catalog, and this DC holds no writable copy of those domains), so the data is " +
        "not known to be ready. Run again with --url ldaps://<a DC of that domain>:636 and --base-dn <that domain> for each.",
    ],
  ];
  // Duplicate attribute resiliency (learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-syncservice-duplicate-attribute-resiliency):
  // a duplicate UPN is quarantined (+NNNN@<tenant>.onmicrosoft.com), a duplicate proxy address is dropped from the object;
  // Entra does not enforce mailNickname or targetAddress uniqueness (issue 15 item 8).
  it("a duplicate UPN stays a failure and says it is quarantined", () => {
    const a = { cn: "A", values: { userPrincipalName: ["same@contoso.com"] } };
    const b = { cn: "B", values: { userPrincipalName: ["same@contoso.com"] } };
    const r = judge([a, b]);
    expect(r.status).toBe("fail");
    expect(r.message).toContain(
      "2 duplicate userPrincipalName: Entra quarantines the duplicate UPN and gives the user <prefix>+NNNN@<tenant>.onmicrosoft.com, so the user cannot sign in with its UPN.",
    );
    expect(r.message).not.toContain("stop their objects from syncing");
  });

  it("a duplicate proxy address says Entra drops it from the object", () => {
    const a = { cn: "A", values: { userPrincipalName: ["a@contoso.com"], proxyAddresses: ["smtp:shared@contoso.com"] } };
    const b = { cn: "B", values: { userPrincipalName: ["b@contoso.com"], proxyAddresses: ["smtp:shared@contoso.com"] } };
    const r = judge([a, b]);
    expect(r.status).toBe("fail");
    expect(r.message).toContain("2 duplicate mail or proxy addresses: Entra drops the duplicate address from the object");
  });

  it("duplicate mailNickname and targetAddress are warnings", () => {
    const a = { cn: "A", values: { userPrincipalName: ["a@contoso.com"], mailNickname: ["nick"], targetAddress: ["SMTP:t@contoso.com"] } };
    const b = { cn: "B", values: { userPrincipalName: ["b@contoso.com"], mailNickname: ["nick"], targetAddress: ["SMTP:t@contoso.com"] } };
    const r = judge([a, b]);
    expect(r.status).toBe("warn");
    expect(r.message).toContain("4 duplicate mailNickname or targetAddress: Entra does not enforce their uniqueness and syncs them");
  });

  it.each(cases)("%s", (_name, objects, scan, status, message) => {
    const r = judge(objects, scan);
    expect([r.status, r.message]).toEqual([status, status === "pass" ? message : message + CITE]);
  });
});
