/**
 * Tenant-side facts the cloud preflight reads through Microsoft Graph: the Entra ID service plans that entitle a
 * tenant to more than 500,000 objects, the tenant's directory quota, and the built-in directory roles that matter.
 */
import { LIMIT_LIFTING_LICENCES } from "./sizing";

export type LimitLiftingLicence = (typeof LIMIT_LIFTING_LICENCES)[number];

export interface EntraIdPremiumPlan {
  /** `servicePlanInfo.servicePlanName` in a subscribedSku's `servicePlans`. */
  readonly servicePlanName: string;
  /** `servicePlanInfo.servicePlanId`: the same in every tenant. */
  readonly servicePlanId: string;
  readonly licence: LimitLiftingLicence;
}

/**
 * The service plans that carry an Entra ID P1 entitlement, as "Product names and service plan identifiers for
 * licensing" (learn.microsoft.com/entra/identity/users/licensing-service-plan-reference) lists them: AAD_PREMIUM
 * (Microsoft Entra ID P1) and AAD_PREMIUM_P2 (Microsoft Entra ID P2, which includes P1). Every SKU that includes
 * Entra ID P1 carries one of them (Microsoft Entra ID P1 and P1 for faculty, AAD_PREMIUM_FACULTY; Microsoft 365
 * E3/E5 and Business Premium; Enterprise Mobility + Security E3/E5), so a licence is detected from each SKU's
 * service plans, never from a list of SKU names. P2 first: a P2 SKU carries both plans.
 */
export const ENTRA_ID_PREMIUM_PLANS: readonly EntraIdPremiumPlan[] = [
  { servicePlanName: "AAD_PREMIUM_P2", servicePlanId: "eec0eb4f-6444-4f95-aba0-50c24d67f998", licence: "Microsoft Entra ID P2" },
  { servicePlanName: "AAD_PREMIUM", servicePlanId: "41781fb2-bc02-4b7c-bd55-b576c07bb09d", licence: "Microsoft Entra ID P1" },
];

/** `servicePlanInfo`, the fields read. */
export interface ServicePlanInfo {
  readonly servicePlanName?: string;
  readonly servicePlanId?: string;
  readonly provisioningStatus?: string;
}

/**
 * The Entra ID licence a subscribed SKU's service plans carry (P2 over P1), or undefined. A plan counts when its
 * name or id matches and its `provisioningStatus` is "Success" (a disabled or pending plan gives nothing yet).
 */
export function entraIdPremiumLicenceOf(servicePlans: readonly ServicePlanInfo[]): LimitLiftingLicence | undefined {
  const active = servicePlans.filter((p) => (p.provisioningStatus ?? "Success") === "Success");
  return ENTRA_ID_PREMIUM_PLANS.find((plan) =>
    active.some((p) => p.servicePlanId?.toLowerCase() === plan.servicePlanId || p.servicePlanName?.toUpperCase() === plan.servicePlanName),
  )?.licence;
}

export interface DirectoryRole {
  /** The built-in role's template id; Graph's `roleDefinitionId` of an assignment equals it. */
  readonly templateId: string;
  readonly displayName: string;
}

/** Built-in Entra roles that matter to the installing account. */
export const INSTALLER_ROLES = {
  globalAdministrator: { templateId: "62e90394-69f5-4237-9190-012177145e10", displayName: "Global Administrator" },
  hybridIdentityAdministrator: { templateId: "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", displayName: "Hybrid Identity Administrator" },
  domainNameAdministrator: { templateId: "8329153b-31d0-4727-b945-745eb3bc5f31", displayName: "Domain Name Administrator" },
} as const satisfies Record<string, DirectoryRole>;

/**
 * Microsoft Graph national cloud service roots ("Microsoft Graph national cloud deployments", learn.microsoft.com/graph/deployments),
 * by host. GET /directory/onPremisesSynchronization is "Global service only" on its v1.0 reference page
 * (onpremisesdirectorysynchronization-get, includes/global-only.md): in these clouds the match features cannot be read.
 */
export const GRAPH_NATIONAL_CLOUDS: Readonly<Record<string, string>> = {
  "graph.microsoft.us": "Microsoft Graph for US Government L4 (GCC High)",
  "dod-graph.microsoft.us": "Microsoft Graph for US Government L5 (DOD)",
  "microsoftgraph.chinacloudapi.cn": "Microsoft Graph China operated by 21Vianet",
};

/** The Microsoft Graph global service, the only one with onPremisesSynchronization. */
export const GRAPH_GLOBAL_SERVICE_HOST = "graph.microsoft.com";

/** The national cloud a Graph root URL belongs to, or undefined (the global service, or a host not known to be national). */
export function graphNationalCloudOf(graphUrl: string): string | undefined {
  try {
    return GRAPH_NATIONAL_CLOUDS[new URL(graphUrl).hostname.toLowerCase()];
  } catch {
    return undefined;
  }
}

export interface PrivilegedRole extends DirectoryRole {
  /**
   * Whether security defaults require MFA at every sign-in for the role ("Require administrators to do multifactor
   * authentication", security-defaults and includes/conditional-access-admin-roles). Hybrid Identity Administrator is
   * not in that list: security defaults prompt it only "when necessary".
   */
  readonly securityDefaultsRequireMfa: boolean;
}

/**
 * The roles whose holders (direct, through a group, or PIM-eligible) can take over the sync or the tenant, and so must
 * have MFA registered and enforced (cloud-admin-mfa). Template ids from "Microsoft Entra built-in roles"
 * (learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference): Global Administrator
 * 62e90394-69f5-4237-9190-012177145e10, Hybrid Identity Administrator 8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2, Privileged
 * Role Administrator e8611ab8-c189-46e8-94e1-60213ab1f814, Privileged Authentication Administrator
 * 7be44c8a-adaf-4e2a-84d6-ab2649e08a13.
 */
export const MFA_PRIVILEGED_ROLES: readonly PrivilegedRole[] = [
  { ...INSTALLER_ROLES.globalAdministrator, securityDefaultsRequireMfa: true },
  { ...INSTALLER_ROLES.hybridIdentityAdministrator, securityDefaultsRequireMfa: false },
  { templateId: "e8611ab8-c189-46e8-94e1-60213ab1f814", displayName: "Privileged Role Administrator", securityDefaultsRequireMfa: true },
  {
    templateId: "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
    displayName: "Privileged Authentication Administrator",
    securityDefaultsRequireMfa: true,
  },
];

/** The tenant domain suffix every tenant gets; a domain under it is never a custom domain. */
export const INITIAL_DOMAIN_SUFFIX = "onmicrosoft.com";

/** The `onPremisesDirectorySynchronization` features that must both be true once migration is done. */
export const MATCH_BLOCKING_FEATURES = ["blockSoftMatchEnabled", "blockCloudObjectTakeoverThroughHardMatchEnabled"] as const;
export type MatchBlockingFeature = (typeof MATCH_BLOCKING_FEATURES)[number];
