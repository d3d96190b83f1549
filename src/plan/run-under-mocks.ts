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

/** Replaces secret wrappers (and unknowns) in deserialized inputs. */
function cleanInputs(value: unknown, secrets: "redact" | "reveal"): unknown {
  if (pulumi.isUnknown(value)) return UNKNOWN_PLACEHOLDER;
  if (Array.isArray(value)) return value.map((v) => cleanInputs(v, secrets));
  if (!isRecord(value)) return value;
  if (value[SECRET_SIG_KEY] === SECRET_SIG_VALUE) return secrets === "reveal" ? cleanInputs(value["value"], secrets) : SECRET_PLACEHOLDER;
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
  const urns = new Map([...monitor.getRegisteredResources().keys()].map((urn) => [keyOfUrn(urn), urn]));
  return registered
    .filter((r) => !r.type.startsWith("pulumi:providers:"))
    .map((r) => ({
      type: r.type,
      name: r.name,
      urn: urns.get(`${r.type}::${r.name}`) ?? "",
      inputs: cleanInputs(r.inputs, options.secrets ?? "redact") as Record<string, unknown>,
    }));
}
