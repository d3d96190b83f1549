/**
 * The NTP allow restrictOutbound gives a domain-joined server, exactly as the component writes it: W32Time on a domain
 * member syncs from the domain hierarchy (https://learn.microsoft.com/azure/virtual-machines/windows/time-sync) over
 * "49152-65535/UDP | 123/UDP | W32Time" to the DCs
 * (https://learn.microsoft.com/troubleshoot/windows-server/active-directory/config-firewall-for-ad-domains-and-trusts).
 * Written out, not built from the catalogue, so a change to the catalogue's entry shows in the tests.
 */
export function timeSyncRule(domainControllers: readonly string[], priority: number): Record<string, unknown> {
  return {
    name: "dc-w32time-udp",
    description: "Windows Time (NTP) from the domain hierarchy to the domain controllers",
    direction: "Outbound",
    access: "Allow",
    protocol: "Udp",
    sourceAddressPrefix: "*",
    sourcePortRange: "*",
    destinationAddressPrefixes: [...domainControllers],
    destinationPortRange: "123",
    priority,
  };
}
