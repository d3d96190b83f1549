/**
 * Tenant-side facts the cloud preflight reads through Microsoft Graph: which subscribed SKUs count as a licence
 * that lifts the tenant object limit, and the built-in directory roles an installing account may hold.
 */
import { LIMIT_LIFTING_LICENCES } from "./sizing";

export type LimitLiftingLicence = (typeof LIMIT_LIFTING_LICENCES)[number];

/**
 * Graph `subscribedSkus.skuPartNumber` values that carry one of LIMIT_LIFTING_LICENCES. Microsoft 365 covers the
 * Microsoft 365 and Office 365 enterprise, business and frontline suites (the paid tenant subscriptions the
 * object-limit note names); suites that include Entra ID P1/P2 count under Microsoft 365.
 */
export const LIMIT_LIFTING_SKUS: Readonly<Record<string, LimitLiftingLicence>> = {
  AAD_PREMIUM: "Microsoft Entra ID P1",
  AAD_PREMIUM_P2: "Microsoft Entra ID P2",
  EMS: "Enterprise Mobility + Security",
  EMSPREMIUM: "Enterprise Mobility + Security",
  SPE_E3: "Microsoft 365",
  SPE_E5: "Microsoft 365",
  SPE_F1: "Microsoft 365",
  SPB: "Microsoft 365",
  O365_BUSINESS_PREMIUM: "Microsoft 365",
  O365_BUSINESS_ESSENTIALS: "Microsoft 365",
  STANDARDPACK: "Microsoft 365",
  ENTERPRISEPACK: "Microsoft 365",
  ENTERPRISEPREMIUM: "Microsoft 365",
  DESKLESSPACK: "Microsoft 365",
};

/** The licence a SKU part number carries towards the object limit, or undefined (case-insensitive). */
export function limitLiftingLicenceFor(skuPartNumber: string): LimitLiftingLicence | undefined {
  return LIMIT_LIFTING_SKUS[skuPartNumber.trim().toUpperCase()];
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

/** The tenant domain suffix every tenant gets; a domain under it is never a custom domain. */
export const INITIAL_DOMAIN_SUFFIX = "onmicrosoft.com";

/** The `onPremisesDirectorySynchronization` features that must both be true once migration is done. */
export const MATCH_BLOCKING_FEATURES = ["blockSoftMatchEnabled", "blockCloudObjectTakeoverThroughHardMatchEnabled"] as const;
export type MatchBlockingFeature = (typeof MATCH_BLOCKING_FEATURES)[number];
