/**
 * Runs a Pulumi program offline under `pulumi.runtime.setMocks` (no engine, no Pulumi CLI, no Azure) and
 * collects every resource it registers with its inputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { isRecord } from "./is-record";

/** One resource the program would create. */
export interface PlannedResource {
  /** Type token, e.g. "azure-native:compute:VirtualMachine" or "entra-connect-gate:index:EntraConnectServer". */
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** Inputs as the engine would receive them; secret values are "[secret]" unless revealed. */
  readonly inputs: Record<string, unknown>;
}

export interface MockRunOptions {
  readonly project: string;
  readonly stack: string;
  /** Full config keys ("project:key") to string values, as `pulumi config` stores them. */
  readonly config: Readonly<Record<string, string>>;
  /** Config keys that are secret. */
  readonly secretKeys?: readonly string[];
  /** "redact" (default) shows each secret as "[secret]"; "reveal" unwraps it (tests only: never print it). */
  readonly secrets?: "redact" | "reveal";
}

/** What a secret looks like in a plan. */
export const SECRET_PLACEHOLDER = "[secret]";
/** What a value known only after deployment looks like in a plan. */
export const UNKNOWN_PLACEHOLDER = "[unknown]";

/** The wire signature Pulumi marks secret values with. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** How a run treats secrets: reveal them (tests), or redact them knowing the secret config values. */
type SecretHandling = { readonly mode: "reveal" } | { readonly mode: "redact"; readonly values: readonly string[] };

/** True when a value holds one of the secret config values (as a whole or inside a longer text). */
function holdsSecret(value: unknown, secrets: readonly string[]): boolean {
  if (typeof value === "string") return secrets.some((s) => value.includes(s));
  if (Array.isArray(value)) return value.some((v) => holdsSecret(v, secrets));
  return isRecord(value) && Object.values(value).some((v) => holdsSecret(v, secrets));
}

/** Within a secret-wrapped map or list: every leaf that holds a secret value becomes "[secret]", the rest stays. */
function redactLeaves(value: unknown, secrets: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => redactLeaves(v, secrets));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactLeaves(v, secrets)]));
  return holdsSecret(value, secrets) ? SECRET_PLACEHOLDER : value;
}

/**
 * Replaces secret wrappers (and unknowns) in deserialized inputs. Pulumi marks a whole map secret when one of its
 * values is (the VM's osProfile holds the admin password): such a map is opened and only the leaves that hold a
 * secret config value are redacted, so the plan shows the admin user and computer name. A value that is secret
 * for another reason (an extension's protected settings) stays "[secret]" whole.
 */
function cleanInputs(value: unknown, secrets: SecretHandling): unknown {
  if (pulumi.isUnknown(value)) return UNKNOWN_PLACEHOLDER;
  if (Array.isArray(value)) return value.map((v) => cleanInputs(v, secrets));
  if (!isRecord(value)) return value;
  if (value[SECRET_SIG_KEY] === SECRET_SIG_VALUE) {
    const inner = cleanInputs(value["value"], secrets);
    if (secrets.mode === "reveal") return inner;
    return (isRecord(inner) || Array.isArray(inner)) && holdsSecret(inner, secrets.values)
      ? redactLeaves(inner, secrets.values)
      : SECRET_PLACEHOLDER;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanInputs(v, secrets)]));
}

interface MockMonitorView {
  getRegisteredResources(): Map<string, unknown>;
}

function isMockMonitor(value: unknown): value is MockMonitorView {
  return typeof value === "object" && value !== null && typeof (value as Partial<MockMonitorView>).getRegisteredResources === "function";
}

/** The last `$`-separated part of a URN's type, and its name: how a URN is matched to a registration. */
function keyOfUrn(urn: string): string {
  const [, , qualifiedType = "", name = ""] = urn.split("::");
  return `${qualifiedType.split("$").pop() ?? ""}::${name}`;
}

/**
 * Runs `program` under mocks and returns the resources in registration order (providers left out). The
 * mocks answer every custom resource with the id "[id of NAME]" and its inputs as outputs (plus `name`).
 * Whatever `program` throws (a refusal) propagates after the runtime is released.
 */
export async function runUnderMocks(program: () => unknown, options: MockRunOptions): Promise<PlannedResource[]> {
  const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        return { id: args.custom ? `[id of ${args.name}]` : undefined, state: { name: args.name, ...args.inputs } };
      },
      call: (args) => args.inputs,
    },
    options.project,
    options.stack,
    true,
  );
  const monitor = pulumi.runtime.getMonitor();
  pulumi.runtime.setAllConfig({ ...options.config }, [...(options.secretKeys ?? [])]);
  try {
    await program();
  } finally {
    await pulumi.runtime.disconnect();
  }
  if (!isMockMonitor(monitor))
    throw new Error("The Pulumi mock monitor no longer lists its resources: update src/plan/run-under-mocks.ts.");
  const handling: SecretHandling =
    options.secrets === "reveal"
      ? { mode: "reveal" }
      : { mode: "redact", values: (options.secretKeys ?? []).flatMap((k) => (options.config[k] ? [options.config[k]] : [])) };
  const urns = new Map([...monitor.getRegisteredResources().keys()].map((urn) => [keyOfUrn(urn), urn]));
  return registered
    .filter((r) => !r.type.startsWith("pulumi:providers:"))
    .map((r) => ({
      type: r.type,
      name: r.name,
      urn: urns.get(`${r.type}::${r.name}`) ?? "",
      inputs: cleanInputs(r.inputs, handling) as Record<string, unknown>,
    }));
}
