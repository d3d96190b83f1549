/**
 * Text that came from outside (a server's answer, a file, a flag the user typed) made safe to print: secrets
 * redacted, control characters stripped. Preflights, policies, the gate and the CLI all use these; nothing here
 * imports from above `src/support`.
 *
 * - `redactSecrets`: a bearer token, a JWT, `password=` / `pwd=` (any case) up to the next `;` or line end, and
 *   OAuth fields (`access_token`, `client_secret`, ...) become "[redacted]".
 * - `stripControlCharacters`: terminal escape sequences (ANSI CSI, OSC such as hyperlinks and window titles,
 *   8-bit CSI/OSC) are removed whole, then every other C0 control, DEL and C1 control; tab and line feed are
 *   kept only when asked (`keepLayout`).
 * - `safeText`: both, for one-line messages (line breaks become spaces).
 * - `neutraliseControlCharacters`: the last guard before a report reaches stdout or a file. Raw C0 controls
 *   other than tab, line feed and CRLF, and whole 7-bit escape sequences are removed; DEL and C1 controls become the
 *   six-character escape `\u009b`, which keeps a JSON report lossless (JSON.stringify leaves them raw) and shows
 *   them harmlessly in text.
 */

const REDACTED = "[redacted]";

/* eslint-disable no-control-regex -- these patterns exist to find control characters */
/** ESC [ params intermediates final: colours, cursor moves, screen clears. */
const CSI_7BIT = /\u001b\[[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g;
/** The same introduced by the 8-bit CSI (U+009B). */
const CSI_8BIT = /\u009b[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g;
/** ESC ] ... BEL or ST: window titles, hyperlinks, clipboard writes; also DCS, SOS, PM and APC strings. */
const STRING_7BIT = /\u001b[\]P^_X][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;
/** The same introduced by their 8-bit forms (OSC U+009D, DCS U+0090, SOS U+0098, PM U+009E, APC U+009F). */
const STRING_8BIT = /[\u009d\u0090\u0098\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;
/** Any other ESC plus the one character after it (ESC c resets the terminal, ESC 7 saves the cursor...). */
const ESC_PAIR = /\u001b[\u0020-\u007e]?/g;
/** Every C0 control, DEL and C1 control. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** The same without tab and line feed. */
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Raw C0 controls other than tab, line feed and the CR of a CRLF line end (CSV). */
const C0_BUT_LAYOUT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|\r(?!\n)/g;
/** DEL and the C1 controls. */
const DEL_AND_C1 = /[\u007f-\u009f]/g;
/** Any character neutraliseControlCharacters changes or starts a sequence at: C0 but tab and line feed (ESC, CR included), DEL, C1. */
const ANY_TO_NEUTRALISE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */

/** The text without 7-bit escape sequences (those JSON.stringify can never leave raw). */
function without7BitSequences(text: string): string {
  return text.replace(STRING_7BIT, "").replace(CSI_7BIT, "").replace(ESC_PAIR, "");
}

function withoutEscapeSequences(text: string): string {
  return without7BitSequences(text).replace(STRING_8BIT, "").replace(CSI_8BIT, "");
}

/**
 * The text without terminal escape sequences and control characters.
 * @param text text that came from outside
 * @param options.keepLayout keep tab and line feed (multi-line reports); default false
 * @param options.replacement what each removed lone control character becomes; default "" (escape sequences always go whole)
 */
export function stripControlCharacters(text: string, options: { keepLayout?: boolean; replacement?: string } = {}): string {
  return withoutEscapeSequences(text).replace(options.keepLayout ? CONTROL_BUT_LAYOUT : CONTROL, options.replacement ?? "");
}

/** Directory text with each control character (C0, DEL, C1) shown as "?", so no value can drive the terminal yet the reader sees where it was. */
export function markControlCharacters(text: string): string {
  return text.replace(CONTROL, "?");
}

/** `Authorization: Bearer <token>` (or any "Bearer <token>"), a JWT anywhere, and key=value secrets. */
const SECRET_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\b(Bearer)(\s+|%20|\+)[A-Za-z0-9\-._~+/]+=*/gi, `$1$2${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\b(Basic)(\s+)[A-Za-z0-9+/]{8,}={0,2}/g, `$1$2${REDACTED}`],
  // A connection string's or a flag's password: everything up to the next ";" (or the end of the line).
  [/\b(password|pwd)(\s*=\s*)[^;\r\n]*/gi, `$1$2${REDACTED}`],
  // OAuth fields in a query string, a form body or JSON.
  [/\b(access_token|refresh_token|id_token|client_secret|client_assertion)("?\s*[:=]\s*"?)[^&;,"'\s}]+/gi, `$1$2${REDACTED}`],
];

/** The text with bearer tokens, JWTs, Basic credentials, `password=`/`pwd=` values and OAuth secrets replaced by "[redacted]". */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

/**
 * Outside text for a one-line message: control characters stripped first (so none can hide a secret from the
 * redaction or split "password"), then secrets redacted; line breaks and tabs become spaces.
 */
export function safeText(text: string): string {
  return redactSecrets(
    withoutEscapeSequences(text)
      .replace(/[\t\n\r]+/g, " ")
      .replace(CONTROL, ""),
  );
}

/** A multi-line message (an error paragraph, commander's usage error): like safeText, keeping tabs and line feeds. */
export function safeMultilineText(text: string): string {
  return redactSecrets(stripControlCharacters(text, { keepLayout: true }));
}

/** The last guard for a rendered report (text, JSON, CSV, SARIF, HTML, LDIF) before stdout or a file; see the module comment. */
export function neutraliseControlCharacters(text: string): string {
  // The common report holds none of them: one scan instead of five passes over a report of megabytes.
  if (!ANY_TO_NEUTRALISE.test(text)) return text;
  return without7BitSequences(text)
    .replace(C0_BUT_LAYOUT, "")
    .replace(DEL_AND_C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
