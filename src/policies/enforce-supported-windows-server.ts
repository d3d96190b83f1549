/**
 * The sync server's Windows version: 2022 or 2019 (2016 is left to the advisory policy); 2025 unless allowed
 * by config, 2012 R2 and older, Small Business Server/Essentials, Windows client images and images the pack
 * cannot classify (custom, shared or community gallery images, unknown publishers) are refused. Core, Nano and
 * the Semi-Annual/Annual Channel are the business of entra-connect-disallow-server-core.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { osVerdict, REQUIREMENTS, SERVER_IMAGES, SUPPORTED_SERVER_VERSIONS } from "../requirements";
import { entraPolicy } from "./support/define";
import { APPROVED_IMAGES_CONFIG, approvalKeyOf, describeImage, serverOs, type ApprovedImagesConfig } from "./support/server-os";
import { SERVER_TYPES } from "./support/type-tokens";

interface Config extends ApprovedImagesConfig {
  /** Accept Windows Server 2025 once Microsoft supports it for Connect Sync. Default false. */
  readonly allowWindowsServer2025?: boolean;
}

const CONFIG: Record<string, PolicyConfigJSONSchema> = {
  ...APPROVED_IMAGES_CONFIG,
  allowWindowsServer2025: {
    type: "boolean",
    description: "Accept Windows Server 2025 once Microsoft supports it for Connect Sync. Default false.",
  },
};

const supported = SUPPORTED_SERVER_VERSIONS.join(" or ");

export const enforceSupportedWindowsServer = entraPolicy<Config>({
  name: "entra-connect-enforce-supported-windows-server",
  description: `The Entra Connect Sync server must run a supported Windows Server version (${supported}).`,
  enforcementLevel: "mandatory",
  severity: "high",
  requirement: REQUIREMENTS.osSupported,
  remediationSteps: `Deploy a Windows Server ${supported} Desktop Experience marketplace image (e.g. sku ${SERVER_IMAGES["2022"].sku}); approve a custom or gallery image in config with its declared OS.`,
  types: SERVER_TYPES,
  scope: "sync-server",
  config: CONFIG,
  check(ctx) {
    const os = serverOs(ctx);
    if (!os) return;
    const c = os.classification;
    if (c.kind === "windows-server" && (c.installation !== "desktop" || c.channel !== "ltsc")) return;
    const verdict = osVerdict(c, { allowWindowsServer2025: ctx.config.allowWindowsServer2025 === true });
    if (verdict.status !== "refused") return;
    const key = os.image ? approvalKeyOf(os.image) : undefined;
    const fix =
      c.kind === "unknown" && key
        ? `if the image holds Windows Server ${supported} with Desktop Experience, approve it in this policy's config: {"approvedImages":[{"image":"${key}","windowsVersion":"${SUPPORTED_SERVER_VERSIONS[0]}"}]}; otherwise use a Windows Server ${supported} marketplace image`
        : `use a Windows Server ${supported} Desktop Experience marketplace image such as sku ${SERVER_IMAGES["2022"].sku}`;
    ctx.report(`image ${describeImage(os.image)}: ${verdict.reason}`, fix);
  },
});
