/** The forest's object count of a server: the `entra-connect-object-count` tag, else the `objectCount` config. */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { objectCountProblem, TAG_NAMES } from "../../requirements";
import type { PolicyContext } from "./define";
import { readTag } from "./tags";

/** Config of the policies that size by object count. */
export interface ObjectCountConfig {
  /** Used when the resource has no `entra-connect-object-count` tag. */
  readonly objectCount?: number;
}

/** The config schema property for `objectCount`. */
export const OBJECT_COUNT_CONFIG: Readonly<Record<string, PolicyConfigJSONSchema>> = {
  objectCount: {
    type: "integer",
    minimum: 0,
    description: `The forest's object count (users + groups + contacts + computers), used when a server has no ${TAG_NAMES.objectCount} tag.`,
  },
};

/** The object count, or undefined after reporting why it cannot be had (unknown tag, bad tag value, none at all). */
export function objectCountOf(ctx: PolicyContext<ObjectCountConfig>): number | undefined {
  const tag = readTag(ctx.props, TAG_NAMES.objectCount);
  if (!ctx.known(tag, `the ${TAG_NAMES.objectCount} tag`)) return undefined;
  if (tag.value !== undefined) {
    const count = /^\s*\d+\s*$/.test(tag.value) ? Number(tag.value) : NaN;
    const problem = objectCountProblem(Number.isNaN(count) ? tag.value : count);
    if (problem === undefined) return count;
    ctx.report(`tag ${TAG_NAMES.objectCount} ${problem}`, `write the object count as a whole decimal number, e.g. "120000"`);
    return undefined;
  }
  if (ctx.config.objectCount !== undefined) return ctx.config.objectCount;
  ctx.report(
    `the object count is not known: the resource has no ${TAG_NAMES.objectCount} tag and the policy config sets no objectCount`,
    `tag the server ${TAG_NAMES.objectCount}=<users + groups + contacts + computers>, or set "objectCount" in this policy's config`,
  );
  return undefined;
}
