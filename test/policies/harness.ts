/** Runs one policy on one resource through the checker's real fake-args, optionally behind the SDK's unknown-checking proxy. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { resolvePackConfig } from "../../src/check/policy-config";
import { evaluateResources } from "../../src/check/runner";
import { nameFromUrn } from "../../src/check/preview-file";

/** The SDK's proxy (its .d.ts is stripped to `export {}`). */
const { unknownCheckingProxy } = jest.requireActual<{ unknownCheckingProxy: (props: object) => object }>("@pulumi/policy/proxy");

/** Runs `policy` on a resource of `type` with `props`; returns the violation messages. */
export async function run(
  policy: ResourceValidationPolicy,
  type: string,
  props: Record<string, unknown>,
  config: Record<string, unknown> = {},
  opts: { proxy?: boolean } = {},
): Promise<string[]> {
  const urn = `urn:pulumi:dev::entra::${type}::res`;
  const inputs = opts.proxy ? (unknownCheckingProxy(props) as Record<string, unknown>) : props;
  const pack = resolvePackConfig(Object.keys(config).length ? { [policy.name]: config } : {}, [policy], "test-config.json");
  const violations = await evaluateResources(
    [{ urn, type, name: nameFromUrn(urn), inputs, dependencies: [], propertyDependencies: {} }],
    [policy],
    pack,
    "test.json",
  );
  return violations.map((v) => v.message);
}

/** Sets a dotted path in a fixture (creating objects on the way); `undefined` deletes the key. */
export function set(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split(".");
  let cur: Record<string, unknown> = obj;
  for (const key of keys.slice(0, -1)) {
    cur[key] ??= {};
    cur = cur[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return obj;
}
