/** Address and CIDR checks for the NSG rules the component writes. */
import { isIP } from "node:net";

/** True for an IPv4/IPv6 address or a CIDR such as 10.0.0.0/24 or fd00::/64. */
export function isAddressOrCidr(value: string): boolean {
  const [address = "", prefix, ...rest] = value.trim().split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
