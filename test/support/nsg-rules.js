/**
 * NSG security rules of the sample sync-server stack, written once for the policy tests, the cross-format model
 * (test/check/terraform-arm-model.ts) and `npm run bench:check` (plain JavaScript, so the bench can require it;
 * the types are in nsg-rules.d.ts).
 *
 * A rule is built with the property names Azure uses, which azure-native's SecurityRule inputs repeat and an ARM
 * resource body holds under `properties` (ARM template reference, Microsoft.Network/networkSecurityGroups
 * securityRules: access, destinationAddressPrefix(es), destinationPortRange(s), direction, priority, protocol,
 * sourceAddressPrefix(es), sourcePortRange(s)); `armSecurityRule` and `terraformSecurityRule` write it in the other
 * formats' shapes.
 */

/** The sample stack's domain controllers. */
const DC_ADDRESSES = ["10.0.0.4", "10.0.0.5"];

/** The DC port table (requirement network.dc-ports) as NSG destination port ranges, written out as a user would. */
const DC_PORT_RANGES = ["53", "88", "135", "389", "445", "636", "3268-3269", "49152-65535"];

/** An inbound Allow of TCP `destinationPortRange` from `sourceAddressPrefix`, any source port, to any address. */
function inboundTcpAllow(name, priority, sourceAddressPrefix, destinationPortRange) {
  return {
    name,
    priority,
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefix,
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange,
  };
}

/** The outbound Allow of every protocol to the DCs on the DC port table. */
function dcOutboundAllow(name = "allow-dc-out", priority = 200) {
  return {
    name,
    priority,
    direction: "Outbound",
    access: "Allow",
    protocol: "*",
    sourceAddressPrefix: "*",
    sourcePortRange: "*",
    destinationAddressPrefixes: [...DC_ADDRESSES],
    destinationPortRanges: [...DC_PORT_RANGES],
  };
}

/** An outbound Deny of everything (every protocol, address and port). */
function denyAllOutbound(name = "deny-all-out", priority = 4000) {
  return {
    name,
    priority,
    direction: "Outbound",
    access: "Deny",
    protocol: "*",
    sourceAddressPrefix: "*",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "*",
  };
}

/** The rule as an ARM securityRules item (what-if and compiled templates): its name, the rest under `properties`. */
function armSecurityRule(rule) {
  const { name, ...properties } = rule;
  return { name, properties };
}

/**
 * The rule as azurerm shows it in `terraform show -json` (hashicorp/terraform-provider-azurerm
 * website/docs/r/network_security_group.html.markdown, security_rule): snake_case names, and since the rules are
 * attributes as blocks, every field present, "" and [] when unset (a field set to undefined counts as unset).
 */
function terraformSecurityRule(rule) {
  const snake = Object.fromEntries(
    Object.entries(rule)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]),
  );
  return {
    description: "",
    destination_address_prefix: "",
    destination_address_prefixes: [],
    destination_application_security_group_ids: [],
    destination_port_range: "",
    destination_port_ranges: [],
    source_address_prefix: "",
    source_address_prefixes: [],
    source_application_security_group_ids: [],
    source_port_range: "",
    source_port_ranges: [],
    ...snake,
  };
}

module.exports = {
  DC_ADDRESSES,
  DC_PORT_RANGES,
  inboundTcpAllow,
  dcOutboundAllow,
  denyAllOutbound,
  armSecurityRule,
  terraformSecurityRule,
};
