/**
 * `--write-config`: sets objectCount and database in a Pulumi stack file from the real forest, keeping the
 * file's comments and every other key (the `yaml` package's document API).
 */
import { existsSync } from "node:fs";
import { Document, isMap, parseDocument } from "yaml";
import { InputError } from "../../support/errors";
import type { ObjectCounts, SizingVerdict } from "./report";
import { describeBytes, FileTooLargeError, MAX_CONFIG_FILE_BYTES, readTextCapped, writeFileAtomic } from "../../support/files";

/** The stack config namespace (the Pulumi project name). */
const NAMESPACE = "entra-connect-gate";

/** Loads the stack file (or an empty one when it does not exist yet); throws InputError before any scan. */
export function loadStackDocument(path: string): Document {
  if (!existsSync(path)) return new Document({ config: {} });
  let text: string;
  try {
    text = readTextCapped(path, MAX_CONFIG_FILE_BYTES);
  } catch (e) {
    if (e instanceof FileTooLargeError)
      throw new InputError(
        `--write-config ${path}: the file is larger than ${describeBytes(MAX_CONFIG_FILE_BYTES)}, which no real Pulumi stack file is; it was not parsed. Name the stack file itself.`,
      );
    throw new InputError(
      `--write-config ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give a writable Pulumi stack file.`,
    );
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new InputError(
      `--write-config ${path}: not valid YAML (${doc.errors[0]?.message.split("\n")[0]}). Fix the file or name another one.`,
    );
  }
  const config = doc.get("config");
  if (doc.contents !== null && !isMap(doc.contents))
    throw new InputError(`--write-config ${path}: a Pulumi stack file is a map with a "config:" key.`);
  if (config !== undefined && config !== null && !isMap(config))
    throw new InputError(`--write-config ${path}: its "config:" is not a map of keys to values.`);
  return doc;
}

/** Sets `entra-connect-gate:objectCount` and `entra-connect-gate:database` and writes the file. */
export function writeStackSizing(path: string, doc: Document, counts: ObjectCounts, sizing: SizingVerdict): void {
  const config = doc.get("config");
  if (!isMap(config)) doc.set("config", doc.createNode({}));
  else if (config.items.length === 0) config.flow = false;
  doc.setIn(["config", `${NAMESPACE}:objectCount`], counts.total);
  doc.setIn(["config", `${NAMESPACE}:database`], sizing.database);
  try {
    writeFileAtomic(path, doc.toString());
  } catch (e) {
    throw new InputError(`--write-config ${path}: cannot write it (${(e as NodeJS.ErrnoException).code ?? "error"}).`);
  }
}
