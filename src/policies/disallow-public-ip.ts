/** No public IP on the sync server: on its NICs (`publicIPAddress`) or inline in the VM (`publicIPAddressConfiguration`). */
import { REQUIREMENTS } from "../requirements";
import { entraPolicy, type PolicyContext } from "./support/define";
import { readItems, readPath } from "./support/read";
import { serverShape } from "./support/server-shape";
import { CLASSIC, NATIVE, NIC_TYPES, SERVER_TYPES } from "./support/type-tokens";

/** The IP configuration field that attaches a public IP, by NIC type. */
const NIC_PUBLIC_IP_FIELD: Readonly<Record<string, string>> = {
  [NATIVE.networkInterface]: "publicIPAddress",
  [CLASSIC.networkInterface]: "publicIpAddressId",
};

/** True when the IP configuration sets `field`: a public IP whose id is not known yet still counts. */
function hasPublicIp(ipConfiguration: unknown, field: string, base: string): boolean {
  if (ipConfiguration === null || typeof ipConfiguration !== "object" || !(field in ipConfiguration)) return false;
  const r = readPath(ipConfiguration, field, base);
  if (!r.known) return true;
  const v = r.value;
  return v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
}

/** Reports each IP configuration below `path` (a list) that has a public IP in `field`. */
function checkIpConfigurations(ctx: PolicyContext<object>, root: unknown, path: string, base: string, field: string): void {
  const ipConfigurations = readItems(root, path, base);
  if (!ctx.known(ipConfigurations, "the IP configurations")) return;
  for (const { item, path: at } of ipConfigurations.value ?? []) {
    if (hasPublicIp(item, field, at)) {
      ctx.report(
        `${at}.${field} attaches a public IP to the sync server`,
        `remove ${field}; reach the server through Azure Bastion or a private admin network`,
      );
    }
  }
}

export const disallowPublicIp = entraPolicy({
  name: "entra-connect-disallow-public-ip",
  description: "The Entra Connect Sync server (a Tier-0 asset) must not have a public IP.",
  enforcementLevel: "mandatory",
  severity: "critical",
  requirement: REQUIREMENTS.noPublicIp,
  remediationSteps:
    "Remove the public IP from the server's NICs and inline NIC configurations; administer it through Azure Bastion or a private admin network.",
  types: [...SERVER_TYPES, ...NIC_TYPES],
  scope: "sync-server",
  check(ctx) {
    const nicField = NIC_PUBLIC_IP_FIELD[ctx.type];
    if (nicField) {
      checkIpConfigurations(ctx, ctx.props, "ipConfigurations", "", nicField);
      return;
    }
    const shape = serverShape(ctx.type);
    if (!shape.nicConfigurations || !shape.publicIpField) return;
    const nics = readItems(ctx.props, shape.nicConfigurations);
    if (!ctx.known(nics, "the NIC configurations")) return;
    for (const { item, path } of nics.value ?? []) checkIpConfigurations(ctx, item, "ipConfigurations", path, shape.publicIpField);
  },
});
