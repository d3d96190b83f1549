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

/**
 * Decodes a JSON file's bytes: UTF-8 (a UTF-8 BOM is dropped), or UTF-16 with its BOM, as Windows PowerShell 5.1
 * writes `pulumi preview --json > preview.json` (its `>` and Out-File write UTF-16LE, and every Unicode encoding
 * there writes a BOM: about_Character_Encoding). UTF-16 without a BOM cannot be told from binary and is left to
 * the JSON parser, which names the first bad character.
 */
export function decodeJsonBytes(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - ((bytes.length - 2) % 2)));
    return swapped.swap16().toString("utf16le");
  }
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
