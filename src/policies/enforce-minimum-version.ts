/** The Entra Connect build the server stages (`entra-connect-version` tag) must be at or above the minimum. */
import {
  compareVersions,
  isVersionString,
  LATEST_KNOWN_ENTRA_CONNECT_VERSION,
  MINIMUM_ENTRA_CONNECT_VERSION,
  REQUIREMENTS,
  TAG_NAMES,
} from "../requirements";
import { entraPolicy } from "./support/define";
import { readTag } from "./support/tags";
import { SERVER_TYPES } from "./support/type-tokens";

const fix = `tag the server ${TAG_NAMES.version}=${LATEST_KNOWN_ENTRA_CONNECT_VERSION} (or any build at or above ${MINIMUM_ENTRA_CONNECT_VERSION}) and install that build`;

export const enforceMinimumVersion = entraPolicy({
  name: "entra-connect-enforce-minimum-version",
  description: `The Entra Connect build on the sync server must be ${MINIMUM_ENTRA_CONNECT_VERSION} or later.`,
  enforcementLevel: "mandatory",
  severity: "critical",
  requirement: REQUIREMENTS.minimumVersion,
  remediationSteps: `Stage Entra Connect ${LATEST_KNOWN_ENTRA_CONNECT_VERSION} (at least ${MINIMUM_ENTRA_CONNECT_VERSION}) and record it in the ${TAG_NAMES.version} tag.`,
  types: SERVER_TYPES,
  scope: "sync-server",
  check(ctx) {
    const version = readTag(ctx.props, TAG_NAMES.version);
    if (!ctx.known(version, `the ${TAG_NAMES.version} tag`)) return;
    if (version.value === undefined) {
      ctx.report(`the server has no ${TAG_NAMES.version} tag, so the Entra Connect build cannot be checked`, fix);
    } else if (!isVersionString(version.value)) {
      ctx.report(`tag ${TAG_NAMES.version}="${version.value}" is not a dotted build number`, fix);
    } else if (compareVersions(version.value, MINIMUM_ENTRA_CONNECT_VERSION) < 0) {
      ctx.report(
        `Entra Connect ${version.value} is older than ${MINIMUM_ENTRA_CONNECT_VERSION}, and such builds no longer synchronise`,
        fix,
      );
    }
  },
});
