/**
 * MFA on every account that can take over the sync or the tenant (issue 10 section 3): each holder of the catalogue's
 * privileged roles (directly, through a group, or PIM-eligible) and the installer must have MFA registered, and MFA
 * must be enforced for them by security defaults or by an enabled Conditional Access policy.
 */
import { cite, MFA_PRIVILEGED_ROLES, REQUIREMENTS } from "../../requirements";
import type { CheckResult } from "../../report/check-result";

/** One account that must have MFA, with how it holds each role. */
export interface PrivilegedHolder {
  readonly userId: string;
  readonly userPrincipalName: string;
  /** How it holds each role, e.g. "Global Administrator (direct)", "Hybrid Identity Administrator (PIM-eligible)", "the installer". */
  readonly holds: readonly string[];
  /** Template ids of the catalogue roles it holds in any way. */
  readonly roleIds: readonly string[];
  /** `userRegistrationDetails.isMfaRegistered`; undefined when Graph has no registration record for the user. */
  readonly mfaRegistered?: boolean;
  /** What enforces MFA for it: "security defaults" or `Conditional Access policy "NAME"`; empty when nothing does. */
  readonly enforcedBy: readonly string[];
}

export interface AdminMfaFindings {
  readonly holders: readonly PrivilegedHolder[];
  /** Why MFA registration could not be read (a tenant without Entra ID P1/P2); the holders' registrations are then unknown. */
  readonly registrationNotRead?: string;
  /** What was not read and does not change the verdict (PIM without P2, Conditional Access without P1), with the reason. */
  readonly notChecked: readonly string[];
  /** Service principals holding a catalogue role: not users, they cannot register MFA; counted, not checked. */
  readonly servicePrincipals: number;
}

/** Graph `conditionalAccessPolicy`, the fields the check reads (v1.0 resources/conditionalaccesspolicy). */
export interface ConditionalAccessPolicy {
  readonly id: string;
  readonly displayName?: string;
  /** "enabled", "disabled" or "enabledForReportingButNotEnforced" (report-only enforces nothing). */
  readonly state?: string;
  readonly conditions?: {
    readonly users?: {
      readonly includeUsers?: readonly string[];
      readonly excludeUsers?: readonly string[];
      readonly includeGroups?: readonly string[];
      readonly excludeGroups?: readonly string[];
      readonly includeRoles?: readonly string[];
      readonly excludeRoles?: readonly string[];
    } | null;
    readonly applications?: { readonly includeApplications?: readonly string[]; readonly excludeApplications?: readonly string[] } | null;
    readonly clientAppTypes?: readonly string[];
    readonly platforms?: unknown;
    readonly locations?: unknown;
    readonly signInRiskLevels?: readonly string[];
    readonly userRiskLevels?: readonly string[];
  } | null;
  readonly grantControls?: {
    readonly operator?: string;
    readonly builtInControls?: readonly string[];
    readonly authenticationStrength?: unknown;
  } | null;
}

const empty = (list: readonly unknown[] | undefined | null): boolean => (list ?? []).length === 0;

/**
 * Whether a policy requires MFA at every sign-in to every app for whoever it targets: enabled (not report-only), all
 * cloud apps with none excluded, no condition narrowing when it applies (platforms, locations, risk levels, client
 * apps other than "all"), and the grant requires "mfa" or an authentication strength (with OR, only when nothing
 * weaker is offered instead).
 */
export function policyRequiresMfaEverywhere(policy: ConditionalAccessPolicy): boolean {
  const c = policy.conditions ?? {};
  const apps = c.applications ?? {};
  const grant = policy.grantControls ?? {};
  const controls = grant.builtInControls ?? [];
  const strength = grant.authenticationStrength !== undefined && grant.authenticationStrength !== null;
  const mfa = controls.includes("mfa") || strength;
  const onlyMfa = controls.every((control) => control === "mfa");
  const clientApps = c.clientAppTypes ?? [];
  return (
    policy.state === "enabled" &&
    mfa &&
    ((grant.operator ?? "OR").toUpperCase() === "AND" || onlyMfa) &&
    (apps.includeApplications ?? []).includes("All") &&
    empty(apps.excludeApplications) &&
    (empty(clientApps) || clientApps.includes("all")) &&
    (c.platforms === undefined || c.platforms === null) &&
    (c.locations === undefined || c.locations === null) &&
    empty(c.signInRiskLevels) &&
    empty(c.userRiskLevels)
  );
}

/** Whether the policy's users condition takes in this account (includes it and does not exclude it). */
export function policyTargets(
  policy: ConditionalAccessPolicy,
  holder: { userId: string; roleIds: readonly string[] },
  groups: readonly string[],
): boolean {
  const u = policy.conditions?.users ?? {};
  const any = (list: readonly string[] | undefined, values: readonly string[]): boolean => (list ?? []).some((v) => values.includes(v));
  const included =
    (u.includeUsers ?? []).includes("All") ||
    any(u.includeUsers, [holder.userId]) ||
    any(u.includeRoles, holder.roleIds) ||
    any(u.includeGroups, groups);
  const excluded = any(u.excludeUsers, [holder.userId]) || any(u.excludeRoles, holder.roleIds) || any(u.excludeGroups, groups);
  return included && !excluded;
}

/** Whether a policy names groups in its users condition (then the holders' group memberships must be read). */
export function policyUsesGroups(policy: ConditionalAccessPolicy): boolean {
  const u = policy.conditions?.users ?? {};
  return !empty(u.includeGroups) || !empty(u.excludeGroups);
}

/** What enforces MFA for one holder: security defaults (for the roles it covers at every sign-in) and the policies. */
export function enforcementFor(
  holder: { userId: string; roleIds: readonly string[] },
  groups: readonly string[],
  securityDefaults: boolean,
  policies: readonly ConditionalAccessPolicy[],
): string[] {
  const byDefaults =
    securityDefaults && MFA_PRIVILEGED_ROLES.some((r) => r.securityDefaultsRequireMfa && holder.roleIds.includes(r.templateId));
  return [
    ...(byDefaults ? ["security defaults"] : []),
    ...policies
      .filter((p) => policyRequiresMfaEverywhere(p) && policyTargets(p, holder, groups))
      .map((p) => `Conditional Access policy "${p.displayName ?? p.id}"`),
  ];
}

const mfaReq = REQUIREMENTS.adminMfa;
const ROLE_NAMES = MFA_PRIVILEGED_ROLES.map((r) => r.displayName).join(", ");
const who = (h: PrivilegedHolder): string => `${h.userPrincipalName} (${h.holds.join("; ")})`;

const REGISTER_FIX =
  "have each account sign in at https://aka.ms/mysecurityinfo and register an MFA method (Microsoft Authenticator or a FIDO2 security key) before it is used again";
const ENFORCE_FIX =
  'enforce MFA for them: a Conditional Access policy that requires MFA (or an authentication strength) for these directory roles or all users, on all cloud apps, excluding only the emergency access accounts (Microsoft\'s template "Require multifactor authentication for admins"); without Entra ID P1, turn on security defaults';

/** Fail on any holder without MFA registered (naming them); warn when MFA is not enforced for some, or registration could not be read; pass otherwise. */
export function checkAdminMfa(findings: AdminMfaFindings): CheckResult {
  const base = { id: "cloud-admin-mfa", requirement: mfaReq.id, category: mfaReq.category } as const;
  const holders = findings.holders;
  const notes = [
    ...findings.notChecked.map((n) => ` Not checked: ${n}.`),
    ...(findings.servicePrincipals > 0
      ? [
          ` ${findings.servicePrincipals} service principal(s) hold these roles; they are not users and cannot register MFA (review them separately).`,
        ]
      : []),
  ].join("");
  const unenforced = holders.filter((h) => h.enforcedBy.length === 0);
  const enforcementText =
    unenforced.length > 0
      ? ` MFA is not enforced (no security defaults for the role and no enabled Conditional Access policy requiring MFA on all apps that takes them in) for: ${unenforced.map(who).join(", ")}.`
      : "";
  const breaks = `Breaks ${cite(mfaReq)}.`;
  const scope = `${holders.length} account(s) hold ${ROLE_NAMES} or run the installer`;

  if (findings.registrationNotRead !== undefined) {
    return {
      ...base,
      status: "warn",
      message: `Could not check MFA registration: ${findings.registrationNotRead}. ${scope}: ${holders.map(who).join(", ")}.${enforcementText}${notes} Check each account's registered methods in the Entra admin center (Protection > Authentication methods > User registration details)${unenforced.length ? `, and ${ENFORCE_FIX}` : ""}.`,
    };
  }
  const unregistered = holders.filter((h) => h.mfaRegistered !== true);
  if (unregistered.length > 0) {
    const list = unregistered.map((h) => `${who(h)}${h.mfaRegistered === undefined ? " [no registration record]" : ""}`).join(", ");
    return {
      ...base,
      status: "fail",
      message: `${unregistered.length} of ${scope} and have no MFA method registered: ${list}.${enforcementText}${notes} ${breaks} Fix: ${REGISTER_FIX}${unenforced.length ? `; ${ENFORCE_FIX}` : ""}.`,
    };
  }
  if (unenforced.length > 0) {
    return {
      ...base,
      status: "warn",
      message: `${scope}; all have MFA registered.${enforcementText}${notes} ${breaks} Fix: ${ENFORCE_FIX}.`,
    };
  }
  const enforcedBy = [...new Set(holders.flatMap((h) => h.enforcedBy))];
  return {
    ...base,
    status: "pass",
    message: `${scope}; all have MFA registered and MFA enforced (${enforcedBy.length ? enforcedBy.join(", ") : "no holders"}).${notes}`,
  };
}
