/**
 * The ports of the outbound path: to Entra ID (for probing a URL that names no port), to Azure's KMS for Windows
 * activation, a domain member's time sync to the DCs, and the NSG priorities the components number their rules with.
 */
import type { DcPort, OutboundEndpoint } from "./network";

/**
 * HTTPS to the Entra ID and Connect Health endpoints ("Used to synchronize with Microsoft Entra ID", Table 2 of
 * https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-ports).
 */
export const OUTBOUND_HTTPS_PORT = 443 satisfies OutboundEndpoint["port"];
/** HTTP for certificate revocation, CRL and OCSP ("Used to download CRLs", Table 2 of the same page). */
export const OUTBOUND_HTTP_PORT = 80 satisfies OutboundEndpoint["port"];

/**
 * Azure's KMS for Windows activation in the Azure global cloud: azkms.core.windows.net (20.118.99.224, 40.83.235.53)
 * and kms.core.windows.net (23.102.135.246), TCP 1688; activation requests must come from an Azure public IP, so with
 * forced tunneling (a 0.0.0.0/0 route to a firewall or on-premises) these three addresses need a route with next hop
 * Internet. Source: https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/custom-routes-enable-kms-activation
 * ("All the three IP addresses for the Azure Global cloud ... should be added to the custom route"). The NSG overview
 * (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#azure-platform-considerations)
 * says the request "is made outbound through port 1688" and that the platform rule admitting it is disabled under a
 * 0.0.0.0/0 default route: then only an NSG allow lets it past a deny-all.
 */
export const AZURE_KMS = {
  hosts: ["azkms.core.windows.net", "kms.core.windows.net"],
  addresses: ["20.118.99.224", "40.83.235.53", "23.102.135.246"],
  port: 1688,
} as const;

/**
 * Windows Time from a domain-joined server to the domain controllers: NTP, UDP 123. A domain member's W32Time takes its
 * time from the domain hierarchy (NT5DS; "For domain joined machines the domain itself establishes time sync hierarchy",
 * https://learn.microsoft.com/azure/virtual-machines/windows/time-sync); W32Time's NTP "runs on UDP port 123"
 * (https://learn.microsoft.com/troubleshoot/windows-server/networking/service-overview-and-network-port-requirements,
 * "Windows Time"), and the member-to-DC table lists 49152-65535/UDP to 123/UDP "W32Time"
 * (https://learn.microsoft.com/troubleshoot/windows-server/active-directory/config-firewall-for-ad-domains-and-trusts).
 * On Azure the host's time also reaches W32Time through the VMICTimeSync provider (same page), but the source a domain
 * member is configured for is its DC, and a deny-all drops every NTP request to it. Only `restrictOutbound` opens it (Azure's default rules admit it otherwise), and only for a server joined to the
 * domain. It is not in DC_PORTS on purpose: `preflight network` probes every row of that table and has no NTP probe, so
 * a UDP 123 row would come out untested in every report, and the DC ports policy would demand it of every NSG.
 */
export const DOMAIN_TIME_SYNC: DcPort = {
  service: "w32time",
  description: "Windows Time (NTP) from the domain hierarchy",
  port: 123,
  toPort: 123,
  protocols: ["udp"],
};

/**
 * NSG rule priorities. Azure takes 100 to 4096, processes lower numbers first and stops at the first match, and refuses
 * two rules with the same priority and direction (an inbound and an outbound rule may share one). Source:
 * https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#security-rules. The components
 * number their allows from the first in steps, and put each direction's deny-all at the last, so it is evaluated after
 * every allow (and before Azure's default AllowVnetOutBound and AllowInternetOutBound at 65000 and 65001).
 */
export const NSG_PRIORITIES = { first: 100, step: 10, last: 4096 } as const;
