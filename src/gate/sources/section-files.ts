/** Files named in a gate.yaml section: resolved from gate.yaml's folder and refused, naming the field, when unreadable. */
import { accessSync, constants, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "../../support/errors";

function unreadable(file: string, field: string, e: unknown): InputError {
  return new InputError(
    `gate.yaml ${field} ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give a readable file, relative to gate.yaml.`,
  );
}

/** The absolute path of a readable file named in `field` (e.g. "ad.caFile"); its reader opens it later. */
export function readableSectionFile(file: string, field: string, configDir: string): string {
  const path = resolve(configDir, file);
  try {
    accessSync(path, constants.R_OK);
  } catch (e) {
    throw unreadable(file, field, e);
  }
  return path;
}

/** The text of a file named in `field` (e.g. "cloud.caFile"). */
export function readSectionFile(file: string, field: string, configDir: string): string {
  try {
    return readFileSync(resolve(configDir, file), "utf8");
  } catch (e) {
    throw unreadable(file, field, e);
  }
}
