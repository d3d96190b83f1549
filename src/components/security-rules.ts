/**
 * The NSG rules of the sync server and of the sync database server, built from the catalogue's port table and
 * endpoints. Pure: the components pass them to NetworkSecurityGroup `securityRules`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as inputs from "@pulumi/azure-native/types/input";
import { isIP } from "node:net";
import {
  AZURE_KMS,
  DC_PORTS,
  DOMAIN_TIME_SYNC,
  ENTRA_SERVICE_TAG,
  NSG_PRIORITIES,
  OUTBOUND_HTTPS_PORT,
  OUTBOUND_HTTP_PORT,
  RDP_PORT,
  addressRangeOf,
  dcPort,
  portRangeText,
  rangeWithin,
  type DcPort,
  type Protocol,
} from "../requirements";

export type SecurityRule = inputs.network.SecurityRuleArgs;

/**
 * What the outbound deny-all (`restrictOutbound`) must still let through besides the DC port table, Entra ID and the
 * Azure KMS. Azure's own channel on 168.63.129.16 needs no rule: the VM agent's WireServer traffic (80 and 32526,
 * which also carries the extension packages) and Azure DNS "isn't subject to the configured network security
 * groups" unless a rule names the AzurePlatform* service tags, which the deny-all (destination "*") does not
 * (https://learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16,
 * https://learn.microsoft.com/azure/virtual-machines/extensions/features-windows#network-access).
 */
export interface OutboundRestriction {
  /** Whether the server is joined to the domain: then its clock syncs from the DCs (DOMAIN_TIME_SYNC), which gets an allow. */
  readonly domainJoined: boolean;
  /** The NICs' DNS servers (`dnsServers`): those outside the DC prefixes get DNS allows. "AzureProvidedDNS" needs none. */
  readonly dnsServers: readonly string[];
  /** The installer's https URL, when the bootstrap stages one. */
  readonly installerUrl?: string;
}

const azureProtocol = (p: Protocol): string => (p === "tcp" ? "Tcp" : "Udp");

/** Numbers rules in order: 100, 110, 120, ... */
function prioritised(rules: readonly Omit<SecurityRule, "priority">[]): SecurityRule[] {
  return rules.map((rule, i) => ({ ...rule, priority: NSG_PRIORITIES.first + i * NSG_PRIORITIES.step }));
}

const outboundAllow = { direction: "Outbound", access: "Allow", sourceAddressPrefix: "*", sourcePortRange: "*" } as const;

/** Outbound from a server to every DC, one rule per port (range) and protocol of `ports` (the DC port table by default). */
function domainControllerRules(
  domainControllers: readonly string[],
  ports: readonly DcPort[] = DC_PORTS,
): Omit<SecurityRule, "priority">[] {
  return ports.flatMap((p) =>
    p.protocols.map((protocol) => ({
      name: `dc-${p.service}-${protocol}`,
      description: `${p.description} to the domain controllers`,
      direction: "Outbound",
      access: "Allow",
      protocol: azureProtocol(protocol),
      sourceAddressPrefix: "*",
      sourcePortRange: "*",
      destinationAddressPrefixes: [...domainControllers],
      destinationPortRange: portRangeText(p),
    })),
  );
}

/** Outbound HTTPS to Entra ID (service tag) and to the catalogue's other endpoints, and HTTP for CRL/OCSP. */
function entraRules(): Omit<SecurityRule, "priority">[] {
  const outbound = { ...outboundAllow, protocol: "Tcp" } as const;
  return [
    {
      ...outbound,
      name: "entra-id-https",
      description: "HTTPS to Entra ID sign-in and sync endpoints",
      destinationAddressPrefix: ENTRA_SERVICE_TAG,
      destinationPortRange: String(OUTBOUND_HTTPS_PORT),
    },
    {
      ...outbound,
      name: "endpoints-https",
      description: "HTTPS to the Connect Health and other listed endpoints (an NSG cannot filter host names)",
      destinationAddressPrefix: "Internet",
      destinationPortRange: String(OUTBOUND_HTTPS_PORT),
    },
    {
      ...outbound,
      name: "crl-ocsp-http",
      description: "HTTP for certificate revocation (CRL and OCSP)",
      destinationAddressPrefix: "Internet",
      destinationPortRange: String(OUTBOUND_HTTP_PORT),
    },
  ];
}

/** Inbound RDP from the admin networks; no rule at all when there are none. */
function adminRdpRules(adminAccessPrefixes: readonly string[]): Omit<SecurityRule, "priority">[] {
  if (adminAccessPrefixes.length === 0) return [];
  return [
    {
      name: "rdp-from-admin-networks",
      description: "RDP from the named admin networks only",
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      sourceAddressPrefixes: [...adminAccessPrefixes],
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRange: String(RDP_PORT),
    },
  ];
}

/**
 * Outbound to the web on 443 and 80 from the SQL VM: Windows Update (AutomaticByOS patching) reaches *.update.microsoft.com
 * over HTTPS and *.windowsupdate.com over HTTP (https://learn.microsoft.com/windows/privacy/manage-windows-21h2-endpoints,
 * "Windows Update"), and certificate revocation uses HTTP. An NSG cannot filter host names.
 */
function windowsUpdateRules(): Omit<SecurityRule, "priority">[] {
  const outbound = { ...outboundAllow, protocol: "Tcp", destinationAddressPrefix: "Internet" } as const;
  return [
    {
      ...outbound,
      name: "windows-update-https",
      description: "HTTPS to Windows Update (an NSG cannot filter host names)",
      destinationPortRange: String(OUTBOUND_HTTPS_PORT),
    },
    {
      ...outbound,
      name: "windows-update-http",
      description: "HTTP to Windows Update downloads and for certificate revocation (CRL and OCSP)",
      destinationPortRange: String(OUTBOUND_HTTP_PORT),
    },
  ];
}

/** DNS to the listed DNS servers that no DC prefix already covers (the DC port table opens DNS to the DCs). */
function dnsServerRules(dnsServers: readonly string[], domainControllers: readonly string[]): Omit<SecurityRule, "priority">[] {
  const dcRanges = domainControllers.flatMap((dc) => addressRangeOf(dc) ?? []);
  const servers = dnsServers.filter((server) => {
    const range = isIP(server) === 0 ? undefined : addressRangeOf(server);
    return range !== undefined && !rangeWithin(range, dcRanges);
  });
  if (servers.length === 0) return [];
  const dns = dcPort("dns");
  return dns.protocols.map((protocol) => ({
    ...outboundAllow,
    name: `dns-servers-${protocol}`,
    description: "DNS to the NICs' DNS servers that are not domain controllers",
    protocol: azureProtocol(protocol),
    destinationAddressPrefixes: servers,
    destinationPortRange: portRangeText(dns),
  }));
}

/** Windows activation against Azure's KMS (the catalogue's addresses and port). */
const kmsRule: Omit<SecurityRule, "priority"> = {
  ...outboundAllow,
  name: "azure-kms-activation",
  description: `Windows activation against Azure KMS (${AZURE_KMS.hosts.join(", ")})`,
  protocol: "Tcp",
  destinationAddressPrefixes: [...AZURE_KMS.addresses],
  destinationPortRange: String(AZURE_KMS.port),
};

/**
 * The installer's host when the HTTPS-to-the-internet allow does not reach it: an IP address (it may be private) gets
 * its own allow on the URL's port; a host name on another port than 443 gets that port to the internet.
 */
function installerRules(installerUrl: string | undefined): Omit<SecurityRule, "priority">[] {
  if (installerUrl === undefined) return [];
  const url = new URL(installerUrl);
  const port = url.port === "" ? OUTBOUND_HTTPS_PORT : Number(url.port);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) === 0 && port === OUTBOUND_HTTPS_PORT) return [];
  return [
    {
      ...outboundAllow,
      name: "installer-https",
      description: "HTTPS to the host of installerUrl, where the bootstrap stages the Entra Connect installer",
      protocol: "Tcp",
      destinationAddressPrefix: isIP(host) === 0 ? "Internet" : host,
      destinationPortRange: String(port),
    },
  ];
}

/** The explicit deny of every other flow in one direction, evaluated after every allow. */
function denyAll(direction: "Inbound" | "Outbound"): SecurityRule {
  return {
    name: `deny-all-other-${direction.toLowerCase()}`,
    description: `Deny all other ${direction.toLowerCase()} traffic`,
    direction,
    access: "Deny",
    protocol: "*",
    sourceAddressPrefix: "*",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "*",
    priority: NSG_PRIORITIES.last,
  };
}

/** Time sync (W32Time's NTP) to the DCs for a domain-joined server; nothing for one that is not joined. */
function domainTimeRules(domainControllers: readonly string[], domainJoined: boolean): Omit<SecurityRule, "priority">[] {
  return domainJoined ? domainControllerRules(domainControllers, [DOMAIN_TIME_SYNC]) : [];
}

/**
 * The sync server's NSG: DC ports, Entra endpoints, RDP from admin networks, deny all other inbound. With a
 * `restriction` (restrictOutbound), also NTP to the DCs when domain-joined, DNS to the other DNS servers, Azure KMS,
 * the installer's host, and the deny of all other outbound; the rules present without it keep their priorities.
 */
export function syncServerSecurityRules(
  domainControllers: readonly string[],
  adminAccessPrefixes: readonly string[],
  restriction?: OutboundRestriction,
): SecurityRule[] {
  const restricted =
    restriction === undefined
      ? []
      : [
          ...domainTimeRules(domainControllers, restriction.domainJoined),
          ...dnsServerRules(restriction.dnsServers, domainControllers),
          kmsRule,
          ...installerRules(restriction.installerUrl),
        ];
  return [
    ...prioritised([...domainControllerRules(domainControllers), ...entraRules(), ...restricted]),
    ...prioritised(adminRdpRules(adminAccessPrefixes)),
    denyAll("Inbound"),
    ...(restriction === undefined ? [] : [denyAll("Outbound")]),
  ];
}

/** What the SQL VM's outbound deny-all must let through: the domain it is joined to (always) and its DNS servers. */
export interface SqlOutboundRestriction {
  readonly domainControllers: readonly string[];
  readonly dnsServers: readonly string[];
}

/**
 * The SQL VM's NSG: the SQL port only from the sync server's application security group, RDP from admin networks,
 * deny the rest inbound. With a `restriction` (restrictOutbound): the DC port table and NTP to the DCs (the VM is always
 * domain-joined), DNS to the other DNS servers, Windows Update, Azure KMS, and the deny of all other outbound.
 */
export function syncDatabaseSecurityRules(
  sqlPort: number,
  syncServerAsgId: pulumi.Input<string>,
  adminAccessPrefixes: readonly string[],
  restriction?: SqlOutboundRestriction,
): SecurityRule[] {
  const sql: Omit<SecurityRule, "priority"> = {
    name: "sql-from-sync-server",
    description: "SQL Server from the Entra Connect sync server only",
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourceApplicationSecurityGroups: [{ id: syncServerAsgId }],
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: String(sqlPort),
  };
  const inbound = [...prioritised([sql, ...adminRdpRules(adminAccessPrefixes)]), denyAll("Inbound")];
  if (restriction === undefined) return inbound;
  const { domainControllers, dnsServers } = restriction;
  return [
    ...inbound,
    ...prioritised([
      ...domainControllerRules(domainControllers),
      ...domainTimeRules(domainControllers, true),
      ...dnsServerRules(dnsServers, domainControllers),
      ...windowsUpdateRules(),
      kmsRule,
    ]),
    denyAll("Outbound"),
  ];
}
