/**
 * Values a plan does not show: unknown until the deployment runs, or sensitive. Each reader turns them into the
 * markers the policies already read in `pulumi preview --json` (the unknown sentinel and the "[secret]"
 * placeholder), so a check that needs one reports "cannot verify" exactly as for a Pulumi preview, and a
 * sensitive value never reaches a message.
 */
import { isRecord } from "../../plan/is-record";
import { SECRET_PLACEHOLDER, UNKNOWN_STRING } from "../../policies/support/unknown";

/** True when a marker tree marks anything (`true` somewhere in it). */
function marks(tree: unknown): boolean {
  if (tree === true) return true;
  if (Array.isArray(tree)) return tree.some(marks);
  return isRecord(tree) && Object.values(tree).some(marks);
}

/**
 * Overlays a Terraform-style marker tree on a value: `true` at a place in `unknown` makes it the unknown
 * sentinel, `true` at a place in `sensitive` makes it "[secret]" (sensitive wins: an unknown secret is still a
 * secret). Markers mirror the value's structure (objects by key, lists by index); `false` and absent mean
 * "known" / "not sensitive". The result is a new tree; `value` is not changed.
 */
export function overlayMarkers(value: unknown, unknown: unknown, sensitive: unknown): unknown {
  if (sensitive === true) return SECRET_PLACEHOLDER;
  if (unknown === true) return UNKNOWN_STRING;
  // Nothing marked below here (the common case): the value as it is, not a copy.
  if (!marks(unknown) && !marks(sensitive)) return value;
  const unknownAt = (k: string | number): unknown => (isRecord(unknown) || Array.isArray(unknown) ? (unknown as never)[k] : undefined);
  const sensitiveAt = (k: string | number): unknown =>
    isRecord(sensitive) || Array.isArray(sensitive) ? (sensitive as never)[k] : undefined;
  if (Array.isArray(value) || (value == null && (Array.isArray(unknown) || Array.isArray(sensitive)))) {
    const list = Array.isArray(value) ? value : [];
    const length = Math.max(list.length, Array.isArray(unknown) ? unknown.length : 0);
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) out.push(overlayMarkers(list[i] ?? null, unknownAt(i), sensitiveAt(i)));
    return out;
  }
  if (isRecord(value) || (value == null && (isRecord(unknown) || isRecord(sensitive)))) {
    const object = isRecord(value) ? value : {};
    const out: Record<string, unknown> = {};
    const keys = new Set([...Object.keys(object), ...(isRecord(unknown) ? Object.keys(unknown) : [])]);
    for (const key of keys) {
      const v = overlayMarkers(object[key], unknownAt(key), sensitiveAt(key));
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  return value;
}
