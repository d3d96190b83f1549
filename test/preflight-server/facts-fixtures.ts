/**
 * Facts documents as the collector prints them, written from Microsoft's documented registry values and names.
 * Sources (Microsoft Learn unless said otherwise):
 * - OS: HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion ProductName / CurrentBuildNumber / UBR / EditionID /
 *   InstallationType. InstallationType is "Server" (Desktop Experience), "Server Core", "Nano Server" or "Client"
 *   (the same strings as Win32_OperatingSystem.InstallationType); builds: 14393 = 2016, 17763 = 2019,
 *   20348 = 2022, 26100 = 2025 ("Windows Server release information").
 * - .NET: "How to determine which .NET Framework versions are installed" (dotnet/docs
 *   how-to-determine-which-versions-are-installed.md): NDP\v4\Full Release; 4.7.2 = 461808 (minimum value),
 *   4.8 = 528449 on Windows 11 / Windows Server 2022, 4.8 = 528040 as the minimum of 4.8.
 * - TLS 1.2: "TLS 1.2 enforcement for Microsoft Entra Connect" (reference-connect-tls-enforcement.md): SCHANNEL
 *   Protocols\TLS 1.2\Server and \Client Enabled = 1, DisabledByDefault = 0; .NETFramework\v4.0.30319 (both views)
 *   SystemDefaultTlsVersions = 1, SchUseStrongCrypto = 1.
 * - Restrict NTLM (Security policy settings, "Network security: Restrict NTLM: ..."): MSV1_0
 *   RestrictSendingNTLMTraffic 0 allow all / 1 audit all / 2 deny all; RestrictReceivingNTLMTraffic 0 allow all /
 *   1 deny all domain accounts / 2 deny all accounts; AuditReceivingNTLMTraffic 0 off / 1 domain accounts / 2 all.
 *   Audit events land in Applications and Services Logs\Microsoft\Windows\NTLM\Operational (8001-8003).
 * - Windows LAPS ("Configure policy settings for Windows LAPS", Supported policy roots): CSP
 *   HKLM\Software\Microsoft\Policies\LAPS, Group Policy HKLM\Software\Microsoft\Windows\CurrentVersion\Policies\LAPS,
 *   local configuration ...\CurrentVersion\LAPS\Config, legacy HKLM\Software\Policies\Microsoft Services\AdmPwd;
 *   the first root with a value is the active policy. BackupDirectory 0 disabled (default), 1 Microsoft Entra ID,
 *   2 Active Directory. Events ("Use Windows LAPS event logs"): 10018 AD backup, 10029 Entra backup.
 * - Well-known SIDs ("Well-known SIDs"): Administrators S-1-5-32-544, Remote Desktop Users S-1-5-32-555,
 *   Everyone S-1-1-0, Authenticated Users S-1-5-11; RIDs 500 Administrator, 512 Domain Admins, 513 Domain Users.
 * - ADSync service parameters Server / SQLInstance / DBName under HKLM\SYSTEM\CurrentControlSet\Services\ADSync\
 *   Parameters ([secondary] journeyofthegeek.com, "Azure Active Directory Connect - Behind The Scenes - Part 2");
 *   LocalDB is SQL Server 2019 Express LocalDB with a 10 GB cap (tshoot-connect-recover-from-localdb-10gb-limit).
 * - Pending restart: Component Based Servicing\RebootPending, WindowsUpdate\Auto Update\RebootRequired,
 *   Session Manager PendingFileRenameOperations.
 */
import { LAPS_POLICY_ROOTS, MINIMUM_ENTRA_CONNECT_VERSION, TLS12_REGISTRY_VALUES, tlsFactId } from "../../src/requirements";
import type { ServerFacts } from "../../src/preflight/server";

const GIB = 1024 ** 3;
export const DOMAIN = "S-1-5-21-4444444444-5555555555-6666666666";
export const MACHINE = "S-1-5-21-1111111111-2222222222-3333333333";
export const TIER0_GROUP = "CORP\\Tier0-SyncAdmins";

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A compliant Windows Server 2022 sync server running Entra Connect 2.6.92.0 on LocalDB. */
export function compliant2022(): Writable<ServerFacts> {
  return {
    schemaVersion: 1,
    tool: "entra-gate-server-facts",
    collectedAt: "2026-12-01T09:30:00Z",
    computer: "SYNC01",
    registry: {
      "os.productName": "Windows Server 2022 Datacenter",
      "os.currentBuild": "20348",
      "os.ubr": 2849,
      "os.editionId": "ServerDatacenter",
      "os.installationType": "Server",
      "dotnet.release": 528449,
      ...Object.fromEntries(TLS12_REGISTRY_VALUES.map((v) => [tlsFactId(v.key, v.name), v.dword])),
      // Site to Zone Assignment List: REG_SZ data "2" (Trusted Sites).
      "trustedSite.policy": "2",
      "trustedSite.policy-host": null,
      "trustedSite.domains": null,
      "trustedSite.esc-domains": null,
      "ntlm.restrictSending": 2,
      "ntlm.restrictReceiving": 2,
      "ntlm.auditReceiving": 2,
      "laps.csp": null,
      "laps.csp.BackupDirectory": null,
      "laps.csp.PasswordAgeDays": null,
      "laps.group-policy": 6,
      "laps.group-policy.BackupDirectory": 2,
      "laps.group-policy.PasswordAgeDays": 30,
      "laps.local-configuration": null,
      "laps.local-configuration.BackupDirectory": null,
      "laps.local-configuration.PasswordAgeDays": null,
      "laps.legacy.AdmPwdEnabled": null,
      "adsync.imagePath": '"C:\\Program Files\\Microsoft Azure AD Sync\\Bin\\miiserver.exe"',
      "adsync.sqlServer": "(localdb)\\.\\ADSync2019",
      "reboot.cbs": null,
      "reboot.windowsUpdate": null,
      "reboot.fileRenames": null,
    },
    executionPolicy: {
      MachinePolicy: "Undefined",
      UserPolicy: "Undefined",
      Process: "Bypass",
      CurrentUser: "Undefined",
      LocalMachine: "RemoteSigned",
    },
    trustedSiteUsers: [],
    ntlmAuditEvents: 0,
    lapsLastBackup: "2026-11-20T03:12:45Z",
    administrators: {
      count: 2,
      members: [
        { name: "SYNC01\\entraadmin", sid: `${MACHINE}-500` },
        { name: "CORP\\Domain Admins", sid: `${DOMAIN}-512` },
      ],
    },
    remoteDesktopUsers: { count: 1, members: [{ name: TIER0_GROUP, sid: `${DOMAIN}-1105` }] },
    remoteLogonRight: [
      { name: "BUILTIN\\Administrators", sid: "S-1-5-32-544" },
      { name: "BUILTIN\\Remote Desktop Users", sid: "S-1-5-32-555" },
    ],
    entraConnectUninstall: [{ name: "Microsoft Entra Connect Sync", version: "2.6.92.0" }],
    adSyncServiceVersion: "2.6.92.0",
    localDbFiles: [
      { name: "ADSync.mdf", bytes: Math.round(1.5 * GIB) },
      { name: "ADSync_log.ldf", bytes: Math.round(0.25 * GIB) },
    ],
    memoryMb: 8192,
    sqlInstances: [],
    tlsChain: ["login.microsoftonline.com", "Microsoft Azure RSA TLS Issuing CA 04", "DigiCert Global Root G2"],
  };
}

/** A compliant 2022 server before Entra Connect is installed (a pre-install gate). */
export function preInstall2022(): Writable<ServerFacts> {
  const f = compliant2022();
  return {
    ...f,
    registry: { ...f.registry, "adsync.imagePath": null, "adsync.sqlServer": null },
    entraConnectUninstall: [],
    adSyncServiceVersion: null,
    localDbFiles: [],
  };
}

/** The compliant server with some registry facts replaced. */
export function withRegistry(patch: ServerFacts["registry"], base: ServerFacts = compliant2022()): ServerFacts {
  return { ...base, registry: { ...base.registry, ...patch } };
}

/** The compliant server with some facts replaced. */
export function withFacts(patch: Partial<ServerFacts>, base: ServerFacts = compliant2022()): ServerFacts {
  return { ...base, ...patch };
}

export const LAPS_SOURCES = LAPS_POLICY_ROOTS.map((r) => r.source);
export { GIB, MINIMUM_ENTRA_CONNECT_VERSION };
