/** The verified-domain check and which of the forest's UPN suffixes the tenant's verified domains cover. */
import { cite, INITIAL_DOMAIN_SUFFIX, REQUIREMENTS } from "../../requirements";
import type { CheckResult } from "../../report/check-result";

/** Graph `verifiedDomain`, as `organization.verifiedDomains` lists it. */
export interface VerifiedDomain {
  readonly name: string;
  readonly isInitial?: boolean;
  readonly isDefault?: boolean;
  readonly type?: string;
}

export interface UpnSuffixCoverage {
  readonly suffix: string;
  /** The verified custom domain that covers it (the suffix itself or a parent domain); undefined when none does. */
  readonly coveredBy?: string;
}

/** True for a verified domain that is not the tenant's initial `*.onmicrosoft.com` domain. */
export function isCustomDomain(domain: VerifiedDomain): boolean {
  const name = domain.name.toLowerCase();
  return domain.isInitial !== true && name !== INITIAL_DOMAIN_SUFFIX && !name.endsWith(`.${INITIAL_DOMAIN_SUFFIX}`);
}

/** Which verified custom domain covers each UPN suffix: the same name, or a parent domain (case-insensitive). */
export function upnSuffixCoverage(suffixes: readonly string[], domains: readonly VerifiedDomain[]): UpnSuffixCoverage[] {
  const custom = domains.filter(isCustomDomain).map((d) => d.name.toLowerCase());
  return suffixes.map((raw) => {
    const suffix = raw.trim().toLowerCase();
    const coveredBy = custom.find((d) => suffix === d) ?? custom.find((d) => suffix.endsWith(`.${d}`));
    return coveredBy === undefined ? { suffix } : { suffix, coveredBy };
  });
}

const verified = REQUIREMENTS.verifiedDomain;

/** Pass when the tenant has at least one verified custom domain. */
export function checkVerifiedDomain(domains: readonly VerifiedDomain[]): CheckResult {
  const custom = domains.filter(isCustomDomain).map((d) => d.name);
  if (custom.length > 0) {
    return {
      id: "cloud-verified-domain",
      status: "pass",
      message: `Verified custom domains: ${custom.join(", ")}.`,
      requirement: verified.id,
      category: verified.category,
    };
  }
  return {
    id: "cloud-verified-domain",
    status: "fail",
    message: `The tenant has no verified custom domain (only ${domains.map((d) => d.name).join(", ") || "none"}): synchronised users would sign in as *.${INITIAL_DOMAIN_SUFFIX} and the tenant keeps its lowest object limit. Breaks ${cite(verified)}. Fix: add the forest's UPN suffix as a custom domain in the Entra admin center and verify it with its DNS TXT record.`,
    requirement: verified.id,
    category: verified.category,
  };
}

/** Pass when every UPN suffix of the forest is covered by a verified custom domain; warn listing the others. */
export function checkUpnSuffixCoverage(coverage: readonly UpnSuffixCoverage[]): CheckResult {
  const base = { id: "cloud-upn-suffix-coverage", requirement: verified.id, category: verified.category } as const;
  const uncovered = coverage.filter((c) => c.coveredBy === undefined).map((c) => c.suffix);
  const covered = coverage
    .filter((c) => c.coveredBy !== undefined)
    .map((c) => (c.coveredBy === c.suffix ? c.suffix : `${c.suffix} (by ${c.coveredBy})`));
  if (uncovered.length === 0) {
    return { ...base, status: "pass", message: `Every UPN suffix of the forest is a verified domain: ${covered.join(", ")}.` };
  }
  return {
    ...base,
    status: "warn",
    message: `UPN suffixes not verified in the tenant: ${uncovered.join(", ")}${covered.length ? ` (verified: ${covered.join(", ")})` : ""}. Users with these suffixes would sign in as *.${INITIAL_DOMAIN_SUFFIX}. Breaks ${cite(verified)}. Fix: verify each suffix as a custom domain, or change those users' UPNs to a verified suffix before the first sync.`,
  };
}
