/**
 * Keeps two heavy modules that `@pulumi/pulumi` loads eagerly out of `entra-gate plan`'s cold start, without
 * changing what runs. `@pulumi/pulumi`'s index loads `runtime/index.js`, which loads
 * `runtime/closure/codePaths.js` (`const arborist = __importStar(require("@npmcli/arborist"))`, used only by
 * `new arborist.Arborist(...)` when a function closure is serialized with its packages) and
 * `runtime/closure/parseFunction.js` (`const ts = require("../../typescript-shim")`, the TypeScript compiler,
 * used only to parse a serialized function). A plan under `pulumi.runtime.setMocks` serializes no function, yet
 * loading the two takes most of the SDK's start-up time (read in @pulumi/pulumi 3.248.0; `npm run bench:plan`
 * measures the effect).
 *
 * Each is replaced in `require.cache` (Node documents that entries may be added or replaced) by a stand-in whose
 * first property read loads the real module, so code that does use them gets the real thing, only later.
 */
import Module from "node:module";
import { dirname, join } from "node:path";

/** How the SDK binds a deferred module, which decides what the stand-in answers before it is loaded. */
interface DeferredModule {
  /** Resolves the module's file, given the directory of @pulumi/pulumi. */
  readonly resolve: (pulumiDir: string) => string;
  /**
   * The module is bound with TypeScript's `__importStar`, which copies every key at once unless the module says
   * `__esModule`: the stand-in says so, so that binding it reads nothing.
   */
  readonly boundAsNamespace: boolean;
}

const DEFERRED: readonly DeferredModule[] = [
  {
    resolve: (pulumiDir) => require.resolve("@npmcli/arborist", { paths: [join(pulumiDir, "runtime", "closure")] }),
    boundAsNamespace: true,
  },
  { resolve: (pulumiDir) => join(pulumiDir, "typescript-shim.js"), boundAsNamespace: false },
];

/** Puts a stand-in for `filename` in require.cache that loads the real module on first use. */
function defer(filename: string, boundAsNamespace: boolean): void {
  if (require.cache[filename]) return;
  let real: object | undefined;
  const load = (): object => {
    if (real === undefined) {
      delete require.cache[filename];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the real module in place of its stand-in
      real = require(filename) as object;
    }
    return real;
  };
  const standIn = new Module(filename);
  standIn.filename = filename;
  standIn.loaded = true;
  standIn.exports = new Proxy(
    {},
    {
      get: (_target, key) => (boundAsNamespace && key === "__esModule" ? true : (load() as Record<PropertyKey, unknown>)[key]),
      has: (_target, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        // A proxy may not report a non-configurable property its (empty) target lacks.
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
  require.cache[filename] = standIn;
}

/**
 * Defers the modules above; call it before anything loads `@pulumi/pulumi`. Where the SDK's layout differs from
 * the one read (another version), nothing is deferred: the plan starts slower and runs the same.
 */
export function deferUnusedPulumiModules(): void {
  let pulumiDir: string;
  try {
    pulumiDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
  } catch {
    return;
  }
  for (const module of DEFERRED) {
    let filename: string;
    try {
      filename = module.resolve(pulumiDir);
      require.resolve(filename);
    } catch {
      continue;
    }
    defer(filename, module.boundAsNamespace);
  }
}
