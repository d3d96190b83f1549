/**
 * Reads what cloud-admin-mfa decides from: the holders of the catalogue's privileged roles (active assignments and PIM
 * eligibilities, users directly and the members of role-assignable groups), each holder's MFA registration
 * (GET /reports/authenticationMethods/userRegistrationDetails, AuditLog.Read.All), security defaults
 * (GET /policies/identitySecurityDefaultsEnforcementPolicy, Policy.Read.All) and the Conditional Access policies
 * (GET /identity/conditionalAccess/policies, Policy.Read.All). A missing permission is a 403 that ends the run naming
 * it (exit 2, could not check); a licence the tenant lacks is reported as not checked with the reason.
 */
import { MFA_PRIVILEGED_ROLES } from "../../requirements";
import { CheckFailedError } from "../../support/errors";
import { describe, GraphHttpError, type GraphClient } from "./graph-client";
import { enforcementFor, policyUsesGroups, type AdminMfaFindings, type ConditionalAccessPolicy, type PrivilegedHolder } from "./admin-mfa";
import { readPim } from "./pim";
import { odataString, userGroups, type GraphUser, type RoleAssignment } from "./read-installer-roles";

/**
 * The error code Graph answers the authentication methods reports (and other premium reports) with in a tenant
 * without Entra ID P1/P2: HTTP 403 "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or
 * tenant doesn't have premium license" (microsoftgraph/microsoft-graph-docs-contrib#8777 for userRegistrationDetails).
 */
export const NON_PREMIUM_TENANT_CODE = "Authentication_RequestFromNonPremiumTenantOrB2CTenant";

/** Why a premium-only read was refused, when `e` is Graph's non-premium answer; undefined for any other error. */
function nonPremiumReason(e: unknown, what: string): string | undefined {
  if (!(e instanceof GraphHttpError) || e.code !== NON_PREMIUM_TENANT_CODE) return undefined;
  return `Microsoft Graph refused ${what} (HTTP ${e.status} ${NON_PREMIUM_TENANT_CODE}): the tenant has no Microsoft Entra ID P1 or P2 licence`;
}

interface Holding {
  upn?: string;
  holds: string[];
  roleIds: Set<string>;
}

const USER = "#microsoft.graph.user";
const GROUP = "#microsoft.graph.group";

/** The members (users) of a role-assignable group; the OData cast is an advanced query (ConsistencyLevel + $count). */
async function groupUsers(graph: GraphClient, groupId: string): Promise<GraphUser[]> {
  return graph.getAll<GraphUser>(
    `groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user?$count=true&$select=id,userPrincipalName`,
    { ConsistencyLevel: "eventual" },
  );
}

/** Every holder of the catalogue roles, by user id; service principals counted. PIM refused for want of P2: not checked. */
async function readHolders(
  graph: GraphClient,
): Promise<{ holders: Map<string, Holding>; servicePrincipals: Set<string>; pimNotChecked?: string }> {
  const holders = new Map<string, Holding>();
  const servicePrincipals = new Set<string>();
  const members = new Map<string, GraphUser[]>();
  const add = (id: string, upn: string | undefined, holds: string, roleId?: string): void => {
    const h = holders.get(id) ?? { holds: [], roleIds: new Set<string>() };
    if (upn !== undefined) h.upn = upn;
    if (!h.holds.includes(holds)) h.holds.push(holds);
    if (roleId !== undefined) h.roleIds.add(roleId);
    holders.set(id, h);
  };
  const file = async (assignments: readonly RoleAssignment[], roleId: string, role: string, kind: "" | "PIM-eligible"): Promise<void> => {
    for (const a of assignments) {
      const type = a.principal?.["@odata.type"];
      if (type === USER) add(a.principalId, a.principal?.userPrincipalName, `${role} (${kind || "direct"})`, roleId);
      else if (type === GROUP) {
        const group = a.principal?.displayName ?? a.principalId;
        const users = members.get(a.principalId) ?? (await groupUsers(graph, a.principalId));
        members.set(a.principalId, users);
        for (const u of users) add(u.id, u.userPrincipalName, `${role} (${kind ? `${kind} ` : ""}through group "${group}")`, roleId);
      } else servicePrincipals.add(a.principalId);
    }
  };
  let pimNotChecked: string | undefined;
  for (const role of MFA_PRIVILEGED_ROLES) {
    const query = `$filter=roleDefinitionId eq '${role.templateId}'&$expand=principal`;
    await file(
      await graph.getAll<RoleAssignment>(`roleManagement/directory/roleAssignments?${query}`),
      role.templateId,
      role.displayName,
      "",
    );
    if (pimNotChecked !== undefined) continue;
    const eligible = await readPim(() => graph.getAll<RoleAssignment>(`roleManagement/directory/roleEligibilitySchedules?${query}`));
    if ("notChecked" in eligible) pimNotChecked = eligible.notChecked;
    else await file(eligible, role.templateId, role.displayName, "PIM-eligible");
  }
  return { holders, servicePrincipals, ...(pimNotChecked ? { pimNotChecked } : {}) };
}

/** `userRegistrationDetails.isMfaRegistered` of one user, by UPN (the documented `$filter` eq on userPrincipalName). */
async function mfaRegistered(graph: GraphClient, upn: string): Promise<boolean | undefined> {
  const rows = await graph.getAll<{ userPrincipalName?: string; isMfaRegistered?: unknown }>(
    `reports/authenticationMethods/userRegistrationDetails?$filter=userPrincipalName eq '${odataString(upn)}'`,
  );
  const row = rows.find((r) => r.userPrincipalName?.toLowerCase() === upn.toLowerCase());
  if (row === undefined) return undefined;
  if (typeof row.isMfaRegistered !== "boolean") {
    throw new CheckFailedError(
      `Microsoft Graph answered GET /reports/authenticationMethods/userRegistrationDetails with an unexpected shape: "isMfaRegistered" is ${describe(row.isMfaRegistered)}, not a boolean. Check --graph-url.`,
    );
  }
  return row.isMfaRegistered;
}

async function securityDefaultsEnabled(graph: GraphClient): Promise<boolean> {
  const policy = await graph.get<{ isEnabled?: unknown }>("policies/identitySecurityDefaultsEnforcementPolicy");
  if (typeof policy?.isEnabled !== "boolean") {
    throw new CheckFailedError(
      `Microsoft Graph answered GET /policies/identitySecurityDefaultsEnforcementPolicy with an unexpected shape: "isEnabled" is ${describe(policy?.isEnabled)}, not a boolean. Check --graph-url.`,
    );
  }
  return policy.isEnabled;
}

/** The Conditional Access policies, or why they could not be read (a tenant without P1 has none to enforce). */
async function conditionalAccessPolicies(graph: GraphClient): Promise<ConditionalAccessPolicy[] | { notChecked: string }> {
  try {
    return await graph.getAll<ConditionalAccessPolicy>("identity/conditionalAccess/policies");
  } catch (e) {
    const reason = nonPremiumReason(e, "GET /identity/conditionalAccess/policies");
    if (reason === undefined) throw e;
    return { notChecked: `${reason}, so no Conditional Access policy can enforce MFA` };
  }
}

/** Reads the holders (and the installer, when given), their MFA registration and what enforces MFA for them. */
export async function readAdminMfa(graph: GraphClient, installer?: GraphUser): Promise<AdminMfaFindings> {
  const { holders, servicePrincipals, pimNotChecked } = await readHolders(graph);
  if (installer) {
    const h = holders.get(installer.id) ?? { holds: [], roleIds: new Set<string>() };
    holders.set(installer.id, { ...h, upn: installer.userPrincipalName, holds: [...h.holds, "the installer"] });
  }
  const notChecked = pimNotChecked ? [pimNotChecked] : [];
  const policies = await conditionalAccessPolicies(graph);
  if (!Array.isArray(policies)) notChecked.push(policies.notChecked);
  const caPolicies = Array.isArray(policies) ? policies : [];
  const defaults = await securityDefaultsEnabled(graph);
  const needGroups = caPolicies.some(policyUsesGroups);

  let registrationNotRead: string | undefined;
  const result: PrivilegedHolder[] = [];
  for (const [userId, h] of holders) {
    const upn = h.upn ?? (await graph.get<GraphUser>(`users/${encodeURIComponent(userId)}?$select=id,userPrincipalName`)).userPrincipalName;
    const roleIds = [...h.roleIds];
    const groups = needGroups ? (await userGroups(graph, userId)).map((g) => g.id) : [];
    let registered: boolean | undefined;
    if (registrationNotRead === undefined) {
      try {
        registered = await mfaRegistered(graph, upn);
      } catch (e) {
        registrationNotRead = nonPremiumReason(e, "GET /reports/authenticationMethods/userRegistrationDetails");
        if (registrationNotRead === undefined) throw e;
      }
    }
    result.push({
      userId,
      userPrincipalName: upn,
      holds: h.holds,
      roleIds,
      ...(registered === undefined ? {} : { mfaRegistered: registered }),
      enforcedBy: enforcementFor({ userId, roleIds }, groups, defaults, caPolicies),
    });
  }
  result.sort((a, b) => a.userPrincipalName.localeCompare(b.userPrincipalName));
  return {
    holders: result,
    ...(registrationNotRead ? { registrationNotRead } : {}),
    notChecked,
    servicePrincipals: servicePrincipals.size,
  };
}
