/**
 * cloud-admin-mfa (issue 10 section 3) against the local Graph: holders of Global Administrator, Hybrid Identity
 * Administrator, Privileged Role Administrator and Privileged Authentication Administrator (direct, through a
 * role-assignable group, PIM-eligible) and the installer; MFA registration from userRegistrationDetails
 * (authenticationmethodsroot-list-userregistrationdetails); enforcement from security defaults
 * (identitysecuritydefaultsenforcementpolicy-get; the admin roles of security-defaults "Require administrators to do
 * multifactor authentication") and Conditional Access (conditionalaccessroot-list-policies).
 */
import { runCloudPreflight, type CloudPreflightOptions } from "../../src/preflight/cloud";
import { policyRequiresMfaEverywhere, type ConditionalAccessPolicy } from "../../src/preflight/cloud/admin-mfa";
import { CheckFailedError } from "../../src/support/errors";
import {
  caPolicy,
  compliantTenant,
  GA_ID,
  HIA_ID,
  INSTALLER_ID,
  INSTALLER_UPN,
  OTHER_ADMIN_ID,
  PLAN_P1,
  PRIVILEGED_ROLE_IDS,
  startGraphTestServer,
  type FakeTenant,
  type GraphTestServer,
  type ServerBehaviour,
} from "./graph-test-server";

const TOKEN = "test-token-mfa-0123456789";
const PRA_ID = "e8611ab8-c189-46e8-94e1-60213ab1f814";
const GROUP_ID = "00000000-0000-0000-0000-00000000g001";
const GROUP_MEMBER = "00000000-0000-0000-0000-00000000c001";
const ELIGIBLE = "00000000-0000-0000-0000-00000000d001";
const ROLES = "Global Administrator, Hybrid Identity Administrator, Privileged Role Administrator, Privileged Authentication Administrator";
const BREAKS =
  "Breaks requirement install-account.admin-mfa: MFA registered and enforced for every holder of a role that can take over the sync or the tenant, and for the installer.";
const ENFORCE_FIX =
  'enforce MFA for them: a Conditional Access policy that requires MFA (or an authentication strength) for these directory roles or all users, on all cloud apps, excluding only the emergency access accounts (Microsoft\'s template "Require multifactor authentication for admins"); without Entra ID P1, turn on security defaults';

let server: GraphTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function mfaCheck(tenant: FakeTenant, behaviour: ServerBehaviour = {}, options: Partial<CloudPreflightOptions> = {}) {
  server = await startGraphTestServer(tenant, TOKEN, behaviour);
  const result = await runCloudPreflight({ graphUrl: server.url, ca: server.ca, token: TOKEN, installer: INSTALLER_UPN, ...options });
  const check = result.checks.find((c) => c.id === "cloud-admin-mfa");
  return { result, check, verdict: `${check?.status}: ${check?.message}` };
}

/** A tenant with a holder of each kind: direct (other admin), through a group (group member), PIM-eligible. */
function tenantWithHolders(extra: Partial<FakeTenant> = {}): FakeTenant {
  const base = compliantTenant();
  return {
    ...base,
    principals: [
      ...base.principals,
      { id: GROUP_MEMBER, type: "user", displayName: "Group member", userPrincipalName: "hybrid@contoso.com" },
      { id: ELIGIBLE, type: "user", displayName: "Eligible", userPrincipalName: "eligible@contoso.com" },
    ],
    roleAssignments: [...base.roleAssignments, { principalId: GROUP_ID, roleDefinitionId: HIA_ID }],
    roleEligibilities: [{ principalId: ELIGIBLE, roleDefinitionId: PRA_ID }],
    memberships: { [INSTALLER_ID]: [], [GROUP_MEMBER]: [GROUP_ID] },
    registrations: {
      ...base.registrations,
      [GROUP_MEMBER]: { isMfaRegistered: true, methodsRegistered: ["fido2"] },
      [ELIGIBLE]: { isMfaRegistered: true, methodsRegistered: ["microsoftAuthenticatorPush"] },
    },
    ...extra,
  };
}

describe("cloud-admin-mfa", () => {
  it("passes when every holder and the installer has MFA registered and a policy enforces it", async () => {
    const { result, verdict } = await mfaCheck(compliantTenant());
    expect(verdict).toBe(
      `pass: 2 account(s) hold ${ROLES} or run the installer; all have MFA registered and MFA enforced (Conditional Access policy "Require MFA for admins").`,
    );
    expect(result.adminMfa.holders.map((h) => [h.userPrincipalName, h.holds])).toEqual([
      [INSTALLER_UPN, ["Global Administrator (direct)", "the installer"]],
      ["other@contoso.com", ["Global Administrator (direct)"]],
    ]);
    expect(server?.requests.filter((r) => r.startsWith("GET /v1.0/reports/authenticationMethods/userRegistrationDetails?"))).toHaveLength(
      2,
    );
  });

  it("fails naming every holder without MFA registered, direct, through a group or PIM-eligible", async () => {
    const tenant = tenantWithHolders();
    const registrations: FakeTenant["registrations"] = {
      ...tenant.registrations,
      [OTHER_ADMIN_ID]: { isMfaRegistered: false, methodsRegistered: [] },
    };
    delete registrations[GROUP_MEMBER];
    registrations[ELIGIBLE] = { isMfaRegistered: false, methodsRegistered: ["email"] };
    const { check } = await mfaCheck({ ...tenant, registrations });
    expect(check?.status).toBe("fail");
    expect(check?.message).toBe(
      `3 of 4 account(s) hold ${ROLES} or run the installer and have no MFA method registered: eligible@contoso.com (Privileged Role Administrator (PIM-eligible)), hybrid@contoso.com (Hybrid Identity Administrator (through group "Tier0 Admins")) [no registration record], other@contoso.com (Global Administrator (direct)). ${BREAKS} Fix: have each account sign in at https://aka.ms/mysecurityinfo and register an MFA method (Microsoft Authenticator or a FIDO2 security key) before it is used again.`,
    );
    // The members of a role-assignable group are read as an advanced query.
    expect(
      server?.requests.some((r) => r.startsWith(`GET /v1.0/groups/${GROUP_ID}/transitiveMembers/microsoft.graph.user?$count=true`)),
    ).toBe(true);
  });

  it("warns, naming the accounts, when nothing enforces MFA", async () => {
    const { verdict } = await mfaCheck({ ...compliantTenant(), conditionalAccessPolicies: [] });
    expect(verdict).toBe(
      `warn: 2 account(s) hold ${ROLES} or run the installer; all have MFA registered. MFA is not enforced (no security defaults for the role and no enabled Conditional Access policy requiring MFA on all apps that takes them in) for: installer@contoso.com (Global Administrator (direct); the installer), other@contoso.com (Global Administrator (direct)). ${BREAKS} Fix: ${ENFORCE_FIX}.`,
    );
  });

  it("security defaults enforce MFA for Global Administrator at every sign-in, not for Hybrid Identity Administrator", async () => {
    const { check, result } = await mfaCheck(tenantWithHolders({ conditionalAccessPolicies: [], securityDefaults: true }));
    expect(check?.status).toBe("warn");
    expect(check?.message).toContain('for: hybrid@contoso.com (Hybrid Identity Administrator (through group "Tier0 Admins")).');
    expect(result.adminMfa.holders.find((h) => h.userPrincipalName === "other@contoso.com")?.enforcedBy).toEqual(["security defaults"]);
  });

  it("does not count a report-only policy, one limited by locations, one excluding the holder or one whose users miss the role", async () => {
    const policies = [
      caPolicy("Report only", { includeUsers: ["All"] }, { state: "enabledForReportingButNotEnforced" }),
      caPolicy(
        "Outside trusted locations",
        { includeUsers: ["All"] },
        { locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] } },
      ),
      caPolicy("Admins but the break-glass", { includeRoles: [...PRIVILEGED_ROLE_IDS], excludeUsers: [OTHER_ADMIN_ID] }),
      caPolicy("Hybrid only", { includeRoles: [HIA_ID] }),
    ];
    const { result, check } = await mfaCheck({ ...compliantTenant(), conditionalAccessPolicies: policies });
    expect(check?.status).toBe("warn");
    expect(check?.message).toContain("for: other@contoso.com (Global Administrator (direct)).");
    expect(result.adminMfa.holders.find((h) => h.userId === INSTALLER_ID)?.enforcedBy).toEqual([
      'Conditional Access policy "Admins but the break-glass"',
    ]);
  });

  it("reads group memberships when a policy includes or excludes groups, and honours the exclusion", async () => {
    const emergency = "00000000-0000-0000-0000-00000000g002";
    const tenant = tenantWithHolders({
      principals: [...tenantWithHolders().principals, { id: emergency, type: "group", displayName: "Emergency access" }],
      memberships: { [INSTALLER_ID]: [], [GROUP_MEMBER]: [GROUP_ID], [OTHER_ADMIN_ID]: [emergency] },
      conditionalAccessPolicies: [caPolicy("All users", { includeUsers: ["All"], excludeGroups: [emergency] })],
    });
    const { check } = await mfaCheck(tenant);
    expect(check?.status).toBe("warn");
    expect(check?.message).toContain("for: other@contoso.com (Global Administrator (direct)).");
    expect(server?.requests.some((r) => r.startsWith(`GET /v1.0/users/${OTHER_ADMIN_ID}/transitiveMemberOf/microsoft.graph.group?`))).toBe(
      true,
    );
  });

  it("counts service principals holding the roles without checking them", async () => {
    const sp = "00000000-0000-0000-0000-00000000e001";
    const base = compliantTenant();
    const { verdict } = await mfaCheck({
      ...base,
      principals: [...base.principals, { id: sp, type: "servicePrincipal", displayName: "Automation" }],
      roleAssignments: [...base.roleAssignments, { principalId: sp, roleDefinitionId: GA_ID }],
    });
    expect(verdict).toMatch(
      /^pass: .* 1 service principal\(s\) hold these roles; they are not users and cannot register MFA \(review them separately\)\.$/,
    );
  });

  it("a tenant without Entra ID P1/P2: registration could not be read (warn), PIM not checked, security defaults still count", async () => {
    const free: FakeTenant = {
      ...compliantTenant(),
      skus: [{ skuPartNumber: "FLOW_FREE", capabilityStatus: "Enabled", prepaidUnits: { enabled: 10000 }, servicePlans: [] }],
      conditionalAccessPolicies: [],
      securityDefaults: true,
    };
    const { check, result } = await mfaCheck(free);
    expect(check?.status).toBe("warn");
    expect(check?.message).toBe(
      `Could not check MFA registration: Microsoft Graph refused GET /reports/authenticationMethods/userRegistrationDetails (HTTP 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant): the tenant has no Microsoft Entra ID P1 or P2 licence. 2 account(s) hold ${ROLES} or run the installer: installer@contoso.com (Global Administrator (direct); the installer), other@contoso.com (Global Administrator (direct)). Not checked: Microsoft Graph refused the PIM eligibility read (HTTP 400 AadPremiumLicenseRequired): the tenant has no Microsoft Entra ID P2 or ID Governance licence, so Privileged Identity Management (and any PIM-eligible role) was not checked. Check each account's registered methods in the Entra admin center (Protection > Authentication methods > User registration details).`,
    );
    expect(result.adminMfa.holders.every((h) => h.enforcedBy.includes("security defaults"))).toBe(true);
    expect(result.checks.find((c) => c.id === "cloud-installer-role")?.status).toBe("pass");
  });

  it("a P1 tenant: PIM is not checked, registration is", async () => {
    const p1 = {
      ...compliantTenant(),
      skus: [{ skuPartNumber: "AAD_PREMIUM", capabilityStatus: "Enabled", prepaidUnits: { enabled: 5 }, servicePlans: [PLAN_P1] }],
    };
    const { check } = await mfaCheck(p1);
    expect(check?.status).toBe("pass");
    expect(check?.message).toContain("Not checked: Microsoft Graph refused the PIM eligibility read (HTTP 400 AadPremiumLicenseRequired)");
  });

  // A missing permission is could-not-check (exit 2) naming the permission the reference page lists as least privileged.
  test.each([
    [/^\/v1\.0\/reports\/authenticationMethods/, "AuditLog.Read.All"],
    [/^\/v1\.0\/identity\/conditionalAccess/, "Policy.Read.All"],
    [/^\/v1\.0\/policies\/identitySecurityDefaultsEnforcementPolicy/, "Policy.Read.All"],
    [/^\/v1\.0\/groups\/.*\/transitiveMembers/, "GroupMember.ReadBasic.All"],
  ])("403 on %s names %s", async (forbidden, permission) => {
    const error = await mfaCheck(tenantWithHolders(), { forbidden }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckFailedError);
    expect((error as Error).message).toContain(`the token lacks the permission ${permission}.`);
  });
});

describe("policyRequiresMfaEverywhere", () => {
  const policy = (grant: Record<string, unknown>, state = "enabled"): ConditionalAccessPolicy =>
    ({ ...caPolicy("p", { includeUsers: ["All"] }, { state }), grantControls: grant }) as unknown as ConditionalAccessPolicy;

  test.each([
    [{ operator: "OR", builtInControls: ["mfa"] }, "enabled", true],
    [{ operator: "OR", builtInControls: ["mfa", "compliantDevice"] }, "enabled", false],
    [{ operator: "AND", builtInControls: ["mfa", "compliantDevice"] }, "enabled", true],
    [{ operator: "OR", builtInControls: [], authenticationStrength: { id: "00000000-0000-0000-0000-000000000002" } }, "enabled", true],
    [{ operator: "OR", builtInControls: ["block"] }, "enabled", false],
    [{ operator: "OR", builtInControls: ["mfa"] }, "disabled", false],
  ])("%p in state %s: %p", (grant, state, expected) => {
    expect(policyRequiresMfaEverywhere(policy(grant, state))).toBe(expected);
  });
});
