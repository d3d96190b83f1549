/** Reads the installing account's role assignments, group memberships and PIM eligibilities from Graph. */
import { InputError } from "../../support/errors";
import { GraphHttpError, type GraphClient } from "./graph-client";
import { QUALIFYING_ROLES, type InstallerRoles } from "./installer-role";
import { INSTALLER_ROLES, type DirectoryRole } from "../../requirements";
import { readPim } from "./pim";

export interface GraphUser {
  readonly id: string;
  readonly userPrincipalName: string;
}

interface RoleDefinitionRef {
  readonly displayName?: string;
  readonly templateId?: string;
}

/** `unifiedRoleAssignment` / `unifiedRoleEligibilitySchedule`, with `$expand=roleDefinition` or `principal`. */
export interface RoleAssignment {
  readonly principalId: string;
  readonly roleDefinitionId: string;
  readonly directoryScopeId?: string;
  readonly roleDefinition?: RoleDefinitionRef;
  readonly principal?: {
    readonly "@odata.type"?: string;
    readonly id: string;
    readonly displayName?: string;
    readonly userPrincipalName?: string;
  };
}

export interface GraphGroup {
  readonly id: string;
  readonly displayName?: string;
}

const KNOWN_ROLES: readonly DirectoryRole[] = Object.values(INSTALLER_ROLES);
/** A value inside an OData single-quoted string literal: a quote is doubled. */
export const odataString = (value: string): string => value.replace(/'/g, "''");

/**
 * The groups `userId` is a transitive member of. The OData cast is an advanced query: ConsistencyLevel: eventual and
 * $count=true are required (v1.0 reference, user-list-transitivememberof, "Request headers"; "Advanced query
 * capabilities on Microsoft Entra ID objects").
 */
export async function userGroups(graph: GraphClient, userId: string): Promise<GraphGroup[]> {
  return graph.getAll<GraphGroup>(
    `users/${encodeURIComponent(userId)}/transitiveMemberOf/microsoft.graph.group?$count=true&$select=id,displayName`,
    { ConsistencyLevel: "eventual" },
  );
}

/** The installer role names among assignments (tenant-wide scope only), by template id. */
function installerRoleNames(assignments: readonly RoleAssignment[]): string[] {
  const names = assignments
    .filter((a) => (a.directoryScopeId ?? "/") === "/")
    .map((a) => KNOWN_ROLES.find((r) => r.templateId === (a.roleDefinition?.templateId ?? a.roleDefinitionId))?.displayName)
    .filter((n): n is string => n !== undefined);
  return [...new Set(names)];
}

/** The user with this UPN; InputError naming --installer when there is none. */
export async function readUser(graph: GraphClient, upn: string): Promise<GraphUser> {
  try {
    return await graph.get<GraphUser>(`users/${encodeURIComponent(upn)}?$select=id,userPrincipalName`);
  } catch (e) {
    if (e instanceof GraphHttpError && e.status === 404) {
      throw new InputError(
        `--installer ${upn}: no such user in the tenant. Give the user principal name of the account that runs the Connect wizard.`,
      );
    }
    throw e;
  }
}

type GroupRole = { role: string; group: string };

/** The qualifying roles that `collection` (active assignments or PIM eligibilities) gives tenant-wide to one of `groups`. */
async function rolesThroughGroups(
  graph: GraphClient,
  collection: "roleAssignments" | "roleEligibilitySchedules",
  groups: ReadonlyMap<string, string>,
): Promise<GroupRole[]> {
  const found: GroupRole[] = [];
  for (const role of QUALIFYING_ROLES) {
    const assignments = await graph.getAll<RoleAssignment>(
      `roleManagement/directory/${collection}?$filter=roleDefinitionId eq '${role.templateId}'&$expand=principal`,
    );
    for (const a of assignments) {
      const group = groups.get(a.principalId);
      if (group !== undefined && (a.directoryScopeId ?? "/") === "/") found.push({ role: role.displayName, group });
    }
  }
  return found;
}

/**
 * Reads what `upn` holds: direct active roles, roles through groups (active or PIM-eligible), and PIM eligibilities
 * not active. A tenant without Entra ID P2 refuses the eligibility reads: PIM is then not checked, with the reason.
 */
export async function readInstallerRoles(graph: GraphClient, upn: string): Promise<InstallerRoles> {
  const user = await readUser(graph, upn);
  const byUser = `$filter=principalId eq '${odataString(user.id)}'&$expand=roleDefinition`;
  const direct = installerRoleNames(await graph.getAll<RoleAssignment>(`roleManagement/directory/roleAssignments?${byUser}`));
  const groups = await userGroups(graph, user.id);
  const groupNames = new Map(groups.map((g) => [g.id, g.displayName ?? g.id]));
  const viaGroup = await rolesThroughGroups(graph, "roleAssignments", groupNames);
  const pim = await readPim(async () => ({
    eligible: installerRoleNames(await graph.getAll<RoleAssignment>(`roleManagement/directory/roleEligibilitySchedules?${byUser}`)),
    eligibleViaGroup: await rolesThroughGroups(graph, "roleEligibilitySchedules", groupNames),
  }));
  const base = { userPrincipalName: user.userPrincipalName, userId: user.id, direct, viaGroup };
  if ("notChecked" in pim) return { ...base, eligibleNotActive: [], eligibleViaGroup: [], pimNotChecked: pim.notChecked };
  return { ...base, eligibleNotActive: pim.eligible.filter((r) => !direct.includes(r)), eligibleViaGroup: pim.eligibleViaGroup };
}
