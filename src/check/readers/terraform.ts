/**
 * Reads the JSON of `terraform show -json PLANFILE` (format_version 1.x; developer.hashicorp.com/terraform/internals/json-format):
 * each managed `resource_changes[]` entry's `change.after`, with `after_unknown` turned into the unknown sentinel
 * and `after_sensitive` into "[secret]", translated into the type token and inputs the policies read
 * (terraform-shapes.ts). A resource's references are the resources its configuration expressions name
 * (`configuration...expressions.*.references`, `depends_on`) and those whose known id it holds; a NIC also refers
 * to the NSG of its `azurerm_network_interface_security_group_association`.
 */
import { InputError } from "../../support/errors";
import { BoundedMemo } from "../../support/memo";
import { isRecord } from "../../plan/is-record";
import { unreadableKind } from "../../policies/support/unknown";
import type { PlannedResource } from "../preview-file";
import { legacyVmInputs, NIC_NSG_ASSOCIATION, TERRAFORM_TYPES, toClassicInputs } from "./terraform-shapes";
import { overlayMarkers } from "./unknown-values";

const HINT = "pass the output of `terraform show -json PLANFILE` (after `terraform plan -out PLANFILE`)";

/** Reference roots that are not resources. */
const NOT_RESOURCES: ReadonlySet<string> = new Set(["var", "local", "module", "data", "each", "count", "path", "terraform", "self"]);

interface Change {
  readonly address: string;
  readonly type: string;
  /** The address without the instance key: `module.m[0].azurerm_x.y`. */
  readonly base: string;
  readonly moduleAddress: string;
  readonly after: Record<string, unknown>;
}

/** Module call names of a module instance address: "module.a[0].module.b" -> ["a", "b"]. */
function moduleNames(moduleAddress: string): string[] {
  return [...moduleAddress.matchAll(/module\.([^.[]+)(?:\[(?:"[^"]*"|[^\]]*)\])?/g)].map((m) => m[1] as string);
}

/** The configuration resources of the module at `names`, by module-local address ("azurerm_x.y"). */
function configResources(doc: Record<string, unknown>, names: readonly string[]): ReadonlyMap<string, Record<string, unknown>> {
  let module: unknown = isRecord(doc.configuration) ? doc.configuration.root_module : undefined;
  for (const name of names) {
    const calls = isRecord(module) ? module.module_calls : undefined;
    const call = isRecord(calls) ? calls[name] : undefined;
    module = isRecord(call) ? call.module : undefined;
  }
  const list = isRecord(module) && Array.isArray(module.resources) ? module.resources : [];
  return new Map(list.filter(isRecord).flatMap((r) => (typeof r.address === "string" ? [[r.address, r]] : [])));
}

/** Every reference string below an expressions tree, plus `depends_on`. */
function referencesIn(config: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isRecord(node)) {
      for (const [key, v] of Object.entries(node)) {
        if (key === "references" && Array.isArray(v)) out.push(...v.filter((x): x is string => typeof x === "string"));
        else walk(v);
      }
    }
  };
  walk(config?.expressions);
  if (Array.isArray(config?.depends_on)) out.push(...config.depends_on.filter((x): x is string => typeof x === "string"));
  return out;
}

/** Validates one resource_changes entry; undefined for data sources and deletions (nothing will exist). */
function readChange(entry: unknown, file: string, i: number): Change | undefined {
  const bad = (what: string): InputError => new InputError(`${file}: resource_changes[${i}] ${what}; ${HINT}.`);
  if (!isRecord(entry)) throw bad("is not an object");
  const { address, type, name, change } = entry;
  if (typeof address !== "string" || address === "") throw bad('has no "address" string');
  if (typeof type !== "string" || type === "") throw bad('has no "type" string');
  if (!isRecord(change)) throw bad('has no "change" object');
  if (entry.mode === "data" || change.after === null || change.after === undefined) return undefined;
  if (!isRecord(change.after)) throw bad('has a "change.after" that is not an object');
  const moduleAddress = typeof entry.module_address === "string" ? entry.module_address : "";
  const after = overlayMarkers(change.after, change.after_unknown, change.after_sensitive) as Record<string, unknown>;
  const base = `${moduleAddress ? `${moduleAddress}.` : ""}${type}.${typeof name === "string" ? name : ""}`;
  return { address, type, base, moduleAddress, after };
}

/** Known Azure resource ids held anywhere in a value (lower-cased). */
function idsIn(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === "string") {
    if (value.startsWith("/subscriptions/")) out.add(value.toLowerCase());
  } else if (Array.isArray(value)) for (const v of value) idsIn(v, out);
  else if (isRecord(value)) for (const v of Object.values(value)) idsIn(v, out);
  return out;
}

/**
 * Parsed references by text ("azurerm_network_interface.nic[0].id" -> resource "azurerm_network_interface.nic",
 * key "[0]"); bounded, as the plan file decides how many there are.
 */
const REFERENCES = new BoundedMemo<string, { readonly resource: string; readonly key?: string } | null>(10_000);

/** The resource a reference names, or null for a variable, local, module output or data source. */
function resourceOf(ref: string): { readonly resource: string; readonly key?: string } | null {
  return REFERENCES.get(ref, () => {
    const m = /^([A-Za-z][\w-]*)\.([A-Za-z_][\w-]*)(\[(?:"[^"]*"|\d+)\])?/.exec(ref);
    return !m || NOT_RESOURCES.has(m[1] as string) ? null : { resource: `${m[1]}.${m[2]}`, key: m[3] };
  });
}

/** Resolves configuration references of `c` to resource instance addresses of the plan. */
function resolveReferences(
  c: Change,
  config: Record<string, unknown> | undefined,
  byAddress: ReadonlyMap<string, Change>,
  byBase: ReadonlyMap<string, readonly Change[]>,
): string[] {
  const prefix = c.moduleAddress ? `${c.moduleAddress}.` : "";
  const out = new Set<string>();
  for (const ref of referencesIn(config)) {
    const target = resourceOf(ref);
    if (!target) continue;
    const base = `${prefix}${target.resource}`;
    const exact = target.key ? byAddress.get(`${base}${target.key}`) : undefined;
    for (const target of exact ? [exact] : (byBase.get(base) ?? [])) if (target.address !== c.address) out.add(target.address);
  }
  return [...out];
}

/** The Pulumi-shaped inputs of one change. */
function inputsOf(c: Change): { type: string; inputs: Record<string, unknown> } {
  const type = TERRAFORM_TYPES[c.type];
  if (c.type === "azurerm_virtual_machine") return { type: type as string, inputs: legacyVmInputs(c.after) };
  return { type: type ?? c.type, inputs: toClassicInputs(c.after) as Record<string, unknown> };
}

/** Parses a `terraform show -json` plan document (already JSON-parsed). */
export function parseTerraformPlan(doc: Record<string, unknown>, file: string): PlannedResource[] {
  const version = typeof doc.format_version === "string" ? doc.format_version : "";
  if (!/^1\.\d+$/.test(version)) {
    throw new InputError(
      `${file} has format_version "${version}", which this reader does not know (it reads 1.x); ${HINT} from Terraform 1.x.`,
    );
  }
  if (doc.errored === true) {
    throw new InputError(
      `${file} is a Terraform plan that failed ("errored": true), so it is incomplete; fix the configuration and plan again.`,
    );
  }
  if (!Array.isArray(doc.resource_changes)) {
    throw new InputError(`${file} has no "resource_changes" list, so it is not a plan (a state file has none); ${HINT}.`);
  }
  const changes = doc.resource_changes.flatMap((entry: unknown, i: number) => readChange(entry, file, i) ?? []);
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const byBase = new Map<string, Change[]>();
  const byId = new Map<string, string>();
  for (const c of changes) {
    const same = byBase.get(c.base);
    if (same) same.push(c);
    else byBase.set(c.base, [c]);
    const id = c.after.id;
    if (typeof id === "string" && !unreadableKind(id)) byId.set(id.toLowerCase(), c.address);
  }
  const configs = new Map<string, ReadonlyMap<string, Record<string, unknown>>>();
  const configOf = (c: Change): Record<string, unknown> | undefined => {
    // By module instance address, and the module's call names worked out once per instance.
    let module = configs.get(c.moduleAddress);
    if (!module) configs.set(c.moduleAddress, (module = configResources(doc, c.moduleAddress ? moduleNames(c.moduleAddress) : [])));
    return module.get(c.base.slice(c.moduleAddress ? c.moduleAddress.length + 1 : 0));
  };
  const references = new Map<string, string[]>();
  for (const c of changes) {
    const refs = new Set(resolveReferences(c, configOf(c), byAddress, byBase));
    // A plan of new resources knows no ids (after_unknown): then no value can hold one, and no walk is needed.
    if (byId.size > 0) {
      for (const id of idsIn(c.after, new Set())) {
        const target = byId.get(id);
        if (target && target !== c.address) refs.add(target);
      }
    }
    references.set(c.address, [...refs]);
  }
  // azurerm attaches an NSG to a NIC through an association resource: the NIC refers to that NSG.
  for (const c of changes) {
    if (c.type !== NIC_NSG_ASSOCIATION) continue;
    const linked = (references.get(c.address) ?? []).map((a) => byAddress.get(a)).filter((x): x is Change => x !== undefined);
    const nsgs = linked.filter((x) => x.type === "azurerm_network_security_group").map((x) => x.address);
    for (const nic of linked.filter((x) => x.type === "azurerm_network_interface")) {
      references.set(nic.address, [...new Set([...(references.get(nic.address) ?? []), ...nsgs])]);
    }
  }
  return changes.map((c) => {
    const { type, inputs } = inputsOf(c);
    return {
      urn: c.address,
      type,
      name: c.address,
      inputs,
      dependencies: references.get(c.address) ?? [],
      propertyDependencies: {},
      sourceType: c.type,
    };
  });
}
