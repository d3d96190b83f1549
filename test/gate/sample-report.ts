/** A gate report built by running the gate over fake sources: the input of the renderer tests. */
import { parseGateConfig, runGate, type DirectoryFinding, type GateReport } from "../../src/gate";
import { fakeSource } from "./fake-source";

/**
 * Findings as a real forest shows them (values that sort differently by each column): an escaped comma in a
 * DN, an "&" that the HTML must escape, and an Exchange X.500 proxy address of about 200 characters that the
 * table must wrap inside its cell.
 */
export const FINDINGS: DirectoryFinding[] = [
  {
    distinguishedName: "CN=Bob Brown,OU=Staff,DC=contoso,DC=com",
    objectClass: "user",
    attribute: "mail",
    value: "bob brown@contoso.com",
    kinds: ["character", "format"],
    fix: "bobbrown@contoso.com",
  },
  {
    distinguishedName: "CN=Adams\\, Alice,OU=R&D,OU=Staff,DC=contoso,DC=com",
    objectClass: "user",
    attribute: "userPrincipalName",
    value: "alice.adams@contoso.local",
    kinds: ["topleveldomain"],
  },
  {
    distinguishedName: "CN=Carol,OU=Staff,DC=contoso,DC=com",
    objectClass: "contact",
    attribute: "proxyAddresses",
    value: `x500:/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=${"a1b2c3d4e5f6".repeat(8)}-carol[1]`,
    kinds: ["character"],
  },
  {
    distinguishedName: "CN=Dave,OU=Staff,DC=contoso,DC=com",
    objectClass: "user",
    attribute: "proxyAddresses",
    value: "SMTP:carol@contoso.com",
    kinds: ["duplicate"],
  },
  {
    distinguishedName: "CN=Erin,OU=Staff,DC=contoso,DC=com",
    objectClass: "group",
    attribute: "mailNickname",
    value: ".erin",
    kinds: ["character"],
    fix: "erin",
  },
];

export async function sampleReport(): Promise<GateReport> {
  const sources = [
    fakeSource("ad", ["active-directory"], {
      checks: [
        {
          id: "forest-functional-level",
          status: "pass",
          message: "Forest functional level Windows Server 2016 (7).",
          requirement: "ad.forest-functional-level",
          category: "active-directory",
        },
        {
          id: "directory-data",
          status: "fail",
          message: "5 findings in 5 objects. Fix: correct the values listed in the directory findings.",
          requirement: "ad.directory-data",
          category: "active-directory",
        },
      ],
      facts: { objectCount: 85_000, objectCountSource: "ad" },
      directoryFindings: FINDINGS,
    }),
    fakeSource("cloud", ["cloud", "install-account", "soft-hard-match"], {
      checks: [
        {
          id: "cloud-verified-domain",
          status: "pass",
          message: "Verified custom domains: contoso.com.",
          requirement: "cloud.verified-domain",
          category: "cloud",
        },
        {
          id: "cloud-installer-role",
          status: "warn",
          message: "installer@contoso.com holds Hybrid Identity Administrator <directly> & not GA.",
          requirement: "install-account.role",
          category: "install-account",
        },
        {
          id: "cloud-block-soft-match",
          status: "fail",
          message: "blockSoftMatchEnabled is false.",
          requirement: "match.block",
          category: "soft-hard-match",
        },
      ],
    }),
  ];
  const config = parseGateConfig({ ad: { target: "dc1" }, cloud: { target: "tenant" } }, "ci/gate.yaml", sources);
  return runGate({ config, sources, now: new Date("2026-11-27T12:00:00Z") });
}
