/** The text report of `preflight ad` without a server: its exact layout, and directory text that cannot drive the terminal. */
import { renderAdReportText } from "../../src/preflight/ad/render-text";
import type { AdPreflightReport, DirectoryFinding } from "../../src/preflight/ad/report";

const ESC = "\u001b";
const CSI = "\u009b";

function report(findings: DirectoryFinding[]): AdPreflightReport {
  return {
    checks: [{ id: "directory-data", status: "fail", message: "1 finding." }],
    counts: {
      users: 2,
      groups: 0,
      contacts: 0,
      computers: 0,
      total: 2,
      wouldSync: { users: 2, groups: 0, contacts: 0, computers: 0, total: 2 },
      outOfScope: {},
    },
    sizing: { tier: "t1-under-50k", ramGb: 6, diskGb: 70, database: "localdb" },
    findings,
    summary: {
      objectsScanned: 2,
      skipped: 0,
      skippedBy: {},
      objectsWithFindings: 1,
      findings: findings.length,
      findingsByKind: { duplicate: 1 },
      findingsByAttribute: { mail: 1 },
      uncheckedAttributes: [],
      url: "ldaps://dc01.corp.example.com:3269",
      baseDn: "",
      globalCatalog: true,
      checks: { pass: 0, warn: 0, fail: 1 },
      ready: false,
    },
  };
}

describe("renderAdReportText", () => {
  it("shows control characters of DNs, values and related DNs as ?, and cuts long values without splitting a pair", () => {
    const text = renderAdReportText(
      report([
        {
          dn: `CN=Mallory${ESC}[2J,OU=Staff,DC=corp,DC=example,DC=com`,
          objectClass: "user",
          attribute: "mail",
          value: `${"m".repeat(58)}\u{1F600}@contoso.com`,
          errors: ["duplicate"],
          suggestion: null,
          related: [`CN=Eve${CSI}31m,OU=Staff,DC=corp,DC=example,DC=com`],
        },
      ]),
    );
    expect(text).toBe(
      [
        'AD preflight of ldaps://dc01.corp.example.com:3269 (base "", Global Catalog)',
        "",
        "FAIL  directory-data: 1 finding.",
        "",
        "Objects: 2 users, 0 groups, 0 contacts, 0 computers (total 2)",
        "Would sync (default sync rules): 2 users, 0 groups, 0 contacts, 0 computers (total 2)",
        "Sizing: t1-under-50k, 6 GB RAM, 70 GB disk, database localdb",
        "",
        "Findings (1) by attribute and kinds:",
        "  mail: duplicate (1)",
        "    CN=Mallory?[2J,OU=Staff,DC=corp,DC=example,DC=com",
        `      mail = "${"m".repeat(58)}…": duplicate`,
        "      also held by: CN=Eve?31m,OU=Staff,DC=corp,DC=example,DC=com",
        "",
        "Summary: 2 users, contacts and groups read, 0 skipped, 1 with findings, 1 findings",
        "  per kind: duplicate 1",
        "  per attribute: mail 1",
        "Result: NOT ready (0 pass, 0 warn, 1 fail)",
        "",
      ].join("\n"),
    );
  });

  it("groups thousands of findings by attribute and kinds with counts, shows the first --limit of each and points to JSON/CSV (issue 12)", () => {
    const finding = (i: number, attribute: "mail" | "userPrincipalName", errors: DirectoryFinding["errors"]): DirectoryFinding => ({
      dn: `CN=User ${String(i).padStart(4, "0")},OU=Staff,DC=corp,DC=example,DC=com`,
      objectClass: "user",
      attribute,
      value: `user${i}@corp.local`,
      errors,
      suggestion: null,
      related: [],
    });
    const findings = [
      ...Array.from({ length: 3000 }, (_, i) => finding(i, "userPrincipalName", ["topleveldomain"])),
      ...Array.from({ length: 3 }, (_, i) => finding(i, "mail", ["character", "topleveldomain"])),
      ...Array.from({ length: 40 }, (_, i) => finding(i, "mail", ["topleveldomain"])),
    ];
    const text = renderAdReportText(report(findings), { limit: 2 });
    const section = text.slice(text.indexOf("Findings ("), text.indexOf("\nSummary:"));
    expect(section.split("\n")).toEqual([
      "Findings (3043) by attribute and kinds, the first 2 of each (--limit N; all of them with --format json or --format csv):",
      "  mail: character, topleveldomain (3)",
      "    CN=User 0000,OU=Staff,DC=corp,DC=example,DC=com",
      '      mail = "user0@corp.local": character, topleveldomain',
      "    CN=User 0001,OU=Staff,DC=corp,DC=example,DC=com",
      '      mail = "user1@corp.local": character, topleveldomain',
      "    ... 1 more mail: character, topleveldomain (--format json or --format csv lists them all)",
      "  mail: topleveldomain (40)",
      "    CN=User 0000,OU=Staff,DC=corp,DC=example,DC=com",
      '      mail = "user0@corp.local": topleveldomain',
      "    CN=User 0001,OU=Staff,DC=corp,DC=example,DC=com",
      '      mail = "user1@corp.local": topleveldomain',
      "    ... 38 more mail: topleveldomain (--format json or --format csv lists them all)",
      "  userPrincipalName: topleveldomain (3000)",
      "    CN=User 0000,OU=Staff,DC=corp,DC=example,DC=com",
      '      userPrincipalName = "user0@corp.local": topleveldomain',
      "    CN=User 0001,OU=Staff,DC=corp,DC=example,DC=com",
      '      userPrincipalName = "user1@corp.local": topleveldomain',
      "    ... 2998 more userPrincipalName: topleveldomain (--format json or --format csv lists them all)",
      "",
    ]);
    // The default shows 50 of each group: a 3,043-finding report stays short.
    expect(renderAdReportText(report(findings)).split("\n").length).toBeLessThan(400);
  });
});
