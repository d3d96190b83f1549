/**
 * Writes a rendered report to a file (named by `flag`, --out by default) or, without a file, to stdout. Every
 * report passes the last control-character guard on its way out (src/support/redact.ts).
 */
import { writeFileSync } from "node:fs";
import { InputError } from "../../cli/errors";
import { neutraliseControlCharacters } from "../../support/redact";

export function writeOutput(text: string, out?: string, flag = "--out"): void {
  const safe = neutraliseControlCharacters(text);
  if (out === undefined) {
    process.stdout.write(safe);
    return;
  }
  try {
    writeFileSync(out, safe);
  } catch (e) {
    throw new InputError(`${flag} ${out}: cannot write it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give a writable file path.`);
  }
}
