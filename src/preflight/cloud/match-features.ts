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

/** The PowerShell that turns a feature on (Microsoft Graph PowerShell). */
function enableFeatureCommand(feature: MatchBlockingFeature, syncId: string): string {
  const pascal = `${feature[0]?.toUpperCase() ?? ""}${feature.slice(1)}`;
  return `Connect-MgGraph -Scopes OnPremDirectorySynchronization.ReadWrite.All; Update-MgDirectoryOnPremiseSynchronization -OnPremisesDirectorySynchronizationId ${syncId} -Features @{ ${pascal} = $true }`;
}

/** One check per blocking feature: pass when true, fail (with the command that turns it on) otherwise. */
export function checkMatchFeatures(sync: OnPremisesSynchronization): CheckResult[] {
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
