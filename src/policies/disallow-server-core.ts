/** Entra Connect Sync needs Desktop Experience: Server Core, Nano and Semi-Annual/Annual Channel images are refused. */
import { osVerdict, REQUIREMENTS, SERVER_IMAGES } from "../requirements";
import { entraPolicy } from "./support/define";
import { describeImage, serverOs } from "./support/server-os";
import { SERVER_TYPES } from "./support/type-tokens";

export const disallowServerCore = entraPolicy({
  name: "entra-connect-disallow-server-core",
  description:
    "The Entra Connect Sync server must run Windows Server with Desktop Experience (no Server Core, Nano or Semi-Annual/Annual Channel).",
  enforcementLevel: "mandatory",
  severity: "high",
  requirement: REQUIREMENTS.osDesktopExperience,
  remediationSteps: `Deploy the server from a Desktop Experience SKU such as ${SERVER_IMAGES["2022"].sku} (not -core, -nano or a Semi-Annual/Annual Channel SKU).`,
  types: SERVER_TYPES,
  scope: "sync-server",
  check(ctx) {
    const os = serverOs(ctx);
    const c = os?.classification;
    if (c?.kind !== "windows-server" || (c.installation === "desktop" && c.channel === "ltsc")) return;
    const verdict = osVerdict(c);
    if (verdict.status !== "refused") return;
    ctx.report(`image ${describeImage(os?.image)}: ${verdict.reason}`, `use a Desktop Experience SKU such as ${SERVER_IMAGES["2022"].sku}`);
  },
});
