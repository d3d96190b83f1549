/** String helpers of the directory data rules: whitespace, forbidden characters, ASCII folding, truncation. */

/** Whitespace as .NET's `\s` and JS's `\s` together (JS lacks U+0085). */
const WHITESPACE = /[\s\u0085]/;
const WHITESPACE_ALL = /[\s\u0085]+/g;
const NON_ASCII = /[^\x20-\x7e]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** True when the value holds any whitespace character. */
export function hasWhitespace(value: string): boolean {
  return WHITESPACE.test(value);
}

/** True when the value is empty or whitespace only. */
export function isBlank(value: string): boolean {
  return value.replace(WHITESPACE_ALL, "") === "";
}

/** True when the value holds a character outside printable ASCII (diacritics, other scripts, controls). */
export function hasNonAscii(value: string): boolean {
  return NON_ASCII.test(value);
}

/** The characters of `set` that occur in `value`, each once, in the set's order. */
export function forbiddenIn(value: string, set: string): string {
  let found = "";
  for (const ch of set) if (value.includes(ch)) found += ch;
  return found;
}

/** Removes whitespace, the characters of `set`, and folds diacritics to ASCII (é -> e), dropping what has no fold. */
export function cleanValue(value: string, set = ""): string {
  let out = "";
  for (const ch of value.normalize("NFD").replace(COMBINING_MARKS, "")) {
    if (WHITESPACE.test(ch) || set.includes(ch) || NON_ASCII.test(ch)) continue;
    out += ch;
  }
  return out;
}

/** Removes whitespace only. */
export function withoutWhitespace(value: string): string {
  return value.replace(WHITESPACE_ALL, "");
}

/** The first `max` UTF-16 code units, never splitting a surrogate pair. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  const last = value.charCodeAt(max - 1);
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
