/**
 * `entra-gate check --parameters FILE` (issue 13 follow-up): a compiled template's `[parameters('x')]` reads the
 * value of an ARM deployment parameters file, then the template's defaultValue, else stays unknown; secure
 * parameters are never read or printed; a .bicepparam file is refused naming `az bicep build-params`.
 *
 * Shapes, as the real tools write them:
 * - the template is `az bicep build` output (languageVersion 1.0): `metadata._generator` {name "bicep", version,
 *   templateHash}, a `param` with `@description` as `metadata.description`, a `@secure()` string param as type
 *   `securestring`, resources as a list with `[parameters('...')]` and `[resourceId(...)]` expressions
 *   (Microsoft Learn, "Bicep CLI commands" build: "converts a Bicep file to a JSON Azure Resource Manager template";
 *   "Parameters in Bicep", secure parameters);
 * - the parameters file is Microsoft Learn's "Create Resource Manager parameters file"
 *   (learn.microsoft.com/azure/azure-resource-manager/templates/parameter-files): `$schema`
 *   https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#, `contentVersion` "1.0.0.0",
 *   `parameters.<name>.value`, or `parameters.<name>.reference` {keyVault {id}, secretName} for a Key Vault secret;
 * - `az bicep build-params --file main.bicepparam --stdout` prints `{"parametersJson": "<the parameters document as
 *   a string>", "templateJson": ...}` (read so by PSRule for Azure's bicepparam support, and by pipelines that
 *   JSON.parse(out.parametersJson));
 * - `az bicep build-params` ("Build .bicepparam file", --file, --outfile, --stdout; Microsoft Learn, "Create
 *   parameters files for Bicep deployment": "You can compile Bicep parameters files into JSON parameters files to
 *   deploy with a Bicep file. See build-params.") is the command the .bicepparam refusal names;
 * - ARM refuses a parameters file naming a parameter the template does not declare: "The template parameters
 *   'vmname-front' in the parameters file are not valid; they are not present in the original template and can
 *   therefore not be provided at deployment time" (microsoft/dotnet-core-sample-templates#2,
 *   Azure/azure-quickstart-templates#7528), and a value of another type than the declared one: "Template validation
 *   failed: Template parameter JToken type is not valid. Expected 'Integer'. Actual 'String'." (the validation
 *   expectations of microsoft/vscode-azurearmtools' linked-template tests).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseArmParameters } from "../../src/check/readers/arm-parameters";
import { parsePlan } from "../../src/check/readers/plan-file";
import { SECRET_PLACEHOLDER, UNKNOWN_STRING } from "../../src/policies/support/unknown";
import { vm } from "../policies/fixtures";
import { cli } from "./check-cli";

const tmp = mkdtempSync(path.join(tmpdir(), "entra-arm-params-"));
const file = (name: string, doc: unknown): string => {
  const p = path.join(tmp, name);
  writeFileSync(p, typeof doc === "string" ? doc : JSON.stringify(doc, null, 2));
  return p;
};

/** The secret a parameters file gives adminPassword: it must never reach any output. */
const SECRET = "Sup3r-Secret-Admin-Pa55!";

/** `az bicep build --file main.bicep` of a sync server VM whose size, image SKU and password are parameters. */
const template = (): Record<string, unknown> => ({
  $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  contentVersion: "1.0.0.0",
  metadata: { _generator: { name: "bicep", version: "0.30.23.60470", templateHash: "11793540452960924120" } },
  parameters: {
    vmSize: { type: "string", metadata: { description: "Size of the sync server (from the object count)." } },
    osSku: { type: "string", defaultValue: "2022-datacenter-g2", metadata: { description: "Windows Server image SKU." } },
    location: { type: "string", defaultValue: "[resourceGroup().location]" },
    adminUsername: { type: "string", defaultValue: "entraadmin" },
    adminPassword: { type: "securestring", metadata: { description: "Local administrator password." } },
    osDiskSizeGb: { type: "int", defaultValue: 128 },
  },
  resources: [
    {
      type: "Microsoft.Network/networkInterfaces",
      apiVersion: "2024-05-01",
      name: "sync-nic",
      location: "[parameters('location')]",
      properties: {
        ipConfigurations: [
          {
            name: "ipconfig",
            properties: {
              subnet: { id: "/subscriptions/s/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sync" },
              privateIPAllocationMethod: "Dynamic",
            },
          },
        ],
      },
    },
    {
      type: "Microsoft.Compute/virtualMachines",
      apiVersion: "2024-07-01",
      name: "sync",
      location: "[parameters('location')]",
      tags: {
        "entra-connect-role": "sync-server",
        "entra-connect-object-count": "40000",
        "entra-connect-database": "localdb",
        "entra-connect-version": "2.6.92.0",
      },
      properties: {
        hardwareProfile: { vmSize: "[parameters('vmSize')]" },
        storageProfile: {
          imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "[parameters('osSku')]", version: "latest" },
          osDisk: {
            createOption: "FromImage",
            diskSizeGB: "[parameters('osDiskSizeGb')]",
            managedDisk: { storageAccountType: "Premium_LRS" },
          },
        },
        // Trusted Launch with encryption at host, as the compliant fixture's (ARM properties are azure-native's inputs).
        securityProfile: vm().securityProfile,
        osProfile: {
          computerName: "sync01",
          adminUsername: "[parameters('adminUsername')]",
          adminPassword: "[parameters('adminPassword')]",
          windowsConfiguration: { provisionVMAgent: true },
        },
        networkProfile: { networkInterfaces: [{ id: "[resourceId('Microsoft.Network/networkInterfaces', 'sync-nic')]" }] },
      },
      dependsOn: ["[resourceId('Microsoft.Network/networkInterfaces', 'sync-nic')]"],
    },
  ],
});

/** A deployment parameters file as `az bicep build-params --outfile` writes it. */
const parametersDoc = (parameters: Record<string, unknown>): Record<string, unknown> => ({
  $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  contentVersion: "1.0.0.0",
  parameters,
});

const GIVEN = { vmSize: { value: "Standard_D2s_v5" }, adminPassword: { value: SECRET } };

/** The VM's inputs as the checker reads them, with the parameters document `params` (undefined: no --parameters). */
function vmInputs(params: Record<string, unknown> | undefined): Record<string, unknown> {
  const armParameters = params === undefined ? undefined : parseArmParameters(JSON.stringify(params), "main.parameters.json");
  const read = parsePlan(JSON.stringify(template()), "main.json", { armParameters });
  expect(read.armTemplate).toBe(true);
  const vm = read.resources.find((r) => r.sourceType === "Microsoft.Compute/virtualMachines");
  return vm?.inputs ?? {};
}

describe("[parameters('x')] with --parameters", () => {
  it("reads the given value, then the template's default, else unknown", () => {
    const without = vmInputs(undefined);
    expect(without).toMatchObject({
      hardwareProfile: { vmSize: UNKNOWN_STRING },
      storageProfile: { imageReference: { sku: "2022-datacenter-g2" }, osDisk: { diskSizeGB: 128 } },
    });
    const given = vmInputs(parametersDoc({ ...GIVEN, osSku: { value: "2022-datacenter-core-g2" } }));
    expect(given).toMatchObject({
      hardwareProfile: { vmSize: "Standard_D2s_v5" },
      storageProfile: { imageReference: { sku: "2022-datacenter-core-g2" }, osDisk: { diskSizeGB: 128 } },
      osProfile: { adminUsername: "entraadmin" },
    });
  });

  it("matches names as ARM does, without regard to case", () => {
    expect(vmInputs(parametersDoc({ VMSIZE: { value: "Standard_D4s_v5" } }))).toMatchObject({
      hardwareProfile: { vmSize: "Standard_D4s_v5" },
    });
  });

  it("never reads a secure parameter's value, and a Key Vault reference is unknown, not the default", () => {
    const inputs = vmInputs(
      parametersDoc({
        ...GIVEN,
        osSku: {
          reference: { keyVault: { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv" }, secretName: "sku" },
        },
      }),
    );
    expect(inputs).toMatchObject({
      osProfile: { adminPassword: SECRET_PLACEHOLDER },
      storageProfile: { imageReference: { sku: UNKNOWN_STRING } },
    });
    expect(JSON.stringify(inputs)).not.toContain(SECRET);
  });

  it("reads the `az bicep build-params --stdout` document, whose parametersJson is the parameters file as a string", () => {
    const stdout = { parametersJson: JSON.stringify(parametersDoc(GIVEN), null, 2), templateJson: JSON.stringify(template()) };
    expect(vmInputs(stdout)).toMatchObject({ hardwareProfile: { vmSize: "Standard_D2s_v5" } });
  });
});

describe("entra-gate check --parameters", () => {
  const main = file("main.json", template());

  it("without it, the parameter without a default is 'cannot verify'; with it, the value decides the verdict", async () => {
    const before = await cli(main, "--format", "json");
    expect(before.code).toBe(1);
    expect((JSON.parse(before.out) as { violations: { message: string }[] }).violations.map((v) => v.message).join("\n")).toMatch(
      /cannot verify/,
    );

    const ok = await cli(main, "--parameters", file("ok.parameters.json", parametersDoc(GIVEN)));
    expect(ok).toEqual({ code: 0, out: "OK: 2 resources checked, 0 mandatory and 0 advisory violations.\n", err: "" });

    const core = await cli(
      main,
      "--parameters",
      file("core.parameters.json", parametersDoc({ ...GIVEN, osSku: { value: "2022-datacenter-core-g2" } })),
    );
    expect(core.code).toBe(1);
    expect(core.out).toContain("entra-connect-disallow-server-core");
  });

  it("never prints the secure parameter's value, in any format", async () => {
    const params = file("secret.parameters.json", parametersDoc({ ...GIVEN, osSku: { value: "2022-datacenter-core-g2" } }));
    for (const format of ["text", "json", "sarif"]) {
      const r = await cli(main, "--parameters", params, "--format", format);
      expect(r.code).toBe(1);
      expect(r.out + r.err).not.toContain(SECRET);
    }
  });

  it("reads a parameters file Windows PowerShell 5.1 wrote with > (UTF-16LE with a BOM)", async () => {
    const p = path.join(tmp, "utf16.parameters.json");
    writeFileSync(p, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(parametersDoc(GIVEN)), "utf16le")]));
    expect((await cli(main, "--parameters", p)).code).toBe(0);
  });

  it("refuses a .bicepparam file, by name or by content, saying to run az bicep build-params first", async () => {
    const bicepparam =
      "using './main.bicep'\n\nparam vmSize = 'Standard_D2s_v5'\nparam adminPassword = readEnvironmentVariable('ADMIN_PASSWORD')\n";
    const named = file("main.bicepparam", bicepparam);
    expect(await cli(main, "--parameters", named)).toEqual({
      code: 2,
      out: "",
      err: `entra-gate: --parameters ${named} is a Bicep parameters file (.bicepparam), which is Bicep, not JSON, and entra-gate does not compile Bicep. Build it into an ARM parameters file first: \`az bicep build-params --file ${named} --outfile main.parameters.json\` (Bicep CLI 0.18.4 or later), then give --parameters main.parameters.json.\n`,
    });
    const renamed = file("main.params.json", `// dev\n${bicepparam}`);
    const r = await cli(main, "--parameters", renamed);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--parameters ${renamed} is a Bicep parameters file (.bicepparam)`);
    expect(r.err).toContain("az bicep build-params");
  });

  it("a template the parameters do not fit is NOT CHECKED (exit 2), naming the parameter and types, never the value", async () => {
    const undeclared = await cli(
      main,
      "--parameters",
      file("other.parameters.json", parametersDoc({ ...GIVEN, sqlVmSize: { value: "Standard_E4s_v5" } })),
    );
    expect(undeclared.code).toBe(2);
    expect(undeclared.err).toContain(
      `${main}: --parameters ${path.join(tmp, "other.parameters.json")} gives sqlVmSize, which the template does not declare; ARM refuses such a deployment`,
    );
    const typed = await cli(main, "--parameters", file("typed.parameters.json", parametersDoc({ ...GIVEN, vmSize: { value: 2 } })));
    expect(typed.code).toBe(2);
    expect(typed.err).toContain(
      "gives parameters.vmSize.value as a number, but the template declares vmSize as string; ARM refuses the deployment.",
    );
    const secretTyped = await cli(
      main,
      "--parameters",
      file("st.parameters.json", parametersDoc({ ...GIVEN, adminUsername: { value: [SECRET] } })),
    );
    expect(secretTyped.code).toBe(2);
    expect(secretTyped.out + secretTyped.err).not.toContain(SECRET);
  });

  it.each([
    ["not JSON", "{ parameters: ", /is not valid JSON \(.*\); give an ARM parameters file/],
    ["a template", template(), /is an ARM template, not a parameters file/],
    [
      "no parameters object",
      { $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#" },
      /has no "parameters" object/,
    ],
    [
      "an entry without value or reference",
      parametersDoc({ vmSize: "Standard_D2s_v5" }),
      /parameters\.vmSize has neither "value" nor "reference"/,
    ],
  ])("refuses a parameters file that is %s, with exit 2 and nothing on stdout", async (_label, doc, message) => {
    const r = await cli(main, "--parameters", file("bad.parameters.json", doc));
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(message);
  });

  it("refuses --parameters when no plan file is a compiled template (a what-if already holds its values)", async () => {
    const r = await cli("examples/arm-compliant-whatif.json", "--parameters", file("w.parameters.json", parametersDoc(GIVEN)));
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/none of the plan files is a compiled ARM template/);
  });

  it("is listed in --help", async () => {
    const r = await cli("--help");
    expect(r.out).toMatch(/--parameters <file>\s+ARM deployment parameters file/);
  });
});

describe("a parameters file passed as a plan file", () => {
  const reason = (f: string) =>
    `${f} is not a plan entra-gate reads: it is an ARM deployment parameters file (deploymentParameters $schema, or az bicep build-params' parametersJson), the values a compiled template's [parameters('x')] reads, not a template or a what-if result. Give it with --parameters, next to the compiled template it is for.`;

  it.each([
    ["az bicep build-params --outfile", parametersDoc(GIVEN)],
    ["az bicep build-params --stdout", { parametersJson: JSON.stringify(parametersDoc(GIVEN)), templateJson: JSON.stringify(template()) }],
  ])("alone (%s): refused with its reason, exit 2, nothing on stdout, no value printed", async (_label, doc) => {
    const p = file("alone.parameters.json", doc);
    const r = await cli(p);
    expect(r).toEqual({ code: 2, out: "", err: `entra-gate: ${reason(p)}\n` });
    // Forcing a format does not turn it into a plan either.
    const forced = await cli(p, "--input", "arm");
    expect(forced.code).toBe(2);
    expect(forced.err).toBe(`entra-gate: ${reason(p)}\n`);
  });

  it("beside its template: the template is checked (with its defaults), the parameters file is listed NOT CHECKED, exit 2", async () => {
    const main = file("beside.json", template());
    const p = file("beside.parameters.json", parametersDoc(GIVEN));
    const r = await cli(main, p);
    expect(r.code).toBe(2);
    expect(r.err).toBe("");
    expect(r.out).toContain(`${p}: NOT CHECKED: ${reason(p)}\n`);
    expect(r.out).toMatch(/^COULD NOT CHECK: 1 file not checked/m);
    expect(r.out + r.err).not.toContain(SECRET);
  });
});
