/** `entra-gate plan` evaluates the pack: the shipped stacks have no violation; a changed plan shows them by resource. */
import { addPolicyToPlanJson, checkPlannedResources, renderPlanPolicyText } from "../../src/check/plan-policy";
import { planStack } from "../../src/plan/plan-stack";
import { renderPlanJson } from "../../src/plan/render-plan";
import type { PlannedResource } from "../../src/plan/run-under-mocks";

beforeAll(() => jest.spyOn(console, "warn").mockImplementation(() => undefined));
afterAll(() => jest.restoreAllMocks());

const plans: Record<string, PlannedResource[]> = {};
beforeAll(async () => {
  for (const stack of ["dev", "enterprise"]) plans[stack] = (await planStack({ stack })).resources;
});

describe("the pack on entra-gate plan", () => {
  it.each(["dev", "enterprise"])("the shipped %s stack has no violation at all", async (stack) => {
    const report = await checkPlannedResources(plans[stack] ?? [], `stack ${stack}`);
    expect(report.violations).toEqual([]);
    expect(report.resourcesChecked).toBe(plans[stack]?.length);
    expect(renderPlanPolicyText(report)).toBe(
      `\nPolicy pack: OK: ${plans[stack]?.length} resources checked, 0 mandatory and 0 advisory violations.\n`,
    );
  });

  it("a changed plan shows the violations under the resource, with unknowns as 'cannot verify'", async () => {
    const changed = (plans.dev ?? []).map((r) =>
      r.type === "azure-native:compute:VirtualMachine"
        ? {
            ...r,
            inputs: {
              ...r.inputs,
              hardwareProfile: { vmSize: "[unknown]" },
              securityProfile: { ...(r.inputs.securityProfile as object), encryptionAtHost: false },
            },
          }
        : r,
    );
    const report = await checkPlannedResources(changed, "stack dev");
    expect(renderPlanPolicyText(report).split("\n")).toEqual([
      "",
      "Policy pack: stack dev: entra-sync-dev-vm (azure-native:compute:VirtualMachine)",
      '  [mandatory] entra-connect-enforce-memory-sizing: cannot verify at preview: the VM size (hardwareProfile.vmSize) is not known until the deployment runs. Fix: set it to a literal value in the program, or set "allowUnknownAtPreview": true in the config of entra-connect-enforce-memory-sizing to accept it. (requirement sizing.memory: VM memory meets the sizing tier of the object count)',
      "  [advisory] entra-connect-enable-encryption-at-host: encryption at host is not enabled (securityProfile.encryptionAtHost is false). Fix: set securityProfile.encryptionAtHost to true. (requirement tier0.encryption-at-host: Encryption at host (recommended))",
      "NOT READY: 7 resources checked, 1 mandatory and 1 advisory violations.",
      "",
    ]);
    const doc = JSON.parse(addPolicyToPlanJson(renderPlanJson({ stack: "dev", warnings: [], resources: changed }), report));
    expect(doc.resources).toHaveLength(7);
    expect(doc.policy.summary).toEqual({ mandatory: 1, advisory: 1 });
    expect(doc.policy.violations[0].urn).toBe(changed.find((r) => r.name === "entra-sync-dev-vm")?.urn);
  });
});
