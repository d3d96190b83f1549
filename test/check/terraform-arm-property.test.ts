/**
 * Property (fast-check): for any generated server stack, its Pulumi preview, its Terraform plan and its ARM
 * what-if give the same set of violations (policy, level, resource), so one rule set judges every pipeline
 * alike. The generators and the shapes they follow are in terraform-arm-model.ts.
 */
import fc from "fast-check";
import { armWhatIf, pulumiPreview, terraformPlan, type ServerModel } from "./terraform-arm-model";
import { verdictOf } from "./terraform-arm-verdict";

const modelArb: fc.Arbitrary<ServerModel> = fc.record({
  objectCount: fc.oneof(fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 0, max: 700_000 })),
  database: fc.constantFrom("localdb" as const, "sql" as const),
  version: fc.constantFrom("2.6.92.0", "2.5.79.0", "2.4.129.0", "2.10.3.0", "latest"),
  sku: fc.constantFrom(
    "2022-datacenter-g2",
    "2022-datacenter-azure-edition",
    "2019-datacenter-gensecond",
    "2019-datacenter-core-g2",
    "2016-datacenter-gensecond",
    "2025-datacenter-azure-edition",
    "2012-r2-datacenter",
  ),
  vmSize: fc.constantFrom("Standard_D2s_v5", "Standard_D4s_v5", "Standard_E4s_v5", "Standard_D8s_v5", "Standard_B2ms", "Standard_Q9"),
  osDiskGb: fc.constantFrom(undefined, "unknown" as const, 64, 128, 256, 512),
  secureBoot: fc.boolean(),
  vTpm: fc.boolean(),
  encryptionAtHost: fc.boolean(),
  publicIp: fc.boolean(),
  rdpSource: fc.constantFrom("10.10.0.0/24", "Internet", "*", "0.0.0.0/0", "203.0.113.0/24", "VirtualNetwork"),
  standaloneSource: fc.constantFrom("10.10.1.0/26", "*", "Any", "192.168.0.0/16"),
  denyOutbound: fc.boolean(),
  sql: fc.option(
    fc.record({
      shared: fc.boolean(),
      offer: fc.constantFrom("sql2022-ws2022", "sql2019-ws2022", "sql2017-ws2019", "sql2025-ws2025"),
      collation: fc.constantFrom("SQL_Latin1_General_CP1_CI_AS", "Latin1_General_CS_AS", "Latin1_General_100_CI_AS_SC_UTF8"),
      maxServerMemoryMb: fc.constantFrom(undefined, 4096, 28_672, 2_147_483_647),
    }),
    { nil: undefined },
  ),
  azureSqlDatabase: fc.boolean(),
  terminateTls: fc.boolean(),
  taggedDisk: fc.boolean(),
});

test("a Pulumi preview, a Terraform plan and an ARM what-if of the same server give the same violations", async () => {
  let withViolations = 0;
  await fc.assert(
    fc.asyncProperty(modelArb, async (model) => {
      const pulumi = await verdictOf(pulumiPreview(model), "pulumi");
      if (pulumi.length > 0) withViolations++;
      expect(await verdictOf(terraformPlan(model), "terraform")).toEqual(pulumi);
      expect(await verdictOf(armWhatIf(model), "arm")).toEqual(pulumi);
    }),
    { numRuns: 150, seed: 20261202 },
  );
  // The generator reaches violations (the property is not trivially about empty sets).
  expect(withViolations).toBeGreaterThan(100);
});
