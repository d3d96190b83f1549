/** Safe reads of resource properties that may hold unknown or secret values at preview. */
import { isUnknownValueError, unreadableKind, type Unreadable } from "./unknown";

/**
 * A property read: known (possibly absent), unreadable at preview (unknown or secret), or malformed (a value of
 * the wrong shape, e.g. a string where the provider's schema has a list or an object), with the path that was read.
 */
export type Read<T = unknown> =
  | { readonly known: true; readonly value: T | undefined; readonly path: string }
  | { readonly known: false; readonly why: Unreadable; readonly path: string }
  | { readonly known: false; readonly why: "malformed"; readonly path: string; readonly found: string };

function unreadable(why: Unreadable, path: string): Read<never> {
  return { known: false, why, path };
}

/**
 * The inputs of a resource whose plan wrote `"inputs": null`. The engine never does (apitype.ResourceV3 writes
 * `inputs` with omitempty), so nothing can be read from it: every read is malformed, never "absent".
 */
export const NULL_INPUTS: Readonly<Record<string, unknown>> = Object.freeze({});

/** How a value of the wrong shape is named in a message. */
function shapeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}

/** A malformed read at `path`, which holds `value`. */
export function malformed(path: string, value: unknown): Read<never> {
  return { known: false, why: "malformed", path, found: shapeOf(value) };
}

/** Split paths, cached: the same few dozen paths are read for every resource. */
const SEGMENTS = new Map<string, readonly string[]>();

function segmentsOf(path: string): readonly string[] {
  let segments = SEGMENTS.get(path);
  if (!segments) SEGMENTS.set(path, (segments = path.split(".")));
  return segments;
}

/**
 * Reads a dotted path ("storageProfile.imageReference.sku") below `root`, which may be the pack's
 * unknown-checking proxy or a plain object from preview JSON. `base` prefixes the reported path.
 */
export function readPath(root: unknown, path: string, base = ""): Read {
  const full = base ? `${base}.${path}` : path;
  if (root === NULL_INPUTS) return malformed(base || "inputs", null);
  let current: unknown = root;
  const segments = segmentsOf(path);
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i] as string;
    if (current === null || current === undefined) return { known: true, value: undefined, path: full };
    // A string, number or boolean where an object is read: the wrong shape, never "absent".
    if (typeof current !== "object")
      return malformed([base, ...segments.slice(0, i)].filter((s) => s !== "").join(".") || "inputs", current);
    try {
      current = (current as Record<string, unknown>)[key];
    } catch (e) {
      if (isUnknownValueError(e)) return unreadable("unknown", full);
      throw e;
    }
    const why = unreadableKind(current);
    if (why) return unreadable(why, full);
  }
  return { known: true, value: current ?? undefined, path: full };
}

/** Narrows a read to a string; other known types count as absent. */
export function asString(r: Read): Read<string> {
  return r.known ? { ...r, value: typeof r.value === "string" ? r.value : undefined } : r;
}

/** Narrows a read to a number; numeric strings count (tags and some shapes carry numbers as strings). */
export function asNumber(r: Read): Read<number> {
  if (!r.known) return r;
  const n = typeof r.value === "number" ? r.value : typeof r.value === "string" && r.value.trim() !== "" ? Number(r.value) : NaN;
  return { ...r, value: Number.isFinite(n) ? n : undefined };
}

/** Narrows a read to a boolean; "true"/"false" strings count. */
export function asBoolean(r: Read): Read<boolean> {
  if (!r.known) return r;
  const v = r.value;
  return { ...r, value: typeof v === "boolean" ? v : v === "true" ? true : v === "false" ? false : undefined };
}

/** Narrows a read to an array; absent and null are absent, any other non-array is malformed. */
export function asList(r: Read): Read<readonly unknown[]> {
  if (!r.known || r.value === undefined || r.value === null) return r.known ? { ...r, value: undefined } : r;
  return Array.isArray(r.value) ? { ...r, value: r.value as unknown[] } : malformed(r.path, r.value);
}

/** Reads a list at `path` and returns each element with its own path, or the unreadable read. */
export function readItems(root: unknown, path: string, base = ""): Read<readonly { readonly item: unknown; readonly path: string }[]> {
  const list = asList(readPath(root, path, base));
  if (!list.known) return list;
  const items: { item: unknown; path: string }[] = [];
  const arr = list.value ?? [];
  for (let i = 0; i < arr.length; i++) {
    const one = readPath(arr, String(i), list.path);
    if (!one.known) return one;
    items.push({ item: one.value, path: one.path });
  }
  return { known: true, value: items, path: list.path };
}
