/** Soft match and hard-match takeover: both `onPremisesDirectorySynchronization` blocking features must be on. */
import { cite, MATCH_BLOCKING_FEATURES, REQUIREMENTS, type MatchBlockingFeature } from "../../requirements";
import type { CheckResult } from "../../report/check-result";

/** Graph `onPremisesDirectorySynchronization`, the fields the check reads. */
export interface OnPremisesSynchronization {
  readonly id: string;
  readonly features?: Partial<Record<string, boolean>>;
}

const matchReq = REQUIREMENTS.softHardMatch;

const CHECK_IDS: Record<MatchBlockingFeature, string> = {
  blockSoftMatchEnabled: "cloud-block-soft-match",
  blockCloudObjectTakeoverThroughHardMatchEnabled: "cloud-block-hard-match-takeover",
};

const WHAT: Record<MatchBlockingFeature, string> = {
  blockSoftMatchEnabled: "Soft match (joining cloud objects to AD objects by UPN or SMTP address)",
  blockCloudObjectTakeoverThroughHardMatchEnabled:
    "Hard-match takeover of cloud objects (AD overwriting a cloud object, its password hash included)",
};

/** A GUID as Graph writes ids; anything else from the server never reaches a suggested command. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A PowerShell single-quoted string: nothing inside is expanded; a quote is doubled. */
const psQuote = (value: string): string => `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, "$&$&")}'`;

/**
 * The PowerShell that turns a feature on (Microsoft Graph PowerShell). The sync id is spliced in only when it is
 * a GUID, and quoted; otherwise the command reads the id itself (Get-MgDirectoryOnPremiseSynchronization).
 */
function enableFeatureCommand(feature: MatchBlockingFeature, syncId: string | undefined): string {
  const pascal = `${feature[0]?.toUpperCase() ?? ""}${feature.slice(1)}`;
  const id = syncId !== undefined && GUID.test(syncId) ? psQuote(syncId) : "(Get-MgDirectoryOnPremiseSynchronization).Id";
  return `Connect-MgGraph -Scopes OnPremDirectorySynchronization.ReadWrite.All; Update-MgDirectoryOnPremiseSynchronization -OnPremisesDirectorySynchronizationId ${id} -Features @{ ${pascal} = $true }`;
}

/** Both checks as not checked (warn), with the reason the configuration could not be read. */
export function matchFeaturesNotChecked(reason: string): CheckResult[] {
  return MATCH_BLOCKING_FEATURES.map((feature) => ({
    id: CHECK_IDS[feature],
    requirement: matchReq.id,
    category: matchReq.category,
    status: "warn",
    message: `Could not check ${feature}: ${reason} Check it by hand in the Entra admin center or with Get-MgDirectoryOnPremiseSynchronization; ${cite(matchReq)}.`,
  }));
}

/** One check per blocking feature: pass when true, fail (with the command that turns it on) otherwise. */
export function checkMatchFeatures(sync: { readonly id?: string; readonly features?: Partial<Record<string, boolean>> }): CheckResult[] {
  return MATCH_BLOCKING_FEATURES.map((feature) => {
    const base = { id: CHECK_IDS[feature], requirement: matchReq.id, category: matchReq.category } as const;
    const value = sync.features?.[feature];
    if (value === true) return { ...base, status: "pass", message: `${feature} is true: ${WHAT[feature].split(" (")[0]} is blocked.` };
    return {
      ...base,
      status: "fail",
      message: `${feature} is ${value === false ? "false" : "not set"}: ${WHAT[feature]} is allowed. Breaks ${cite(matchReq)}. Fix (once migration matching is done): ${enableFeatureCommand(feature, sync.id)}`,
    };
  });
}
