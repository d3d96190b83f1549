/**
 * The installing account's directory roles: Global Administrator or Hybrid Identity Administrator, assigned
 * directly (the Connect wizard does not walk group membership), active rather than only PIM-eligible.
 */
import { cite, INSTALLER_ROLES, REQUIREMENTS, type DirectoryRole } from "../../requirements";
import type { CheckResult } from "../../report/check-result";

/** What the installer holds, as read from Graph. Role names are the built-in display names. */
export interface InstallerRoles {
  readonly userPrincipalName: string;
  readonly userId: string;
  /** Installer roles assigned directly to the user, active, tenant-wide. */
  readonly direct: readonly string[];
  /** Installer roles the user holds only through a (role-assignable) group. */
  readonly viaGroup: readonly { readonly role: string; readonly group: string }[];
  /** Installer roles the user is eligible for in PIM but has not activated. */
  readonly eligibleNotActive: readonly string[];
  /**
   * Installer roles a group of the user is eligible for in PIM: activated, they still come through the group,
   * which the installer does not walk.
   */
  readonly eligibleViaGroup: readonly { readonly role: string; readonly group: string }[];
  /** Why PIM eligibilities were not read (a tenant without Entra ID P2); the eligibility lists are then empty. */
  readonly pimNotChecked?: string;
}

const roleReq = REQUIREMENTS.installerRole;
const GA = INSTALLER_ROLES.globalAdministrator.displayName;
const HIA = INSTALLER_ROLES.hybridIdentityAdministrator.displayName;
const DNA = INSTALLER_ROLES.domainNameAdministrator.displayName;

/** The roles that qualify an installer on their own. */
export const QUALIFYING_ROLES: readonly DirectoryRole[] = [
  INSTALLER_ROLES.globalAdministrator,
  INSTALLER_ROLES.hybridIdentityAdministrator,
];

/**
 * GA pass; Hybrid Identity Administrator warn; only PIM-eligible (directly) warn (activate first); only through a group,
 * active or PIM-eligible, fail.
 */
export function checkInstallerRole(roles: InstallerRoles): CheckResult {
  const result = installerRoleVerdict(roles);
  return roles.pimNotChecked === undefined ? result : { ...result, message: `${result.message} Not checked: ${roles.pimNotChecked}.` };
}

function installerRoleVerdict(roles: InstallerRoles): CheckResult {
  const base = { id: "cloud-installer-role", requirement: roleReq.id, category: roleReq.category } as const;
  const who = roles.userPrincipalName;
  const eligible = roles.eligibleNotActive.filter((r) => r === GA || r === HIA);
  const eligibleNote = eligible.length ? ` Also eligible in PIM (not active): ${eligible.join(", ")}.` : "";
  const breaks = `Breaks ${cite(roleReq)}.`;
  if (roles.direct.includes(GA)) {
    return { ...base, status: "pass", message: `${who} holds ${GA}, assigned directly and active.` };
  }
  if (roles.direct.includes(HIA)) {
    const dna = roles.direct.includes(DNA) ? ` and ${DNA}` : `; for AD FS or PingFederate federation add ${DNA}`;
    return {
      ...base,
      status: "warn",
      message: `${who} holds ${HIA} (directly), not ${GA}: the Connect Health agent installs disabled${dna}.${eligibleNote} Fix: install as a ${GA}, or enable the Health agent afterwards.`,
    };
  }
  const groups = [
    ...roles.viaGroup.map((g) => `holds ${g.role} through group "${g.group}"`),
    ...roles.eligibleViaGroup.map((g) => `is eligible in PIM for ${g.role} through group "${g.group}"`),
  ];
  const groupNote = groups.length
    ? ` It ${groups.join(" and ")}, but the installer does not walk group membership${roles.eligibleViaGroup.length ? " (an activated group eligibility still gives the role through the group)" : ""}.`
    : "";
  if (eligible.length > 0) {
    return {
      ...base,
      status: "warn",
      message: `${who} is eligible for ${eligible.join(", ")} in Privileged Identity Management but the role is not active.${groupNote} Fix: activate the role in PIM before you start the Connect wizard.`,
    };
  }
  if (groups.length > 0) {
    return {
      ...base,
      status: "fail",
      message: `${who} holds no installer role directly.${groupNote} ${breaks} Fix: assign ${GA} or ${HIA} to the user directly.`,
    };
  }
  return {
    ...base,
    status: "fail",
    message: `${who} holds neither ${GA} nor ${HIA}. ${breaks} Fix: assign ${GA} (or ${HIA}) to the user directly, or install with an account that holds it.`,
  };
}
