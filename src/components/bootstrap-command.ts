/**
 * The bootstrap of the sync server and of the SQL VM: the readable PowerShell file in src/components/bootstrap/,
 * and the data block it reads, built from the catalogue. The CustomScriptExtension runs one short command that
 * unpacks both. The script decides nothing: what it writes, checks and stages is all in the data block.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  DOTNET_MINIMUM_RELEASE,
  DOTNET_RECOMMENDED_RELEASE,
  DOTNET_RELEASE_KEY,
  ENTRA_CONNECT_DOWNLOAD_LOCATION,
  ENTRA_CONNECT_INSTALLER_FILE,
  ENTRA_CONNECT_SIGNER,
  ENTRA_CONNECT_STAGING_FOLDER,
  INSTALLER_DOWNLOAD_TIMEOUT_SECONDS,
  INSTALLER_MAX_BYTES,
  MFA_TRUSTED_SITE,
  MINIMUM_ENTRA_CONNECT_VERSION,
  REQUIRED_EXECUTION_POLICY,
  ROLE_TAG_VALUES,
  SITE_TO_ZONE_KEY,
  STAGING_FOLDER_SIDS,
  TLS12_REGISTRY_VALUES,
  TRUSTED_SITES_ZONE_DATA,
  dwordSettings,
  ntlmRegistry,
  windowsLapsPolicy,
  type LapsBackupDirectory,
  type NtlmMode,
  type RegistryName,
  type RegistrySetting,
  type RoleTagValue,
} from "../requirements";
import { packageRoot } from "./package-root";

/** The script, relative to the package root (it is not compiled, so dist/ has no copy). */
export const BOOTSTRAP_SCRIPT = join("src", "components", "bootstrap", "entra-connect-bootstrap.ps1");

/** The hardening both servers get: TLS 1.2, NTLM restriction, Windows LAPS and the execution policy. */
export interface HardeningOptions {
  readonly ntlmMode: NtlmMode;
  /** Outbound NTLM exceptions under `deny` (ClientAllowedNTLMServers). Default: none. */
  readonly ntlmAllowedServers?: readonly string[];
  readonly lapsBackupDirectory: LapsBackupDirectory;
}

/** The customer's copy of the Entra Connect installer: an https URL and the SHA-256 of the file behind it. */
export interface InstallerSource {
  readonly url: string;
  /** 64 hexadecimal digits, upper case (as PowerShell's Get-FileHash writes them). */
  readonly sha256: string;
}

/** The sync server: the hardening, the .NET check, the MFA Trusted Site and the installer. */
export interface BootstrapOptions extends HardeningOptions {
  /** The Entra Connect build the staged MSI must reach (its ProductVersion is checked against it). */
  readonly entraConnectVersion: string;
  /** Where the installer comes from. Default: none; nothing is downloaded and the README says where to get it. */
  readonly installer?: InstallerSource;
}

/** A registry value the script checks against a minimum: below it, the extension fails or warns. */
export interface RegistryThreshold {
  readonly path: string;
  readonly name: string;
  readonly minimum: number;
  readonly onBelow: "fail" | "warn";
  /** What the minimum stands for, for the message. */
  readonly what: string;
  readonly fix: string;
}

/** How the sync server stages the installer. */
export interface InstallerConfig {
  readonly fileName: string;
  /** null: nothing is downloaded; the README says where an admin downloads the installer. */
  readonly source: InstallerSource | null;
  /** An element the Authenticode signer certificate's subject must hold. */
  readonly signer: string;
  readonly timeoutSeconds: number;
  readonly maxBytes: number;
  /** The MSI's ProductVersion must be at least each of these; a failure names the one it is below. */
  readonly minimumVersions: readonly { readonly version: string; readonly what: string }[];
  /** The lines of README.txt in the staging folder. */
  readonly readme: readonly string[];
}

/** The data block the script reads (its -ConfigJson parameter): every figure comes from the catalogue. */
export interface BootstrapConfig {
  readonly role: RoleTagValue;
  /** The working folder (log; on the sync server the installer and its README). */
  readonly folder: string;
  /** The only SIDs with access to the folder. */
  readonly folderAccess: readonly string[];
  readonly executionPolicy: string;
  readonly ntlmMode: NtlmMode;
  /** Written in order. */
  readonly registry: readonly RegistrySetting[];
  /** Removed when present. */
  readonly removeRegistry: readonly RegistryName[];
  readonly thresholds: readonly RegistryThreshold[];
  /** null on the SQL VM. */
  readonly installer: InstallerConfig | null;
}

/** .NET Framework 4.7.2 or later (fails below it), 4.8 recommended (warns below it). */
const DOTNET_THRESHOLDS: readonly RegistryThreshold[] = [
  {
    path: DOTNET_RELEASE_KEY,
    name: "Release",
    minimum: DOTNET_MINIMUM_RELEASE,
    onBelow: "fail",
    what: ".NET Framework 4.7.2, the minimum of Entra Connect",
    fix: "install .NET Framework 4.8 and run pulumi up again",
  },
  {
    path: DOTNET_RELEASE_KEY,
    name: "Release",
    minimum: DOTNET_RECOMMENDED_RELEASE,
    onBelow: "warn",
    what: ".NET Framework 4.8, recommended",
    fix: "install .NET Framework 4.8",
  },
];

function hardening(
  role: RoleTagValue,
  options: HardeningOptions,
  extra: readonly RegistrySetting[],
): Omit<BootstrapConfig, "thresholds" | "installer"> {
  const ntlm = ntlmRegistry(options.ntlmMode, options.ntlmAllowedServers ?? []);
  return {
    role,
    folder: ENTRA_CONNECT_STAGING_FOLDER,
    folderAccess: STAGING_FOLDER_SIDS,
    executionPolicy: REQUIRED_EXECUTION_POLICY,
    ntlmMode: options.ntlmMode,
    registry: [
      ...dwordSettings(TLS12_REGISTRY_VALUES),
      ...extra,
      ...ntlm.set,
      ...dwordSettings(windowsLapsPolicy(options.lapsBackupDirectory)),
    ],
    removeRegistry: ntlm.remove,
  };
}

function installerConfig(options: BootstrapOptions): InstallerConfig {
  const minimumVersions = [
    { version: MINIMUM_ENTRA_CONNECT_VERSION, what: "the catalogue minimum (sync stops for older builds)" },
    { version: options.entraConnectVersion, what: "the stack's entraConnectVersion" },
  ];
  const source = options.installer ?? null;
  const readme =
    source === null
      ? [
          "No Entra Connect installer was staged: the stack sets no installerUrl and installerSha256.",
          `Download Entra Connect Sync from ${ENTRA_CONNECT_DOWNLOAD_LOCATION}, build ${options.entraConnectVersion} or later (never below ${MINIMUM_ENTRA_CONNECT_VERSION}).`,
          "Check its signature (Microsoft Corporation) before running it as a local administrator, then complete the wizard: Microsoft supports no silent configuration.",
        ]
      : [
          "Entra Connect installer staged by the entra-connect-gate bootstrap from the stack's installerUrl.",
          `Verified: SHA-256 ${source.sha256}, Authenticode signature valid and Microsoft's, ProductVersion at least ${options.entraConnectVersion} and ${MINIMUM_ENTRA_CONNECT_VERSION}.`,
          `Run ${ENTRA_CONNECT_INSTALLER_FILE} as a local administrator and complete the wizard: Microsoft supports no silent configuration.`,
        ];
  return {
    fileName: ENTRA_CONNECT_INSTALLER_FILE,
    source,
    signer: ENTRA_CONNECT_SIGNER,
    timeoutSeconds: INSTALLER_DOWNLOAD_TIMEOUT_SECONDS,
    maxBytes: INSTALLER_MAX_BYTES,
    minimumVersions,
    readme,
  };
}

/** The data block of the sync server. */
export function bootstrapConfig(options: BootstrapOptions): BootstrapConfig {
  const trustedSite: RegistrySetting = { path: SITE_TO_ZONE_KEY, name: MFA_TRUSTED_SITE, type: "String", value: TRUSTED_SITES_ZONE_DATA };
  return {
    ...hardening(ROLE_TAG_VALUES.syncServer, options, [trustedSite]),
    thresholds: DOTNET_THRESHOLDS,
    installer: installerConfig(options),
  };
}

/** The data block of the SQL VM: the same hardening, no .NET check, no Trusted Site, no installer. */
export function syncDatabaseBootstrapConfig(options: HardeningOptions): BootstrapConfig {
  return { ...hardening(ROLE_TAG_VALUES.syncDatabase, options, []), thresholds: [], installer: null };
}

/** The text of the bootstrap script. */
export function readBootstrapScript(root: string = packageRoot()): string {
  return readFileSync(join(root, BOOTSTRAP_SCRIPT), "utf8");
}

export interface BootstrapCommand {
  /** For the extension's protected settings: unpacks the gzipped script to %TEMP% and runs it with the data block. */
  readonly commandToExecute: string;
  /**
   * SHA-256 of the script text (line endings normalized to LF) and its data block, for the extension's
   * forceUpdateTag: a changed script or data block changes it, so the extension runs again; a Windows checkout
   * (CRLF) or another machine's gzip does not.
   */
  readonly sha256: string;
}

/** Offset of the OS byte in a gzip header (RFC 1952, section 2.3.1). */
const GZIP_OS_BYTE = 9;
/** RFC 1952 OS value 255, "unknown": the same on every machine (zlib writes 3 on Unix, 10 on Windows). */
const GZIP_OS_UNKNOWN = 255;

/**
 * Gzip with a header that is the same on every machine: Node writes MTIME 0 and no file name; the OS byte,
 * which zlib takes from the platform it was built for, is set to "unknown".
 */
export function gzipStable(text: string): Buffer {
  const packed = gzipSync(Buffer.from(text, "utf8"), { level: 9 });
  packed[GZIP_OS_BYTE] = GZIP_OS_UNKNOWN;
  return packed;
}

/** The script text as the repo holds it (.gitattributes: `*.ps1 text eol=lf`), whatever the checkout did. */
export function normalizeLineEndings(script: string): string {
  return script.replace(/\r\n?/g, "\n");
}

/**
 * The script as the command carries it: LF line endings, without its comment-based help block, whole-line
 * comments and blank lines (the repo file stays the readable one). Nothing else changes: a test compares the
 * syntax trees of both.
 */
export function packedScriptText(script: string): string {
  return normalizeLineEndings(script)
    .replace(/^<#[\s\S]*?#>\n/, "")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"))
    .map((line) => `${line}\n`)
    .join("");
}

/**
 * The one command line (cmd.exe runs it; it holds no double quote inside the -Command string) that writes the
 * script out and runs it with `config`. The script is gzipped so that the line stays far below cmd.exe's
 * 8,191 characters.
 */
export function commandFor(config: BootstrapConfig, script: string = readBootstrapScript()): BootstrapCommand {
  const text = normalizeLineEndings(script);
  const configJson = JSON.stringify(config);
  const packedScript = gzipStable(packedScriptText(text)).toString("base64");
  const packedConfig = gzipStable(configJson).toString("base64");
  // $u unpacks a base64 gzip string (CompressionMode 0 = Decompress); both script and data block are gzipped.
  const unpack = [
    "$u={param($b)[IO.StreamReader]::new([IO.Compression.GZipStream]::new([IO.MemoryStream]::new([Convert]::FromBase64String($b)),0)).ReadToEnd()}",
    `$s=& $u '${packedScript}'`,
    `$c=& $u '${packedConfig}'`,
    "$f=Join-Path $env:TEMP 'entra-connect-bootstrap.ps1'",
    "Set-Content -LiteralPath $f -Value $s -Encoding UTF8",
    "& $f -ConfigJson $c",
  ].join(";");
  const commandToExecute = `powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "${unpack}"`;
  const sha256 = createHash("sha256").update(text).update("\0").update(configJson).digest("hex");
  return { commandToExecute, sha256 };
}

/** The bootstrap of the sync server. */
export function bootstrapCommand(options: BootstrapOptions, script?: string): BootstrapCommand {
  return commandFor(bootstrapConfig(options), script);
}

/** The bootstrap of the SQL VM (SyncDatabaseServer): the same script and hardening, without the installer. */
export function syncDatabaseBootstrapCommand(options: HardeningOptions, script?: string): BootstrapCommand {
  return commandFor(syncDatabaseBootstrapConfig(options), script);
}
