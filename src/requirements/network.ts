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
  // TCP only, although Table 1 of https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-ports
  // writes "LDAP/SSL 636 (TCP/UDP)". LDAPS is LDAP inside TLS, and TLS needs "a reliable, in-order data stream"
  // (RFC 8446 section 1), which UDP is not; LDAP maps its messages onto TCP (RFC 4511 section 5.2). The LDAP that AD
  // answers over UDP is only a rootDSE search, the LDAP ping, on 389 (MS-ADTS 3.1.1.3.1.11, "LDAP Search Over UDP"),
  // already in this table. Microsoft's AD port tables list "LDAP SSL | TCP | 636" and "636/TCP" only
  // (https://learn.microsoft.com/troubleshoot/windows-server/networking/service-overview-and-network-port-requirements,
  // https://learn.microsoft.com/troubleshoot/windows-server/active-directory/config-firewall-for-ad-domains-and-trusts).
  // A UDP 636 allow would open a port no protocol uses, and `preflight network` could only report it untested.
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

/** NSG source words that mean every address, IPv4 and IPv6 (compared case-insensitively). */
export const INTERNET_PREFIXES = ["*", "internet", "any"] as const;

/**
 * Azure service tags whose addresses are not the internet: "VirtualNetwork" (the VNet's address space, its peerings
 * and connected on-premises ranges) and "AzureLoadBalancer" (the platform's health probe, 168.63.129.16). Every
 * other service tag (AzureCloud, Storage, ...) covers public Azure addresses that any tenant can use.
 */
export const NON_INTERNET_SERVICE_TAGS = ["virtualnetwork", "azureloadbalancer"] as const;

/** A contiguous block of IPv4 or IPv6 addresses, first and last included. */
export interface AddressRange {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

/**
 * The private address ranges a Tier-0 server may take admin traffic from (the Bastion subnet lies in one of them):
 * RFC 1918 private IPv4, RFC 6598 shared address space (carrier-grade NAT, used by some on-premises networks) and
 * RFC 4193 unique local IPv6 (fc00::/7).
 */
export const PRIVATE_ADDRESS_RANGES: readonly { readonly cidr: string; readonly standard: string }[] = [
  { cidr: "10.0.0.0/8", standard: "RFC 1918" },
  { cidr: "172.16.0.0/12", standard: "RFC 1918" },
  { cidr: "192.168.0.0/16", standard: "RFC 1918" },
  { cidr: "100.64.0.0/10", standard: "RFC 6598" },
  { cidr: "fc00::/7", standard: "RFC 4193 (IPv6 unique local)" },
];

function ipv4Value(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => (n << 8n) | BigInt(p), 0n);
}

function ipv6Value(text: string): bigint | undefined {
  let t = text;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(t)?.[1];
  if (v4 !== undefined) {
    const n = ipv4Value(v4);
    if (n === undefined) return undefined;
    t = `${t.slice(0, -v4.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = "", tail, ...more] = t.split("::");
  if (more.length > 0) return undefined;
  const groupsOf = (s: string): string[] => (s === "" ? [] : s.split(":"));
  const h = groupsOf(head);
  const tl = tail === undefined ? [] : groupsOf(tail);
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - tl.length).fill("0"), ...tl];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** The addresses of an IP address or CIDR ("10.0.9.0/26", "fd00::/8", "8.8.8.8"); undefined for anything else. */
export function addressRangeOf(text: string): AddressRange | undefined {
  const [address = "", prefix, ...rest] = text.trim().split("/");
  const family = address.includes(":") ? 6 : 4;
  const value = family === 4 ? ipv4Value(address) : ipv6Value(address);
  const bits = family === 4 ? 32 : 128;
  if (value === undefined || rest.length > 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) return undefined;
  const length = prefix === undefined ? bits : Number(prefix);
  if (length > bits) return undefined;
  const hostMask = (1n << BigInt(bits - length)) - 1n;
  const first = value - (value & hostMask);
  return { family, first, last: first + hostMask };
}

const PRIVATE_RANGES: readonly AddressRange[] = PRIVATE_ADDRESS_RANGES.map(({ cidr }) => {
  const range = addressRangeOf(cidr);
  if (range === undefined) throw new Error(`The catalogue's private range ${cidr} does not parse.`);
  return range;
});

/** Every address of both families: what "*", "Internet" and "Any" open. */
export const ALL_ADDRESSES: readonly AddressRange[] = [
  { family: 4, first: 0n, last: (1n << 32n) - 1n },
  { family: 6, first: 0n, last: (1n << 128n) - 1n },
];

/** True when every address of `range` lies in one of `within`. */
export function rangeWithin(range: AddressRange, within: readonly AddressRange[]): boolean {
  return within.some((w) => w.family === range.family && w.first <= range.first && range.last <= w.last);
}

/** True when every address of `range` lies in one of the private ranges. */
export function isPrivateRange(range: AddressRange): boolean {
  return rangeWithin(range, PRIVATE_RANGES);
}

/**
 * How many public (non-private) addresses the ranges open together, counted over their union, so that
 * 0.0.0.0/1 + 128.0.0.0/1 counts as all of IPv4 however the internet is cut into pieces.
 */
export function publicAddressCount(ranges: readonly AddressRange[]): bigint {
  let total = 0n;
  for (const family of [4, 6] as const) {
    const sorted = ranges.filter((r) => r.family === family).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    const privates = PRIVATE_RANGES.filter((p) => p.family === family);
    let next = 0n; // the first address not yet counted
    for (const r of sorted) {
      const first = r.first > next ? r.first : next;
      if (first > r.last) continue;
      let count = r.last - first + 1n;
      for (const p of privates) {
        const lo = p.first > first ? p.first : first;
        const hi = p.last < r.last ? p.last : r.last;
        if (lo <= hi) count -= hi - lo + 1n;
      }
      total += count;
      next = r.last + 1n;
    }
  }
  return total;
}

/** RDP, the only inbound port the component opens, and only from admin networks. */
export const RDP_PORT = 3389;
