/** Writes rendered output to a file (--out) or to stdout. */
import { writeFileSync } from "node:fs";
import { InputError } from "../../cli/errors";

export function writeOutput(text: string, out: string | undefined): void {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(out, text);
  } catch (e) {
    throw new InputError(`--out ${out}: cannot write it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give a writable file path.`);
  }
}
