/**
 * Reads the output of `pulumi preview --json`: each step's `newState` (type, urn, inputs, parent, dependencies,
 * propertyDependencies). Malformed input throws an InputError naming the file and what is wrong.
 */
import { InputError } from "../support/errors";
import { isRecord } from "../plan/is-record";
import { parseJsonText } from "./json-text";
import { NULL_INPUTS } from "../policies/support/read";

/** One resource as the plan will leave it. */
export interface PlannedResource {
  readonly urn: string;
  readonly type: string;
  /** The last part of the URN. */
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly parent?: string;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** The type as the source file names it when it is not a Pulumi plan (`azurerm_windows_virtual_machine`, `Microsoft.Compute/virtualMachines`). */
  readonly sourceType?: string;
}

const HINT = "pass the output of `pulumi preview --json` (redirect stdout to a file)";

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string");
}

/** The resource name in a URN ("urn:pulumi:dev::proj::azure-native:compute:VirtualMachine::sync" -> "sync"). */
export function nameFromUrn(urn: string): string {
  const at = urn.lastIndexOf("::");
  return at >= 0 ? urn.slice(at + 2) : urn;
}

/** Validates one step's newState; `where` names it in errors. */
function plannedResource(state: unknown, file: string, where: string): PlannedResource {
  const bad = (what: string): InputError => new InputError(`${file}: ${where} ${what}; ${HINT}.`);
  if (!isRecord(state)) throw bad("is not an object");
  // Absent and null optional fields mean the same: none; but `"inputs": null` (which the engine never writes)
  // leaves nothing to read, so every policy that looks at the resource says it cannot verify it.
  const { urn, type } = state;
  const inputs = state.inputs ?? undefined;
  const parent = state.parent ?? undefined;
  const dependencies = state.dependencies ?? undefined;
  const propertyDependencies = state.propertyDependencies ?? undefined;
  if (typeof urn !== "string" || urn === "") throw bad('has no "urn" string');
  if (typeof type !== "string" || type === "") throw bad('has no "type" string');
  if (inputs !== undefined && !isRecord(inputs)) throw bad('has "inputs" that is not an object');
  if (parent !== undefined && typeof parent !== "string") throw bad('has a "parent" that is not a URN string');
  if (dependencies !== undefined && !isStringList(dependencies)) throw bad('has "dependencies" that is not a list of URNs');
  if (propertyDependencies !== undefined && !(isRecord(propertyDependencies) && Object.values(propertyDependencies).every(isStringList))) {
    throw bad('has "propertyDependencies" that is not an object of URN lists');
  }
  return {
    urn,
    type,
    name: nameFromUrn(urn),
    inputs: state.inputs === null ? NULL_INPUTS : ((inputs as Record<string, unknown> | undefined) ?? {}),
    parent,
    dependencies: dependencies ?? [],
    propertyDependencies: (propertyDependencies as Record<string, string[]> | undefined) ?? {},
  };
}

/** Parses preview JSON text; the last step per URN wins (a replacement has several). */
export function parsePreview(text: string, file: string): PlannedResource[] {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new InputError(`${file} is not valid JSON (${parsed.where}); ${HINT}.`);
  return parsePreviewDocument(parsed.value, file);
}

/** Reads an already parsed preview document. */
export function parsePreviewDocument(doc: unknown, file: string): PlannedResource[] {
  if (!isRecord(doc) || !Array.isArray(doc.steps)) throw new InputError(`${file} has no "steps" list, so it is not a preview; ${HINT}.`);
  const failure = Array.isArray(doc.diagnostics) ? doc.diagnostics.find((d) => isRecord(d) && d.severity === "error") : undefined;
  if (isRecord(failure)) {
    const message = typeof failure.message === "string" ? failure.message.trim().split("\n")[0] : "no message";
    throw new InputError(
      `${file} is a preview that failed (error: ${message}), so its plan is incomplete; fix the program and preview again.`,
    );
  }
  const byUrn = new Map<string, PlannedResource>();
  doc.steps.forEach((step: unknown, i: number) => {
    if (!isRecord(step)) throw new InputError(`${file}: steps[${i}] is not an object; ${HINT}.`);
    if (step.newState === undefined || step.newState === null) return;
    const resource = plannedResource(step.newState, file, `steps[${i}].newState`);
    byUrn.set(resource.urn, resource);
  });
  return [...byUrn.values()];
}
