/** Windows Server 2016 is allowed but only in extended support: a recommendation to move to 2022. */
import { osVerdict, REQUIREMENTS, SERVER_IMAGES, SUPPORTED_SERVER_VERSIONS, WARNED_SERVER_VERSIONS } from "../requirements";
import { entraPolicy } from "./support/define";
import { APPROVED_IMAGES_CONFIG, describeImage, serverOs, type ApprovedImagesConfig } from "./support/server-os";
import { SERVER_TYPES } from "./support/type-tokens";

export const disallowWindowsServer2016 = entraPolicy<ApprovedImagesConfig>({
  name: "entra-connect-disallow-windows-server-2016",
  description: `The Entra Connect Sync server should not run Windows Server ${WARNED_SERVER_VERSIONS.join(" or ")} (extended support only).`,
  enforcementLevel: "advisory",
  severity: "medium",
  requirement: REQUIREMENTS.osSupported,
  remediationSteps: `Plan a move to a Windows Server ${SUPPORTED_SERVER_VERSIONS[0]} image (sku ${SERVER_IMAGES["2022"].sku}).`,
  types: SERVER_TYPES,
  scope: "sync-server",
  config: APPROVED_IMAGES_CONFIG,
  check(ctx) {
    const os = serverOs(ctx);
    if (os?.classification.kind !== "windows-server") return;
    const verdict = osVerdict(os.classification);
    if (verdict.status !== "warn") return;
    ctx.report(`image ${describeImage(os.image)}: ${verdict.reason}`, `deploy the server from sku ${SERVER_IMAGES["2022"].sku}`);
  },
});
