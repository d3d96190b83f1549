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
    // Issue 15 item 5: the Recycle Bin needs forest functional level Windows Server 2008 R2.
    expect(checkRecycleBin([]).message).toContain("it needs forest functional level Windows Server 2008 R2 or later");
    const feature =
      "CN=Recycle Bin Feature,CN=Optional Features,CN=Directory Service,CN=Windows NT,CN=Services,CN=Configuration,DC=corp,DC=example,DC=com";
    expect(checkRecycleBin([feature])).toMatchObject({ status: "pass", message: "AD Recycle Bin is enabled." });
  });
});

describe("object-count", () => {
  const counts = (users: number) => ({ users, groups: 0, contacts: 0, computers: 0, total: users });
  it.each([
    [
      49_999,
      "pass",
      "49,999 users, 0 groups, 0 contacts, 0 computers = 49,999 objects: sizing tier t1-under-50k (6 GB RAM, 70 GB disk, LocalDB); within the default tenant limit of 50,000 objects.",
    ],
    [
      80_000,
      "warn",
      "80,000 users, 0 groups, 0 contacts, 0 computers = 80,000 objects: sizing tier t2-50k-100k (16 GB RAM, 100 GB disk, LocalDB); above 50,000 objects: the tenant needs a verified custom domain (limit 300,000). Plan full SQL Server: LocalDB still fits but is recommended only below this size (requirement sql.localdb-limit: LocalDB only below 100,000 objects (10 GB cap)).",
    ],
    [
      100_000,
      "pass",
      "100,000 users, 0 groups, 0 contacts, 0 computers = 100,000 objects: sizing tier t3-100k-300k (32 GB RAM, 300 GB disk, full SQL Server); above 50,000 objects: the tenant needs a verified custom domain (limit 300,000).",
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

  it("warns above 500,000 objects: a paid licence", () => {
    expect(checkObjectCount(counts(600_000)).message).toContain(
      "Arrange the tenant limit before the first sync (requirement cloud.object-limit: The forest's object count within the tenant's object limit).",
    );
  });
});
