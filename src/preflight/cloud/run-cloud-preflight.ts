/**
 * The cloud preflight: reads the tenant through Microsoft Graph and returns the checks of the cloud, soft/hard
 * match and install-account categories, with the data they were decided from.
 */
import { CheckFailedError, InputError } from "../../support/errors";
import { GRAPH_GLOBAL_SERVICE_HOST, graphNationalCloudOf, objectCountProblem } from "../../requirements";
import type { CheckResult } from "../../report/check-result";
import { describe, GraphClient, GraphHttpError, type GraphClientOptions } from "./graph-client";
import {
  checkUpnSuffixCoverage,
  checkVerifiedDomain,
  isCustomDomain,
  upnSuffixCoverage,
  type UpnSuffixCoverage,
  type VerifiedDomain,
} from "./domains";
import { checkMatchFeatures, matchFeaturesNotChecked, type OnPremisesSynchronization } from "./match-features";
import { checkObjectLimit, limitLiftingLicences, type DirectoryQuota, type SubscribedSku, type TenantLicence } from "./object-limit";
import { checkInstallerRole, type InstallerRoles } from "./installer-role";
import { readInstallerRoles } from "./read-installer-roles";
import { checkAdminMfa, type AdminMfaFindings } from "./admin-mfa";
import { readAdminMfa } from "./read-admin-mfa";

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
  /** The tenant's directory quota (Graph beta), or why it could not be read. */
  readonly directoryQuota: DirectoryQuota;
  readonly synchronization?: OnPremisesSynchronization;
  readonly installer?: InstallerRoles;
  /** The privileged accounts, their MFA registration and what enforces MFA for them (cloud-admin-mfa). */
  readonly adminMfa: AdminMfaFindings;
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
  const domains = checkedDomains(org);
  const licences = limitLiftingLicences(
    await graph.getAll<SubscribedSku>("subscribedSkus?$select=skuPartNumber,capabilityStatus,prepaidUnits,servicePlans"),
  );
  const directoryQuota = await readDirectoryQuota(graph, org.id);
  const sync = await readSynchronization(graph, options.graphUrl);
  const installer = options.installer === undefined ? undefined : await readInstallerRoles(graph, options.installer);
  const adminMfa = await readAdminMfa(graph, installer && { id: installer.userId, userPrincipalName: installer.userPrincipalName });
  const coverage = upnSuffixCoverage(options.upnSuffixes ?? [], domains);
  const verifiedCustomDomains = domains.filter(isCustomDomain).map((d) => d.name);
  const hasVerifiedDomain = verifiedCustomDomains.length > 0;

  const checks: CheckResult[] = [checkVerifiedDomain(domains)];
  if (coverage.length > 0) checks.push(checkUpnSuffixCoverage(coverage));
  if (options.objectCount !== undefined)
    checks.push(checkObjectLimit({ objectCount: options.objectCount, hasVerifiedDomain, licences, quota: directoryQuota }));
  checks.push(...(typeof sync === "string" ? matchFeaturesNotChecked(sync) : checkMatchFeatures(sync ?? {})));
  if (installer) checks.push(checkInstallerRole(installer));
  checks.push(checkAdminMfa(adminMfa));
  return {
    tenant: { id: org.id, ...(org.displayName ? { displayName: org.displayName } : {}), verifiedDomains: domains },
    verifiedCustomDomains,
    upnSuffixCoverage: coverage,
    licences,
    directoryQuota,
    ...(typeof sync === "object" ? { synchronization: sync } : {}),
    ...(installer ? { installer } : {}),
    adminMfa,
    checks,
  };
}

/** `organization.verifiedDomains`, checked against its documented shape (an array of objects with a string `name`). */
function checkedDomains(org: Organization): VerifiedDomain[] {
  const domains: unknown = org.verifiedDomains ?? [];
  const wrong = (what: string): CheckFailedError =>
    new CheckFailedError(
      `Microsoft Graph answered GET /organization with an unexpected shape: ${what}. The documented organization.verifiedDomains is an array of { name, isInitial, ... }. Check --graph-url.`,
    );
  if (typeof org.id !== "string") throw wrong(`"id" is ${describe(org.id)}, not a string`);
  if (!Array.isArray(domains)) throw wrong(`"verifiedDomains" is ${describe(domains)}, not an array`);
  const bad = domains.findIndex((d: unknown) => typeof d !== "object" || d === null || typeof (d as { name?: unknown }).name !== "string");
  if (bad >= 0) throw wrong(`"verifiedDomains[${bad}]" is not an object with a string "name"`);
  return domains as VerifiedDomain[];
}

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

/**
 * The tenant's directory quota: GET /beta/organization/{id}?$select=directorySizeQuota (beta resources/directorysizequota:
 * `used`, `total`, Int32; Organization.Read.All, as "Manage directory size quota" reads it). Beta only, so a refusal
 * or another shape is reported as "could not be read" with the reason, never a crash.
 */
async function readDirectoryQuota(graph: GraphClient, orgId: string): Promise<DirectoryQuota> {
  const what = "GET /beta/organization/{id}?$select=directorySizeQuota";
  try {
    const org = await graph.get<{ directorySizeQuota?: { used?: unknown; total?: unknown } }>(
      `organization/${encodeURIComponent(orgId)}?$select=directorySizeQuota`,
      {},
      "beta",
    );
    const quota = org?.directorySizeQuota;
    if (quota && isCount(quota.used) && isCount(quota.total)) return { used: quota.used, total: quota.total };
    return { notRead: `Microsoft Graph answered ${what} without a numeric "used" and "total"` };
  } catch (e) {
    if (e instanceof GraphHttpError) return { notRead: `Microsoft Graph refused ${what} (HTTP ${e.status}${e.code ? ` ${e.code}` : ""})` };
    throw e;
  }
}

const GLOBAL_ONLY = `exists in the Microsoft Graph global service (${GRAPH_GLOBAL_SERVICE_HOST}) only: its v1.0 reference page says "Global service only"`;

/** Why GET /directory/onPremisesSynchronization is not asked at this Graph root (a national cloud), or undefined. */
export function synchronizationUnavailableAt(graphUrl: string): string | undefined {
  const nationalCloud = graphNationalCloudOf(graphUrl);
  return nationalCloud === undefined
    ? undefined
    : `--graph-url is ${nationalCloud}, a national cloud: GET /directory/onPremisesSynchronization ${GLOBAL_ONLY}; it was not asked.`;
}

/**
 * Why the match features cannot be read from this Graph, or the configuration (undefined when the tenant has none).
 * GET /directory/onPremisesSynchronization (v1.0 reference, onpremisesdirectorysynchronization-get) is available in
 * the global service only, supports no application permission, and a delegated caller needs
 * OnPremDirectorySynchronization.Read.All and the Global Administrator role. A national cloud is not asked; a
 * refusal is reported as not checked with its reason, never a crash.
 */
async function readSynchronization(graph: GraphClient, graphUrl: string): Promise<OnPremisesSynchronization | undefined | string> {
  const notAvailable = synchronizationUnavailableAt(graphUrl);
  if (notAvailable !== undefined) return notAvailable;
  try {
    const sync = (await graph.getAll<OnPremisesSynchronization>("directory/onPremisesSynchronization"))[0];
    if (sync !== undefined && sync.features !== undefined && (typeof sync.features !== "object" || sync.features === null)) {
      throw new CheckFailedError(
        `Microsoft Graph answered GET /directory/onPremisesSynchronization with an unexpected shape: "features" is ${describe(sync.features)}, not an object. Check --graph-url.`,
      );
    }
    return sync;
  } catch (e) {
    if (e instanceof GraphHttpError && (e.status === 401 || e.status === 403)) {
      return `Microsoft Graph refused GET /directory/onPremisesSynchronization (HTTP ${e.status}): it supports no application permission (app-only tokens and client secrets cannot read it); it needs a delegated sign-in with OnPremDirectorySynchronization.Read.All by a Global Administrator, the only role its reference page supports.`;
    }
    if (e instanceof GraphHttpError && (e.status === 400 || e.status === 404)) {
      return `Microsoft Graph at this --graph-url has no GET /directory/onPremisesSynchronization (HTTP ${e.status}${e.code ? ` ${e.code}` : ""}): it ${GLOBAL_ONLY}.`;
    }
    throw e;
  }
}
