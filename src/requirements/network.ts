/** The ports from the sync server to every domain controller, and the outbound endpoints of Entra ID. */

export type Protocol = "tcp" | "udp";

export interface DcPort {
  /** Short id, e.g. "ldap". */
  readonly service: string;
  readonly description: string;
  /** First port; equal to `toPort` for a single port. */
  readonly port: number;
  readonly toPort: number;
  readonly protocols: readonly Protocol[];
}

const single = (service: string, description: string, port: number, protocols: Protocol[]): DcPort => ({
  service,
  description,
  port,
  toPort: port,
  protocols,
});

/** Every port the sync server needs to every DC. */
export const DC_PORTS: readonly DcPort[] = [
  single("dns", "DNS", 53, ["tcp", "udp"]),
  single("kerberos", "Kerberos", 88, ["tcp", "udp"]),
  single("rpc-endpoint-mapper", "RPC endpoint mapper", 135, ["tcp"]),
  single("ldap", "LDAP", 389, ["tcp", "udp"]),
  single("smb", "SMB", 445, ["tcp"]),
  single("ldaps", "LDAPS", 636, ["tcp"]),
  single("global-catalog", "Global Catalog", 3268, ["tcp"]),
  single("global-catalog-ssl", "Global Catalog over TLS", 3269, ["tcp"]),
  { service: "rpc-dynamic", description: "Dynamic RPC", port: 49152, toPort: 65535, protocols: ["tcp"] },
];

/** "3268" or "49152-65535", as NSG rules and reports write a port range. */
export function portRangeText(p: Pick<DcPort, "port" | "toPort">): string {
  return p.port === p.toPort ? String(p.port) : `${p.port}-${p.toPort}`;
}

/** Looks up a DC port by service id; throws when unknown (a programming error). */
export function dcPort(service: string): DcPort {
  const found = DC_PORTS.find((p) => p.service === service);
  if (!found) throw new Error(`No DC port with service id "${service}".`);
  return found;
}

/** The Global Catalog ports an LDAP scan of the whole forest uses. */
export const GLOBAL_CATALOG_PORT = dcPort("global-catalog").port;
export const GLOBAL_CATALOG_TLS_PORT = dcPort("global-catalog-ssl").port;
export const LDAP_PORT = dcPort("ldap").port;
export const LDAPS_PORT = dcPort("ldaps").port;

export interface OutboundEndpoint {
  /** Host name pattern (may start with "*."). */
  readonly host: string;
  readonly port: 443 | 80;
  readonly purpose: "entra-id" | "connect-health" | "crl-ocsp";
  /** A concrete host to probe for a wildcard pattern; undefined when the pattern names no probe-able host. */
  readonly probe?: string;
}

const https = (host: string, purpose: OutboundEndpoint["purpose"], probe?: string): OutboundEndpoint => ({
  host,
  port: 443,
  purpose,
  probe: probe ?? (host.startsWith("*.") ? undefined : host),
});
const http = (host: string, probe?: string): OutboundEndpoint => ({
  host,
  port: 80,
  purpose: "crl-ocsp",
  probe: probe ?? (host.startsWith("*.") ? undefined : host),
});

/** Outbound HTTPS (443) and HTTP (80, CRL/OCSP) the sync server needs. No TLS inspection on this path. */
export const OUTBOUND_ENDPOINTS: readonly OutboundEndpoint[] = [
  https("*.microsoftonline.com", "entra-id", "login.microsoftonline.com"),
  https("*.windows.net", "entra-id", "login.windows.net"),
  https("*.msftauth.net", "entra-id", "aadcdn.msftauth.net"),
  https("*.aadcdn.microsoftonline-p.com", "entra-id", "secure.aadcdn.microsoftonline-p.com"),
  https("adminwebservice.microsoftonline.com", "entra-id"),
  https("provisioningapi.microsoftonline.com", "entra-id"),
  https("*.aadconnecthealth.azure.com", "connect-health"),
  https("*.adhybridhealth.azure.com", "connect-health"),
  https("*.blob.core.windows.net", "connect-health"),
  https("management.azure.com", "connect-health"),
  https("policykeyservice.dc.ad.msft.net", "connect-health"),
  https("aadcdn.msauth.net", "connect-health"),
  https("autoupdate.msappproxy.net", "connect-health"),
  http("mscrl.microsoft.com"),
  http("*.crl.microsoft.com", "crl.microsoft.com"),
  http("*.oneocsp.microsoft.com", "oneocsp.microsoft.com"),
  http("*.ocsp.digicert.com", "ocsp.digicert.com"),
];

/** The Azure service tag that covers Entra ID sign-in and sync endpoints, for NSG outbound rules. */
export const ENTRA_SERVICE_TAG = "AzureActiveDirectory";

/**
 * Root CAs that Microsoft's Entra endpoints are known to chain to. A chain that ends elsewhere suggests a
 * TLS-inspecting proxy in the path.
 */
export const KNOWN_ENTRA_ROOT_ISSUERS = [
  "DigiCert Global Root G2",
  "DigiCert Global Root CA",
  "DigiCert Global Root G3",
  "Microsoft RSA Root Certificate Authority 2017",
  "Microsoft ECC Root Certificate Authority 2017",
  "Baltimore CyberTrust Root",
] as const;

/** Address prefixes that mean "the internet" in an NSG rule (compared case-insensitively). */
export const INTERNET_PREFIXES = ["*", "internet", "any", "0.0.0.0/0", "::/0", "0.0.0.0"] as const;

/** True when an NSG address prefix means "the internet" (one of INTERNET_PREFIXES, in any case, spaces trimmed). */
export function isInternetPrefix(prefix: string): boolean {
  return (INTERNET_PREFIXES as readonly string[]).includes(prefix.trim().toLowerCase());
}

/** RDP, the only inbound port the component opens, and only from admin networks. */
export const RDP_PORT = 3389;
