/** The sync server must be a Trusted Launch VM with secure boot and vTPM. */
import { REQUIREMENTS } from "../requirements";
import { entraPolicy } from "./support/define";
import { asBoolean, asString, readPath } from "./support/read";
import { serverShape } from "./support/server-shape";
import { SERVER_TYPES } from "./support/type-tokens";

/** Security types that provide secure boot and vTPM. */
const TRUSTED_SECURITY_TYPES = ["trustedlaunch", "confidentialvm"];

export const enforceTrustedLaunch = entraPolicy({
  name: "entra-connect-enforce-trusted-launch",
  description: "The Entra Connect Sync server must be a Trusted Launch VM with secure boot and vTPM enabled.",
  enforcementLevel: "mandatory",
  severity: "high",
  requirement: REQUIREMENTS.trustedLaunch,
  remediationSteps:
    'Set securityProfile.securityType "TrustedLaunch" with uefiSettings.secureBootEnabled and uefiSettings.vTpmEnabled true (classic: secureBootEnabled and vtpmEnabled), on a Generation 2 image.',
  types: SERVER_TYPES,
  scope: "sync-server",
  check(ctx) {
    const shape = serverShape(ctx.type);
    if (shape.securityType) {
      const type = asString(readPath(ctx.props, shape.securityType));
      if (!ctx.known(type, "the security type")) return;
      if (!TRUSTED_SECURITY_TYPES.includes(type.value?.toLowerCase() ?? "")) {
        ctx.report(
          `${type.path} is ${type.value === undefined ? "not set" : `"${type.value}"`}, so the VM is not a Trusted Launch VM`,
          `set ${type.path} to "TrustedLaunch"`,
        );
      }
    }
    for (const [path, what] of [
      [shape.secureBoot, "secure boot"],
      [shape.vTpm, "vTPM"],
    ] as const) {
      const flag = asBoolean(readPath(ctx.props, path));
      if (ctx.known(flag, what) && flag.value !== true)
        ctx.report(`${what} is not enabled (${path} is ${String(flag.value ?? "not set")})`, `set ${path} to true`);
    }
  },
});
