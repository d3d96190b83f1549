/** The tenant object limit against the forest's object count, and the subscribed licences that lift it. */
import {
  cite,
  limitLiftingLicenceFor,
  LIMIT_LIFTING_LICENCES,
  REQUIREMENTS,
  tenantLimitFor,
  type LimitLiftingLicence,
} from "../../requirements";
import type { CheckResult } from "../../report/check-result";

/** Graph `subscribedSku`, the fields the check reads. */
export interface SubscribedSku {
  readonly skuPartNumber: string;
  readonly capabilityStatus?: string;
  readonly prepaidUnits?: { readonly enabled?: number };
}

export interface TenantLicence {
  readonly skuPartNumber: string;
  readonly licence: LimitLiftingLicence;
}

/** The enabled subscriptions that carry a licence lifting the object limit. */
export function limitLiftingLicences(skus: readonly SubscribedSku[]): TenantLicence[] {
  return skus.flatMap((s) => {
    const licence = limitLiftingLicenceFor(s.skuPartNumber);
    const enabled = (s.capabilityStatus ?? "Enabled") === "Enabled" && (s.prepaidUnits?.enabled ?? 1) > 0;
    return licence && enabled ? [{ skuPartNumber: s.skuPartNumber, licence }] : [];
  });
}

export interface ObjectLimitInput {
  /** Users + groups + contacts + computers in the forest. */
  readonly objectCount: number;
  readonly hasVerifiedDomain: boolean;
  readonly licences: readonly TenantLicence[];
}

const limitReq = REQUIREMENTS.tenantObjectLimit;
const fmt = (n: number): string => n.toLocaleString("en-US");

/** Pass when the tenant can hold the forest's objects; fail naming what lifts the limit otherwise. */
export function checkObjectLimit(input: ObjectLimitInput): CheckResult {
  const base = { id: "cloud-object-limit", requirement: limitReq.id, category: limitReq.category } as const;
  const verdict = tenantLimitFor(input.objectCount);
  const count = `${fmt(input.objectCount)} objects`;
  const breaks = `Breaks ${cite(limitReq)}.`;
  switch (verdict.needs) {
    case "nothing":
      return { ...base, status: "pass", message: `${count}: ${verdict.note}.` };
    case "verified-domain":
      return input.hasVerifiedDomain
        ? { ...base, status: "pass", message: `${count}: within the limit of ${fmt(verdict.limit)} that the verified domain gives.` }
        : { ...base, status: "fail", message: `${count}: ${verdict.note}; it has none. ${breaks} Fix: verify a custom domain first.` };
    case "support-case":
      return {
        ...base,
        status: input.hasVerifiedDomain ? "warn" : "fail",
        message: `${count}: ${verdict.note}.${input.hasVerifiedDomain ? "" : ` The tenant has no verified domain. ${breaks}`} Fix: open a support case to raise the limit to ${fmt(verdict.limit)} before the first sync.`,
      };
    case "paid-licence": {
      const held = [...new Set(input.licences.map((l) => `${l.licence} (${l.skuPartNumber})`))];
      return held.length > 0
        ? { ...base, status: "pass", message: `${count}: the tenant holds ${held.join(", ")}, which lifts the object limit.` }
        : {
            ...base,
            status: "fail",
            message: `${count}: ${verdict.note}; no subscribed SKU carries one. ${breaks} Fix: buy one of ${LIMIT_LIFTING_LICENCES.join(", ")} for the tenant.`,
          };
    }
  }
}
