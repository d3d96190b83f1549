/**
 * restrictOutbound (issue 9 item 13): the deny of all other outbound traffic on both NSGs, and the allows the servers
 * need before it. Facts, each read on Microsoft Learn:
 * - NSG priorities run from 100 to 4096, the lowest number first, processing stops at the first match, and two rules
 *   may not share a priority and a direction (so the inbound and the outbound deny-all both sit at 4096); the default
 *   AllowVnetOutBound (65000) and AllowInternetOutBound (65001) admit everything a custom rule does not decide:
 *   https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#security-rules
 * - The VM agent's WireServer traffic (168.63.129.16, 80 and 32526) "isn't subject to the configured network security
 *   groups", nor is Azure DNS unless a rule names the AzurePlatformDNS tag; the extension packages come through the
 *   same channel: https://learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16,
 *   https://learn.microsoft.com/azure/virtual-machines/extensions/features-windows#network-access
 * - Windows activation: Azure KMS azkms.core.windows.net (20.118.99.224, 40.83.235.53) and kms.core.windows.net
 *   (23.102.135.246), TCP 1688; the platform rule that admits it is disabled under a 0.0.0.0/0 default route:
 *   https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/custom-routes-enable-kms-activation,
 *   https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#azure-platform-considerations
 * - Entra Connect to Entra ID: HTTP 80 for CRLs and HTTPS 443 to synchronize (Table 2):
 *   https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-ports
 * - Time sync: "For domain joined machines the domain itself establishes time sync hierarchy" (W32Time type NT5DS):
 *   https://learn.microsoft.com/azure/virtual-machines/windows/time-sync; W32Time's NTP "runs on UDP port 123":
 *   https://learn.microsoft.com/troubleshoot/windows-server/networking/service-overview-and-network-port-requirements;
 *   member to DC "49152-65535/UDP | 123/UDP | W32Time":
 *   https://learn.microsoft.com/troubleshoot/windows-server/active-directory/config-firewall-for-ad-domains-and-trusts
 */
import * as pulumi from "@pulumi/pulumi";
import { EntraConnectServer, type EntraConnectServerArgs, validateEntraConnectServerArgs } from "../../src/components";
import { syncServerSecurityRules } from "../../src/components/security-rules";
import { runUnderMocks } from "../../src/plan/run-under-mocks";
import { addressRangeOf } from "../../src/requirements";
import { COMPLIANT_ARGS, refusalOf } from "../support/server-args";
import { timeSyncRule } from "../support/time-sync-rule";

type Rule = Record<string, unknown>;

/** The compliant fixture (joined to the domain) with two DCs and an admin network. */
const args: EntraConnectServerArgs = {
  ...COMPLIANT_ARGS,
  domainControllers: ["10.0.1.4", "10.0.1.5"],
  adminAccessPrefixes: ["10.0.9.0/26"],
};

/** The security rules of the NSG named `nsg` in the plan of the component "sync". */
async function rulesOf(a: EntraConnectServerArgs, nsg: "sync-nsg" | "sync-sql-nsg"): Promise<Rule[]> {
  const resources = await runUnderMocks(() => new EntraConnectServer("sync", a), { project: "proj", stack: "test", config: {} });
  const found = resources.filter((r) => r.name === nsg).map((r) => r.inputs["securityRules"] as Rule[]);
  expect(found).toHaveLength(1);
  return found[0] ?? [];
}

/** "priority direction access protocol destination:ports (name)", one line per rule. */
const brief = (rules: readonly object[]): string[] =>
  (rules as readonly Rule[]).map((r) => {
    const destination = r["destinationAddressPrefixes"] ?? r["destinationAddressPrefix"];
    return `${r["priority"]} ${r["direction"]} ${r["access"]} ${r["protocol"]} ${JSON.stringify(destination)}:${r["destinationPortRange"]} (${r["name"]})`;
  });

/** How Azure decides an outbound flow: the matching rule with the lowest priority number, else the default allows. */
function verdict(rules: readonly Rule[], flow: { protocol: "Tcp" | "Udp"; destination: string; port: number }): string {
  const portMatches = (range: string): boolean => {
    if (range === "*") return true;
    const [from, to = from] = range.split("-").map(Number);
    return (from as number) <= flow.port && flow.port <= (to as number);
  };
  const destinationMatches = (prefix: string): boolean => {
    if (prefix === "*" || prefix === flow.destination) return true;
    const range = addressRangeOf(prefix);
    const address = addressRangeOf(flow.destination);
    return range !== undefined && address !== undefined && range.first <= address.first && address.last <= range.last;
  };
  const deciding = rules
    .filter((r) => r["direction"] === "Outbound")
    .filter((r) => r["protocol"] === "*" || r["protocol"] === flow.protocol)
    .filter((r) => portMatches(String(r["destinationPortRange"])))
    .filter((r) =>
      ((r["destinationAddressPrefixes"] as string[] | undefined) ?? [String(r["destinationAddressPrefix"])]).some(destinationMatches),
    )
    .sort((a, b) => Number(a["priority"]) - Number(b["priority"]))[0];
  return deciding === undefined ? "default" : `${String(deciding["access"])} by ${String(deciding["name"])}`;
}

const DCS = '["10.0.1.4","10.0.1.5"]';
const KMS = '["20.118.99.224","40.83.235.53","23.102.135.246"]';
/** The sync server's outbound allows with or without restrictOutbound: the DC port table and the Entra ID paths. */
const SYNC_OUTBOUND = [
  `100 Outbound Allow Tcp ${DCS}:53 (dc-dns-tcp)`,
  `110 Outbound Allow Udp ${DCS}:53 (dc-dns-udp)`,
  `120 Outbound Allow Tcp ${DCS}:88 (dc-kerberos-tcp)`,
  `130 Outbound Allow Udp ${DCS}:88 (dc-kerberos-udp)`,
  `140 Outbound Allow Tcp ${DCS}:135 (dc-rpc-endpoint-mapper-tcp)`,
  `150 Outbound Allow Tcp ${DCS}:389 (dc-ldap-tcp)`,
  `160 Outbound Allow Udp ${DCS}:389 (dc-ldap-udp)`,
  `170 Outbound Allow Tcp ${DCS}:445 (dc-smb-tcp)`,
  `180 Outbound Allow Tcp ${DCS}:636 (dc-ldaps-tcp)`,
  `190 Outbound Allow Tcp ${DCS}:3268 (dc-global-catalog-tcp)`,
  `200 Outbound Allow Tcp ${DCS}:3269 (dc-global-catalog-ssl-tcp)`,
  `210 Outbound Allow Tcp ${DCS}:49152-65535 (dc-rpc-dynamic-tcp)`,
  `220 Outbound Allow Tcp "AzureActiveDirectory":443 (entra-id-https)`,
  `230 Outbound Allow Tcp "Internet":443 (endpoints-https)`,
  `240 Outbound Allow Tcp "Internet":80 (crl-ocsp-http)`,
];
/** The NTP allow a domain-joined server gets under restrictOutbound, exactly. */
const ntpRule = (priority: number): Rule => timeSyncRule(["10.0.1.4", "10.0.1.5"], priority);
const NTP = (priority: number): string => `${priority} Outbound Allow Udp ${DCS}:123 (dc-w32time-udp)`;
const INBOUND = ['100 Inbound Allow Tcp "*":3389 (rdp-from-admin-networks)', '4096 Inbound Deny * "*":* (deny-all-other-inbound)'];
const DENY_OUTBOUND = '4096 Outbound Deny * "*":* (deny-all-other-outbound)';

describe("restrictOutbound on the sync server's NSG", () => {
  let warnings: string[];
  let restricted: Rule[];
  let open: Rule[];
  beforeAll(async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    // 10.0.1.4 is a DC (the DC port table already opens DNS to it); 10.0.2.53 is not.
    restricted = await rulesOf({ ...args, restrictOutbound: true, dnsServers: ["10.0.1.4", "10.0.2.53"] }, "sync-nsg");
    warnings = warn.mock.calls.map((c) => c[0]);
    warn.mockClear();
    open = await rulesOf(args, "sync-nsg");
    warn.mockRestore();
  });

  test("false (the default): the outbound allows and no outbound deny, so Azure's default rules admit the rest", () => {
    expect(brief(open)).toEqual([...SYNC_OUTBOUND, ...INBOUND]);
    expect(verdict(open, { protocol: "Tcp", destination: "203.0.113.7", port: 25 })).toBe("default");
  });

  test("true: the same allows at the same priorities, then NTP to the DCs, DNS to the other DNS server, Azure KMS, and the deny of all other outbound at 4096", () => {
    expect(brief(restricted)).toEqual([
      ...SYNC_OUTBOUND,
      NTP(250),
      '260 Outbound Allow Tcp ["10.0.2.53"]:53 (dns-servers-tcp)',
      '270 Outbound Allow Udp ["10.0.2.53"]:53 (dns-servers-udp)',
      `280 Outbound Allow Tcp ${KMS}:1688 (azure-kms-activation)`,
      ...INBOUND,
      DENY_OUTBOUND,
    ]);
    expect(warnings.filter((w) => w.includes("restrictOutbound"))).toEqual([]);
  });

  test("true on a domain-joined server: exactly one NTP rule, UDP 123 to the DCs only; false: none", () => {
    expect(restricted.filter((r) => String(r["destinationPortRange"]) === "123")).toEqual([ntpRule(250)]);
    expect(open.filter((r) => String(r["destinationPortRange"]) === "123" || r["name"] === "dc-w32time-udp")).toEqual([]);
  });

  test("true on a server that is not domain-joined: no NTP rule (W32Time then uses its own sources), and NTP to a DC is denied", async () => {
    const { domainJoinDomain: _d, domainJoinAccount: _a, domainJoinPassword: _p, ...notJoined } = args;
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    const rules = await rulesOf(
      { ...notJoined, lapsBackupDirectory: "entra-id", restrictOutbound: true, dnsServers: ["10.0.1.4", "10.0.2.53"] },
      "sync-nsg",
    );
    warn.mockRestore();
    expect(brief(rules)).toEqual([
      ...SYNC_OUTBOUND,
      '250 Outbound Allow Tcp ["10.0.2.53"]:53 (dns-servers-tcp)',
      '260 Outbound Allow Udp ["10.0.2.53"]:53 (dns-servers-udp)',
      `270 Outbound Allow Tcp ${KMS}:1688 (azure-kms-activation)`,
      ...INBOUND,
      DENY_OUTBOUND,
    ]);
    expect(verdict(rules, { protocol: "Udp", destination: "10.0.1.4", port: 123 })).toBe("Deny by deny-all-other-outbound");
  });

  test.each([
    ["DNS to a DC", "Udp", "10.0.1.5", 53],
    ["Kerberos to a DC", "Tcp", "10.0.1.4", 88],
    ["dynamic RPC to a DC", "Tcp", "10.0.1.5", 50_000],
    ["DNS to the DNS server that is not a DC", "Udp", "10.0.2.53", 53],
    ["NTP (W32Time) to a DC", "Udp", "10.0.1.5", 123],
    ["HTTPS to Entra ID", "Tcp", "AzureActiveDirectory", 443],
    ["HTTPS to a Connect Health or installer host", "Tcp", "Internet", 443],
    ["HTTP for CRL and OCSP", "Tcp", "Internet", 80],
    ["KMS activation at azkms.core.windows.net", "Tcp", "40.83.235.53", 1688],
    ["KMS activation at kms.core.windows.net", "Tcp", "23.102.135.246", 1688],
  ] as const)("%s is allowed before the deny", (_, protocol, destination, port) => {
    expect(verdict(restricted, { protocol, destination, port })).toMatch(/^Allow by /);
  });

  test.each([
    ["SMTP to the internet", "Tcp", "203.0.113.7", 25],
    ["SMB to another server in the VNet", "Tcp", "10.0.3.9", 445],
    ["RDP from the sync server to another server", "Tcp", "10.0.3.9", 3389],
    ["KMS port to another address", "Tcp", "203.0.113.7", 1688],
    ["DNS to a public resolver", "Udp", "8.8.8.8", 53],
    ["NTP to an internet time server", "Udp", "203.0.113.7", 123],
    ["NTP over TCP to a DC (NTP is UDP only)", "Tcp", "10.0.1.4", 123],
  ] as const)("%s is denied by the deny-all", (_, protocol, destination, port) => {
    expect(verdict(restricted, { protocol, destination, port })).toBe("Deny by deny-all-other-outbound");
  });

  test("the deny names every destination (*), not an AzurePlatform* tag, so WireServer, extension packages and Azure DNS still pass", () => {
    const deny = restricted.find((r) => r["name"] === "deny-all-other-outbound");
    expect(deny).toMatchObject({ destinationAddressPrefix: "*", protocol: "*", sourceAddressPrefix: "*", destinationPortRange: "*" });
    const priorities = restricted.filter((r) => r["direction"] === "Outbound").map((r) => Number(r["priority"]));
    expect(Math.max(...priorities)).toBe(deny?.["priority"]);
    expect(new Set(priorities).size).toBe(priorities.length);
  });

  test("without dnsServers: a warning, since the deny then lets DNS through only to the DCs and Azure DNS", () => {
    const warningsOf = (a: EntraConnectServerArgs): readonly string[] =>
      validateEntraConnectServerArgs(a).warnings.filter((w) => w.startsWith("restrictOutbound"));
    expect(warningsOf({ ...args, restrictOutbound: true })).toEqual([
      "restrictOutbound is on without dnsServers: the outbound deny-all lets DNS through only to the domain controllers and to Azure DNS; if the virtual network's DNS servers are other machines, set dnsServers to them.",
    ]);
    expect(warningsOf({ ...args, restrictOutbound: true, dnsServers: ["10.0.1.4"] })).toEqual([]);
    expect(warningsOf(args)).toEqual([]);
    expect(
      brief(syncServerSecurityRules(["10.0.1.0/28"], [], { domainJoined: true, dnsServers: [] })).filter((l) => l.includes("dns-servers")),
    ).toEqual([]);
  });

  test("no DNS rule for AzureProvidedDNS (never filtered by an NSG) or for DNS servers inside a DC prefix", () => {
    for (const dnsServers of [["AzureProvidedDNS"], ["10.0.1.3", "10.0.1.14"]]) {
      expect(syncServerSecurityRules(["10.0.1.0/28"], [], { domainJoined: true, dnsServers }).map((r) => r.name)).not.toContain(
        "dns-servers-udp",
      );
    }
  });

  test.each([
    [
      "a host name on 443: the HTTPS-to-the-internet allow reaches it, no rule of its own",
      "https://stinstall.blob.core.windows.net/msi/AzureADConnect.msi?sv=x",
      [],
    ],
    [
      "a host name on another port: that port to the internet",
      "https://files.example.com:8443/AzureADConnect.msi",
      ['260 Outbound Allow Tcp "Internet":8443 (installer-https)'],
    ],
    [
      "a private IP address: that address on the URL's port",
      "https://10.0.4.20/AzureADConnect.msi",
      ['260 Outbound Allow Tcp "10.0.4.20":443 (installer-https)'],
    ],
  ])("installerUrl on %s", (_, installerUrl, expected) => {
    const rules = syncServerSecurityRules(["10.0.1.4", "10.0.1.5"], [], { domainJoined: false, dnsServers: [], installerUrl });
    expect(brief(rules).filter((l) => l.includes("installer"))).toEqual(expected);
    expect(brief(rules).at(-1)).toBe(DENY_OUTBOUND);
  });

  test("the component passes installerUrl to the rules only when restricting", async () => {
    const installer = { installerUrl: "https://10.0.4.20/AzureADConnect.msi", installerSha256: "A".repeat(64) };
    const names = async (restrictOutbound: boolean): Promise<unknown[]> =>
      (await rulesOf({ ...args, ...installer, restrictOutbound, dnsServers: ["10.0.1.4"] }, "sync-nsg")).map((r) => r["name"]);
    expect(await names(true)).toContain("installer-https");
    expect(await names(false)).not.toContain("installer-https");
  });

  test.each([["yes"], [1], ["true"]])("restrictOutbound %p is refused naming the field and the fix", (restrictOutbound) => {
    expect(refusalOf({ restrictOutbound }).message).toBe(
      `restrictOutbound is refused: ${JSON.stringify(restrictOutbound)} is not true or false; this breaks requirement network.entra-endpoints: Outbound HTTPS to the Entra ID endpoints. Fix: set restrictOutbound to true or false.`,
    );
  });
});

describe("restrictOutbound on the SQL VM's NSG (full SQL, 250,000 objects)", () => {
  const sqlArgs: EntraConnectServerArgs = { ...args, objectCount: 250_000, dnsServers: ["10.0.1.4", "10.0.1.5"] };
  const SQL_INBOUND = [
    '100 Inbound Allow Tcp "*":1433 (sql-from-sync-server)',
    '110 Inbound Allow Tcp "*":3389 (rdp-from-admin-networks)',
    '4096 Inbound Deny * "*":* (deny-all-other-inbound)',
  ];

  test("false: inbound rules only", async () => {
    expect(brief(await rulesOf(sqlArgs, "sync-sql-nsg"))).toEqual(SQL_INBOUND);
  });

  test("true: the DC port table and NTP to the DCs (the VM is always domain-joined), Windows Update 443 and 80, Azure KMS, then the deny of all other outbound", async () => {
    const rules = await rulesOf({ ...sqlArgs, restrictOutbound: true }, "sync-sql-nsg");
    expect(brief(rules)).toEqual([
      ...SQL_INBOUND,
      ...SYNC_OUTBOUND.slice(0, 12),
      NTP(220),
      '230 Outbound Allow Tcp "Internet":443 (windows-update-https)',
      '240 Outbound Allow Tcp "Internet":80 (windows-update-http)',
      `250 Outbound Allow Tcp ${KMS}:1688 (azure-kms-activation)`,
      DENY_OUTBOUND,
    ]);
    expect(rules.filter((r) => String(r["destinationPortRange"]) === "123")).toEqual([ntpRule(220)]);
    expect(verdict(rules, { protocol: "Udp", destination: "10.0.1.4", port: 123 })).toBe("Allow by dc-w32time-udp");
    expect(verdict(rules, { protocol: "Tcp", destination: "10.0.3.9", port: 445 })).toBe("Deny by deny-all-other-outbound");
    expect(brief(await rulesOf({ ...sqlArgs, restrictOutbound: true }, "sync-nsg")).at(-1)).toBe(DENY_OUTBOUND);
  });
});
