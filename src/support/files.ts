/**
 * Reading and writing the files the tool is handed, safely: reads are capped (a secret file or a stack file
 * named /dev/zero must end, not read forever), writes go to a temporary file in the same folder and are renamed
 * over the target, so a failed write never truncates the file it was updating.
 */
import { accessSync, closeSync, constants, existsSync, openSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The most a secret file (a password or a client secret on its first line) may hold. */
export const MAX_SECRET_FILE_BYTES = 4 * 1024;
/** The most a stack file or gate.yaml may hold: no real one comes near, and the YAML parser's cost grows fast. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

/** A file held more than the cap its kind allows; nothing of it was parsed. */
export class FileTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly limitBytes: number,
  ) {
    super(`${path} is larger than ${describeBytes(limitBytes)}`);
    this.name = "FileTooLargeError";
  }
}

/** "4 KB", "1 MB": the cap as messages name it. */
export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : bytes >= 1024 ? `${bytes / 1024} KB` : `${bytes} bytes`;
}

/**
 * The file's text (UTF-8), reading at most `maxBytes` + 1 bytes: a longer file (or an endless one such as
 * /dev/zero) throws FileTooLargeError; an unreadable one throws the system error (with its `code`).
 */
export function readTextCapped(path: string, maxBytes: number): string {
  return readBytesCapped(path, maxBytes).toString("utf8");
}

/** The file's bytes, capped as readTextCapped caps them (for a caller that decodes them itself, e.g. UTF-16 JSON). */
export function readBytesCapped(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) throw new FileTooLargeError(path, maxBytes);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `text` to `path` through a temporary file in the same folder and a rename, so the old file stays whole
 * if the write fails (a full disk). A device or pipe (/dev/stdout) is written directly: it cannot be renamed over.
 */
export function writeFileAtomic(path: string, text: string): void {
  if (existsSync(path) && !statSync(path).isFile()) {
    writeFileSync(path, text);
    return;
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    writeFileSync(temp, text, { flag: "wx" });
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // the temporary file was never created
    }
    throw e;
  }
}

/**
 * Throws the system error (EACCES, ENOENT, EISDIR...) when `path` could not be written: its folder must exist and
 * be writable (the temporary file goes there), and an existing target must be a writable file or device.
 */
export function checkWritable(path: string): void {
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: "EISDIR" });
    accessSync(path, constants.W_OK);
    if (!statSync(path).isFile()) return;
  }
  accessSync(dirname(path), constants.W_OK);
}
