/**
 * What the bootstrap script sets on the sync server and on the SQL VM beyond TLS 1.2 and .NET: NTLM restriction
 * (audit, then deny with exceptions), the Windows LAPS policy, the MFA Trusted Site, and how the Entra Connect
 * installer is staged and verified. The component turns these into the script's data block; the script holds
 * no figure of its own.
 */
import {
  LAPS_POLICY_ROOTS,
  MSV1_0_KEY,
  NTLM_INCOMING_DENY_DOMAIN_ACCOUNTS,
  NTLM_OUTGOING_AUDIT,
  NTLM_OUTGOING_DENY,
  TRUSTED_SITES_ZONE,
  TRUSTED_SITE_LOCATIONS,
  WELL_KNOWN_SIDS,
} from "./server-facts";
import type { RegistryValue } from "./version";

/**
 * One registry value the bootstrap writes. `type` is what PowerShell's New-ItemProperty takes as -PropertyType
 * (REG_DWORD, REG_SZ, REG_MULTI_SZ).
 */
export type RegistrySetting =
  | { readonly path: string; readonly name: string; readonly type: "DWord"; readonly value: number }
  | { readonly path: string; readonly name: string; readonly type: "String"; readonly value: string }
  | { readonly path: string; readonly name: string; readonly type: "MultiString"; readonly value: readonly string[] };

/** A registry value the bootstrap removes when present (a setting that must not linger from an earlier run). */
export interface RegistryName {
  readonly path: string;
  readonly name: string;
}

/** DWORD values as registry settings. */
export function dwordSettings(values: readonly RegistryValue[]): RegistrySetting[] {
  return values.map((v) => ({ path: v.key, name: v.name, type: "DWord", value: v.dword }));
}

/** Where the bootstrap keeps its log and, on the sync server, the staged installer and its README. */
export const ENTRA_CONNECT_STAGING_FOLDER = "C:\\EntraConnect";

/**
 * The only principals on the staging folder (inheritance removed), as well-known SIDs so that a localized
 * Windows resolves them: LocalSystem and BUILTIN\Administrators.
 */
export const STAGING_FOLDER_SIDS: readonly string[] = [WELL_KNOWN_SIDS.localSystem, WELL_KNOWN_SIDS.administrators];

/** The file name the staged installer gets (Microsoft's MSI keeps its historic name). */
export const ENTRA_CONNECT_INSTALLER_FILE = "AzureADConnect.msi";

/**
 * The Authenticode signer the staged MSI must carry: an element of its signing certificate's subject.
 * Microsoft signs the Entra Connect MSI as "CN=Microsoft Corporation, O=Microsoft Corporation, ...".
 */
export const ENTRA_CONNECT_SIGNER = "O=Microsoft Corporation";

/** Deadline of the installer download, in seconds (the MSI is about 150 MB). */
export const INSTALLER_DOWNLOAD_TIMEOUT_SECONDS = 1800;
/** Size cap of the downloaded installer: anything larger is removed before it is verified. */
export const INSTALLER_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Caps on what the stack adds to the bootstrap's command line, so that it stays below cmd.exe's 8,191
 * characters whatever the values (a test packs the worst case): installerUrl (a blob SAS URL is about 250),
 * and the outbound NTLM exception list.
 */
export const INSTALLER_URL_MAX_LENGTH = 512;
export const NTLM_ALLOWED_SERVERS_MAX = 8;
export const NTLM_SERVER_NAME_MAX_LENGTH = 64;

/** Where an admin downloads the installer when the stack gives no installerUrl. */
export const ENTRA_CONNECT_DOWNLOAD_LOCATION =
  "the Microsoft Entra admin center (https://entra.microsoft.com): Entra ID > Entra Connect > Get started > Download Connect Sync Agent";

/** NTLM restriction on the servers: audit first, deny (with exceptions) once the audit log is clean. */
export type NtlmMode = "audit" | "deny";
export const NTLM_MODES: readonly NtlmMode[] = ["audit", "deny"];

/**
 * "Network security: Restrict NTLM: Add remote server exceptions for NTLM authentication": REG_MULTI_SZ of the
 * server names (NetBIOS or DNS, one `*` wildcard allowed) this server may still send NTLM to under deny.
 */
export const NTLM_ALLOWED_SERVERS_VALUE = "ClientAllowedNTLMServers";

/**
 * The DWORD values of "Network security: Restrict NTLM" per mode.
 * - AuditReceivingNTLMTraffic 2: audit incoming NTLM of all accounts (both modes).
 * - RestrictReceivingNTLMTraffic (incoming): audit 0 = allow all; deny 1 = deny all domain accounts. Local
 *   accounts still sign in with NTLM: the LAPS-managed local administrator through Bastion or from the admin
 *   network (the NSG admits RDP from nowhere else). 2 (deny all accounts) would lock that account out.
 * - RestrictSendingNTLMTraffic (outgoing): audit 1 = audit all; deny 2 = deny all, except the servers in
 *   ClientAllowedNTLMServers (`ntlmAllowedServers`).
 */
export const NTLM_REGISTRY_VALUES: Readonly<Record<NtlmMode, readonly RegistryValue[]>> = {
  audit: [
    { key: MSV1_0_KEY, name: "AuditReceivingNTLMTraffic", dword: 2 },
    { key: MSV1_0_KEY, name: "RestrictReceivingNTLMTraffic", dword: 0 },
    { key: MSV1_0_KEY, name: "RestrictSendingNTLMTraffic", dword: NTLM_OUTGOING_AUDIT },
  ],
  deny: [
    { key: MSV1_0_KEY, name: "AuditReceivingNTLMTraffic", dword: 2 },
    { key: MSV1_0_KEY, name: "RestrictReceivingNTLMTraffic", dword: NTLM_INCOMING_DENY_DOMAIN_ACCOUNTS },
    { key: MSV1_0_KEY, name: "RestrictSendingNTLMTraffic", dword: NTLM_OUTGOING_DENY },
  ],
};

/**
 * The NTLM registry state for a mode: the DWORDs, plus the outbound exception list under deny when servers are
 * given; otherwise the exception list is removed, so no exception lingers from an earlier deny.
 */
export function ntlmRegistry(
  mode: NtlmMode,
  allowedServers: readonly string[],
): { readonly set: readonly RegistrySetting[]; readonly remove: readonly RegistryName[] } {
  const exceptions = { path: MSV1_0_KEY, name: NTLM_ALLOWED_SERVERS_VALUE };
  const set = dwordSettings(NTLM_REGISTRY_VALUES[mode]);
  if (mode === "deny" && allowedServers.length > 0) {
    return { set: [...set, { ...exceptions, type: "MultiString", value: [...allowedServers] }], remove: [] };
  }
  return { set, remove: [exceptions] };
}

/** Where Windows LAPS backs up the local administrator password. */
export type LapsBackupDirectory = "entra-id" | "active-directory";
export const LAPS_BACKUP_DIRECTORIES: readonly LapsBackupDirectory[] = ["active-directory", "entra-id"];

/**
 * Where the bootstrap writes the Windows LAPS policy: the Group Policy root (the key the LAPS administrative
 * template writes, from a domain GPO or the local one), one of the roots the `laps` preflight reads. Windows LAPS
 * queries the CSP root first: a LAPS policy from Intune (the CSP root holds any value) replaces this one whole,
 * never setting by setting; a domain GPO that configures Windows LAPS writes into this same key, so its settings
 * take over the ones it configures. Not the CSP root: that is the LAPS CSP's (Intune's).
 */
const lapsPolicyKey = LAPS_POLICY_ROOTS.find((r) => r.source === "group-policy")!.key;

/** The Windows LAPS policy values (Group Policy root) for a backup directory: 30-day, 20-character, complex passwords. */
export function windowsLapsPolicy(directory: LapsBackupDirectory): readonly RegistryValue[] {
  return [
    { key: lapsPolicyKey, name: "BackupDirectory", dword: directory === "entra-id" ? 1 : 2 },
    { key: lapsPolicyKey, name: "PasswordAgeDays", dword: 30 },
    { key: lapsPolicyKey, name: "PasswordLength", dword: 20 },
    { key: lapsPolicyKey, name: "PasswordComplexity", dword: 4 },
    // 3: reset the password and log the account off after it has been used.
    { key: lapsPolicyKey, name: "PostAuthenticationActions", dword: 3 },
    { key: lapsPolicyKey, name: "PostAuthenticationResetDelay", dword: 24 },
  ];
}

/**
 * "Site to Zone Assignment List" (machine policy): a REG_SZ per site under ZoneMapKey whose data is the zone
 * number, as a string; the bootstrap writes the MFA site there, in the Trusted Sites zone.
 */
export const SITE_TO_ZONE_KEY = `HKLM:\\${TRUSTED_SITE_LOCATIONS[0].key}`;
export const TRUSTED_SITES_ZONE_DATA = String(TRUSTED_SITES_ZONE);
