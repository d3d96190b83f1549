/**
 * Writes a rendered report to a file (named by `flag`, --out by default) or, without a file, to stdout. Every
 * report passes the last control-character guard on its way out (src/support/redact.ts).
 */

import { InputError } from "../../support/errors";
import { neutraliseControlCharacters } from "../../support/redact";
import { checkWritable, writeFileAtomic } from "../../support/files";

/**
 * Throws InputError naming `flag` when `out` could not be written; called before a scan starts, so its work is
 * never lost to a typo in an output path.
 */
export function checkOutputWritable(out: string | undefined, flag = "--out"): void {
  if (out === undefined) return;
  try {
    checkWritable(out);
  } catch (e) {
    throw new InputError(
      `${flag} ${out}: cannot write there (${(e as NodeJS.ErrnoException).code ?? "error"}). Give a file path in an existing, writable folder; nothing was checked yet.`,
    );
  }
}

export function writeOutput(text: string, out?: string, flag = "--out"): void {
  const safe = neutraliseControlCharacters(text);
  if (out === undefined) {
    process.stdout.write(safe);
    return;
  }
  try {
    writeFileAtomic(out, safe);
  } catch (e) {
    throw new InputError(`${flag} ${out}: cannot write it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give a writable file path.`);
  }
}
