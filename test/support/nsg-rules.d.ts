/** Types of nsg-rules.js (plain JavaScript so that bench/check.js can require it); the doc comments are there. */

/** A rule with Azure's property names (azure-native SecurityRule inputs, an ARM rule's `properties` plus its name). */
export type SecurityRule = {
  name: string;
  priority: number;
  direction: "Inbound" | "Outbound";
  access: "Allow" | "Deny";
  protocol: string;
  sourceAddressPrefix?: string;
  sourceAddressPrefixes?: string[];
  sourcePortRange?: string;
  destinationAddressPrefix?: string;
  destinationAddressPrefixes?: string[];
  destinationPortRange?: string;
  destinationPortRanges?: string[];
};

export const DC_ADDRESSES: readonly string[];
export const DC_PORT_RANGES: readonly string[];
export function inboundTcpAllow(name: string, priority: number, sourceAddressPrefix: string, destinationPortRange: string): SecurityRule;
export function dcOutboundAllow(name?: string, priority?: number): SecurityRule;
export function denyAllOutbound(name?: string, priority?: number): SecurityRule;
export function armSecurityRule(rule: SecurityRule): { name: string; properties: Omit<SecurityRule, "name"> };
export function terraformSecurityRule(rule: SecurityRule): Record<string, unknown>;
