/**
 * The least-privileged Microsoft Graph permission each request of the cloud preflight needs, for 403 messages,
 * as the v1.0 reference pages' permission tables list them:
 * - user-list-transitivememberof: User.Read.All (least privileged, delegated and application).
 * - onpremisesdirectorysynchronization-get: OnPremDirectorySynchronization.Read.All, delegated only ("Application:
 *   Not supported"), and the signed-in user needs a supported Entra role (see SYNC_READ_ROLES).
 * - organization-list / subscribedsku-list: Organization.Read.All; user-get: User.Read.All.
 * - rbacapplication-list-roleassignments: RoleManagement.Read.Directory; rbacapplication-list-roleeligibilityschedules:
 *   RoleEligibilitySchedule.Read.Directory.
 * - group-list-transitivemembers: GroupMember.ReadBasic.All (the members of a role-assignable group holding a role).
 * - authenticationmethodsroot-list-userregistrationdetails: AuditLog.Read.All (higher: UserAuthenticationMethod.Read.All).
 * - conditionalaccessroot-list-policies and identitysecuritydefaultsenforcementpolicy-get: Policy.Read.All.
 */

const PERMISSIONS: readonly (readonly [RegExp, string])[] = [
  [/^organization/, "Organization.Read.All"],
  [/^subscribedSkus/, "Organization.Read.All"],
  [/^directory\/onPremisesSynchronization/, "OnPremDirectorySynchronization.Read.All"],
  [/^users\//, "User.Read.All"],
  [/^groups\/[^/]+\/transitiveMembers/, "GroupMember.ReadBasic.All"],
  [/^reports\/authenticationMethods\//, "AuditLog.Read.All"],
  [/^identity\/conditionalAccess\//, "Policy.Read.All"],
  [/^policies\/identitySecurityDefaultsEnforcementPolicy/, "Policy.Read.All"],
  [/^roleManagement\/directory\/roleEligibilitySchedules/, "RoleEligibilitySchedule.Read.Directory"],
  [/^roleManagement\/directory\//, "RoleManagement.Read.Directory"],
];

/** The permissions the cloud preflight needs in all, for the docs and the --help text. */
export const CLOUD_PREFLIGHT_PERMISSIONS: readonly string[] = [...new Set(PERMISSIONS.map(([, p]) => p))];

/** The permission a Graph path (relative to /v1.0) needs; Directory.Read.All when the path is not known. */
export function permissionFor(path: string): string {
  const clean = path.replace(/^\/+/, "");
  return PERMISSIONS.find(([pattern]) => pattern.test(clean))?.[1] ?? "Directory.Read.All";
}
