/**
 * A resource tagged `entra-connect-role` whose type the pack does not know cannot be verified: it is a violation,
 * never silently out of scope (a new provider, a type the policies do not read, a versioned token of another type).
 */
import { REQUIREMENTS, TAG_NAMES } from "../requirements";
import { entraPolicy, OTHER_TYPES } from "./support/define";
import { readRole } from "./support/tags";

/** Config of entra-connect-disallow-unknown-tagged-type. */
export interface UnknownTaggedTypeConfig {
  /** Type tokens an administrator has reviewed and accepts untested (compared exactly, e.g. `azure-native:compute:Disk`). */
  readonly reviewedTypes?: readonly string[];
}

export const disallowUnknownTaggedType = entraPolicy<UnknownTaggedTypeConfig>({
  name: "entra-connect-disallow-unknown-tagged-type",
  description: `A resource tagged ${TAG_NAMES.role} must be of a type the pack can verify; any other type is reported, never skipped.`,
  enforcementLevel: "mandatory",
  severity: "high",
  requirement: REQUIREMENTS.verifiableType,
  remediationSteps: `Use a resource type the pack checks (docs/policy-pack.md lists them), remove the ${TAG_NAMES.role} tag from a resource that is not part of the sync server, or, after reviewing the type, list it in this policy's "reviewedTypes".`,
  types: OTHER_TYPES,
  scope: "role-tagged",
  config: {
    reviewedTypes: {
      type: "array",
      items: { type: "string", minLength: 1 },
      description: "Type tokens you have reviewed and accept although the pack cannot verify them.",
    },
  },
  check(ctx) {
    if (ctx.config.reviewedTypes?.includes(ctx.type)) return;
    const role = readRole(ctx.props);
    ctx.report(
      `cannot verify: ${ctx.type} carries the ${TAG_NAMES.role} tag (${role.known ? role.value : "not known"}), but the pack does not know this resource type, so none of its policies can check it`,
      `use a resource type the pack checks (docs/policy-pack.md lists them), remove the tag if the resource is not part of the sync server, or after reviewing the type add it to "reviewedTypes" in the config of entra-connect-disallow-unknown-tagged-type`,
    );
  },
});
