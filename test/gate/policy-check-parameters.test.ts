/**
 * gate.yaml `check.parameters` (issue 13): the ARM deployment parameters file of a compiled template among
 * `check.previewFiles`, read by the same code as `entra-gate check --parameters` (same 4 MB cap, same shape checks,
 * same refusals), named relative to gate.yaml. A refusal is bad gate.yaml input: thrown before any source runs,
 * naming `gate.yaml check.parameters`, with every bad file of the section in one refusal.
 *
 * The template is examples/arm-vm-size-template.json, shaped as `az bicep build` writes it (metadata._generator,
 * a param with @description as metadata.description, `[parameters('vmSize')]`); its parameters file is
 * examples/arm-vm-size-template.parameters.json, in Microsoft Learn's deploymentParameters format
 * (learn.microsoft.com/azure/azure-resource-manager/templates/parameter-files: `$schema`
 * https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#, `parameters.<name>.value`),
 * as `az bicep build-params --file main.bicepparam --outfile main.parameters.json` writes it. A `.bicepparam` file
 * starts with a `using` statement (Microsoft Learn, "Create parameters files for Bicep deployment").
 */
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseGateConfig, runGate } from "../../src/gate";
import { policyCheckSource } from "../../src/gate/sources/policy-check";
import type { CheckResult } from "../../src/report/check-result";
import { fakeSource } from "./fake-source";

const EXAMPLES = join(__dirname, "../../examples");
const TEMPLATE = "arm-vm-size-template.json";
const PARAMETERS = "arm-vm-size-template.parameters.json";

/** A folder holding gate.yaml's files: the example template and its parameters file, and any `extra` files. */
function folder(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "gate-params-"));
  for (const f of [TEMPLATE, PARAMETERS, "compliant-preview.json"]) copyFileSync(join(EXAMPLES, f), join(dir, f));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs the gate with `check` (and a source that runs before it, to see whether anything ran). */
async function gate(check: Record<string, unknown>, dir = folder()) {
  const before = fakeSource("before", [], { checks: [] });
  const sources = [before, policyCheckSource];
  const config = parseGateConfig({ before: { target: "x" }, check }, join(dir, "gate.yaml"), sources);
  return { before, dir, result: runGate({ config, sources }) };
}

const failing = (checks: readonly CheckResult[]) => checks.filter((c) => c.status === "fail").map((c) => c.id);

describe("gate.yaml check.parameters", () => {
  it("resolves the template's [parameters('vmSize')] from the file: the burstable default fails, the given size is planned", async () => {
    const without = await (await gate({ previewFiles: [TEMPLATE] })).result;
    expect(without.exitCode).toBe(1);
    const sizing = without.categories.find((c) => c.id === "sizing");
    expect(sizing?.status).toBe("fail");
    expect(failing(sizing?.checks ?? [])).toEqual(["entra-connect-enforce-memory-sizing/Microsoft.Compute/virtualMachines/sync"]);
    expect(sizing?.checks.find((c) => c.status === "fail")?.message).toMatch(/Standard_B2ms is a burstable B-series size/);

    const given = await (await gate({ previewFiles: [TEMPLATE], parameters: PARAMETERS })).result;
    expect(given.categories.flatMap((c) => failing(c.checks))).toEqual([]);
    expect(given.categories.find((c) => c.id === "sizing")?.status).toBe("planned");
    expect(given.exitCode).toBe(3);
  });

  it("is in the schema, a non-empty string", () => {
    expect(() => parseGateConfig({ check: { previewFiles: [TEMPLATE], parameters: "" } }, "gate.yaml", [policyCheckSource])).toThrow(
      "check.parameters: must NOT have fewer than 1 characters",
    );
    expect(policyCheckSource.schema.properties.parameters).toMatchObject({ type: "string", minLength: 1 });
  });

  it("refuses a .bicepparam file before any source runs, naming the field and az bicep build-params", async () => {
    const dir = folder({ "main.bicepparam": "using './main.bicep'\n\nparam vmSize = 'Standard_D2s_v5'\n" });
    const { before, result } = await gate({ previewFiles: [TEMPLATE], parameters: "main.bicepparam" }, dir);
    const error = await result.catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^gate\.yaml check\.parameters \S+main\.bicepparam is a Bicep parameters file \(\.bicepparam\)/);
    expect(message).toContain(`az bicep build-params --file ${join(dir, "main.bicepparam")} --outfile main.parameters.json`);
    expect(message).toContain("then give gate.yaml check.parameters main.parameters.json.");
    expect(message).not.toContain("\n");
    expect(before.seen).toEqual([]);
  });

  it("refuses a .bicepparam file by its text too (renamed .json), as the CLI does", async () => {
    const dir = folder({ "main.json.txt": "// built by hand\nusing './main.bicep'\nparam vmSize = 'x'\n" });
    const { result } = await gate({ previewFiles: [TEMPLATE], parameters: "main.json.txt" }, dir);
    await expect(result).rejects.toThrow(/^gate\.yaml check\.parameters \S+main\.json\.txt is a Bicep parameters file/);
  });

  it("refuses it when no file of check.previewFiles is a compiled template", async () => {
    const { before, result } = await gate({ previewFiles: ["compliant-preview.json"], parameters: PARAMETERS });
    const message = ((await result.catch((e: Error) => e)) as Error).message;
    expect(message).toMatch(
      /^gate\.yaml check\.parameters \S+arm-vm-size-template\.parameters\.json: none of the files of check\.previewFiles is a compiled ARM template/,
    );
    expect(message).toContain("to the files of check.previewFiles, or remove gate.yaml check.parameters.");
    expect(message).not.toContain("\n");
    expect(before.seen).toEqual([]);
  });

  it("refuses an unreadable file with the CLI's reason, naming the field", async () => {
    const { result } = await gate({ previewFiles: [TEMPLATE], parameters: "missing.parameters.json" });
    await expect(result).rejects.toThrow(
      /^gate\.yaml check\.parameters \S+missing\.parameters\.json: cannot read it \(ENOENT\); check the path\.$/,
    );
  });

  it("reports every bad file of the section together: a parameter the template does not declare and an unreadable plan", async () => {
    const extra = {
      "other.parameters.json": JSON.stringify({ parameters: { vmSize: { value: "Standard_D2s_v5" }, sqlSku: { value: "x" } } }),
    };
    const { before, result } = await gate(
      { previewFiles: [TEMPLATE, "missing-plan.json"], parameters: "other.parameters.json" },
      folder(extra),
    );
    const lines = ((await result.catch((e: Error) => e)) as Error).message.split("\n");
    expect(lines).toEqual([
      expect.stringMatching(
        /^\S+arm-vm-size-template\.json: gate\.yaml check\.parameters \S+other\.parameters\.json gives sqlSku, which the template does not declare; ARM refuses/,
      ),
      expect.stringMatching(/^cannot read the plan file \S+missing-plan\.json \(ENOENT\); check the path\.$/),
    ]);
    expect(before.seen).toEqual([]);
  });

  it("says a parameters file listed in check.previewFiles is not a plan, and where it goes", async () => {
    const { result } = await gate({ previewFiles: [TEMPLATE, PARAMETERS] });
    await expect(result).rejects.toThrow(
      /^\S+arm-vm-size-template\.parameters\.json is not a plan entra-gate reads: it is an ARM deployment parameters file .+ Give it with gate\.yaml check\.parameters, next to the compiled template it is for\.$/,
    );
  });

  it("applies to previewFiles only: beside a planned stack it is refused with policyConfigFile's refusal, together", async () => {
    const { before, result } = await gate({ stack: "dev", parameters: PARAMETERS, policyConfigFile: "p.json" });
    const lines = ((await result.catch((e: Error) => e)) as Error).message.split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/^gate\.yaml check\.policyConfigFile applies to previewFiles only/),
      "gate.yaml check.parameters applies to previewFiles only (a compiled ARM template among them): a planned stack takes its values from its stack file. Remove it, or list the template in previewFiles.",
    ]);
    expect(before.seen).toEqual([]);
  });
});
