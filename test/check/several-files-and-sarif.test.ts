/**
 * `entra-gate check examples/*.json` and SARIF for code scanning (issue 12).
 *
 * The SARIF 2.1.0 schema in sarif-schema-2.1.0.json is OASIS's, vendored byte for byte from oasis-tcs/sarif-spec
 * (sarif-2.1/schema/sarif-schema-2.1.0.json at commit a560296ca8c921f3bdb8d4a8db57ab83dae968a7, id
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json), so the test needs no
 * network. It is a draft-04 schema without exclusiveMinimum/Maximum or remote $refs, so ajv 8 validates it as
 * written once its draft-04 `$schema` and `id` keywords are set aside. GitHub code scanning shows a result at a
 * physicalLocation and reads rule help and fullDescription (docs.github.com, "SARIF support for code scanning").
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { cli } from "./check-cli";
import { POLICIES } from "../../src/policies";
import { PACKAGE_VERSION } from "../../src/support/package-info";

/** What the shell passes for `examples/*.json`: every JSON file of the folder, sorted. */
const EXAMPLES = readdirSync("examples")
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => path.join("examples", f));
/** The examples that are not plans: a policy config, a deployment parameters file (for --parameters) and server facts. */
const PARAMETERS_FILE = "examples/arm-vm-size-template.parameters.json";
const NOT_PLANS = [PARAMETERS_FILE, "examples/policy-config.json", "examples/server-facts.json"];

function sarifValidator(): (doc: unknown) => string[] {
  const { $schema: _draft, id: _id, ...schema } = JSON.parse(readFileSync(path.join(__dirname, "sarif-schema-2.1.0.json"), "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

describe("entra-gate check examples/*.json", () => {
  it("checks every plan, lists each file that is not a plan with its reason, and exits 2 after the report", async () => {
    expect(EXAMPLES).toEqual(expect.arrayContaining(NOT_PLANS));
    const { code, out, err } = await cli(...EXAMPLES);
    expect(code).toBe(2);
    expect(err).toBe("");
    for (const f of EXAMPLES.filter((x) => !NOT_PLANS.includes(x) && !x.includes("compliant"))) expect(out).toContain(`${f}: `);
    for (const f of NOT_PLANS) expect(out).toMatch(new RegExp(`^${f}: NOT CHECKED: ${f} is not a plan entra-gate reads`, "m"));
    // The parameters file is named for what it is, and where it goes.
    expect(out).toContain(
      `${PARAMETERS_FILE}: NOT CHECKED: ${PARAMETERS_FILE} is not a plan entra-gate reads: it is an ARM deployment parameters file (deploymentParameters $schema, or az bicep build-params' parametersJson), the values a compiled template's [parameters('x')] reads, not a template or a what-if result. Give it with --parameters, next to the compiled template it is for.\n`,
    );
    expect(out.trim().split("\n").pop()).toMatch(
      /^COULD NOT CHECK: 3 files not checked \(listed above\), and NOT READY; \d+ resources checked, \d+ mandatory/,
    );
    expect(out).not.toMatch(/^OK/m);
  });

  it("JSON carries the files not checked; stderr names them", async () => {
    const { code, out, err } = await cli(...EXAMPLES, "--format", "json");
    expect(code).toBe(2);
    const report = JSON.parse(out);
    expect(report.notChecked.map((n: { file: string }) => n.file)).toEqual(NOT_PLANS);
    expect(new Set(report.violations.map((v: { file: string }) => v.file)).size).toBeGreaterThanOrEqual(4);
    expect(err.trim().split("\n")).toEqual(NOT_PLANS.map((f) => expect.stringMatching(new RegExp(`^entra-gate: ${f} is not a plan`))));
  });
});

describe("SARIF", () => {
  const validate = sarifValidator();

  it("the validator refuses what the schema refuses (so a pass means something)", () => {
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).not.toEqual([]);
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ message: {} }] }] })).not.toEqual([]);
  });

  it("is valid SARIF 2.1.0, with every example and with files not checked", async () => {
    const one = await cli("examples/core-undersized-preview.json", "--format", "sarif");
    expect(validate(JSON.parse(one.out))).toEqual([]);
    const all = await cli(...EXAMPLES, "--format", "sarif");
    const doc = JSON.parse(all.out);
    expect(validate(doc)).toEqual([]);
    const [invocation] = doc.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(
      invocation.toolExecutionNotifications.map(
        (n: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          n.locations[0]?.physicalLocation.artifactLocation.uri,
      ),
    ).toEqual(NOT_PLANS);
  });

  it("names the tool's version; each rule has a full description distinct from the short one and help with the fix", async () => {
    const driver = JSON.parse((await cli("examples/compliant-preview.json", "--format", "sarif")).out).runs[0].tool.driver;
    expect(driver.version).toBe(PACKAGE_VERSION);
    expect(driver.rules).toHaveLength(POLICIES.length);
    for (const [i, rule] of (
      driver.rules as { shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string } }[]
    ).entries()) {
      const policy = POLICIES[i]!;
      expect(rule.fullDescription.text).not.toBe(rule.shortDescription.text);
      expect(rule.fullDescription.text).toContain(`It enforces requirement ${policy.tags?.[0]} (`);
      expect(rule.help.text).toBe(`Fix: ${policy.remediationSteps} Settings and levels: docs/policy-pack.md.`);
    }
  });

  it("locates each result at the plan file, with the resource's URN as a logical location", async () => {
    const doc = JSON.parse((await cli("examples/public-rdp-preview.json", "--format", "sarif")).out);
    const results = doc.runs[0].results as {
      locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: { fullyQualifiedName: string }[] }[];
    }[];
    expect(results.length).toBe(3);
    for (const r of results) {
      expect(r.locations[0]?.physicalLocation.artifactLocation.uri).toBe("examples/public-rdp-preview.json");
      expect(r.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toMatch(/^urn:pulumi:dev::entra-sync::azure-native:network:/);
    }
  });
});
