/**
 * A local HTTPS Microsoft Graph for the tests: loopback only, a self-signed certificate for 127.0.0.1 (openssl), and
 * the response shapes Microsoft documents (collections in `value`, paging through `@odata.nextLink`,
 * `{ error: { code, message } }` bodies, `$filter=... eq '...'` and `$expand` on role assignments).
 */
import type { ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { makeSelfSignedCert } from "../preflight-sql/self-signed-cert";

export interface FakeRoleAssignment {
  readonly principalId: string;
  readonly roleDefinitionId: string;
  readonly directoryScopeId?: string;
}

export interface FakePrincipal {
  readonly id: string;
  readonly type: "user" | "group" | "servicePrincipal";
  readonly displayName: string;
  readonly userPrincipalName?: string;
}

/** A `servicePlanInfo` of a subscribedSku (v1.0 reference, resources/serviceplaninfo). */
export interface FakeServicePlan {
  readonly servicePlanId: string;
  readonly servicePlanName: string;
  readonly provisioningStatus: "Success" | "Disabled" | "PendingActivation" | "PendingInput" | "PendingProvisioning" | "Error";
  readonly appliesTo: "User" | "Company";
}

export interface FakeSku {
  readonly skuPartNumber: string;
  readonly capabilityStatus: string;
  readonly prepaidUnits: { enabled: number };
  readonly servicePlans: FakeServicePlan[];
}

export interface FakeTenant {
  readonly verifiedDomains: { name: string; isInitial: boolean; isDefault: boolean; type: string }[];
  readonly skus: FakeSku[];
  readonly features: Record<string, boolean>;
  readonly principals: FakePrincipal[];
  readonly roleAssignments: FakeRoleAssignment[];
  readonly roleEligibilities: FakeRoleAssignment[];
  /** user id to the ids of the groups it is a transitive member of */
  readonly memberships: Record<string, string[]>;
  /** `userRegistrationDetails` by user id (isMfaRegistered, methodsRegistered); a user missing here has no record. */
  readonly registrations: Record<string, { isMfaRegistered: boolean; methodsRegistered: string[] }>;
  /** `identitySecurityDefaultsEnforcementPolicy.isEnabled`. */
  readonly securityDefaults: boolean;
  /** `conditionalAccessPolicy` objects in their documented shape (see caPolicy). */
  readonly conditionalAccessPolicies: Record<string, unknown>[];
  /** Beta `organization.directorySizeQuota`; left out of the answer when undefined. */
  readonly directorySizeQuota?: { used: number; total: number };
}

export interface ServerBehaviour {
  /** Items per page of every collection. Default 100. */
  pageSize?: number;
  /** Requests whose path matches answer 403 Authorization_RequestDenied. */
  forbidden?: RegExp;
  /** The next `times` requests whose path matches answer 429 with this Retry-After. */
  throttle?: { path: RegExp; times: number; retryAfter: string };
  /** Host (HOST:PORT) every `@odata.nextLink` points to. Default: the host the request was sent to. */
  nextLinkHost?: string;
  /**
   * The token is app-only (client credentials). GET /directory/onPremisesSynchronization then answers 403: its v1.0
   * reference page (onpremisesdirectorysynchronization-get) lists "Application: Not supported".
   */
  appOnlyToken?: boolean;
  /**
   * The token is delegated, for a user who does not hold Global Administrator. GET /directory/onPremisesSynchronization
   * then answers 403: its v1.0 reference page says "For delegated scenarios, the user needs to be assigned the
   * Global Administrator role" (microsoft-graph-docs-contrib, api-reference/v1.0/api/onpremisesdirectorysynchronization-get.md).
   */
  signedInWithoutGlobalAdministrator?: boolean;
  /**
   * A national cloud (graph.microsoft.us, microsoftgraph.chinacloudapi.cn): GET /directory/onPremisesSynchronization is
   * "Global service only" (v1.0 reference onpremisesdirectorysynchronization-get), so it answers as Graph answers a
   * segment it does not have: 400 BadRequest "Resource not found for the segment '...'".
   */
  nationalCloud?: boolean;
  /** Requests whose path matches get this status and raw body instead of the tenant's data (hostile or broken servers). */
  raw?: { path: RegExp; status: number; body: string };
  /** A misbehaving server for the paging and deadline faults of issue 14 item 7. */
  fault?: "self-next-link" | "endless-pages" | "endless-body" | "trickle";
}

export interface GraphTestServer {
  readonly url: string;
  readonly ca: string;
  /** Every request as "METHOD path?query", in order. */
  readonly requests: string[];
  /** The Authorization headers received (to check that the token is sent, and only as a bearer). */
  readonly authorizations: string[];
  readonly behaviour: ServerBehaviour;
  close(): Promise<void>;
}

const ROLE_NAMES: Record<string, string> = {
  "62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
  "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
  "8329153b-31d0-4727-b945-745eb3bc5f31": "Domain Name Administrator",
  "fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
  "e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
  "7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
};

let certificate: { key: string; cert: string } | undefined;

const ORGANIZATION_ID = "11111111-2222-3333-4444-555555555555";

function principalJson(p: FakePrincipal): Record<string, unknown> {
  return {
    "@odata.type": `#microsoft.graph.${p.type}`,
    id: p.id,
    displayName: p.displayName,
    ...(p.userPrincipalName ? { userPrincipalName: p.userPrincipalName } : {}),
  };
}

function assignmentJson(a: FakeRoleAssignment, expand: string, tenant: FakeTenant, index: number): Record<string, unknown> {
  const out: Record<string, unknown> = { id: `assignment-${index}`, directoryScopeId: "/", ...a };
  if (expand === "roleDefinition") {
    out.roleDefinition = {
      id: a.roleDefinitionId,
      templateId: a.roleDefinitionId,
      displayName: ROLE_NAMES[a.roleDefinitionId] ?? "Custom role",
      isBuiltIn: true,
    };
  }
  const principal = tenant.principals.find((p) => p.id === a.principalId);
  if (expand === "principal" && principal) out.principal = principalJson(principal);
  return out;
}

/** Whether the tenant holds Entra ID P1 or P2: an enabled SKU with the AAD_PREMIUM or AAD_PREMIUM_P2 plan provisioned. */
function hasEntraIdPremium(tenant: FakeTenant): boolean {
  return tenant.skus.some(
    (s) =>
      s.capabilityStatus === "Enabled" &&
      s.servicePlans.some((p) => p.servicePlanName.startsWith("AAD_PREMIUM") && p.provisioningStatus === "Success"),
  );
}

/**
 * GET /reports/authenticationMethods/userRegistrationDetails?$filter=userPrincipalName eq '...': the documented
 * userRegistrationDetails shape (authenticationmethodsroot-list-userregistrationdetails, example response). A tenant
 * without Entra ID P1/P2 is refused with 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant, "Neither tenant is
 * B2C or tenant doesn't have premium license" (microsoftgraph/microsoft-graph-docs-contrib#8777).
 */
function registrationDetails(tenant: FakeTenant, filter: string | null): Answer | unknown[] {
  if (!hasEntraIdPremium(tenant)) {
    return {
      status: 403,
      body: {
        error: {
          code: "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
          message: "Neither tenant is B2C or tenant doesn't have premium license",
        },
      },
    };
  }
  const m = /^userPrincipalName eq '(.*)'$/.exec(filter ?? "");
  if (!m) throw new Error(`unsupported $filter ${filter}`);
  const upn = (m[1] ?? "").replace(/''/g, "'").toLowerCase();
  return tenant.principals
    .filter((p) => p.type === "user" && p.userPrincipalName?.toLowerCase() === upn && tenant.registrations[p.id])
    .map((p) => {
      const r = tenant.registrations[p.id] ?? { isMfaRegistered: false, methodsRegistered: [] };
      return {
        id: p.id,
        userPrincipalName: p.userPrincipalName,
        userDisplayName: p.displayName,
        isAdmin: tenant.roleAssignments.some((a) => a.principalId === p.id),
        isSsprRegistered: r.isMfaRegistered,
        isSsprEnabled: false,
        isSsprCapable: false,
        isMfaRegistered: r.isMfaRegistered,
        isMfaCapable: r.isMfaRegistered,
        isPasswordlessCapable: false,
        lastUpdatedDateTime: "2026-12-01T19:15:41.6195833Z",
        methodsRegistered: r.methodsRegistered,
        isSystemPreferredAuthenticationMethodEnabled: true,
        systemPreferredAuthenticationMethods: r.isMfaRegistered ? ["push"] : [],
        userPreferredMethodForSecondaryAuthentication: r.isMfaRegistered ? "push" : "none",
        userType: "member",
      };
    });
}

/**
 * A conditionalAccessPolicy in the shape conditionalaccessroot-list-policies documents: `users` and `applications`
 * conditions, `grantControls` with operator and builtInControls. Defaults: enabled, all cloud apps, grant mfa.
 */
export function caPolicy(
  displayName: string,
  users: {
    includeUsers?: string[];
    excludeUsers?: string[];
    includeGroups?: string[];
    excludeGroups?: string[];
    includeRoles?: string[];
    excludeRoles?: string[];
  },
  options: { state?: string; includeApplications?: string[]; builtInControls?: string[]; operator?: string; locations?: unknown } = {},
): Record<string, unknown> {
  return {
    id: `policy-${displayName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
    displayName,
    createdDateTime: "2026-11-01T10:00:00Z",
    modifiedDateTime: null,
    state: options.state ?? "enabled",
    sessionControls: null,
    conditions: {
      signInRiskLevels: [],
      userRiskLevels: [],
      clientAppTypes: ["all"],
      platforms: null,
      locations: options.locations ?? null,
      applications: { includeApplications: options.includeApplications ?? ["All"], excludeApplications: [], includeUserActions: [] },
      users: {
        includeUsers: users.includeUsers ?? [],
        excludeUsers: users.excludeUsers ?? [],
        includeGroups: users.includeGroups ?? [],
        excludeGroups: users.excludeGroups ?? [],
        includeRoles: users.includeRoles ?? [],
        excludeRoles: users.excludeRoles ?? [],
      },
    },
    grantControls: {
      operator: options.operator ?? "OR",
      builtInControls: options.builtInControls ?? ["mfa"],
      customAuthenticationFactors: [],
      termsOfUse: [],
      authenticationStrength: null,
    },
  };
}

/** `$filter=principalId eq 'x'` or `roleDefinitionId eq 'x'`, the only filters the client sends. */
function filtered(items: FakeRoleAssignment[], filter: string | null): FakeRoleAssignment[] {
  if (!filter) return items;
  const m = /^(principalId|roleDefinitionId) eq '(.*)'$/.exec(filter);
  if (!m) throw new Error(`unsupported $filter ${filter}`);
  const field = m[1] as "principalId" | "roleDefinitionId";
  return items.filter((a) => a[field] === m[2]?.replace(/''/g, "'"));
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/**
 * Service plans as the licensing reference lists them ("Product names and service plan identifiers for licensing",
 * learn.microsoft.com/entra/identity/users/licensing-service-plan-reference): AAD_PREMIUM is Entra ID P1's plan,
 * AAD_PREMIUM_P2 Entra ID P2's. A P2 SKU carries both plans.
 */
export const PLAN_P1: FakeServicePlan = {
  servicePlanId: "41781fb2-bc02-4b7c-bd55-b576c07bb09d",
  servicePlanName: "AAD_PREMIUM",
  provisioningStatus: "Success",
  appliesTo: "User",
};
export const PLAN_P2: FakeServicePlan = {
  servicePlanId: "eec0eb4f-6444-4f95-aba0-50c24d67f998",
  servicePlanName: "AAD_PREMIUM_P2",
  provisioningStatus: "Success",
  appliesTo: "User",
};

/** Whether the tenant may use PIM: an enabled SKU with the Entra ID P2 plan provisioned. */
function hasEntraIdP2(tenant: FakeTenant): boolean {
  return tenant.skus.some(
    (s) =>
      s.capabilityStatus === "Enabled" &&
      s.servicePlans.some((p) => p.servicePlanName === PLAN_P2.servicePlanName && p.provisioningStatus === "Success"),
  );
}

/**
 * A PIM call in a tenant without Entra ID P2 (or ID Governance). Graph answers 400 with this body, as recorded in
 * maester365/maester#1421 for GET /v1.0/roleManagement/directory/roleEligibilityScheduleInstances ("HTTP/2.0 400 Bad
 * Request ... {"error":{"code":"AadPremiumLicenseRequired","message":"The tenant needs to have Microsoft Entra ID P2
 * or Microsoft Entra ID Governance license."}}") and in Galvnyz/M365-Assess#117; older tenants word it "The tenant
 * needs an AAD Premium 2 license." (microsoft/EntraExporter#61).
 */
const PIM_WITHOUT_P2: Answer = {
  status: 400,
  body: {
    error: {
      code: "AadPremiumLicenseRequired",
      message: "The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.",
      innerError: { date: "2026-12-02T10:00:00", "request-id": "bcee6ed2-437a-4b54-bbbf-d5d615099cb6" },
    },
  },
};

function route(tenant: FakeTenant, path: string, q: URLSearchParams, consistency: string | undefined): Answer | unknown[] {
  const expand = q.get("$expand") ?? "";
  if (path === "/v1.0/organization") {
    return [{ id: ORGANIZATION_ID, displayName: "Contoso", verifiedDomains: tenant.verifiedDomains }];
  }
  if (path === `/beta/organization/${ORGANIZATION_ID}` && q.get("$select") === "directorySizeQuota") {
    // GET /beta/organization/{id}?$select=directorySizeQuota: the organization with only the selected property
    // (beta resources/directorysizequota: { used, total }; "Manage directory size quota" reads it this way).
    const quota = tenant.directorySizeQuota ? { directorySizeQuota: tenant.directorySizeQuota } : {};
    return {
      status: 200,
      body: { "@odata.context": "https://graph.microsoft.com/beta/$metadata#organization(directorySizeQuota)/$entity", ...quota },
    };
  }
  if (path === "/v1.0/subscribedSkus") return tenant.skus.map((s, i) => ({ id: `sku-${i}`, skuId: `sku-${i}`, ...s }));
  if (path === "/v1.0/directory/onPremisesSynchronization") {
    return [{ id: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", configuration: {}, features: tenant.features }];
  }
  if (path === "/v1.0/roleManagement/directory/roleAssignments") {
    return filtered(tenant.roleAssignments, q.get("$filter")).map((a, i) => assignmentJson(a, expand, tenant, i));
  }
  if (path.startsWith("/v1.0/roleManagement/directory/roleEligibilitySchedule") && !hasEntraIdP2(tenant)) return PIM_WITHOUT_P2;
  if (path === "/v1.0/roleManagement/directory/roleEligibilitySchedules") {
    return filtered(tenant.roleEligibilities, q.get("$filter")).map((a, i) => ({
      ...assignmentJson(a, expand, tenant, i),
      memberType: "Direct",
      status: "Provisioned",
    }));
  }
  const member = /^\/v1\.0\/users\/([^/]+)\/transitiveMemberOf\/microsoft\.graph\.group$/.exec(path);
  const groupMembers = /^\/v1\.0\/groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user$/.exec(path);
  if ((member || groupMembers) && (consistency !== "eventual" || q.get("$count") !== "true")) {
    // An OData cast is an advanced query: without ConsistencyLevel: eventual and $count=true Graph refuses it
    // (v1.0 reference user-list-transitivememberof and group-list-transitivemembers, "Request headers"; "Advanced
    // query capabilities on directory objects").
    return {
      status: 400,
      body: {
        error: {
          code: "Request_UnsupportedQuery",
          message: "The requested query requires the ConsistencyLevel header set to eventual and $count=true.",
        },
      },
    };
  }
  if (groupMembers) {
    const group = decodeURIComponent(groupMembers[1] ?? "");
    return tenant.principals
      .filter((p) => p.type === "user" && (tenant.memberships[p.id] ?? []).includes(group))
      .map((p) => ({ "@odata.type": "#microsoft.graph.user", id: p.id, userPrincipalName: p.userPrincipalName }));
  }
  if (path === "/v1.0/reports/authenticationMethods/userRegistrationDetails") return registrationDetails(tenant, q.get("$filter"));
  if (path === "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy") {
    // identitysecuritydefaultsenforcementpolicy-get, example response.
    return {
      status: 200,
      body: {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy",
        description: "Security defaults is a set of basic identity security mechanisms recommended by Microsoft.",
        displayName: "Security Defaults",
        id: "00000000-0000-0000-0000-000000000005",
        isEnabled: tenant.securityDefaults,
      },
    };
  }
  if (path === "/v1.0/identity/conditionalAccess/policies") return tenant.conditionalAccessPolicies;
  if (member) {
    const ids = tenant.memberships[decodeURIComponent(member[1] ?? "")] ?? [];
    return tenant.principals.filter((p) => ids.includes(p.id)).map((p) => ({ id: p.id, displayName: p.displayName }));
  }
  const user = /^\/v1\.0\/users\/([^/]+)$/.exec(path);
  if (user) {
    const key = decodeURIComponent(user[1] ?? "").toLowerCase();
    const found = tenant.principals.find((p) => p.type === "user" && (p.userPrincipalName?.toLowerCase() === key || p.id === key));
    if (!found) return { status: 404, body: { error: { code: "Request_ResourceNotFound", message: `Resource '${key}' does not exist.` } } };
    return { status: 200, body: { id: found.id, userPrincipalName: found.userPrincipalName } };
  }
  return { status: 404, body: { error: { code: "BadRequest", message: `Resource not found for the segment '${path}'.` } } };
}

/** The faults of issue 14 item 7: a nextLink to itself, pages without end, a body without end, a body one byte at a time. */
function misbehave(fault: NonNullable<ServerBehaviour["fault"]>, url: URL, host: string, res: ServerResponse): void {
  res.writeHead(200, { "Content-Type": "application/json" });
  if (fault === "self-next-link" || fault === "endless-pages") {
    const next = new URL(url.toString());
    next.host = host;
    if (fault === "endless-pages") next.searchParams.set("$skiptoken", String(Number(url.searchParams.get("$skiptoken") ?? "0") + 1));
    res.end(JSON.stringify({ value: [{ id: "x" }], "@odata.nextLink": next.toString() }));
    return;
  }
  const chunk = fault === "endless-body" ? `{"value":[${'{"id":"x"},'.repeat(10_000)}` : "{";
  const timer = setInterval(
    () => {
      if (res.destroyed) return clearInterval(timer);
      res.write(fault === "endless-body" ? '{"id":"x"},'.repeat(10_000) : " ");
    },
    fault === "endless-body" ? 1 : 200,
  );
  res.on("close", () => clearInterval(timer));
  res.write(chunk);
}

/** Starts the server on 127.0.0.1 with a random port; `token` is the only bearer token it accepts. */
export async function startGraphTestServer(tenant: FakeTenant, token: string, behaviour: ServerBehaviour = {}): Promise<GraphTestServer> {
  certificate ??= makeSelfSignedCert("127.0.0.1", ["127.0.0.1"]);
  const requests: string[] = [];
  const authorizations: string[] = [];
  const server: Server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    authorizations.push(req.headers.authorization ?? "");
    const send = (a: Answer): void => {
      res.writeHead(a.status, { "Content-Type": "application/json", ...(a.headers ?? {}) });
      res.end(JSON.stringify(a.body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) {
      return send({
        status: 401,
        body: { error: { code: "InvalidAuthenticationToken", message: "Access token validation failure. Invalid audience." } },
      });
    }
    const t = behaviour.throttle;
    if (t && t.times > 0 && t.path.test(url.pathname)) {
      t.times--;
      return send({
        status: 429,
        headers: { "Retry-After": t.retryAfter },
        body: { error: { code: "TooManyRequests", message: "Too many requests." } },
      });
    }
    const denied =
      (behaviour.appOnlyToken === true || behaviour.signedInWithoutGlobalAdministrator === true) &&
      url.pathname === "/v1.0/directory/onPremisesSynchronization";
    if (behaviour.forbidden?.test(url.pathname) || denied) {
      return send({
        status: 403,
        body: { error: { code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." } },
      });
    }
    if (behaviour.nationalCloud === true && url.pathname === "/v1.0/directory/onPremisesSynchronization") {
      return send({
        status: 400,
        body: { error: { code: "BadRequest", message: "Resource not found for the segment 'onPremisesSynchronization'." } },
      });
    }
    const raw = behaviour.raw;
    if (raw?.path.test(url.pathname)) {
      res.writeHead(raw.status, { "Content-Type": "application/json" });
      return res.end(raw.body);
    }
    if (behaviour.fault) return misbehave(behaviour.fault, url, req.headers.host ?? "", res);
    const consistency = req.headers.consistencylevel;
    const answer = route(tenant, url.pathname, url.searchParams, Array.isArray(consistency) ? consistency[0] : consistency);
    if (!Array.isArray(answer)) return send(answer);
    const size = behaviour.pageSize ?? 100;
    const skip = Number(url.searchParams.get("$skiptoken") ?? "0");
    const body: Record<string, unknown> = { "@odata.context": `https://127.0.0.1${url.pathname}`, value: answer.slice(skip, skip + size) };
    if (skip + size < answer.length) {
      const next = new URL(url.toString());
      next.host = behaviour.nextLinkHost ?? req.headers.host ?? next.host;
      next.searchParams.set("$skiptoken", String(skip + size));
      body["@odata.nextLink"] = next.toString();
    }
    send({ status: 200, body });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    ca: certificate.cert,
    requests,
    authorizations,
    behaviour,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const GA_ID = "62e90394-69f5-4237-9190-012177145e10";
export const HIA_ID = "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2";
export const INSTALLER_UPN = "installer@contoso.com";
export const INSTALLER_ID = "00000000-0000-0000-0000-00000000a001";
export const OTHER_ADMIN_ID = "00000000-0000-0000-0000-00000000b001";
/** Template ids of Global Administrator, Hybrid Identity Administrator, Privileged Role Administrator, Privileged Authentication Administrator (Entra built-in roles). */
export const PRIVILEGED_ROLE_IDS = [GA_ID, HIA_ID, "e8611ab8-c189-46e8-94e1-60213ab1f814", "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"] as const;

/** A compliant tenant: contoso.com verified, Entra ID P2 licence (P1 and P2 plans), both match features on, the installer a direct GA. */
export function compliantTenant(): FakeTenant {
  return {
    verifiedDomains: [
      { name: "contoso.onmicrosoft.com", isInitial: true, isDefault: false, type: "Managed" },
      { name: "contoso.com", isInitial: false, isDefault: true, type: "Managed" },
    ],
    skus: [
      { skuPartNumber: "AAD_PREMIUM_P2", capabilityStatus: "Enabled", prepaidUnits: { enabled: 500 }, servicePlans: [PLAN_P1, PLAN_P2] },
    ],
    features: { blockSoftMatchEnabled: true, blockCloudObjectTakeoverThroughHardMatchEnabled: true, passwordSyncEnabled: true },
    principals: [
      { id: INSTALLER_ID, type: "user", displayName: "Installer", userPrincipalName: INSTALLER_UPN },
      { id: OTHER_ADMIN_ID, type: "user", displayName: "Other admin", userPrincipalName: "other@contoso.com" },
      { id: "00000000-0000-0000-0000-00000000g001", type: "group", displayName: "Tier0 Admins" },
    ],
    roleAssignments: [
      { principalId: INSTALLER_ID, roleDefinitionId: GA_ID },
      { principalId: OTHER_ADMIN_ID, roleDefinitionId: GA_ID },
    ],
    roleEligibilities: [],
    memberships: { [INSTALLER_ID]: [] },
    directorySizeQuota: { used: 1520, total: 300_000 },
    registrations: {
      [INSTALLER_ID]: { isMfaRegistered: true, methodsRegistered: ["microsoftAuthenticatorPush", "fido2"] },
      [OTHER_ADMIN_ID]: { isMfaRegistered: true, methodsRegistered: ["microsoftAuthenticatorPush"] },
    },
    securityDefaults: false,
    conditionalAccessPolicies: [caPolicy("Require MFA for admins", { includeRoles: [...PRIVILEGED_ROLE_IDS] })],
  };
}
