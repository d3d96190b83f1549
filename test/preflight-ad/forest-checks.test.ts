/** The forest checks and the object-count check on plain data: every status with its exact message. */
import { checkForestFunctionalLevel, checkNetbiosNames, checkRecycleBin, checkWritableDc } from "../../src/preflight/ad/forest-checks";
import { checkObjectCount } from "../../src/preflight/ad/object-count";

const NTDS = "CN=NTDS Settings,CN=DC01,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=corp,DC=example,DC=com";
const DC = "CN=DC01,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=corp,DC=example,DC=com";

describe("forest-functional-level", () => {
  it.each([
    [2, "pass", "Forest functional level is Windows Server 2003 (2)."],
    [7, "pass", "Forest functional level is Windows Server 2016 (7)."],
    [
      0,
      "fail",
      "Forest functional level is Windows 2000 (0); Entra Connect needs Windows Server 2003 (2) or later. Raise the forest functional level (Active Directory Domains and Trusts, or Set-ADForestMode). (requirement ad.forest-functional-level: Forest functional level Windows Server 2003 or later)",
    ],
  ])("level %d is %s", (level, status, message) => {
    expect(checkForestFunctionalLevel(level)).toEqual({
      id: "forest-functional-level",
      status,
      message,
      requirement: "ad.forest-functional-level",
      category: "active-directory",
    });
  });
});

describe("writable-dc", () => {
  it("passes a writable DC, fails an RODC, warns when msDS-isRODC is missing", () => {
    expect(checkWritableDc(NTDS, false).message).toBe(`${DC} is a writable domain controller.`);
    expect(checkWritableDc(NTDS, true)).toMatchObject({
      status: "fail",
      message: `${DC} is a read-only domain controller (msDS-isRODC TRUE). Point Entra Connect and --url at a writable DC. (requirement ad.writable-dc: A writable domain controller as the target (no RODC))`,
    });
    expect(checkWritableDc(NTDS, undefined).status).toBe("warn");
  });
});

describe("netbios-name", () => {
  it("fails a NetBIOS name with a dot and names the crossRef", () => {
    const crossRefs = [
      { dn: "CN=CORP,CN=Partitions,CN=Configuration,DC=corp,DC=example,DC=com", nETBIOSName: "CORP" },
      { dn: "CN=EU,CN=Partitions,CN=Configuration,DC=corp,DC=example,DC=com", nETBIOSName: "EU.CORP" },
    ];
    expect(checkNetbiosNames(crossRefs)).toMatchObject({
      status: "fail",
      message:
        'NetBIOS domain name with a dot: "EU.CORP" (CN=EU,CN=Partitions,CN=Configuration,DC=corp,DC=example,DC=com). Entra Connect does not support it; such a domain must be renamed (rendom) or left out of sync. (requirement ad.netbios-name: NetBIOS domain names without a dot)',
    });
    expect(checkNetbiosNames(crossRefs.slice(0, 1))).toMatchObject({
      status: "pass",
      message: "NetBIOS domain names without a dot: CORP.",
    });
  });
});

describe("recycle-bin", () => {
  it("warns when the Recycle Bin Feature is not enabled, passes when it is", () => {
    expect(checkRecycleBin([]).status).toBe("warn");
    // Issue 15 item 5: the Recycle Bin needs forest functional level Windows Server 2008 R2. MS-ADTS 3.1.1.9.1
    // "Recycle Bin Optional Feature": "requires a Forest Functional Level of DS_BEHAVIOR_WIN2008R2 or greater"
    // (learn.microsoft.com/en-us/openspecs/windows_protocols/ms-adts/e9482178-ee53-4b6c-841d-5259d6261985).
    expect(checkRecycleBin([]).message).toContain("it needs forest functional level Windows Server 2008 R2 or later");
    const feature =
      "CN=Recycle Bin Feature,CN=Optional Features,CN=Directory Service,CN=Windows NT,CN=Services,CN=Configuration,DC=corp,DC=example,DC=com";
    expect(checkRecycleBin([feature])).toMatchObject({ status: "pass", message: "AD Recycle Bin is enabled." });
  });
});

describe("object-count", () => {
  const kinds = (users: number) => ({ users, groups: 0, contacts: 0, computers: 0, total: users });
  const counts = (users: number) => ({ ...kinds(users), wouldSync: kinds(users), outOfScope: {} });
  it.each([
    [
      49_999,
      "pass",
      "49,999 users, 0 groups, 0 contacts, 0 computers = 49,999 objects in AD: sizing tier t1-under-50k (6 GB RAM, 70 GB disk, LocalDB). 49,999 would sync under Entra Connect's default sync rules (49,999 users, 0 groups, 0 contacts, 0 computers): within the default tenant limit of 50,000 objects.",
    ],
    [
      80_000,
      "warn",
      "80,000 users, 0 groups, 0 contacts, 0 computers = 80,000 objects in AD: sizing tier t2-50k-100k (16 GB RAM, 100 GB disk, LocalDB). 80,000 would sync under Entra Connect's default sync rules (80,000 users, 0 groups, 0 contacts, 0 computers): above 50,000 objects: the tenant needs a verified custom domain (limit 300,000). Plan full SQL Server: LocalDB still fits but is recommended only below this size (requirement sql.localdb-limit: LocalDB only below 100,000 objects (10 GB cap)).",
    ],
    [
      100_000,
      "pass",
      "100,000 users, 0 groups, 0 contacts, 0 computers = 100,000 objects in AD: sizing tier t3-100k-300k (32 GB RAM, 300 GB disk, full SQL Server). 100,000 would sync under Entra Connect's default sync rules (100,000 users, 0 groups, 0 contacts, 0 computers): above 50,000 objects: the tenant needs a verified custom domain (limit 300,000).",
    ],
  ])("%d objects: %s", (total, status, message) => {
    expect(checkObjectCount(counts(total))).toEqual({
      id: "object-count",
      status,
      message,
      // Issue 11: the object count decides the sizing tier, so the check cites the sizing requirement and files under sizing.
      requirement: "sizing.tier",
      category: "sizing",
    });
  });

  it("sizes from every object in AD and meets the tenant limit with the objects that would sync (issue 15 item 7)", () => {
    // Microsoft's sizing table counts objects in AD: "Hardware requirements for Microsoft Entra Connect", column
    // "Number of objects in Active Directory" (MicrosoftDocs/entra-docs
    // docs/identity/hybrid/connect/how-to-connect-install-prerequisites.md); the tenant object limit counts what
    // syncs to Entra ID.
    const check = checkObjectCount({
      users: 40_000,
      groups: 5_000,
      contacts: 2_000,
      computers: 13_000,
      total: 60_000,
      wouldSync: { users: 39_000, groups: 4_000, contacts: 1_500, computers: 500, total: 45_000 },
      outOfScope: { "critical system object": 1_500, "contact not mail-enabled": 500, "computer without userCertificate": 12_500 },
    });
    expect(check).toMatchObject({ status: "pass", requirement: "sizing.tier" });
    expect(check.message).toBe(
      "40,000 users, 5,000 groups, 2,000 contacts, 13,000 computers = 60,000 objects in AD: sizing tier t2-50k-100k (16 GB RAM, 100 GB disk, LocalDB). " +
        "45,000 would sync under Entra Connect's default sync rules (39,000 users, 4,000 groups, 1,500 contacts, 500 computers; out of scope: " +
        "critical system object 1,500, contact not mail-enabled 500, computer without userCertificate 12,500): within the default tenant limit of 50,000 objects.",
    );
  });

  it("warns above 500,000 objects: a paid licence", () => {
    expect(checkObjectCount(counts(600_000)).message).toContain(
      "Arrange the tenant limit before the first sync (requirement cloud.object-limit: The forest's object count within the tenant's object limit).",
    );
  });
});
