/**
 * Scope by relation, which only the offline checker can see: a NIC, NSG or standalone NSG rule that belongs to
 * a server tagged `entra-connect-role` (through dependencies and property dependencies), or a SQL VM
 * registration of such a VM, is checked as if it carried the same role tag. A SQL VM registration of a VM in the
 * plan also gets that VM's size as its `entra-connect-vm-size` tag (unless it carries one), for the max memory policy.
 */
import { TAG_NAMES } from "../requirements";
import { asString, readPath } from "../policies/support/read";
import { serverShape } from "../policies/support/server-shape";
import { readRole, readTag } from "../policies/support/tags";
import { canonicalType, NIC_TYPES, NSG_TYPES, SECURITY_RULE_TYPES, SERVER_TYPES, SQL_VM_TYPES } from "../policies/support/type-tokens";
import type { PlannedResource } from "./preview-file";
import { NULL_INPUTS } from "../policies/support/read";

/** Every URN a resource refers to. */
export function referencesOf(r: PlannedResource): string[] {
  return [...r.dependencies, ...Object.values(r.propertyDependencies).flat()];
}

function knownRole(r: PlannedResource): string | undefined {
  const role = readRole(r.inputs);
  return role.known ? role.value : undefined;
}

/** Returns the resources with each untagged SQL VM registration tagged with the size of the VM it refers to. */
export function withImpliedVmSizes(resources: readonly PlannedResource[]): PlannedResource[] {
  const sizes = new Map<string, string>();
  for (const r of resources) {
    const type = canonicalType(r.type);
    if (!SERVER_TYPES.includes(type)) continue;
    const size = asString(readPath(r.inputs, serverShape(type).vmSize));
    if (size.known && size.value) sizes.set(r.urn, size.value);
  }
  return resources.map((r) => {
    const tag = readTag(r.inputs, TAG_NAMES.vmSize);
    if (!SQL_VM_TYPES.includes(canonicalType(r.type)) || !tag.known || tag.value !== undefined) return r;
    const size = referencesOf(r)
      .map((urn) => sizes.get(urn))
      .find((s) => s !== undefined);
    if (size === undefined) return r;
    const tags = r.inputs.tags !== null && typeof r.inputs.tags === "object" ? (r.inputs.tags as Record<string, unknown>) : {};
    return { ...r, inputs: { ...r.inputs, tags: { ...tags, [TAG_NAMES.vmSize]: size } } };
  });
}

/** Returns the resources with implied role tags added to the linked NICs, NSGs, NSG rules and SQL VM registrations. */
export function withImpliedRoles(resources: readonly PlannedResource[]): PlannedResource[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const implied = new Map<string, string>();
  const tagged = new Map<string, string | undefined>(resources.map((r) => [r.urn, knownRole(r)]));
  // Each resource's canonical type and references, worked out once for the four passes below.
  const canonicalTypes = resources.map((r) => canonicalType(r.type));
  const references: (readonly string[] | undefined)[] = [];
  const referencesAt = (i: number): readonly string[] => (references[i] ??= referencesOf(resources[i] as PlannedResource));
  const roleOf = (urn: string): string | undefined => implied.get(urn) ?? tagged.get(urn);
  const imply = (urn: string, role: string, types: readonly string[]): void => {
    const target = byUrn.get(urn);
    // Inputs that cannot be read stay so: a role tag spread over them would make them look readable.
    const readable = target !== undefined && target.inputs !== NULL_INPUTS;
    if (readable && types.includes(canonicalType(target.type)) && tagged.get(urn) === undefined && !implied.has(urn))
      implied.set(urn, role);
  };
  /** Downward: a source's references get its role; upward: a target that refers to a source gets the source's role. */
  const link = (sources: readonly string[], targets: readonly string[], downward: boolean): void => {
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i] as PlannedResource;
      const type = canonicalTypes[i] as string;
      if (downward && sources.includes(type)) {
        const role = roleOf(r.urn);
        if (role) for (const urn of referencesAt(i)) imply(urn, role, targets);
      } else if (!downward && targets.includes(type)) {
        // The role of the first referred source that has one.
        let role: string | undefined;
        for (const urn of referencesAt(i)) {
          if (!sources.includes(canonicalType(byUrn.get(urn)?.type ?? ""))) continue;
          role = roleOf(urn);
          if (role !== undefined) break;
        }
        if (role) imply(r.urn, role, targets);
      }
    }
  };
  link(SERVER_TYPES, [...NIC_TYPES, ...NSG_TYPES], true);
  link(NIC_TYPES, NSG_TYPES, true);
  link(NSG_TYPES, SECURITY_RULE_TYPES, false);
  link(SERVER_TYPES, SQL_VM_TYPES, false);
  if (implied.size === 0) return [...resources];
  return resources.map((r) => {
    const role = implied.get(r.urn);
    if (!role) return r;
    const tags = r.inputs.tags !== null && typeof r.inputs.tags === "object" ? (r.inputs.tags as Record<string, unknown>) : {};
    return { ...r, inputs: { ...r.inputs, tags: { ...tags, [TAG_NAMES.role]: role } } };
  });
}
