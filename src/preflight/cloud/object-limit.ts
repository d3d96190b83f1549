/**
 * The tenant object limit against the forest's object count: the limits of the catalogue, the Entra ID licence read
 * from the subscribed SKUs' service plans, and the tenant's real directory quota when Graph gives it.
 */
import {
  cite,
  entraIdPremiumLicenceOf,
  LIMIT_LIFTING_LICENCES,
  REQUIREMENTS,
  tenantLimitFor,
  TENANT_OBJECT_LIMITS,
  type LimitLiftingLicence,
  type ServicePlanInfo,
} from "../../requirements";
import type { CheckResult } from "../../report/check-result";

/** Graph `subscribedSku`, the fields the check reads. */
export interface SubscribedSku {
  readonly skuPartNumber: string;
  readonly capabilityStatus?: string;
  readonly prepaidUnits?: { readonly enabled?: number };
  readonly servicePlans?: readonly ServicePlanInfo[];
}

export interface TenantLicence {
  readonly skuPartNumber: string;
  readonly licence: LimitLiftingLicence;
}

/**
 * The tenant's directory quota (Graph beta `organization.directorySizeQuota`): every directory object counts in
 * `used`, cloud-created and soft-deleted ones too. `notRead` says why it could not be read.
 */
export type DirectoryQuota = { readonly used: number; readonly total: number } | { readonly notRead: string };

/** The enabled subscriptions whose service plans carry Entra ID P1 or P2 (AAD_PREMIUM, AAD_PREMIUM_P2). */
export function limitLiftingLicences(skus: readonly SubscribedSku[]): TenantLicence[] {
  return skus.flatMap((s) => {
    const licence = entraIdPremiumLicenceOf(Array.isArray(s.servicePlans) ? s.servicePlans : []);
    const enabled = (s.capabilityStatus ?? "Enabled") === "Enabled" && (s.prepaidUnits?.enabled ?? 1) > 0;
    return licence && enabled ? [{ skuPartNumber: s.skuPartNumber, licence }] : [];
  });
}

export interface ObjectLimitInput {
  /** Users + groups + contacts + computers in the forest. */
  readonly objectCount: number;
  readonly hasVerifiedDomain: boolean;
  readonly licences: readonly TenantLicence[];
  /** The tenant's directory quota; undefined when it was not asked for. */
  readonly quota?: DirectoryQuota;
}

const limitReq = REQUIREMENTS.tenantObjectLimit;
const fmt = (n: number): string => n.toLocaleString("en-US");

/** What the quota says about the forest's objects: a sentence, and whether the sync would run out of room. */
function quotaFinding(objectCount: number, quota: DirectoryQuota | undefined): { text: string; short: boolean; used?: number } {
  if (quota === undefined || "notRead" in quota) {
    const what = quota === undefined ? "was not read" : `could not be read (${quota.notRead})`;
    return { text: ` The tenant's directory quota ${what}; cloud-created and soft-deleted objects count against it too.`, short: false };
  }
  const free = Math.max(0, quota.total - quota.used);
  const text = ` The tenant's directory quota: ${fmt(quota.used)} of ${fmt(quota.total)} objects used (cloud-created and soft-deleted objects count too), ${fmt(free)} free.`;
  return { text, short: objectCount > free, used: quota.used };
}

/**
 * Fail when the tenant lacks what the count needs and cannot get by a support request alone (a verified domain; above
 * 500,000 objects also an Entra ID P1/P2 licence); warn when a support request is still needed or the quota leaves
 * too little room (objects already synchronised count in `used`); pass otherwise.
 */
export function checkObjectLimit(input: ObjectLimitInput): CheckResult {
  const base = { id: "cloud-object-limit", requirement: limitReq.id, category: limitReq.category } as const;
  const verdict = tenantLimitFor(input.objectCount);
  const count = `${fmt(input.objectCount)} objects`;
  const breaks = `Breaks ${cite(limitReq)}.`;
  const quota = quotaFinding(input.objectCount, input.quota);
  const needsDomain = verdict.needs !== "nothing";
  const needsLicence = verdict.needs === "paid-licence";
  const needsSupport = input.objectCount > TENANT_OBJECT_LIMITS.withVerifiedDomain;
  const held = [...new Set(input.licences.map((l) => `${l.licence} (${l.skuPartNumber})`))];

  const missing: string[] = [];
  const fixes: string[] = [];
  if (needsDomain && !input.hasVerifiedDomain) {
    missing.push("the tenant has no verified custom domain");
    fixes.push("verify a custom domain first");
  }
  if (needsLicence && held.length === 0) {
    missing.push("no subscribed SKU carries an Entra ID P1 or P2 service plan (AAD_PREMIUM, AAD_PREMIUM_P2)");
    fixes.push(`buy one of ${LIMIT_LIFTING_LICENCES.join(", ")} (a suite that includes Entra ID P1) for the tenant`);
  }
  const licenceNote = needsLicence && held.length > 0 ? ` The tenant holds ${held.join(", ")}.` : "";
  // Above 300,000 only Microsoft Support raises the quota; a quota read as large enough shows it was done.
  if (quota.short || (needsSupport && quota.used === undefined)) {
    const target = fmt(input.objectCount + (quota.used ?? 0));
    fixes.push(
      `open a support request to Microsoft to raise the tenant's directory quota to at least ${target} objects before the first sync`,
    );
  }
  const head = `${count}: ${verdict.note}.`;
  if (missing.length > 0) {
    return {
      ...base,
      status: "fail",
      message: `${head} Missing: ${missing.join("; ")}.${licenceNote}${quota.text} ${breaks} Fix: ${fixes.join("; ")}.`,
    };
  }
  if (fixes.length > 0) {
    const why = quota.short
      ? ' The quota leaves too little room for the forest (objects this forest already synchronised count in "used").'
      : "";
    return { ...base, status: "warn", message: `${head}${licenceNote}${quota.text}${why} Fix: ${fixes.join("; ")}.` };
  }
  const within = needsDomain && !needsSupport ? " Within the limit the verified domain gives." : "";
  return { ...base, status: "pass", message: `${head}${within}${licenceNote}${quota.text}` };
}
