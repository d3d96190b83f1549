/**
 * deferUnusedPulumiModules in a real Node process (Jest keeps its own module registry, so require.cache can only
 * be watched in a process of its own). The facts it relies on are @pulumi/pulumi's own source (3.248.0):
 * runtime/closure/codePaths.js does `__importStar(require("@npmcli/arborist"))` and
 * runtime/closure/parseFunction.js does `require("../../typescript-shim")`, both loaded by the SDK's index.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";

const ROOT = resolve(__dirname, "../..");

/** What the probe process reports. */
interface Probe {
  /** Files of @npmcli/* packages and of the TypeScript compiler in require.cache after loading the SDK. */
  readonly heavyAfterSdk: number;
  readonly typescriptAfterSdk: boolean;
  /** The SDK's own function serialization (which needs both modules) still works. */
  readonly serialized: string;
  readonly arboristClass: string;
  readonly heavyAfterUse: number;
}

/** The probe: optionally defers, loads the SDK, counts what got loaded, then uses what was deferred. */
const PROBE = `
const defer = process.argv[2] === "defer";
if (defer) require("./src/plan/defer-unused-pulumi-modules").deferUnusedPulumiModules();
const heavy = () => Object.keys(require.cache).filter((f) => /[\\\\/]@npmcli[\\\\/]/.test(f) && require.cache[f].children.length > 0).length;
const typescript = () => Object.keys(require.cache).some((f) => /[\\\\/]typescript(@[^\\\\/]+)?[\\\\/](lib[\\\\/])?typescript\\.js$/.test(f));
const pulumi = require("@pulumi/pulumi");
const heavyAfterSdk = heavy();
const typescriptAfterSdk = typescript();
pulumi.runtime.serializeFunction(() => 41 + 1).then((fn) => {
  const { Arborist } = require("@npmcli/arborist");
  process.stdout.write(JSON.stringify({ heavyAfterSdk, typescriptAfterSdk, serialized: fn.text, arboristClass: typeof Arborist, heavyAfterUse: heavy() }));
});
`;

describe("deferUnusedPulumiModules", () => {
  const dir = mkdtempSync(join(tmpdir(), "entra-gate-defer-"));
  const entry = join(dir, "probe.js");
  beforeAll(() => {
    buildSync({
      stdin: { contents: PROBE, resolveDir: ROOT, loader: "js" },
      bundle: true,
      platform: "node",
      format: "cjs",
      packages: "external",
      outfile: entry,
      logLevel: "silent",
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function probe(mode: "defer" | "plain"): Probe {
    const run = spawnSync(process.execPath, [entry, mode], {
      cwd: ROOT,
      env: { ...process.env, NODE_PATH: join(ROOT, "node_modules") },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout) as Probe;
  }

  it("without it, loading the SDK loads npm's Arborist and the TypeScript compiler (the cost it removes)", () => {
    const plain = probe("plain");
    expect(plain.heavyAfterSdk).toBeGreaterThan(10);
    expect(plain.typescriptAfterSdk).toBe(true);
  });

  it("with it, the SDK loads neither, and both load on first use: function serialization still works", () => {
    const deferred = probe("defer");
    expect(deferred.heavyAfterSdk).toBe(0);
    expect(deferred.typescriptAfterSdk).toBe(false);
    expect(deferred.serialized).toContain("return () => 41 + 1;");
    expect(deferred.arboristClass).toBe("function");
    expect(deferred.heavyAfterUse).toBeGreaterThan(10);
  });
});
