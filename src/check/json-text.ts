/** JSON parsing with an error that says where, the same on every Node version. */

/** Parses `text`; on a syntax error returns the place ("line 1, column 3") or Node's message when it gives no position. */
export function parseJsonText(
  text: string,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly where: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = (e as Error).message;
    const m = /position (\d+)/.exec(message);
    if (!m) return { ok: false, where: text.trim() === "" ? "the file is empty" : message };
    const at = Number(m[1]);
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    return { ok: false, where: `syntax error at line ${line}, column ${at - before.lastIndexOf("\n")}` };
  }
}
