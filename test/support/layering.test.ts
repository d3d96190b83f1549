/**
 * The developers' guide's layering: imports point down, never up. requirements and support at the bottom;
 * components, policies and report above them; preflight, plan and check above those; then gate; cli on top.
 * A preflight or a policy never imports from src/cli/ (errors and secret reading live in src/support/).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const SRC = path.join(__dirname, "..", "..", "src");
const LAYER: Record<string, number> = {
  support: 0,
  requirements: 0,
  components: 1,
  policies: 1,
  report: 1,
  preflight: 2,
  plan: 2,
  check: 2,
  gate: 3,
  cli: 4,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

/** The top folder under src/ a path is in (undefined for src/index.ts). */
const topOf = (file: string): string | undefined => {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
};

function upwardImports(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = topOf(file);
    if (from === undefined) continue;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from\s+|import\(\s*|require\(\s*)"(\.{1,2}\/[^"]+)"/g)) {
      const to = topOf(path.resolve(path.dirname(file), m[1]!));
      if (to === undefined || to === from) continue;
      if ((LAYER[to] ?? 0) > (LAYER[from] ?? 0)) found.push(`${path.relative(SRC, file)} imports ${m[1]} (${from} -> ${to})`);
    }
  }
  return found;
}

describe("layering", () => {
  it("knows every top folder under src/", () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !(f in LAYER))).toEqual([]);
  });

  it("no module imports from a layer above its own", () => {
    expect(upwardImports()).toEqual([]);
  });
});
