/**
 * What `preflight server` reads on the sync server and the figures it judges the facts with. The collector
 * script (`entra-gate server-script`) holds no decision: it reads the registry values, groups, files and
 * endpoint named here, as a data block generated from this file, and prints them as one JSON document of facts.
 */
import type { WindowsServerVersion } from "./images";
import { DOTNET_RELEASE_KEY, MFA_TRUSTED_SITE, TLS12_REGISTRY_VALUES } from "./version";

/** The version of the facts document; `preflight server` refuses another. */
export const SERVER_FACTS_SCHEMA_VERSION = 1;
/** The `tool` field of a facts document. */
export const SERVER_FACTS_TOOL = "entra-gate-server-facts";

/**
 * Azure's action Run Command returns only the last 4,096 bytes of a script's output: a facts document longer
 * than this is printed gzipped and base64-encoded instead.
 */
export const RUN_COMMAND_OUTPUT_LIMIT_BYTES = 4096;

/**
 * A registry value the collector reads (null when absent); without `name`, the number of values the key holds
 * (null when the key does not exist).
 */
export interface RegistryFact {
  readonly key: string;
  readonly name?: string;
}

const currentVersion = "HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
/** The MSV1_0 key that holds every "Network security: Restrict NTLM" value of a member server. */
export const MSV1_0_KEY = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0";

/** The short fact id of a TLS 1.2 registry value, e.g. "tls.schannel-server.Enabled", "tls.netfx-wow64.SchUseStrongCrypto". */
export function tlsFactId(key: string, name: string): string {
  const where = key.includes("SCHANNEL")
    ? `schannel-${key.endsWith("Server") ? "server" : "client"}`
    : key.includes("WOW6432Node")
      ? "netfx-wow64"
      : "netfx";
  return `tls.${where}.${name}`;
}

/**
 * The Windows LAPS policy roots, in the order Windows LAPS queries them: the first root with any value is the
 * active policy (Microsoft Learn, "Configure policy settings for Windows LAPS", Supported policy roots).
 */
export const LAPS_POLICY_ROOTS = [
  { source: "csp", key: "HKLM:\\SOFTWARE\\Microsoft\\Policies\\LAPS" },
  { source: "group-policy", key: "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS" },
  { source: "local-configuration", key: "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\LAPS\\Config" },
] as const;
export type LapsPolicySource = (typeof LAPS_POLICY_ROOTS)[number]["source"];
/** Legacy Microsoft LAPS (AdmPwd): still a managed password, but not Windows LAPS. */
export const LEGACY_LAPS_KEY = "HKLM:\\SOFTWARE\\Policies\\Microsoft Services\\AdmPwd";
/** Windows LAPS `BackupDirectory`: 0 disabled, 1 Microsoft Entra ID, 2 Active Directory. */
export const LAPS_BACKUP_DIRECTORY_NAMES: Readonly<Record<number, string>> = {
  0: "disabled",
  1: "Microsoft Entra ID",
  2: "Active Directory",
};

/** The Internet Explorer zone number of Trusted Sites. */
export const TRUSTED_SITES_ZONE = 2;

const mfaHost = new URL(MFA_TRUSTED_SITE).hostname;
/** "secure.aadcdn" under "microsoftonline-p.com": how ZoneMap\Domains splits the MFA site's host name. */
const mfaDomainKey = `${mfaHost.split(".").slice(-2).join(".")}\\${mfaHost.split(".").slice(0, -2).join(".")}`;
const internetSettings = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings";

/**
 * Where the MFA site can sit in Trusted Sites, relative to a hive (HKLM for the machine, each loaded user hive
 * under HKEY_USERS for the admins signed in): the Site to Zone Assignment List policy (value name = site, data =
 * the zone as a string), and the ZoneMap that Internet Options writes (Domains, or EscDomains while Internet
 * Explorer Enhanced Security Configuration is on; value = scheme, data = the zone as a DWORD).
 */
export const TRUSTED_SITE_LOCATIONS = [
  { id: "policy", key: "SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMapKey", name: MFA_TRUSTED_SITE },
  { id: "policy-host", key: "SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMapKey", name: mfaHost },
  { id: "domains", key: `${internetSettings}\\ZoneMap\\Domains\\${mfaDomainKey}`, name: "https" },
  { id: "esc-domains", key: `${internetSettings}\\ZoneMap\\EscDomains\\${mfaDomainKey}`, name: "https" },
] as const;

/** The registry facts, by id: every registry path and value name the collector reads. */
export const SERVER_REGISTRY_FACTS: Readonly<Record<string, RegistryFact>> = {
  "os.productName": { key: currentVersion, name: "ProductName" },
  "os.currentBuild": { key: currentVersion, name: "CurrentBuildNumber" },
  "os.ubr": { key: currentVersion, name: "UBR" },
  "os.editionId": { key: currentVersion, name: "EditionID" },
  "os.installationType": { key: currentVersion, name: "InstallationType" },
  "dotnet.release": { key: DOTNET_RELEASE_KEY, name: "Release" },
  ...Object.fromEntries(TLS12_REGISTRY_VALUES.map((v) => [tlsFactId(v.key, v.name), { key: v.key, name: v.name }])),
  ...Object.fromEntries(TRUSTED_SITE_LOCATIONS.map((l) => [`trustedSite.${l.id}`, { key: `HKLM:\\${l.key}`, name: l.name }])),
  "ntlm.restrictSending": { key: MSV1_0_KEY, name: "RestrictSendingNTLMTraffic" },
  "ntlm.restrictReceiving": { key: MSV1_0_KEY, name: "RestrictReceivingNTLMTraffic" },
  "ntlm.auditReceiving": { key: MSV1_0_KEY, name: "AuditReceivingNTLMTraffic" },
  ...Object.fromEntries(
    LAPS_POLICY_ROOTS.flatMap((r) => [
      [`laps.${r.source}`, { key: r.key }],
      [`laps.${r.source}.BackupDirectory`, { key: r.key, name: "BackupDirectory" }],
      [`laps.${r.source}.PasswordAgeDays`, { key: r.key, name: "PasswordAgeDays" }],
    ]),
  ),
  "laps.legacy.AdmPwdEnabled": { key: LEGACY_LAPS_KEY, name: "AdmPwdEnabled" },
  "adsync.imagePath": { key: "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\ADSync", name: "ImagePath" },
  "adsync.sqlServer": { key: "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\ADSync\\Parameters", name: "Server" },
  "reboot.cbs": { key: "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending" },
  "reboot.windowsUpdate": { key: "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired" },
  "reboot.fileRenames": { key: "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager", name: "PendingFileRenameOperations" },
};

/** Keys whose existence (and a value whose presence) means a restart is pending. */
export const PENDING_REBOOT_FACTS = ["reboot.cbs", "reboot.windowsUpdate", "reboot.fileRenames"] as const;

/** `InstallationType` under Windows NT\CurrentVersion, as Windows writes it. */
export const INSTALLATION_TYPES = { server: "Server", core: "Server Core", nano: "Nano Server", client: "Client" } as const;

/** Windows Server releases by build number (`CurrentBuildNumber`). */
export const WINDOWS_SERVER_BUILDS: Readonly<Record<string, WindowsServerVersion>> = {
  "6001": "2008",
  "6002": "2008",
  "7600": "2008-r2",
  "7601": "2008-r2",
  "9200": "2012",
  "9600": "2012-r2",
  "14393": "2016",
  "17763": "2019",
  "20348": "2022",
  "26100": "2025",
};

/** `EditionID` of Windows Server Essentials and Small Business Server. */
export const ESSENTIALS_EDITION_IDS = [
  "ServerSolution",
  "ServerSolutionEm",
  "ServerHomeStandard",
  "ServerHomePremium",
  "ServerSBSStandard",
  "ServerSBSPrime",
] as const;

/** PowerShell's execution policy on Windows Server when no scope sets one. */
export const WINDOWS_SERVER_DEFAULT_EXECUTION_POLICY = "RemoteSigned";
/** Policies that let the installer's scripts run but sign nothing: weaker than RemoteSigned. */
export const PERMISSIVE_EXECUTION_POLICIES = ["Unrestricted", "Bypass"] as const;

/** Restrict NTLM values: outgoing 0 allow, 1 audit all, 2 deny all; incoming 0 allow, 1 deny domain accounts, 2 deny all. */
export const NTLM_OUTGOING_AUDIT = 1;
export const NTLM_OUTGOING_DENY = 2;
export const NTLM_INCOMING_DENY_DOMAIN_ACCOUNTS = 1;
/** Audit incoming NTLM traffic: 1 domain accounts, 2 all accounts. */
export const NTLM_INCOMING_AUDIT_DOMAIN_ACCOUNTS = 1;

/** The NTLM log and its audit events (8001 outgoing, 8002 incoming, 8003 domain) the collector counts. */
export const NTLM_OPERATIONAL_LOG = "Microsoft-Windows-NTLM/Operational";
export const NTLM_AUDIT_EVENT_IDS = [8001, 8002, 8003] as const;
/** Windows LAPS log and its "password backed up" events: 10018 Active Directory, 10029 Microsoft Entra ID. */
export const LAPS_OPERATIONAL_LOG = "Microsoft-Windows-LAPS/Operational";
export const LAPS_PASSWORD_BACKED_UP_EVENT_IDS = [10018, 10029] as const;
/** How many events the collector reads back at most, so a busy log cannot stall it. */
export const EVENT_LOG_READ_CAP = 1000;

/** Well-known SIDs. */
export const WELL_KNOWN_SIDS = {
  localSystem: "S-1-5-18",
  administrators: "S-1-5-32-544",
  remoteDesktopUsers: "S-1-5-32-555",
  everyone: "S-1-1-0",
  authenticatedUsers: "S-1-5-11",
  users: "S-1-5-32-545",
  interactive: "S-1-5-4",
} as const;
/** Relative ids in a domain or machine SID: the built-in Administrator, Domain Admins, Domain Users. */
export const ADMINISTRATOR_RID = 500;
export const DOMAIN_ADMINS_RID = 512;
export const DOMAIN_USERS_RID = 513;
/** The user right behind "Allow log on through Remote Desktop Services". */
export const REMOTE_LOGON_RIGHT = "SeRemoteInteractiveLogonRight";

/** Principals that must never hold administration or Remote Desktop access on a Tier-0 server. */
export const BROAD_PRINCIPAL_SIDS = [
  WELL_KNOWN_SIDS.everyone,
  WELL_KNOWN_SIDS.authenticatedUsers,
  WELL_KNOWN_SIDS.users,
  WELL_KNOWN_SIDS.interactive,
] as const;

/** The uninstall entries (DisplayName) of Entra Connect Sync, current and historic names. */
export const ENTRA_CONNECT_UNINSTALL_NAMES = [
  "Microsoft Entra Connect Sync",
  "Microsoft Entra Connect",
  "Microsoft Azure AD Connect",
  "Microsoft Azure Active Directory Connect",
] as const;
export const UNINSTALL_KEYS = [
  "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
  "HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
] as const;

/** Where the installer keeps the LocalDB files of the ADSync database (searched recursively for ADSync*.mdf/.ldf). */
export const ADSYNC_DATA_FOLDER = "C:\\Program Files\\Microsoft Azure AD Sync\\Data";
/** The ADSync service's `Server` parameter names a LocalDB instance when it starts with this. */
export const LOCALDB_SERVER_PREFIX = "(localdb)";
/** LocalDB size: warn from 8 GB, fail from 9.5 GB of the 10 GB cap (GB = 1024^3 bytes). */
export const LOCALDB_SIZE_WARN_GB = 8;
export const LOCALDB_SIZE_FAIL_GB = 9.5;

/** Services of full SQL Server instances: MSSQLSERVER (default) and MSSQL$NAME (named). */
export const SQL_SERVICE_NAME_PATTERN = "^(MSSQLSERVER|MSSQL\\$.+)$";

/** The endpoint whose certificate chain the collector records, from the server itself. */
export const TLS_PROBE_HOST = "login.microsoftonline.com";
export const TLS_PROBE_PORT = 443;
/** Deadline of the collector's TLS probe and SQL queries, in milliseconds. */
export const COLLECTOR_TIMEOUT_MS = 10_000;

/** At most this many members of a group are listed in the facts (the document must stay compact). */
export const GROUP_MEMBERS_CAP = 25;
/** Text fields of the facts document are cut at this many characters. */
export const FACT_TEXT_CAP = 120;
