/**
 * The cloud preflight: reads the tenant through Microsoft Graph and returns the checks of the cloud, soft/hard
 * match and install-account categories, with the data they were decided from.
 */
import { InputError } from "../../cli/errors";
import { objectCountProblem } from "../../requirements";
import type { CheckResult } from "../../report/check-result";
import { GraphClient, type GraphClientOptions } from "./graph-client";
import {
  checkUpnSuffixCoverage,
  checkVerifiedDomain,
  isCustomDomain,
  upnSuffixCoverage,
  type UpnSuffixCoverage,
  type VerifiedDomain,
} from "./domains";
import { checkMatchFeatures, type OnPremisesSynchronization } from "./match-features";
import { checkObjectLimit, limitLiftingLicences, type SubscribedSku, type TenantLicence } from "./object-limit";
import { checkInstallerRole, type InstallerRoles } from "./installer-role";
import { readInstallerRoles } from "./read-installer-roles";

export interface CloudPreflightOptions extends GraphClientOptions {
  /** UPN of the account that will run the Connect wizard; its roles are checked when given. */
  readonly installer?: string;
  /** The forest's UPN suffixes; their coverage by verified domains is reported when given. */
  readonly upnSuffixes?: readonly string[];
  /** The forest's object count (users + groups + contacts + computers); checked against the tenant limit when given. */
  readonly objectCount?: number;
}

export interface CloudPreflightResult {
  readonly tenant: { readonly id: string; readonly displayName?: string; readonly verifiedDomains: readonly VerifiedDomain[] };
  /** The verified custom (non-onmicrosoft.com) domain names: the input of the AD preflight's unverifieddomain rule. */
  readonly verifiedCustomDomains: readonly string[];
  readonly upnSuffixCoverage: readonly UpnSuffixCoverage[];
  readonly licences: readonly TenantLicence[];
  readonly synchronization?: OnPremisesSynchronization;
  readonly installer?: InstallerRoles;
  readonly checks: readonly CheckResult[];
}

interface Organization {
  readonly id: string;
  readonly displayName?: string;
  readonly verifiedDomains?: VerifiedDomain[];
}

/** A user principal name as the installer is given: name@domain, no whitespace. */
export const UPN_PATTERN = /^[^@\s]+@[^@\s]+$/;

/** Throws InputError naming the flag when the installer, the UPN suffixes or the object count is malformed; contacts nothing. */
export function validateCloudPreflightOptions(options: Pick<CloudPreflightOptions, "installer" | "upnSuffixes" | "objectCount">): void {
  if (options.objectCount !== undefined) {
    const problem = objectCountProblem(options.objectCount);
    if (problem) throw new InputError(`--object-count ${problem}.`);
  }
  const bad = (options.upnSuffixes ?? []).filter((s) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(s.trim()));
  if (bad.length)
    throw new InputError(
      `--upn-suffixes: ${bad.map((s) => JSON.stringify(s)).join(", ")} is not a domain name. List DNS suffixes such as contoso.com, comma-separated.`,
    );
  if (options.installer !== undefined && !UPN_PATTERN.test(options.installer)) {
    throw new InputError(`--installer ${JSON.stringify(options.installer)} is not a user principal name: give it as name@domain.`);
  }
}

/** Runs every cloud check it has inputs for. Throws InputError for bad options, CheckFailedError when Graph cannot be read. */
export async function runCloudPreflight(options: CloudPreflightOptions): Promise<CloudPreflightResult> {
  validateCloudPreflightOptions(options);
  const graph = new GraphClient(options);
  const org = (await graph.getAll<Organization>("organization?$select=id,displayName,verifiedDomains"))[0];
  if (!org)
    throw new InputError("Microsoft Graph returned no organization for this token: sign in to the tenant that Entra Connect will sync to.");
  const domains = org.verifiedDomains ?? [];
  const licences = limitLiftingLicences(
    await graph.getAll<SubscribedSku>("subscribedSkus?$select=skuPartNumber,capabilityStatus,prepaidUnits"),
  );
  const synchronization = (await graph.getAll<OnPremisesSynchronization>("directory/onPremisesSynchronization"))[0];
  const installer = options.installer === undefined ? undefined : await readInstallerRoles(graph, options.installer);
  const coverage = upnSuffixCoverage(options.upnSuffixes ?? [], domains);
  const verifiedCustomDomains = domains.filter(isCustomDomain).map((d) => d.name);
  const hasVerifiedDomain = verifiedCustomDomains.length > 0;

  const checks: CheckResult[] = [checkVerifiedDomain(domains)];
  if (coverage.length > 0) checks.push(checkUpnSuffixCoverage(coverage));
  if (options.objectCount !== undefined) checks.push(checkObjectLimit({ objectCount: options.objectCount, hasVerifiedDomain, licences }));
  checks.push(...checkMatchFeatures(synchronization ?? { id: "<the id from Get-MgDirectoryOnPremiseSynchronization>" }));
  if (installer) checks.push(checkInstallerRole(installer));
  return {
    tenant: { id: org.id, ...(org.displayName ? { displayName: org.displayName } : {}), verifiedDomains: domains },
    verifiedCustomDomains,
    upnSuffixCoverage: coverage,
    licences,
    ...(synchronization ? { synchronization } : {}),
    ...(installer ? { installer } : {}),
    checks,
  };
}
