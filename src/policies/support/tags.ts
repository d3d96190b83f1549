/** Reading the entra-connect tags of a resource (both providers write them in `tags`). */
import { TAG_NAMES } from "../../requirements";
import { asString, malformed, readPath, type Read } from "./read";

/** Reads tag `name` (matched case-insensitively, as Azure does) from a resource's props. */
export function readTag(props: unknown, name: string): Read<string> {
  const tags = readPath(props, "tags");
  if (!tags.known) return tags;
  if (tags.value === null || tags.value === undefined) return { known: true, value: undefined, path: `tags.${name}` };
  if (typeof tags.value !== "object" || Array.isArray(tags.value)) return malformed("tags", tags.value);
  const key = Object.keys(tags.value).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
  return asString(readPath(tags.value, key, "tags"));
}

/** Roles already read, per resource inputs object: every policy reads the role of every resource it judges. */
const ROLES = new WeakMap<object, Read<string>>();

/** The `entra-connect-role` tag, lower-cased. */
export function readRole(props: unknown): Read<string> {
  const cacheable = typeof props === "object" && props !== null;
  const cached = cacheable ? ROLES.get(props) : undefined;
  if (cached) return cached;
  const tag = readTag(props, TAG_NAMES.role);
  const role = tag.known ? { ...tag, value: tag.value?.trim().toLowerCase() } : tag;
  if (cacheable) ROLES.set(props, role);
  return role;
}
