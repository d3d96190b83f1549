import { validateEntraConnectServerArgs } from "../../src/components";
import { COMPLIANT_ARGS as base, refusalOf } from "../support/server-args";

const SIZING_MEMORY = "this breaks requirement sizing.memory: VM memory meets the sizing tier of the object count.";
const OBJECT_COUNT_FIX =
  "Fix: set objectCount to the forest's count of users + groups + contacts + computers, a whole number of 0 or more.";
const OS_SUPPORTED = "this breaks requirement os.supported: Windows Server 2022 (recommended) or 2019 with Desktop Experience.";
const OS_FIX = 'Fix: set osVersion to "2022" or "2019" (2022 recommended).';
const DESKTOP = "this breaks requirement os.desktop-experience: Desktop Experience (no Server Core or Nano).";
const SKU_FIX = 'Fix: remove imageSku or set it to a Gen2 Desktop Experience SKU such as "2022-datacenter-g2".';
const SQL_VERSION = "this breaks requirement sql.version: Full SQL Server 2019 or 2022 on Windows.";
const SQL_VERSION_FIX = 'Fix: set sqlVersion to "2022" or "2019" (2022 recommended).';
const VERSION = "this breaks requirement version.minimum: Entra Connect 2.5.79.0 or later (older builds stopped syncing after 2026-09-30).";
const VERSION_FIX = "Fix: set entraConnectVersion to 2.5.79.0 or later, or remove it for 2.6.92.0.";
const INTERNET =
  "this breaks requirement tier0.no-internet-inbound: No inbound access from the internet; admin access only from named admin networks or Bastion.";
const ADMIN_FIX =
  'Fix: list only CIDRs of your admin network or Bastion subnet inside the private ranges 10.0.0.0/8 (RFC 1918), 172.16.0.0/12 (RFC 1918), 192.168.0.0/16 (RFC 1918), 100.64.0.0/10 (RFC 6598), fc00::/7 (RFC 4193 (IPv6 unique local)), such as ["10.0.9.0/26"].';
const OUTSIDE = "reaches outside the private ranges, so it admits RDP from the internet";
const DC = "this breaks requirement network.dc-ports: The DC port table open from the sync server to every DC.";
const DC_FIX = 'Fix: list the DC addresses or CIDRs, such as ["10.0.1.4", "10.0.1.5"].';
const JOINED = "this breaks requirement os.domain-joined: The sync server is joined to an Active Directory domain.";
const LAPS = "this breaks requirement tier0.windows-laps: Windows LAPS manages the local administrator password.";
const JOIN_FIX = "set domainJoinDomain, domainJoinAccount and domainJoinPassword (pulumi config set --secret domainJoinPassword)";
const LOCALDB = "this breaks requirement sql.localdb-limit: LocalDB only below 100,000 objects (10 GB cap).";

describe("validateEntraConnectServerArgs refuses, naming the key, the requirement and the fix", () => {
  test.each<[string, Record<string, unknown>, string, string]>([
    [
      "negative object count",
      { objectCount: -1 },
      "sizing.memory",
      `objectCount is refused: it must not be negative, got -1; ${SIZING_MEMORY} ${OBJECT_COUNT_FIX}`,
    ],
    [
      "fractional object count",
      { objectCount: 1.5 },
      "sizing.memory",
      `objectCount is refused: it must be a whole number, got 1.5; ${SIZING_MEMORY} ${OBJECT_COUNT_FIX}`,
    ],
    [
      "NaN object count",
      { objectCount: Number.NaN },
      "sizing.memory",
      `objectCount is refused: it must be a number of AD objects (users + groups + contacts + computers), got NaN; ${SIZING_MEMORY} ${OBJECT_COUNT_FIX}`,
    ],
    [
      "object count that is not a number",
      { objectCount: "many" },
      "sizing.memory",
      `objectCount is refused: it must be a number of AD objects (users + groups + contacts + computers), got "many"; ${SIZING_MEMORY} ${OBJECT_COUNT_FIX}`,
    ],
    [
      "Windows Server 2025",
      { osVersion: "2025" },
      "os.supported",
      `osVersion is refused: "2025": Windows Server 2025 is not supported by Entra Connect Sync (Microsoft: known issue that can break synchronisation); ${OS_SUPPORTED} ${OS_FIX}`,
    ],
    [
      "Windows Server 2012 R2",
      { osVersion: "2012-r2" },
      "os.supported",
      `osVersion is refused: "2012-r2": Windows Server 2012 R2 is too old: Entra Connect needs 2016 or later; ${OS_SUPPORTED} ${OS_FIX}`,
    ],
    [
      "an unknown OS version",
      { osVersion: "banana" },
      "os.supported",
      `osVersion is refused: "banana": the image cannot be classified: sku "banana-datacenter-g2" names no Windows Server version; ${OS_SUPPORTED} ${OS_FIX}`,
    ],
    [
      "a Server Core image",
      { imageSku: "2022-datacenter-core-g2" },
      "os.desktop-experience",
      `imageSku is refused: "2022-datacenter-core-g2": Server Core is not supported; Desktop Experience is required; ${DESKTOP} ${SKU_FIX}`,
    ],
    [
      "an Annual Channel (Core) image",
      { imageSku: "23h2-datacenter-core-g2" },
      "os.desktop-experience",
      `imageSku is refused: "23h2-datacenter-core-g2": Annual Channel images are Server Core only; Desktop Experience is required; ${DESKTOP} ${SKU_FIX}`,
    ],
    [
      "a Generation 1 image",
      { imageSku: "2022-datacenter" },
      "tier0.trusted-launch",
      `imageSku is refused: "2022-datacenter" is a Generation 1 image, and Trusted Launch needs Generation 2; this breaks requirement tier0.trusted-launch: Trusted Launch with secure boot and vTPM. ${SKU_FIX}`,
    ],
    [
      "a VM size below the tier",
      { objectCount: 60_000, vmSize: "Standard_D2s_v5" },
      "sizing.memory",
      `vmSize is refused: Standard_D2s_v5 has 8 GB of memory, below the 16 GB the object count needs; ${SIZING_MEMORY} Fix: set vmSize to a D, E or F size (v3 to v6) with at least 16 GB of memory, such as "Standard_D4s_v5", or remove it.`,
    ],
    [
      "a VM size the catalogue does not know",
      { vmSize: "Standard_X1" },
      "sizing.memory",
      `vmSize is refused: "Standard_X1" is not in the catalogue's VM size table, so its memory cannot be checked; ${SIZING_MEMORY} Fix: set vmSize to a D, E or F size (v3 to v6) with at least 6 GB of memory, such as "Standard_D2s_v5", or remove it.`,
    ],
    [
      "a burstable VM size",
      { vmSize: "Standard_B8ms" },
      "sizing.memory",
      `vmSize is refused: Standard_B8ms is a burstable B-series size, not for a Tier-0 sync server; ${SIZING_MEMORY} Fix: set vmSize to a D, E or F size (v3 to v6) with at least 6 GB of memory, such as "Standard_D2s_v5", or remove it.`,
    ],
    [
      "an OS disk below the tier",
      { osDiskSizeGb: 64 },
      "sizing.disk",
      "osDiskSizeGb is refused: 64 GB is below the 70 GB OS disk that 12,000 objects need; this breaks requirement sizing.disk: OS disk meets the sizing tier of the object count. Fix: set osDiskSizeGb to a whole number of at least 70, or remove it for 128 GB.",
    ],
    [
      "a fractional OS disk",
      { osDiskSizeGb: 100.5 },
      "sizing.disk",
      "osDiskSizeGb is refused: 100.5 is not a whole number of GB; this breaks requirement sizing.disk: OS disk meets the sizing tier of the object count. Fix: set osDiskSizeGb to a whole number of at least 70, or remove it for 128 GB.",
    ],
    [
      "an unknown database mode",
      { database: "mysql" },
      "sql.localdb-limit",
      `database is refused: "mysql" is not one of "auto", "localdb" or "sql"; ${LOCALDB} Fix: set database to "auto", "localdb" or "sql".`,
    ],
    [
      "LocalDB at 100,000 objects",
      { objectCount: 100_000, database: "localdb" },
      "sql.localdb-limit",
      `database is refused: "localdb" cannot hold 100,000 objects (LocalDB holds fewer than 100,000); ${LOCALDB} Fix: set database to "sql" or "auto" (full SQL from 100,000 objects).`,
    ],
    [
      "a case-sensitive collation",
      { objectCount: 150_000, sqlCollation: "SQL_Latin1_General_CP1_CS_AS" },
      "sql.collation",
      'sqlCollation is refused: "SQL_Latin1_General_CP1_CS_AS" is not a case-insensitive (_CI_) collation; this breaks requirement sql.collation: Case-insensitive (_CI_) SQL collation. Fix: set sqlCollation to "SQL_Latin1_General_CP1_CI_AS" or another _CI_ collation.',
    ],
    [
      "a binary collation",
      { database: "sql", sqlCollation: "Latin1_General_BIN2" },
      "sql.collation",
      'sqlCollation is refused: "Latin1_General_BIN2" is not a case-insensitive (_CI_) collation; this breaks requirement sql.collation: Case-insensitive (_CI_) SQL collation. Fix: set sqlCollation to "SQL_Latin1_General_CP1_CI_AS" or another _CI_ collation.',
    ],
    [
      "SQL Server 2017",
      { objectCount: 150_000, sqlVersion: "2017" },
      "sql.version",
      `sqlVersion is refused: SQL Server 2017 is too old: Entra Connect needs SQL Server 2019 or 2022; ${SQL_VERSION} ${SQL_VERSION_FIX}`,
    ],
    [
      "SQL Server 2025",
      { objectCount: 150_000, sqlVersion: "2025" },
      "sql.version",
      `sqlVersion is refused: SQL Server 2025 is newer than Entra Connect supports (up to 2022); ${SQL_VERSION} ${SQL_VERSION_FIX}`,
    ],
    [
      "an unknown SQL version",
      { objectCount: 150_000, sqlVersion: "2020" },
      "sql.version",
      `sqlVersion is refused: "2020" is not a SQL Server version; ${SQL_VERSION} ${SQL_VERSION_FIX}`,
    ],
    [
      "a SQL VM size below the tier",
      { objectCount: 150_000, sqlVmSize: "Standard_E2s_v5" },
      "sizing.memory",
      `sqlVmSize is refused: Standard_E2s_v5 has 16 GB of memory, below the 32 GB the object count needs; ${SIZING_MEMORY} Fix: set sqlVmSize to a D, E or F size (v3 to v6) with at least 32 GB of memory, such as "Standard_E4s_v5", or remove it.`,
    ],
    [
      "a SQL port out of range",
      { objectCount: 150_000, sqlPort: 70_000 },
      "sql.transport",
      "sqlPort is refused: 70000 is not a TCP port; this breaks requirement sql.transport: SQL over TCP/IP, never Named Pipes. Fix: set sqlPort to a port from 1 to 65535, or remove it for 1433.",
    ],
    [
      "a version below 2.5.79.0",
      { entraConnectVersion: "2.4.131.0" },
      "version.minimum",
      `entraConnectVersion is refused: 2.4.131.0 is below the minimum 2.5.79.0; ${VERSION} ${VERSION_FIX}`,
    ],
    [
      "2.5.78.9999",
      { entraConnectVersion: "2.5.78.9999" },
      "version.minimum",
      `entraConnectVersion is refused: 2.5.78.9999 is below the minimum 2.5.79.0; ${VERSION} ${VERSION_FIX}`,
    ],
    [
      "a version that is not a build number",
      { entraConnectVersion: "latest" },
      "version.minimum",
      `entraConnectVersion is refused: "latest" is not a dotted build number; ${VERSION} ${VERSION_FIX}`,
    ],
    [
      "no domain controller",
      { domainControllers: [] },
      "network.dc-ports",
      `domainControllers is refused: no domain controller is given; ${DC} ${DC_FIX}`,
    ],
    [
      "a DC host name",
      { domainControllers: ["dc1.corp"] },
      "network.dc-ports",
      `domainControllers is refused: "dc1.corp" is not an IP address or CIDR; ${DC} ${DC_FIX}`,
    ],
    [
      "RDP from Internet",
      { adminAccessPrefixes: ["Internet"] },
      "tier0.no-internet-inbound",
      `adminAccessPrefixes is refused: "Internet" opens RDP to the internet; ${INTERNET} ${ADMIN_FIX}`,
    ],
    [
      "RDP from *",
      { adminAccessPrefixes: ["10.0.9.0/26", "*"] },
      "tier0.no-internet-inbound",
      `adminAccessPrefixes is refused: "*" opens RDP to the internet; ${INTERNET} ${ADMIN_FIX}`,
    ],
    [
      "RDP from 0.0.0.0/0",
      { adminAccessPrefixes: ["0.0.0.0/0"] },
      "tier0.no-internet-inbound",
      `adminAccessPrefixes is refused: "0.0.0.0/0" ${OUTSIDE}; ${INTERNET} ${ADMIN_FIX}`,
    ],
    [
      "RDP from a /0",
      { adminAccessPrefixes: ["10.0.0.0/0"] },
      "tier0.no-internet-inbound",
      `adminAccessPrefixes is refused: "10.0.0.0/0" ${OUTSIDE}; ${INTERNET} ${ADMIN_FIX}`,
    ],
    // The internet cut in two halves, neither of them /0 (issue 9 item 10).
    [
      "RDP from 0.0.0.0/1 + 128.0.0.0/1",
      { adminAccessPrefixes: ["10.0.9.0/26", "0.0.0.0/1", "128.0.0.0/1"] },
      "tier0.no-internet-inbound",
      `adminAccessPrefixes is refused: "0.0.0.0/1" ${OUTSIDE}; ${INTERNET} ${ADMIN_FIX}`,
    ],
    [
      "RDP from one public host",
      { adminAccessPrefixes: ["8.8.8.8/32"] },
      "tier0.no-internet-inbound",
      `adminAccessPrefixes is refused: "8.8.8.8/32" ${OUTSIDE}; ${INTERNET} ${ADMIN_FIX}`,
    ],
    [
      "RDP from a public IPv6 range",
      { adminAccessPrefixes: ["2001:db8::/32"] },
      "tier0.no-internet-inbound",
      `adminAccessPrefixes is refused: "2001:db8::/32" ${OUTSIDE}; ${INTERNET} ${ADMIN_FIX}`,
    ],
    [
      "RDP from ::/0",
      { adminAccessPrefixes: ["::/0"] },
      "tier0.no-internet-inbound",
      `adminAccessPrefixes is refused: "::/0" ${OUTSIDE}; ${INTERNET} ${ADMIN_FIX}`,
    ],
    [
      "RDP from a range that starts private and ends public",
      { adminAccessPrefixes: ["10.0.0.0/7"] },
      "tier0.no-internet-inbound",
      `adminAccessPrefixes is refused: "10.0.0.0/7" ${OUTSIDE}; ${INTERNET} ${ADMIN_FIX}`,
    ],
    [
      "RDP from an IPv4-mapped public address",
      { adminAccessPrefixes: ["::ffff:8.8.8.8"] },
      "tier0.no-internet-inbound",
      `adminAccessPrefixes is refused: "::ffff:8.8.8.8" ${OUTSIDE}; ${INTERNET} ${ADMIN_FIX}`,
    ],
    [
      "a bad CIDR",
      { adminAccessPrefixes: ["10.0.0.0/33"] },
      "tier0.no-internet-inbound",
      `adminAccessPrefixes is refused: "10.0.0.0/33" is not an IP address or CIDR; ${INTERNET} ${ADMIN_FIX}`,
    ],
    // Issue 9 item 3: the wizard reaches a remote SQL Server with Windows authentication; item 9: LAPS backs up to
    // the computer's AD object, which a never-joined VM does not have; item 4: the SQL VM has its own password.
    [
      "full SQL without a domain join",
      { objectCount: 250_000, domainJoinDomain: undefined, domainJoinAccount: undefined, domainJoinPassword: undefined },
      "os.domain-joined",
      `database is refused: full SQL on its own VM needs a domain join: Entra Connect reaches a remote SQL Server with Windows authentication (the installing admin and the ADSync service account), which needs both servers in the domain and the SQL VM reached by its FQDN; ${JOINED} Fix: ${JOIN_FIX}.`,
    ],
    [
      "LAPS backup to AD (the default) without a domain join",
      { domainJoinDomain: undefined, domainJoinAccount: undefined, domainJoinPassword: undefined },
      "tier0.windows-laps",
      `lapsBackupDirectory is refused: "active-directory" on a server that is never joined to the domain does nothing: Windows LAPS backs up to the computer's own AD object; ${LAPS} Fix: ${JOIN_FIX}, or set lapsBackupDirectory to "entra-id" on a server joined to Entra ID.`,
    ],
    [
      "LAPS backup to AD, named, without a domain join",
      { lapsBackupDirectory: "active-directory", domainJoinDomain: undefined, domainJoinAccount: undefined, domainJoinPassword: undefined },
      "tier0.windows-laps",
      `lapsBackupDirectory is refused: "active-directory" on a server that is never joined to the domain does nothing: Windows LAPS backs up to the computer's own AD object; ${LAPS} Fix: ${JOIN_FIX}, or set lapsBackupDirectory to "entra-id" on a server joined to Entra ID.`,
    ],
    [
      "full SQL without the SQL VM's own password",
      { objectCount: 250_000, sqlAdminPassword: undefined },
      "tier0.windows-laps",
      `sqlAdminPassword is refused: it is missing, and the SQL VM never shares the sync server's administrator password; ${LAPS} Fix: set it as a secret: pulumi config set --secret sqlAdminPassword.`,
    ],
    [
      "an unknown NTLM mode",
      { ntlmMode: "off" },
      "tier0.ntlm",
      'ntlmMode is refused: "off" is not one of "audit" or "deny"; this breaks requirement tier0.ntlm: NTLM restricted on the server (audit, then deny). Fix: set ntlmMode to "audit" or "deny".',
    ],
    [
      "an unknown LAPS directory",
      { lapsBackupDirectory: "none" },
      "tier0.windows-laps",
      'lapsBackupDirectory is refused: "none" is not one of "active-directory" or "entra-id"; this breaks requirement tier0.windows-laps: Windows LAPS manages the local administrator password. Fix: set lapsBackupDirectory to "active-directory" or "entra-id".',
    ],
    [
      "a join account without a domain",
      { domainJoinDomain: undefined },
      "os.domain-joined",
      `domainJoinAccount is refused: it is set but domainJoinDomain is not; ${JOINED} Fix: set domainJoinDomain too, or remove domainJoinAccount.`,
    ],
    [
      "a domain that is not a DNS name",
      { domainJoinDomain: "CORP" },
      "os.domain-joined",
      `domainJoinDomain is refused: "CORP" is not a DNS domain name; ${JOINED} Fix: set domainJoinDomain to the AD DNS domain, such as "corp.example.com".`,
    ],
    [
      "a domain join without an account",
      { domainJoinAccount: undefined },
      "os.domain-joined",
      `domainJoinAccount is refused: it is missing; ${JOINED} Fix: set domainJoinAccount to an account allowed to join computers to corp.example.com.`,
    ],
    [
      "a domain join without a password",
      { domainJoinPassword: undefined },
      "os.domain-joined",
      `domainJoinPassword is refused: it is missing; ${JOINED} Fix: set it as a secret: pulumi config set --secret domainJoinPassword.`,
    ],
  ])("%s", (_, change, requirement, message) => {
    const e = refusalOf(change);
    expect(e.message).toBe(message);
    expect(e.requirement.id).toBe(requirement);
    expect(message.startsWith(`${e.key} is refused: `)).toBe(true);
  });
});

describe("validateEntraConnectServerArgs decides", () => {
  test("the compliant fixture: 2022 Gen2 image, Dsv5 size, Premium disk, LocalDB, newest build, no warning", () => {
    expect(validateEntraConnectServerArgs(base)).toEqual({
      objectCount: 12_000,
      image: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-g2", version: "latest" },
      windowsVersion: "2022",
      sizing: {
        tier: "t1-under-50k",
        vmSize: "Standard_D2s_v5",
        memoryGib: 8,
        osDiskSizeGb: 128,
        database: "localdb",
        licenceNote: "within the default tenant limit of 50,000 objects",
      },
      entraConnectVersion: "2.6.92.0",
      domainControllers: ["10.0.1.4"],
      adminAccessPrefixes: [],
      dnsServers: [],
      restrictOutbound: false,
      ntlmMode: "audit",
      ntlmAllowedServers: [],
      lapsBackupDirectory: "active-directory",
      domainJoin: { domain: "corp.example.com", account: "svc-join" },
      warnings: [],
    });
  });

  test.each([
    [49_999, "t1-under-50k", "Standard_D2s_v5", 128, "localdb"],
    [50_000, "t2-50k-100k", "Standard_D4s_v5", 128, "localdb"],
    [99_999, "t2-50k-100k", "Standard_D4s_v5", 128, "localdb"],
    [100_000, "t3-100k-300k", "Standard_D8s_v5", 512, "sql"],
    [300_000, "t4-300k-600k", "Standard_D8s_v5", 512, "sql"],
    [600_000, "t5-600k-plus", "Standard_D8s_v5", 512, "sql"],
  ])("%d objects with database auto -> %s, %s, %d GB, %s", (objectCount, tier, vmSize, osDiskSizeGb, database) => {
    expect(validateEntraConnectServerArgs({ ...base, objectCount }).sizing).toMatchObject({ tier, vmSize, osDiskSizeGb, database });
  });

  test("full SQL: image, collation, size, data disk, port and max server memory from the catalogue", () => {
    expect(validateEntraConnectServerArgs({ ...base, objectCount: 250_000 }).sql).toEqual({
      version: "2022",
      image: { publisher: "MicrosoftSQLServer", offer: "sql2022-ws2022", sku: "standard-gen2", version: "latest" },
      collation: "SQL_Latin1_General_CP1_CI_AS",
      vmSize: "Standard_E4s_v5",
      memoryGib: 32,
      dataDiskGb: 256,
      port: 1433,
      maxServerMemoryMb: 28_672,
    });
    expect(
      validateEntraConnectServerArgs({ ...base, objectCount: 600_000, sqlVersion: "2019", sqlCollation: "Latin1_General_100_CI_AS" }).sql,
    ).toMatchObject({
      version: "2019",
      image: { offer: "sql2019-ws2022" },
      collation: "Latin1_General_100_CI_AS",
      vmSize: "Standard_E16s_v5",
      dataDiskGb: 1024,
    });
  });

  test.each([
    [["dc01.corp.example.com"], '"dc01.corp.example.com" is not an IP address'],
    [["AzureProvidedDNS", "10.0.1.4"], "AzureProvidedDNS cannot be combined with other addresses"],
  ])("dnsServers %p is refused (issue 9 item 13)", (dnsServers, reason) => {
    expect(refusalOf({ dnsServers }).message).toContain(`dnsServers is refused: ${reason}; this breaks requirement os.domain-joined`);
  });

  test("dnsServers: IP addresses, or AzureProvidedDNS alone", () => {
    expect(validateEntraConnectServerArgs({ ...base, dnsServers: [" 10.0.1.4", "fd00::53"] }).dnsServers).toEqual(["10.0.1.4", "fd00::53"]);
    expect(validateEntraConnectServerArgs({ ...base, dnsServers: ["AzureProvidedDNS"] }).dnsServers).toEqual(["AzureProvidedDNS"]);
    expect(validateEntraConnectServerArgs(base).dnsServers).toEqual([]);
  });

  // Microsoft Learn, "Prerequisites for Microsoft Entra Connect": "mainstream supported SQL Server versions up to
  // SQL Server 2022"; SQL Server 2019's mainstream support ended 2025-02-28 (Microsoft Lifecycle). Issue 9 item 12.
  test("SQL Server 2019 stays possible with a warning naming the end of mainstream support; 2022 warns nothing", () => {
    const v2019 = validateEntraConnectServerArgs({ ...base, objectCount: 150_000, sqlVersion: "2019" });
    expect(v2019.warnings.filter((w) => w.startsWith("sqlVersion"))).toEqual([
      'sqlVersion 2019 is allowed but not recommended: SQL Server 2019: mainstream support ended 2025-02-28; Microsoft supports mainstream supported versions up to 2022. Fix: set sqlVersion to "2022" (the default). (requirement sql.version: Full SQL Server 2019 or 2022 on Windows)',
    ]);
    const v2022 = validateEntraConnectServerArgs({ ...base, objectCount: 150_000 });
    expect(v2022.warnings.filter((w) => w.startsWith("sqlVersion"))).toEqual([]);
  });

  test('database "sql" is allowed below 100,000 objects; LocalDB is never created then', () => {
    const v = validateEntraConnectServerArgs({ ...base, database: "sql" });
    expect(v.sizing.database).toBe("sql");
    expect(v.sql?.vmSize).toBe("Standard_E4s_v5");
  });

  // RFC 1918 (10/8, 172.16/12, 192.168/16), RFC 6598 (100.64/10) and RFC 4193 (fc00::/7): the admin network or the
  // Bastion subnet (a VNet subnet, so inside one of them).
  test.each(["10.0.9.0/26", "172.31.255.0/24", "192.168.1.10", "100.64.0.0/10", "100.127.255.255/32", "fd12:3456::/48", "fc00::/7"])(
    "the private admin prefix %s is accepted",
    (prefix) => {
      expect(validateEntraConnectServerArgs({ ...base, adminAccessPrefixes: [prefix] }).adminAccessPrefixes).toEqual([prefix]);
    },
  );

  test("overrides that meet the tier are kept, in Azure's spelling", () => {
    const v = validateEntraConnectServerArgs({ ...base, objectCount: 60_000, vmSize: "standard_e2s_v5", osDiskSizeGb: 100 });
    expect(v.sizing).toMatchObject({ vmSize: "Standard_E2s_v5", memoryGib: 16, osDiskSizeGb: 100 });
  });

  test.each([
    [79_999, []],
    [
      80_000,
      [
        'database: 80,000 objects on LocalDB come close to its 10 GB cap; full SQL is recommended from 80,000 objects (set database to "sql").',
      ],
    ],
    [
      99_999,
      [
        'database: 99,999 objects on LocalDB come close to its 10 GB cap; full SQL is recommended from 80,000 objects (set database to "sql").',
      ],
    ],
    [100_000, []],
  ])("%d objects: warnings %p", (objectCount, warnings) => {
    expect(validateEntraConnectServerArgs({ ...base, objectCount }).warnings).toEqual(warnings);
  });

  test("2016 and a missing domain join are warnings", () => {
    expect(validateEntraConnectServerArgs({ ...base, osVersion: "2016" }).warnings).toEqual([
      'osVersion "2016": Windows Server 2016 is in extended support only: plan a move to 2022.',
    ]);
    const { domainJoinDomain: _d, domainJoinAccount: _a, domainJoinPassword: _p, ...noJoin } = base;
    expect(validateEntraConnectServerArgs({ ...noJoin, lapsBackupDirectory: "entra-id" }).warnings).toEqual([
      "domainJoinDomain is not set: join the server to the domain before running the Entra Connect wizard.",
    ]);
  });
});
