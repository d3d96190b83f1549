/**
 * What the bootstrap script of the sync server sets beyond TLS 1.2 and .NET: the Entra Connect installer it
 * stages, NTLM restriction (audit, then deny) and the Windows LAPS policy. The component passes these values
 * to the script; the script holds no figure of its own.
 */
import type { RegistryValue } from "./version";

/** Microsoft's download link of the Entra Connect Sync installer (the MSI keeps its historic name). */
export const ENTRA_CONNECT_INSTALLER_URL =
  "https://download.microsoft.com/download/B/0/0/B00291D0-5A83-4DE7-86F5-980BC00DE05A/AzureADConnect.msi";

/** Where the bootstrap script stages the installer on the server. */
export const ENTRA_CONNECT_STAGING_FOLDER = "C:\\EntraConnect";

/** NTLM restriction on the sync server: audit first, deny once the audit log is clean. */
export type NtlmMode = "audit" | "deny";
export const NTLM_MODES: readonly NtlmMode[] = ["audit", "deny"];

const msv10 = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0";

/**
 * The registry values of "Network security: Restrict NTLM" per mode. Audit: log incoming (2 = all accounts)
 * and outgoing (1 = audit all) NTLM, refuse nothing (0). Deny: refuse incoming (2 = deny all accounts) and outgoing (2 = deny all).
 */
export const NTLM_REGISTRY_VALUES: Readonly<Record<NtlmMode, readonly RegistryValue[]>> = {
  audit: [
    { key: msv10, name: "AuditReceivingNTLMTraffic", dword: 2 },
    { key: msv10, name: "RestrictReceivingNTLMTraffic", dword: 0 },
    { key: msv10, name: "RestrictSendingNTLMTraffic", dword: 1 },
  ],
  deny: [
    { key: msv10, name: "AuditReceivingNTLMTraffic", dword: 2 },
    { key: msv10, name: "RestrictReceivingNTLMTraffic", dword: 2 },
    { key: msv10, name: "RestrictSendingNTLMTraffic", dword: 2 },
  ],
};

/** Where Windows LAPS backs up the local administrator password. */
export type LapsBackupDirectory = "entra-id" | "active-directory";
export const LAPS_BACKUP_DIRECTORIES: readonly LapsBackupDirectory[] = ["active-directory", "entra-id"];

const lapsPolicyKey = "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS";

/** The Windows LAPS policy (CSP registry values) for a backup directory: 30-day, 20-character, complex passwords. */
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
