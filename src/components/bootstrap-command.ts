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

/** The data block the script reads (its -ConfigJsonBase64 parameter): every figure comes from the catalogue. */
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
  /** SHA-256 of the command: a changed script or data block changes it, so the extension runs again. */
  readonly sha256: string;
}

/**
 * The one command line (cmd.exe runs it; it holds no double quote inside the -Command string) that writes the
 * script out and runs it. The script is gzipped so that the line stays far below cmd.exe's 8,191 characters.
 */
export function bootstrapCommand(options: BootstrapOptions, script: string = readBootstrapScript()): BootstrapCommand {
  const packed = gzipSync(Buffer.from(script, "utf8"), { level: 9 }).toString("base64");
  const config = Buffer.from(JSON.stringify(bootstrapConfig(options)), "utf8").toString("base64");
  const unpack = [
    `$z=[IO.Compression.GZipStream]::new([IO.MemoryStream]::new([Convert]::FromBase64String('${packed}')),[IO.Compression.CompressionMode]::Decompress)`,
    "$s=[IO.StreamReader]::new($z).ReadToEnd()",
    "$f=Join-Path $env:TEMP 'entra-connect-bootstrap.ps1'",
    "Set-Content -LiteralPath $f -Value $s -Encoding UTF8",
    `& $f -ConfigJsonBase64 '${config}'`,
  ].join(";");
  const commandToExecute = `powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "${unpack}"`;
  return { commandToExecute, sha256: createHash("sha256").update(commandToExecute).digest("hex") };
}
