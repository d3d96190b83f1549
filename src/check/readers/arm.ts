/**
 * Reads Bicep/ARM deployments: the JSON of `az deployment group what-if --no-pretty-print` (a WhatIfOperationResult:
 * `changes[]` with `resourceId`, `changeType` and the predicted resource body `after`), or a compiled ARM template
 * (`az bicep build` output: `resources` as a list, or keyed by symbolic name in languageVersion 2.0, with
 * Bicep modules as nested `Microsoft.Resources/deployments` whose `properties.template` is inline).
 *
 * An ARM resource body becomes azure-native inputs the way the azure-native provider flattens it: the
 * `properties` object of the resource and of each sub-resource (a security rule, an IP configuration) is merged
 * into it, so `properties.hardwareProfile.vmSize` is read as `hardwareProfile.vmSize` and
 * `properties.securityRules[0].properties.access` as `securityRules.0.access`. A template expression that
 * cannot be resolved before deployment (and a what-if value still written as an expression) is the unknown
 * sentinel. A resource refers to the resources whose id (or `resourceId(...)`) it holds and, in a template, to
 * its `dependsOn`.
 */
import { isRecord } from "../../plan/is-record";
import { NATIVE } from "../../policies/support/type-tokens";
import { SECRET_PLACEHOLDER, UNKNOWN_STRING } from "../../policies/support/unknown";
import { InputError } from "../../support/errors";
import type { PlannedResource } from "../preview-file";
import { evaluateString, evaluateValue, UNKNOWN, type Scope } from "./arm-expressions";
import { parametersForTemplate, type ArmParametersFile } from "./arm-parameters";

/** ARM resource type (lower-cased) -> the azure-native type token the policies match. */
const ARM_TYPES: Readonly<Record<string, string>> = {
  "microsoft.compute/virtualmachines": NATIVE.virtualMachine,
  "microsoft.compute/virtualmachinescalesets": NATIVE.virtualMachineScaleSet,
  "microsoft.network/networkinterfaces": NATIVE.networkInterface,
  "microsoft.network/networksecuritygroups": NATIVE.networkSecurityGroup,
  "microsoft.network/networksecuritygroups/securityrules": NATIVE.securityRule,
  "microsoft.sqlvirtualmachine/sqlvirtualmachines": NATIVE.sqlVirtualMachine,
  "microsoft.sql/servers": NATIVE.sqlServer,
  "microsoft.sql/servers/databases": NATIVE.sqlDatabase,
  "microsoft.sql/managedinstances": NATIVE.sqlManagedInstance,
  "microsoft.network/firewallpolicies/rulecollectiongroups": NATIVE.firewallPolicyRuleCollectionGroup,
  "microsoft.network/applicationsecuritygroups": NATIVE.applicationSecurityGroup,
  "microsoft.compute/virtualmachines/extensions": NATIVE.virtualMachineExtension,
};

const WHAT_IF_HINT = "pass the output of `az deployment group what-if --no-pretty-print` (redirect stdout to a file)";
const TEMPLATE_HINT = "pass a compiled ARM template (`az bicep build --file main.bicep --stdout`)";

/** Fields of a resource body that are not inputs. */
const NOT_INPUTS: ReadonlySet<string> = new Set([
  "id",
  "type",
  "apiVersion",
  "dependsOn",
  "condition",
  "copy",
  "resources",
  "comments",
  "scope",
  "existing",
]);

/** The key that matches a resource id wherever it is written: from the last "/providers/" on, lower-cased. */
export function idKey(id: string): string | undefined {
  const at = id.toLowerCase().lastIndexOf("/providers/");
  return at < 0 ? undefined : id.slice(at).toLowerCase();
}

/**
 * Merges `properties` objects into their owners, recursively; a template value not known before deployment
 * (UNKNOWN) becomes the unknown sentinel, and so does, in what-if output (`expressions`), a value still written as
 * an expression (what-if leaves run-time functions such as reference() unevaluated).
 */
function flatten(value: unknown, expressions: boolean): unknown {
  if (value === UNKNOWN) return UNKNOWN_STRING;
  if (typeof value === "string") {
    const expression = expressions && value.startsWith("[") && !value.startsWith("[[") && value.endsWith("]");
    return expression ? UNKNOWN_STRING : value;
  }
  if (Array.isArray(value)) return value.map((v) => flatten(v, expressions));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "properties" && isRecord(v)) Object.assign(out, flatten(v, expressions));
    else out[key] = flatten(v, expressions);
  }
  return out;
}

/** Every resource id key held in a value. */
function idKeysIn(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === "string") {
    const key = value.includes("/providers/") ? idKey(value) : undefined;
    if (key) out.add(key);
  } else if (Array.isArray(value)) for (const v of value) idKeysIn(v, out);
  else if (isRecord(value)) for (const v of Object.values(value)) idKeysIn(v, out);
  return out;
}

interface ArmResource {
  /** What violations name it by: the resource id (what-if) or type/name path (template). */
  readonly id: string;
  readonly key: string | undefined;
  readonly type: string;
  /** The resource body, expressions evaluated. */
  readonly body: Record<string, unknown>;
  /** Keys of resources named in dependsOn (template). */
  readonly dependsOn: readonly string[];
  /** What-if output, where a string still written as "[...]" is an unevaluated expression. */
  readonly whatIf: boolean;
}

/** The azure-native inputs of one body; a security rule also gets the NSG and rule names from its id. */
function inputsOf(r: ArmResource): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(flatten(r.body, r.whatIf) as Record<string, unknown>)) if (!NOT_INPUTS.has(key)) inputs[key] = v;
  if (r.type.toLowerCase() === "microsoft.network/networksecuritygroups/securityrules") {
    const segments = r.id.split("/");
    inputs.networkSecurityGroupName = segments[segments.length - 3] ?? UNKNOWN_STRING;
    inputs.name = segments[segments.length - 1] ?? inputs.name;
  }
  return inputs;
}

/** PlannedResources from ARM resources, references resolved by id key. */
function planned(resources: readonly ArmResource[]): PlannedResource[] {
  const byKey = new Map<string, string>();
  for (const r of resources) if (r.key) byKey.set(r.key, r.id);
  return resources.map((r) => {
    const refs = new Set<string>();
    // A child resource (a security rule) refers to its parent (the NSG): its id less the last type/name pair.
    const parent = r.key?.split("/").slice(0, -2).join("/");
    for (const key of [...idKeysIn(r.body, new Set()), ...r.dependsOn, ...(parent ? [parent] : [])]) {
      const target = byKey.get(key);
      if (target && target !== r.id) refs.add(target);
    }
    const type = ARM_TYPES[r.type.toLowerCase()] ?? r.type;
    return { urn: r.id, type, name: r.id, inputs: inputsOf(r), dependencies: [...refs], propertyDependencies: {}, sourceType: r.type };
  });
}

/** Inputs for a resource what-if could not predict: every field reads as unknown, so every check says "cannot verify". */
const UNPREDICTED: Record<string, unknown> = new Proxy(
  {},
  {
    get: (_t, key) => (typeof key === "string" ? UNKNOWN_STRING : undefined),
    has: () => true,
  },
);

/** The resource type in an id: "/subscriptions/s/.../providers/Microsoft.Network/networkSecurityGroups/n/securityRules/r" -> "Microsoft.Network/networkSecurityGroups/securityRules". */
function typeFromId(id: string): string | undefined {
  const key = idKey(id);
  if (!key) return undefined;
  const segments = id
    .slice(id.length - key.length)
    .split("/")
    .slice(2);
  const [namespace, ...rest] = segments;
  return namespace ? [namespace, ...rest.filter((_, i) => i % 2 === 0)].join("/") : undefined;
}

/** Parses a what-if result (`changes` at the top, or under `properties` as the REST API returns it). */
export function parseArmWhatIf(doc: Record<string, unknown>, file: string): PlannedResource[] {
  const changes = Array.isArray(doc.changes) ? doc.changes : isRecord(doc.properties) ? doc.properties.changes : undefined;
  if (!Array.isArray(changes)) throw new InputError(`${file} has no "changes" list, so it is not a what-if result; ${WHAT_IF_HINT}.`);
  if (typeof doc.status === "string" && doc.status.toLowerCase() === "failed") {
    const error = isRecord(doc.error) && typeof doc.error.message === "string" ? doc.error.message.split("\n")[0] : "no message";
    throw new InputError(
      `${file} is a what-if that failed (error: ${error}), so its result is incomplete; fix the template and run what-if again.`,
    );
  }
  const resources: ArmResource[] = [];
  const unpredicted: PlannedResource[] = [];
  changes.forEach((change: unknown, i: number) => {
    const bad = (what: string): InputError => new InputError(`${file}: changes[${i}] ${what}; ${WHAT_IF_HINT}.`);
    if (!isRecord(change)) throw bad("is not an object");
    const { resourceId, changeType, after } = change;
    if (typeof resourceId !== "string" || resourceId === "") throw bad('has no "resourceId" string');
    if (typeof changeType !== "string") throw bad('has no "changeType" string');
    const kind = changeType.toLowerCase();
    // Delete: gone after the deployment; Ignore: not part of it (or beyond what-if's expansion limits).
    if (kind === "delete" || kind === "ignore") return;
    const type = (isRecord(after) && typeof after.type === "string" ? after.type : typeFromId(resourceId)) ?? "";
    if (kind === "unsupported" || after === null || after === undefined) {
      const native = ARM_TYPES[type.toLowerCase()];
      if (native)
        unpredicted.push({
          urn: resourceId,
          type: native,
          name: resourceId,
          inputs: UNPREDICTED,
          dependencies: [],
          propertyDependencies: {},
          sourceType: type,
        });
      return;
    }
    if (!isRecord(after)) throw bad('has an "after" that is not an object');
    resources.push({ id: resourceId, key: idKey(resourceId), type, body: after, dependsOn: [], whatIf: true });
  });
  return [...planned(resources), ...unpredicted];
}

/**
 * The template's parameters: a value given (by --parameters, or to a Bicep module), else the default, else unknown
 * (absent). A given Key Vault reference is read only at deployment: unknown too, not the default.
 */
function parameterScope(template: Record<string, unknown>, given: Readonly<Record<string, unknown>>, outer: Scope | undefined): Scope {
  const parameters = new Map<string, unknown>();
  const variables = isRecord(template.variables) ? template.variables : {};
  const declared = isRecord(template.parameters) ? template.parameters : {};
  const defaults: [string, unknown][] = [];
  for (const [name, p] of Object.entries(declared)) {
    const entry = Object.entries(given).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    // A secure parameter's value is never read: it is a secret to every check.
    if (isRecord(p) && typeof p.type === "string" && /^secure(string|object)$/i.test(p.type)) parameters.set(name, SECRET_PLACEHOLDER);
    else if (isRecord(entry) && "value" in entry) parameters.set(name, outer ? evaluateValue(entry.value, outer) : entry.value);
    else if (isRecord(entry) && "reference" in entry) continue;
    else if (isRecord(p) && "defaultValue" in p) defaults.push([name, p.defaultValue]);
  }
  const scope: Scope = { parameters, variables };
  // A default may refer to parameters declared before it.
  for (const [name, value] of defaults) parameters.set(name, evaluateValue(value, scope));
  return scope;
}

/** The resources of a template, nested child resources and inline Bicep modules included. */
function templateResources(template: Record<string, unknown>, scope: Scope, file: string, where: string): ArmResource[] {
  const list = Array.isArray(template.resources)
    ? template.resources.map((r, i) => ({ r, at: `${where}resources[${i}]`, symbol: undefined as string | undefined }))
    : isRecord(template.resources)
      ? Object.entries(template.resources).map(([symbol, r]) => ({ r, at: `${where}resources.${symbol}`, symbol }))
      : undefined;
  if (!list)
    throw new InputError(`${file}: ${where || "the template "}has no "resources", so it is not an ARM template; ${TEMPLATE_HINT}.`);
  const out: ArmResource[] = [];
  const symbols = new Map<string, string>();
  const add = (raw: unknown, at: string, symbol: string | undefined, parent?: { type: string; name: string }): void => {
    if (!isRecord(raw)) throw new InputError(`${file}: ${at} is not an object; ${TEMPLATE_HINT}.`);
    if (raw.existing === true || evaluateValue(raw.condition, scope) === false) return;
    if (typeof raw.type !== "string") throw new InputError(`${file}: ${at} has no "type" string; ${TEMPLATE_HINT}.`);
    const ownName = evaluateValue(raw.name, scope);
    const type = parent && !raw.type.includes(".") ? `${parent.type}/${raw.type}` : raw.type;
    const name = typeof ownName === "string" ? (parent && !raw.type.includes(".") ? `${parent.name}/${ownName}` : ownName) : undefined;
    const [namespace, ...types] = type.split("/");
    const names = name?.split("/") ?? [];
    const id =
      name !== undefined && names.length === types.length
        ? `${namespace}/${types.map((t, i) => `${t}/${names[i]}`).join("/")}`
        : `${type}/${symbol ?? at} (name not known before deployment)`;
    const key = name !== undefined && names.length === types.length ? idKey(`/providers/${id}`) : undefined;
    if (symbol && key) symbols.set(symbol, key);
    const body = evaluateValue(
      Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "resources" && k !== "dependsOn")),
      scope,
    ) as Record<string, unknown>;
    const dependsOn = (Array.isArray(raw.dependsOn) ? raw.dependsOn : []).flatMap((d) => {
      if (typeof d !== "string") return [];
      const v = evaluateString(d, scope);
      return typeof v === "string" ? [v] : [];
    });
    if (type.toLowerCase() === "microsoft.resources/deployments" && isRecord(raw.properties) && isRecord(raw.properties.template)) {
      const given = isRecord(raw.properties.parameters) ? raw.properties.parameters : {};
      const inner = raw.properties.template;
      out.push(...templateResources(inner, parameterScope(inner, given, scope), file, `${at}.properties.template.`));
    } else out.push({ id, key, type, body, dependsOn, whatIf: false });
    if (Array.isArray(raw.resources))
      raw.resources.forEach((child, i) => add(child, `${at}.resources[${i}]`, undefined, name ? { type, name } : undefined));
  };
  for (const { r, at, symbol } of list) add(r, at, symbol);
  // dependsOn holds resource ids, "type/name" paths, plain names or (languageVersion 2.0) symbolic names.
  const resolve = (d: string): string | undefined =>
    symbols.get(d) ?? idKey(d.startsWith("/") ? d : `/providers/${d}`) ?? out.find((r) => r.key?.endsWith(`/${d.toLowerCase()}`))?.key;
  return out.map((r) => ({ ...r, dependsOn: r.dependsOn.flatMap((d) => resolve(d) ?? []) }));
}

/** Parses a compiled ARM template, with the values of a deployment parameters file when one is given. */
export function parseArmTemplate(doc: Record<string, unknown>, file: string, parameters?: ArmParametersFile): PlannedResource[] {
  const given = parameters ? parametersForTemplate(doc, parameters, file) : {};
  return planned(templateResources(doc, parameterScope(doc, given, undefined), file, ""));
}

/** True for a what-if result (top-level or REST-shaped `changes`). */
export function isWhatIf(doc: Record<string, unknown>): boolean {
  return Array.isArray(doc.changes) || (isRecord(doc.properties) && Array.isArray(doc.properties.changes));
}

/** True for an ARM template: its $schema names deploymentTemplate, or it has contentVersion and resources. */
export function isArmTemplate(doc: Record<string, unknown>): boolean {
  return (typeof doc.$schema === "string" && /deploymentTemplate/i.test(doc.$schema)) || ("contentVersion" in doc && "resources" in doc);
}

/** Parses either ARM document; `parameters` (--parameters) apply to a template (a what-if already holds its values). */
export function parseArm(doc: Record<string, unknown>, file: string, parameters?: ArmParametersFile): PlannedResource[] {
  if (isWhatIf(doc)) return parseArmWhatIf(doc, file);
  if (isArmTemplate(doc)) return parseArmTemplate(doc, file, parameters);
  throw new InputError(
    `${file} is neither a what-if result (no "changes" list) nor an ARM template (no "resources"); ${WHAT_IF_HINT}, or ${TEMPLATE_HINT}.`,
  );
}
