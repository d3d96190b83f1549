/**
 * The built pack: policy-pack/bin/index.js loads with only @pulumi/policy external, constructs one PolicyPack
 * with every policy of src/policies, and its policies behave as the sources do. `npm pack` ships it alone.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";
import type { PolicyPackArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { POLICIES } from "../../src/policies";
import { resolvePackConfig } from "../../src/check/policy-config";
import { evaluateResources } from "../../src/check/runner";

jest.mock("@pulumi/policy", () => ({ ...jest.requireActual("@pulumi/policy"), PolicyPack: jest.fn() }));

const packDir = path.join(__dirname, "..");
const { buildPolicyPack } = jest.requireActual<{ buildPolicyPack: () => string }>(path.join(packDir, "build.js"));
let bundle = "";

beforeAll(() => {
  bundle = buildPolicyPack();
});

describe("policy-pack/bin/index.js", () => {
  it("requires nothing outside the pack folder but @pulumi/policy and Node built-ins", () => {
    const required = [...readFileSync(bundle, "utf8").matchAll(/require\((["'`])([^"'`]+)\1\)/g)].map((m) => m[2] as string);
    const allowed = new Set(["@pulumi/policy", "@pulumi/pulumi", ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(required.filter((r) => !allowed.has(r))).toEqual([]);
    expect(required).toContain("@pulumi/policy");
  });

  it("constructs one PolicyPack listing every policy, whose validators run as the sources do", async () => {
    const { PolicyPack } = jest.requireMock<{ PolicyPack: jest.Mock }>("@pulumi/policy");
    jest.isolateModules(() => jest.requireActual(bundle));
    expect(PolicyPack).toHaveBeenCalledTimes(1);
    const [name, args] = PolicyPack.mock.calls[0] as [string, PolicyPackArgs];
    expect(name).toBe("entra-connect-gate");
    const bundled = args.policies as ResourceValidationPolicy[];
    expect(bundled.map((p) => [p.name, p.enforcementLevel])).toEqual(POLICIES.map((p) => [p.name, p.enforcementLevel]));
    const core = bundled.find((p) => p.name === "entra-connect-disallow-server-core") as ResourceValidationPolicy;
    const inputs = {
      tags: { "entra-connect-role": "sync-server" },
      storageProfile: { imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2019-datacenter-core-g2" } },
    };
    const resource = {
      urn: "urn:pulumi:dev::p::azure-native:compute:VirtualMachine::vm",
      type: "azure-native:compute:VirtualMachine",
      name: "vm",
      inputs,
      dependencies: [],
      propertyDependencies: {},
    };
    const violations = await evaluateResources([resource], [core], resolvePackConfig({}, [core], "none"), "t.json");
    expect(violations.map((v) => v.message)).toEqual([
      "image MicrosoftWindowsServer WindowsServer 2019-datacenter-core-g2: Server Core is not supported; Desktop Experience is required. Fix: use a Desktop Experience SKU such as 2022-datacenter-g2. (requirement os.desktop-experience: Desktop Experience (no Server Core or Nano))",
    ]);
  });

  it("npm pack ships the bundle, PulumiPolicy.yaml, package.json and the README only", () => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: packDir, encoding: "utf8" });
    const [info] = JSON.parse(out) as [{ files: { path: string }[] }];
    expect(info.files.map((f) => f.path).sort()).toEqual(["PulumiPolicy.yaml", "README.md", "bin/index.js", "package.json"]);
  });
});
