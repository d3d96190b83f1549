/**
 * Privileged Identity Management needs Microsoft Entra ID P2 (or ID Governance) in the tenant. Without it Graph
 * answers the PIM calls (roleEligibilitySchedules, roleEligibilityScheduleInstances, ...) with HTTP 400 and the
 * error code AadPremiumLicenseRequired ("The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID
 * Governance license."; older tenants: "The tenant needs an AAD Premium 2 license."). PIM is then reported as not
 * checked with that reason; the run goes on.
 */
import { GraphHttpError } from "./graph-client";

/** The Graph error code of a PIM call in a tenant without Entra ID P2 or ID Governance. */
export const PIM_LICENCE_ERROR_CODE = "AadPremiumLicenseRequired";

/** Why PIM eligibilities could not be read, when `error` is Graph's licence refusal; undefined for any other error. */
export function pimNotCheckedReason(error: unknown): string | undefined {
  if (!(error instanceof GraphHttpError) || error.code.toLowerCase() !== PIM_LICENCE_ERROR_CODE.toLowerCase()) return undefined;
  return `Microsoft Graph refused the PIM eligibility read (HTTP ${error.status} ${PIM_LICENCE_ERROR_CODE}): the tenant has no Microsoft Entra ID P2 or ID Governance licence, so Privileged Identity Management (and any PIM-eligible role) was not checked`;
}

/** `read()`, or the reason PIM could not be read when the tenant lacks the licence; other errors propagate. */
export async function readPim<T>(read: () => Promise<T>): Promise<T | { readonly notChecked: string }> {
  try {
    return await read();
  } catch (e) {
    const reason = pimNotCheckedReason(e);
    if (reason === undefined) throw e;
    return { notChecked: reason };
  }
}
