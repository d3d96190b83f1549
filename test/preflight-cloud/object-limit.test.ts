/** checkObjectLimit's middle tiers: a verified domain up to 300,000 objects, a support case up to 500,000. */
import { checkObjectLimit } from "../../src/preflight/cloud";

const BREAKS = "Breaks requirement cloud.object-limit: The forest's object count within the tenant's object limit.";

describe("checkObjectLimit", () => {
  it("passes 50,001 to 300,000 objects when the tenant has a verified domain", () => {
    const check = checkObjectLimit({ objectCount: 300_000, hasVerifiedDomain: true, licences: [] });
    expect([check.status, check.message]).toEqual(["pass", "300,000 objects: within the limit of 300,000 that the verified domain gives."]);
  });

  it("warns above 300,000 objects with a verified domain: a support case raises the limit", () => {
    const check = checkObjectLimit({ objectCount: 400_000, hasVerifiedDomain: true, licences: [] });
    expect([check.status, check.message]).toEqual([
      "warn",
      "400,000 objects: above 300,000 objects: ask Microsoft support to raise the tenant limit (a verified domain is needed too). Fix: open a support case to raise the limit to 500,000 before the first sync.",
    ]);
  });

  it("fails above 300,000 objects without a verified domain, citing the requirement", () => {
    const check = checkObjectLimit({ objectCount: 500_000, hasVerifiedDomain: false, licences: [] });
    expect([check.status, check.requirement, check.category]).toEqual(["fail", "cloud.object-limit", "cloud"]);
    expect(check.message).toBe(
      `500,000 objects: above 300,000 objects: ask Microsoft support to raise the tenant limit (a verified domain is needed too). The tenant has no verified domain. ${BREAKS} Fix: open a support case to raise the limit to 500,000 before the first sync.`,
    );
  });
});
