/**
 * Property: every configuration the component accepts produces a plan with no mandatory violation of the pack,
 * so the component cannot build what the pack refuses. Configurations mix valid and invalid values; the ones the
 * component refuses (EntraConnectConfigError) are skipped, and enough must be accepted for the property to bite.
 */
import fc from "fast-check";
import { checkPlannedResources } from "../../src/check/plan-policy";
import { entraConnectStack } from "../../src/components/stack-config";
import { EntraConnectConfigError } from "../../src/components/validate-server-args";
import { runUnderMocks } from "../../src/plan/run-under-mocks";

const PROJECT = "entra-connect-gate";
/** Mostly unset or a value the component should accept, sometimes one it should refuse. */
const choice = <T>(valid: T[], invalid: T[]): fc.Arbitrary<T | undefined> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<T | undefined>(undefined, ...valid) },
    { weight: 1, arbitrary: fc.constantFrom<T | undefined>(...invalid) },
  );

const configArb = fc.record({
  objectCount: fc.oneof(fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 0, max: 1_200_000 })),
  osVersion: choice(["2022", "2019", "2016"], ["2025", "2012-r2"]),
  imageSku: choice(
    ["2022-datacenter-azure-edition", "2022-datacenter-smalldisk-g2", "2019-datacenter-gensecond"],
    ["2022-datacenter-core-g2"],
  ),
  vmSize: choice(["Standard_D8s_v5", "Standard_E4s_v5", "Standard_D16as_v5"], ["Standard_D2s_v5", "Standard_B2ms", "Standard_M8ms"]),
  osDiskSizeGb: choice([512, 1024], [64, 128, 256]),
  database: choice(["auto", "sql"], ["localdb"]),
  sqlVersion: choice(["2022", "2019"], ["2017"]),
  sqlCollation: choice(["SQL_Latin1_General_CP1_CI_AS", "Latin1_General_100_CI_AS_SC"], ["Latin1_General_CS_AS"]),
  entraConnectVersion: choice(["2.5.79.0", "2.10.1.0"], ["2.4.129.0"]),
  adminAccessPrefixes: choice([["10.0.9.0/26"]], [["0.0.0.0/0"], ["*"]]),
  domainControllers: fc.constantFrom(["10.0.1.4", "10.0.1.5"], ["10.0.1.0/28"]),
});

type StackConfig = typeof configArb extends fc.Arbitrary<infer T> ? T : never;

function pulumiConfig(c: StackConfig): Record<string, string> {
  const entries: [string, string][] = [
    ["resourceGroupName", "rg-identity"],
    ["subnetId", "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"],
    ["adminPassword", "not-a-real-password-1!"],
    // Joined to the domain: full SQL and LAPS backup to AD need it (issue 9 items 3 and 9).
    ["domainJoinDomain", "corp.example.com"],
    ["domainJoinAccount", "svc-join"],
    ["domainJoinPassword", "not-a-real-password-2!"],
    ["sqlAdminPassword", "not-a-real-password-3!"],
  ];
  for (const [key, value] of Object.entries(c)) {
    if (value !== undefined) entries.push([key, Array.isArray(value) ? JSON.stringify(value) : String(value)]);
  }
  return Object.fromEntries(entries.map(([k, v]) => [`${PROJECT}:${k}`, v]));
}

// The component logs its warnings (2016, 80,000+ objects on LocalDB) through pulumi.log; they are not under test here.
beforeAll(() => jest.spyOn(console, "warn").mockImplementation(() => undefined));
afterAll(() => jest.restoreAllMocks());

test("every configuration the component accepts plans with no mandatory violation", async () => {
  let accepted = 0;
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(configArb, async (c) => {
      runs++;
      let resources;
      try {
        resources = await runUnderMocks(() => entraConnectStack(), {
          project: PROJECT,
          stack: "property",
          config: pulumiConfig(c),
          secretKeys: [`${PROJECT}:adminPassword`, `${PROJECT}:domainJoinPassword`, `${PROJECT}:sqlAdminPassword`],
        });
      } catch (e) {
        if (e instanceof EntraConnectConfigError) return;
        throw e;
      }
      accepted++;
      const report = await checkPlannedResources(resources, "property");
      expect(report.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
    }),
    { numRuns: 60, seed: 20261127 },
  );
  expect(runs).toBe(60);
  expect(accepted).toBeGreaterThanOrEqual(10);
  expect(runs - accepted).toBeGreaterThanOrEqual(10);
}, 120_000);
