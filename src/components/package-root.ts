/** Finds files shipped in the repository, the same way from src/ (ts-jest, ts-node) and from dist/ (compiled). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const PACKAGE_NAME = "entra-connect-gate";

/** The folder of this project's package.json, searched upwards from this module. */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json named "${PACKAGE_NAME}" above ${from}.`);
  }
}
