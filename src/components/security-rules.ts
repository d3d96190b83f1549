/**
 * The NSG rules of the sync server and of the sync database server, built from the catalogue's port table and
 * endpoints. Pure: the components pass them to NetworkSecurityGroup `securityRules`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as inputs from "@pulumi/azure-native/types/input";
import {
  DC_PORTS,
  ENTRA_SERVICE_TAG,
  OUTBOUND_HTTPS_PORT,
  OUTBOUND_HTTP_PORT,
  RDP_PORT,
  portRangeText,
  type Protocol,
} from "../requirements";

export type SecurityRule = inputs.network.SecurityRuleArgs;

/** The lowest NSG priority (evaluated last): the explicit deny of all other inbound traffic. */
const LAST_PRIORITY = 4096;
const FIRST_PRIORITY = 100;
const PRIORITY_STEP = 10;

const azureProtocol = (p: Protocol): string => (p === "tcp" ? "Tcp" : "Udp");

/** Numbers rules in order: 100, 110, 120, ... */
function prioritised(rules: readonly Omit<SecurityRule, "priority">[]): SecurityRule[] {
  return rules.map((rule, i) => ({ ...rule, priority: FIRST_PRIORITY + i * PRIORITY_STEP }));
}

/** Outbound from the sync server to every DC, one rule per port (range) and protocol of the port table. */
function domainControllerRules(domainControllers: readonly string[]): Omit<SecurityRule, "priority">[] {
  return DC_PORTS.flatMap((p) =>
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
  const outbound = { direction: "Outbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "*", sourcePortRange: "*" } as const;
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

/** The explicit deny of every other inbound flow. */
const denyAllInbound: SecurityRule = {
  name: "deny-all-other-inbound",
  description: "Deny all other inbound traffic",
  direction: "Inbound",
  access: "Deny",
  protocol: "*",
  sourceAddressPrefix: "*",
  sourcePortRange: "*",
  destinationAddressPrefix: "*",
  destinationPortRange: "*",
  priority: LAST_PRIORITY,
};

/** The sync server's NSG: DC ports, Entra endpoints, RDP from admin networks, deny all other inbound. */
export function syncServerSecurityRules(domainControllers: readonly string[], adminAccessPrefixes: readonly string[]): SecurityRule[] {
  return [
    ...prioritised([...domainControllerRules(domainControllers), ...entraRules()]),
    ...prioritised(adminRdpRules(adminAccessPrefixes)),
    denyAllInbound,
  ];
}

/** The SQL VM's NSG: the SQL port only from the sync server's application security group, RDP from admin networks, deny the rest. */
export function syncDatabaseSecurityRules(
  sqlPort: number,
  syncServerAsgId: pulumi.Input<string>,
  adminAccessPrefixes: readonly string[],
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
  return [...prioritised([sql, ...adminRdpRules(adminAccessPrefixes)]), denyAllInbound];
}
