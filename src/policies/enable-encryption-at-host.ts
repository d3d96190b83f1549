/** Recommendation: encryption at host for the sync server's disks and caches. */
import { REQUIREMENTS } from "../requirements";
import { entraPolicy } from "./support/define";
import { asBoolean, readPath } from "./support/read";
import { serverShape } from "./support/server-shape";
import { SERVER_TYPES } from "./support/type-tokens";

export const enableEncryptionAtHost = entraPolicy({
  name: "entra-connect-enable-encryption-at-host",
  description: "The Entra Connect Sync server should use encryption at host.",
  enforcementLevel: "advisory",
  severity: "medium",
  requirement: REQUIREMENTS.encryptionAtHost,
  remediationSteps:
    "Register the EncryptionAtHost feature on the subscription and set securityProfile.encryptionAtHost (classic: encryptionAtHostEnabled) to true.",
  types: SERVER_TYPES,
  scope: "sync-server",
  check(ctx) {
    const path = serverShape(ctx.type).encryptionAtHost;
    const flag = asBoolean(readPath(ctx.props, path));
    if (ctx.known(flag, "encryption at host") && flag.value !== true) {
      ctx.report(`encryption at host is not enabled (${path} is ${String(flag.value ?? "not set")})`, `set ${path} to true`);
    }
  },
});
