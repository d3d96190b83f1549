/**
 * Issue 15 items 1-4 against a fake forest whose GC answers as a Windows GC does (see fake-ad-forest.ts for the
 * MS-ADTS sections): only partial-attribute-set attributes, also on schema and configuration objects, and filter
 * terms on other attributes are false. Samba's GC returns everything, so only this server can show it.
 */
import { Client } from "ldapts";
import { runAdPreflight } from "../../src/preflight/ad/run";
import type { AdPreflightReport } from "../../src/preflight/ad/report";
import { CHILD, ROOT, startFakeAdForest, type ForestMode } from "./fake-ad-forest";

async function preflight(mode: ForestMode, baseDn?: string): Promise<AdPreflightReport> {
  const forest = await startFakeAdForest(mode);
  try {
    return await runAdPreflight({
      url: forest.gcUrl,
      bindDn: "cn=reader",
      password: "x",
      allowInsecureBind: true,
      verifiedDomains: ["contoso.com"],
      ...(baseDn === undefined ? {} : { baseDn }),
    });
  } finally {
    await forest.stop();
  }
}

const status = (r: AdPreflightReport, id: string) => r.checks.find((c) => c.id === id);

describe("the fake GC behaves as MS-ADTS documents a Windows GC", () => {
  it("returns only PAS attributes of schema and configuration objects, and a filter on a non-PAS attribute matches nothing", async () => {
    const forest = await startFakeAdForest();
    const client = new Client({ url: forest.gcUrl });
    try {
      const schema = await client.search(`CN=Schema,CN=Configuration,${ROOT}`, {
        scope: "one",
        filter: "(lDAPDisplayName=mail)",
        attributes: ["lDAPDisplayName", "isMemberOfPartialAttributeSet"],
      });
      expect(schema.searchEntries.map((e) => [e.lDAPDisplayName, e.isMemberOfPartialAttributeSet])).toEqual([["mail", []]]);
      const crossRefs = await client.search(`CN=Partitions,CN=Configuration,${ROOT}`, { scope: "one", filter: "(nETBIOSName=*)" });
      expect(crossRefs.searchEntries).toEqual([]);
      const negated = await client.search(`CN=Partitions,CN=Configuration,${ROOT}`, { scope: "one", filter: "(!(nETBIOSName=x))" });
      expect(negated.searchEntries).toEqual([]);
    } finally {
      await client.unbind();
      await forest.stop();
    }
  });
});

describe("preflight ad through a Windows-like GC", () => {
  it("reads the schema on the domain port, scans proxyAddresses (not in the PAS) in its own domain there, and fails what it could not check", async () => {
    const r = await preflight("writable");
    // Item 1: the schema was read on the domain port; sAMAccountName counts as PAS by systemFlags alone.
    expect(r.summary.domainPortScan).toEqual({
      attributes: ["proxyAddresses"],
      url: expect.stringMatching(/^ldap:\/\/127\.0\.0\.\d+:389$/),
      scannedDomains: [ROOT],
      notScannedDomains: [CHILD],
    });
    // Item 4: Alice's proxy (root domain, domain port) is checked; Eve's (child domain, GC only) could not be.
    expect(r.findings.map((f) => [f.dn, f.attribute, f.value, f.errors])).toEqual([
      [`CN=Alice,OU=Staff,${ROOT}`, "proxyAddresses", "smtp:alice smith@contoso.com", ["character"]],
    ]);
    expect(r.summary.uncheckedAttributes).toEqual(["mailNickname", "proxyAddresses", "targetAddress"]);
    expect(status(r, "directory-data")?.status).toBe("fail");
    expect(status(r, "directory-data")?.message).toContain(`Could not check proxyAddresses in: ${CHILD}`);
    expect(r.counts).toMatchObject({ users: 5, computers: 2, total: 7 });
    // Issue 15 items 6-7 through the GC: the scope attributes are in the PAS; the discovery mailbox and the computer
    // without userCertificate are out of scope and counted; the child domain's "alice" is no duplicate (item 8).
    expect(r.counts.wouldSync).toEqual({ users: 4, groups: 0, contacts: 0, computers: 1, total: 5 });
    expect(r.counts.outOfScope).toEqual({ "Exchange system recipient type": 1, "computer without userCertificate": 1 });
    expect(r.summary.ready).toBe(false);
    // Item 2: nETBIOSName read under CN=Partitions on the domain port: the dotted child name is caught.
    expect(status(r, "netbios-name")?.status).toBe("fail");
    expect(status(r, "netbios-name")?.message).toContain(`"EU.FAKE" (CN=EU,CN=Partitions,CN=Configuration,${ROOT})`);
    // msDS-EnabledFeature (not in the PAS) read on the domain port.
    expect(status(r, "recycle-bin")?.status).toBe("pass");
    expect(status(r, "writable-dc")?.status).toBe("pass");
  });

  it("a base inside the DC's own domain is scanned whole on the domain port, and can be ready", async () => {
    const r = await preflight("writable", `OU=Staff,${ROOT}`);
    expect(r.summary.domainPortScan).toMatchObject({ scannedDomains: [`OU=Staff,${ROOT}`], notScannedDomains: [] });
    expect(r.findings.map((f) => f.value)).toEqual(["smtp:alice smith@contoso.com"]);
    expect(r.counts.users).toBe(3);
  });

  it.each([
    ["rodc-capability", "rootDSE supportedCapabilities lists 1.2.840.113556.1.4.1920"],
    ["rodc-class", "its NTDS Settings object is of class nTDSDSARO"],
  ] as const)("item 3: an RODC (%s) fails writable-dc through the GC", async (mode, evidence) => {
    const r = await preflight(mode);
    expect(status(r, "writable-dc")).toMatchObject({ status: "fail" });
    expect(status(r, "writable-dc")?.message).toContain(`is a read-only domain controller (${evidence})`);
  });
});
