/**
 * The bootstrap of the sync server: the readable PowerShell file in src/components/bootstrap/, and the data
 * block it reads, built from the catalogue. The CustomScriptExtension runs one short command that unpacks both.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  DOTNET_MINIMUM_RELEASE,
  DOTNET_RECOMMENDED_RELEASE,
  DOTNET_RELEASE_KEY,
  ENTRA_CONNECT_INSTALLER_URL,
  ENTRA_CONNECT_STAGING_FOLDER,
  MFA_TRUSTED_SITE,
  MINIMUM_ENTRA_CONNECT_VERSION,
  NTLM_REGISTRY_VALUES,
  REQUIRED_EXECUTION_POLICY,
  TLS12_REGISTRY_VALUES,
  windowsLapsPolicy,
  type LapsBackupDirectory,
  type NtlmMode,
  type RegistryValue,
} from "../requirements";
import { packageRoot } from "./package-root";

/** The script, relative to the package root (it is not compiled, so dist/ has no copy). */
export const BOOTSTRAP_SCRIPT = join("src", "components", "bootstrap", "entra-connect-bootstrap.ps1");

export interface BootstrapOptions {
  readonly ntlmMode: NtlmMode;
  readonly lapsBackupDirectory: LapsBackupDirectory;
  /** The Entra Connect build the README of the staged installer names. */
  readonly entraConnectVersion: string;
}

/** The data block the script reads (its -ConfigJson parameter): every figure comes from the catalogue. */
export interface BootstrapConfig {
  readonly executionPolicy: string;
  readonly tls12: readonly RegistryValue[];
  readonly dotnet: { readonly key: string; readonly minimumRelease: number; readonly recommendedRelease: number };
  readonly trustedSite: string;
  readonly ntlmMode: NtlmMode;
  readonly ntlm: readonly RegistryValue[];
  readonly laps: readonly RegistryValue[];
  readonly installer: { readonly url: string; readonly folder: string; readonly version: string; readonly minimumVersion: string };
}

export function bootstrapConfig(options: BootstrapOptions): BootstrapConfig {
  return {
    executionPolicy: REQUIRED_EXECUTION_POLICY,
    tls12: TLS12_REGISTRY_VALUES,
    dotnet: { key: DOTNET_RELEASE_KEY, minimumRelease: DOTNET_MINIMUM_RELEASE, recommendedRelease: DOTNET_RECOMMENDED_RELEASE },
    trustedSite: MFA_TRUSTED_SITE,
    ntlmMode: options.ntlmMode,
    ntlm: NTLM_REGISTRY_VALUES[options.ntlmMode],
    laps: windowsLapsPolicy(options.lapsBackupDirectory),
    installer: {
      url: ENTRA_CONNECT_INSTALLER_URL,
      folder: ENTRA_CONNECT_STAGING_FOLDER,
      version: options.entraConnectVersion,
      minimumVersion: MINIMUM_ENTRA_CONNECT_VERSION,
    },
  };
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
 * The one command line (cmd.exe runs it; it holds no double quote inside the -Command string) that writes the
 * script out and runs it. The script is gzipped so that the line stays far below cmd.exe's 8,191 characters.
 */
export function bootstrapCommand(options: BootstrapOptions, script: string = readBootstrapScript()): BootstrapCommand {
  const text = normalizeLineEndings(script);
  const configJson = JSON.stringify(bootstrapConfig(options));
  const packedScript = gzipStable(text).toString("base64");
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
