/**
 * The nine categories of Entra Connect prerequisites (plus sizing), and the named requirements that every
 * component refusal, policy violation and preflight finding cites. A finding says which requirement it
 * breaks by quoting one of these ids and titles.
 */
export type CategoryId =
  "version" | "cloud" | "install-account" | "active-directory" | "soft-hard-match" | "tier0" | "server-os" | "sql" | "network" | "sizing";

export interface Category {
  readonly id: CategoryId;
  readonly title: string;
}

/** The categories in the order of the field guide. */
export const CATEGORIES: readonly Category[] = [
  { id: "version", title: "Entra Connect version, .NET and TLS 1.2" },
  { id: "cloud", title: "Cloud side: tenant, verified domain, object limits" },
  { id: "install-account", title: "Installing account and its roles" },
  { id: "active-directory", title: "On-premises Active Directory" },
  { id: "soft-hard-match", title: "Soft match and hard-match takeover" },
  { id: "tier0", title: "Tier 0 hardening" },
  { id: "server-os", title: "Server operating system" },
  { id: "sql", title: "SQL Server database" },
  { id: "network", title: "Network path to DCs and to Entra ID" },
  { id: "sizing", title: "Sizing from the object count" },
];

export interface Requirement {
  readonly id: string;
  readonly category: CategoryId;
  /** One sentence, as a reader would quote it in a change request. */
  readonly title: string;
}

function req(id: string, category: CategoryId, title: string): Requirement {
  return { id, category, title };
}

/** Every requirement that code in this project enforces, by id. */
export const REQUIREMENTS = {
  minimumVersion: req("version.minimum", "version", "Entra Connect 2.5.79.0 or later (older builds stopped syncing after 2026-09-30)"),
  dotnet: req("version.dotnet", "version", ".NET Framework 4.7.2 or later"),
  tls12: req("version.tls12", "version", "TLS 1.2 enabled for SCHANNEL and .NET"),
  installerVerified: req(
    "version.installer-verified",
    "version",
    "The installer staged from the customer's copy and verified: SHA-256, Microsoft signature, MSI ProductVersion",
  ),
  verifiedDomain: req("cloud.verified-domain", "cloud", "A verified custom domain in the tenant"),
  tenantObjectLimit: req("cloud.object-limit", "cloud", "The forest's object count within the tenant's object limit"),
  installerRole: req(
    "install-account.role",
    "install-account",
    "Installer holds Global Administrator or Hybrid Identity Administrator, assigned directly",
  ),
  forestFunctionalLevel: req("ad.forest-functional-level", "active-directory", "Forest functional level Windows Server 2003 or later"),
  writableDc: req("ad.writable-dc", "active-directory", "A writable domain controller as the target (no RODC)"),
  netbiosName: req("ad.netbios-name", "active-directory", "NetBIOS domain names without a dot"),
  recycleBin: req("ad.recycle-bin", "active-directory", "AD Recycle Bin enabled (recommended)"),
  directoryData: req("ad.directory-data", "active-directory", "Directory data clean for synchronisation"),
  softHardMatch: req("match.block", "soft-hard-match", "Soft match and hard-match takeover blocked in the tenant"),
  noPublicIp: req("tier0.no-public-ip", "tier0", "No public IP on a Tier-0 sync server"),
  noInternetInbound: req(
    "tier0.no-internet-inbound",
    "tier0",
    "No inbound access from the internet; admin access only from named admin networks or Bastion",
  ),
  trustedLaunch: req("tier0.trusted-launch", "tier0", "Trusted Launch with secure boot and vTPM"),
  encryptionAtHost: req("tier0.encryption-at-host", "tier0", "Encryption at host (recommended)"),
  verifiableType: req("tier0.verifiable-type", "tier0", "Every resource tagged entra-connect-role is of a type the policy pack can verify"),
  ntlmRestricted: req("tier0.ntlm", "tier0", "NTLM restricted on the server (audit, then deny)"),
  windowsLaps: req("tier0.windows-laps", "tier0", "Windows LAPS manages the local administrator password"),
  // Tier 0 in the field guide; filed under the accounts category so that a tenant read can never make the server's
  // Tier-0 hardening category look checked.
  adminMfa: req(
    "install-account.admin-mfa",
    "install-account",
    "MFA registered and enforced for every holder of a role that can take over the sync or the tenant, and for the installer",
  ),
  localAdmins: req(
    "tier0.local-admins",
    "tier0",
    "Administrators and Remote Desktop access on the sync server only for Tier-0 groups (never Everyone, Authenticated Users or Domain Users)",
  ),
  domainJoined: req("os.domain-joined", "server-os", "The sync server is joined to an Active Directory domain"),
  osSupported: req("os.supported", "server-os", "Windows Server 2022 (recommended) or 2019 with Desktop Experience"),
  osDesktopExperience: req("os.desktop-experience", "server-os", "Desktop Experience (no Server Core or Nano)"),
  executionPolicy: req("os.execution-policy", "server-os", "PowerShell execution policy RemoteSigned"),
  noPendingRestart: req(
    "os.no-pending-restart",
    "server-os",
    "No restart pending before installing (registry changes such as TLS 1.2 apply after a restart)",
  ),
  sqlVersion: req("sql.version", "sql", "Full SQL Server 2019 or 2022 on Windows"),
  sqlEngine: req("sql.engine", "sql", "No Azure SQL Database or Managed Instance as the sync database"),
  sqlCollation: req("sql.collation", "sql", "Case-insensitive (_CI_) SQL collation"),
  sqlDedicated: req("sql.dedicated", "sql", "A SQL instance dedicated to one sync engine"),
  sqlTransport: req("sql.transport", "sql", "SQL over TCP/IP, never Named Pipes"),
  sqlMaxMemory: req(
    "sql.max-memory",
    "sql",
    "max server memory capped so 4 GB stay for Windows and the sync engine when SQL shares the server",
  ),
  sqlPermissions: req(
    "sql.permissions",
    "sql",
    "The installer has sysadmin, or is dbo of a pre-created ADSync database (delegated install)",
  ),
  sqlServiceAccount: req(
    "sql.service-account",
    "sql",
    "The sync service account has a login of its own that is dbo of a pre-created ADSync database",
  ),
  localDbLimit: req("sql.localdb-limit", "sql", "LocalDB only below 100,000 objects (10 GB cap)"),
  dcPorts: req("network.dc-ports", "network", "The DC port table open from the sync server to every DC"),
  entraEndpoints: req("network.entra-endpoints", "network", "Outbound HTTPS to the Entra ID endpoints"),
  mfaTrustedSite: req("network.mfa-trusted-site", "network", "The MFA sign-in site in the Trusted Sites zone for the installing admin"),
  noTlsInspection: req("network.no-tls-inspection", "network", "No TLS inspection between the sync server and Entra ID"),
  sizingTier: req("sizing.tier", "sizing", "The sync server and its database sized from the AD object count (Microsoft's sizing table)"),
  sizingMemory: req("sizing.memory", "sizing", "VM memory meets the sizing tier of the object count"),
  sizingDisk: req("sizing.disk", "sizing", "OS disk meets the sizing tier of the object count"),
} as const satisfies Record<string, Requirement>;

export type RequirementKey = keyof typeof REQUIREMENTS;

/** "os.supported (Windows Server 2022 ...)": how messages cite a requirement. */
export function cite(requirement: Requirement): string {
  return `requirement ${requirement.id}: ${requirement.title}`;
}
