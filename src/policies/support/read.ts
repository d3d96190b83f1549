/** Safe reads of resource properties that may hold unknown or secret values at preview. */
import { isUnknownValueError, unreadableKind, type Unreadable } from "./unknown";

/** A property read: known (possibly absent) or unreadable at preview, with the path that was read. */
export type Read<T = unknown> =
  | { readonly known: true; readonly value: T | undefined; readonly path: string }
  | { readonly known: false; readonly why: Unreadable; readonly path: string };

function unreadable(why: Unreadable, path: string): Read<never> {
  return { known: false, why, path };
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
  let current: unknown = root;
  for (const key of segmentsOf(path)) {
    if (current === null || typeof current !== "object") return { known: true, value: undefined, path: full };
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

/** Narrows a read to an array; a known non-array counts as absent. */
export function asList(r: Read): Read<readonly unknown[]> {
  return r.known ? { ...r, value: Array.isArray(r.value) ? (r.value as unknown[]) : undefined } : r;
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
