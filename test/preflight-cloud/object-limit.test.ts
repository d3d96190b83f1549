/**
 * checkObjectLimit at each limit: 50,000 by default, 300,000 with a verified domain, above that only through a support
 * request ("To go beyond the default quota, you must contact Microsoft Support": Entra service limits), and above
 * 500,000 also an Entra ID P1/P2 licence; the tenant's directory quota (beta organization.directorySizeQuota) when read.
 */
import { checkObjectLimit, type DirectoryQuota, type TenantLicence } from "../../src/preflight/cloud";

const BREAKS = "Breaks requirement cloud.object-limit: The forest's object count within the tenant's object limit.";
const P1: TenantLicence[] = [{ skuPartNumber: "AAD_PREMIUM_FACULTY", licence: "Microsoft Entra ID P1" }];
const NOT_READ: DirectoryQuota = {
  notRead: "Microsoft Graph refused GET /beta/organization/{id}?$select=directorySizeQuota (HTTP 403 Authorization_RequestDenied)",
};
const NOT_READ_TEXT =
  "The tenant's directory quota could not be read (Microsoft Graph refused GET /beta/organization/{id}?$select=directorySizeQuota (HTTP 403 Authorization_RequestDenied)); cloud-created and soft-deleted objects count against it too.";
const verdict = (objectCount: number, hasVerifiedDomain: boolean, licences: TenantLicence[], quota?: DirectoryQuota) => {
  const check = checkObjectLimit({ objectCount, hasVerifiedDomain, licences, ...(quota ? { quota } : {}) });
  return `${check.status}: ${check.message}`;
};

describe("checkObjectLimit", () => {
  it("passes up to 300,000 objects with a verified domain, stating the quota or that it could not be read", () => {
    expect(verdict(300_000, true, [], { used: 0, total: 300_000 })).toBe(
      "pass: 300,000 objects: above 50,000 objects: the tenant needs a verified custom domain (limit 300,000). Within the limit the verified domain gives. The tenant's directory quota: 0 of 300,000 objects used (cloud-created and soft-deleted objects count too), 300,000 free.",
    );
    expect(verdict(1_000, false, [], NOT_READ)).toBe(
      `pass: 1,000 objects: within the default tenant limit of 50,000 objects. ${NOT_READ_TEXT}`,
    );
  });

  it("warns when the quota leaves too little room: cloud-created and soft-deleted objects count, self-service tenants stay at 50,000", () => {
    expect(verdict(60_000, true, [], { used: 2_000, total: 50_000 })).toBe(
      "warn: 60,000 objects: above 50,000 objects: the tenant needs a verified custom domain (limit 300,000). The tenant's directory quota: 2,000 of 50,000 objects used (cloud-created and soft-deleted objects count too), 48,000 free. The quota leaves too little room for the forest (objects this forest already synchronised count in \"used\"). Fix: open a support request to Microsoft to raise the tenant's directory quota to at least 62,000 objects before the first sync.",
    );
    expect(verdict(40_000, false, [], { used: 20_000, total: 50_000 })).toMatch(/^warn: 40,000 objects: within the default tenant limit/);
  });

  it("above 300,000 objects: warns for the support request unless the quota read shows it was raised", () => {
    expect(verdict(400_000, true, [], NOT_READ)).toBe(
      `warn: 400,000 objects: above 300,000 objects: ask Microsoft support to raise the tenant limit (a verified domain is needed too). ${NOT_READ_TEXT} Fix: open a support request to Microsoft to raise the tenant's directory quota to at least 400,000 objects before the first sync.`,
    );
    expect(verdict(400_000, true, [], { used: 10_000, total: 500_000 })).toMatch(/^pass: /);
  });

  it("fails above 300,000 objects without a verified domain, citing the requirement", () => {
    const check = checkObjectLimit({ objectCount: 500_000, hasVerifiedDomain: false, licences: [] });
    expect([check.status, check.requirement, check.category]).toEqual(["fail", "cloud.object-limit", "cloud"]);
    expect(check.message).toBe(
      `500,000 objects: above 300,000 objects: ask Microsoft support to raise the tenant limit (a verified domain is needed too). Missing: the tenant has no verified custom domain. The tenant's directory quota was not read; cloud-created and soft-deleted objects count against it too. ${BREAKS} Fix: verify a custom domain first; open a support request to Microsoft to raise the tenant's directory quota to at least 500,000 objects before the first sync.`,
    );
  });

  describe("above 500,000 objects a licence alone is not enough", () => {
    const NOTE =
      "600,000 objects: above 500,000 objects: a licence alone is not enough: the tenant needs a paid licence (Microsoft Entra ID P1, Microsoft Entra ID P2, Microsoft 365, Enterprise Mobility + Security), a verified custom domain and a support request to Microsoft to raise its quota.";

    it("fails with a licence but no verified domain", () => {
      expect(verdict(600_000, false, P1, { used: 0, total: 50_000 })).toBe(
        `fail: ${NOTE} Missing: the tenant has no verified custom domain. The tenant holds Microsoft Entra ID P1 (AAD_PREMIUM_FACULTY). The tenant's directory quota: 0 of 50,000 objects used (cloud-created and soft-deleted objects count too), 50,000 free. ${BREAKS} Fix: verify a custom domain first; open a support request to Microsoft to raise the tenant's directory quota to at least 600,000 objects before the first sync.`,
      );
    });

    it("fails without a licence, naming the service plans it looked for", () => {
      expect(verdict(600_000, true, [], { used: 0, total: 700_000 })).toBe(
        `fail: ${NOTE} Missing: no subscribed SKU carries an Entra ID P1 or P2 service plan (AAD_PREMIUM, AAD_PREMIUM_P2). The tenant's directory quota: 0 of 700,000 objects used (cloud-created and soft-deleted objects count too), 700,000 free. ${BREAKS} Fix: buy one of Microsoft Entra ID P1, Microsoft Entra ID P2, Microsoft 365, Enterprise Mobility + Security (a suite that includes Entra ID P1) for the tenant.`,
      );
    });

    it("warns with licence and domain while the support request is open or the quota cannot be read", () => {
      expect(verdict(600_000, true, P1, { used: 5_000, total: 300_000 })).toBe(
        `warn: ${NOTE} The tenant holds Microsoft Entra ID P1 (AAD_PREMIUM_FACULTY). The tenant's directory quota: 5,000 of 300,000 objects used (cloud-created and soft-deleted objects count too), 295,000 free. The quota leaves too little room for the forest (objects this forest already synchronised count in "used"). Fix: open a support request to Microsoft to raise the tenant's directory quota to at least 605,000 objects before the first sync.`,
      );
      expect(verdict(600_000, true, P1, NOT_READ)).toBe(
        `warn: ${NOTE} The tenant holds Microsoft Entra ID P1 (AAD_PREMIUM_FACULTY). ${NOT_READ_TEXT} Fix: open a support request to Microsoft to raise the tenant's directory quota to at least 600,000 objects before the first sync.`,
      );
    });

    it("passes with licence, domain and a quota that holds the forest", () => {
      expect(verdict(600_000, true, P1, { used: 5_000, total: 1_000_000 })).toBe(
        `pass: ${NOTE} The tenant holds Microsoft Entra ID P1 (AAD_PREMIUM_FACULTY). The tenant's directory quota: 5,000 of 1,000,000 objects used (cloud-created and soft-deleted objects count too), 995,000 free.`,
      );
    });
  });
});
