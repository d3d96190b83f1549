/** Writes rendered output to a file (named by `flag`, --out by default) or, without a file, to stdout. */
import { writeFileSync } from "node:fs";
import { InputError } from "../../cli/errors";

export function writeOutput(text: string, out: string | undefined, flag = "--out"): void {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(out, text);
  } catch (e) {
    throw new InputError(`${flag} ${out}: cannot write it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give a writable file path.`);
  }
}
