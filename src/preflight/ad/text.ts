/** String helpers of the directory data rules: whitespace, forbidden characters, ASCII folding, truncation. */

/** Whitespace as .NET's `\s` and JS's `\s` together (JS lacks U+0085). */
const WHITESPACE = /[\s\u0085]/;
const WHITESPACE_ALL = /[\s\u0085]+/g;
const BLANK = /^[\s\u0085]*$/;
const NON_ASCII = /[^\x20-\x7e]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** True when the value holds any whitespace character. */
export function hasWhitespace(value: string): boolean {
  return WHITESPACE.test(value);
}

/** True when the value holds a character outside printable ASCII (a diacritic, another script, a control character). */
export function hasNonAscii(value: string): boolean {
  return NON_ASCII.test(value);
}

/** True when the value starts with `smtp:` in any case (character tests, no copy: it runs for every proxy address). */
export function hasSmtpPrefix(value: string): boolean {
  return (
    value.charCodeAt(4) === 0x3a &&
    (value.charCodeAt(0) | 0x20) === 0x73 &&
    (value.charCodeAt(1) | 0x20) === 0x6d &&
    (value.charCodeAt(2) | 0x20) === 0x74 &&
    (value.charCodeAt(3) | 0x20) === 0x70
  );
}

/** True when the value is empty or whitespace only. */
export function isBlank(value: string): boolean {
  // A first character in printable ASCII other than the space is not whitespace: the value is not blank.
  const first = value.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return BLANK.test(value);
}

const setPatterns = new Map<string, { any: RegExp; anyOrWhitespaceOrNonAscii: RegExp }>();

function patternsOf(set: string): { any: RegExp; anyOrWhitespaceOrNonAscii: RegExp } {
  let p = setPatterns.get(set);
  if (!p) {
    const cls = set.replace(/[\\\]^-]/g, "\\$&");
    p = { any: cls ? new RegExp(`[${cls}]`) : /(?!)/, anyOrWhitespaceOrNonAscii: new RegExp(`[\\s\\u0085${cls}]|[^\\x20-\\x7e]`) };
    setPatterns.set(set, p);
  }
  return p;
}

/** True when `value` holds any character of `set`. */
export function hasAnyOf(value: string, set: string): boolean {
  return patternsOf(set).any.test(value);
}

/** True when `value` holds whitespace, a character of `set`, or a character outside printable ASCII. */
export function needsCleaning(value: string, set: string): boolean {
  return patternsOf(set).anyOrWhitespaceOrNonAscii.test(value);
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
