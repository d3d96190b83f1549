/** The sync server's OS disk must have the size of the sizing tier of its object count. */
import { premiumDiskSizeFor, REQUIREMENTS, sizingTierFor } from "../requirements";
import { entraPolicy } from "./support/define";
import { OBJECT_COUNT_CONFIG, objectCountOf, type ObjectCountConfig } from "./support/object-count";
import { asNumber, readPath } from "./support/read";
import { serverShape } from "./support/server-shape";
import { SERVER_TYPES } from "./support/type-tokens";

export const enforceOsDiskSizing = entraPolicy<ObjectCountConfig>({
  name: "entra-connect-enforce-os-disk-sizing",
  description: "The Entra Connect Sync server's OS disk must have the size of the sizing tier of its object count.",
  enforcementLevel: "mandatory",
  severity: "medium",
  requirement: REQUIREMENTS.sizingDisk,
  remediationSteps: "Set the OS disk size (diskSizeGB) explicitly to at least the tier's disk size.",
  types: SERVER_TYPES,
  scope: "sync-server",
  config: OBJECT_COUNT_CONFIG,
  check(ctx) {
    const disk = asNumber(readPath(ctx.props, serverShape(ctx.type).osDiskSizeGb));
    if (!ctx.known(disk, "the OS disk size")) return;
    const count = objectCountOf(ctx);
    if (count === undefined) return;
    const tier = sizingTierFor(count);
    const fix = `set ${disk.path} to at least ${tier.diskGb} (e.g. ${premiumDiskSizeFor(tier.diskGb)})`;
    if (disk.value === undefined) {
      ctx.report(
        `the OS disk size is not set, so the image default applies; ${count} objects (tier ${tier.tier}) need at least ${tier.diskGb} GB`,
        fix,
      );
    } else if (disk.value < tier.diskGb) {
      ctx.report(`the OS disk has ${disk.value} GB; ${count} objects (tier ${tier.tier}) need at least ${tier.diskGb} GB`, fix);
    }
  },
});
