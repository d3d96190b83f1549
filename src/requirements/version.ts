/** Entra Connect builds, .NET Framework and TLS 1.2 settings the server must have. */

/** Builds older than this stopped synchronising on 2026-09-30. */
export const MINIMUM_ENTRA_CONNECT_VERSION = "2.5.79.0";

/** The newest build this catalogue knows; the component installs it unless told otherwise. */
export const LATEST_KNOWN_ENTRA_CONNECT_VERSION = "2.6.92.0";

/** .NET Framework 4.7.2: minimum `Release` value under `NDP\v4\Full`. */
export const DOTNET_MINIMUM_RELEASE = 461808;
/** .NET Framework 4.8: recommended. */
export const DOTNET_RECOMMENDED_RELEASE = 528040;
export const DOTNET_RELEASE_KEY = "HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full";

export interface RegistryValue {
  readonly key: string;
  readonly name: string;
  readonly dword: number;
}

const netFx = [
  "HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319",
  "HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319",
];
const schannel = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2";

/** Every registry value that enables TLS 1.2 for SCHANNEL and for .NET (both registry views). */
export const TLS12_REGISTRY_VALUES: readonly RegistryValue[] = [
  ...netFx.flatMap((key) => [
    { key, name: "SystemDefaultTlsVersions", dword: 1 },
    { key, name: "SchUseStrongCrypto", dword: 1 },
  ]),
  ...["Server", "Client"].flatMap((side) => [
    { key: `${schannel}\\${side}`, name: "Enabled", dword: 1 },
    { key: `${schannel}\\${side}`, name: "DisabledByDefault", dword: 0 },
  ]),
];

/** The Trusted Sites entry the MFA prompt of the wizard needs. */
export const MFA_TRUSTED_SITE = "https://secure.aadcdn.microsoftonline-p.com";

/** The PowerShell execution policy the installer needs. */
export const REQUIRED_EXECUTION_POLICY = "RemoteSigned";

const VERSION_PATTERN = /^\d+(\.\d+){1,3}$/;

/** True when `value` looks like a dotted build number such as 2.5.79.0. */
export function isVersionString(value: string): boolean {
  return VERSION_PATTERN.test(value.trim());
}

/**
 * Compares dotted versions numerically, part by part (2.10.0.0 is newer than 2.5.79.0); missing parts count
 * as 0. Returns a negative number, 0 or a positive number. Throws on a value that is not a dotted version.
 */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string): number[] => {
    if (!isVersionString(v)) {
      throw new Error(`"${v}" is not a version: write it as dotted numbers such as ${MINIMUM_ENTRA_CONNECT_VERSION}.`);
    }
    return v.trim().split(".").map(Number);
  };
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** True when the build is at or above the mandatory minimum. */
export function meetsMinimumEntraConnectVersion(version: string): boolean {
  return compareVersions(version, MINIMUM_ENTRA_CONNECT_VERSION) >= 0;
}
