/** Reading a facts file: capped, and refused in one paragraph naming where it was given. */
import { InputError } from "../../support/errors";
import { describeBytes, FileTooLargeError, MAX_CONFIG_FILE_BYTES, readTextCapped } from "../../support/files";

/** The text of a facts file, capped; InputError naming `field` when it cannot be read. */
export function readFactsFile(path: string, field: string): string {
  try {
    return readTextCapped(path, MAX_CONFIG_FILE_BYTES);
  } catch (e) {
    if (e instanceof FileTooLargeError) {
      throw new InputError(
        `${field} ${path}: larger than ${describeBytes(MAX_CONFIG_FILE_BYTES)}, so not a facts document. Give the collector's output file.`,
      );
    }
    throw new InputError(
      `${field} ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give the file the collector's output was saved to.`,
    );
  }
}
