/**
 * Stack values of the wrong shape are refused before the program runs, each naming the key and the fix
 * (issue 14 item 13); keys under the project's namespace that the program does not read are warnings.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../../src/support/errors";
import { planStack } from "../../src/plan/plan-stack";
import { renderPlanJson, renderPlanText } from "../../src/plan/render-plan";

const dir = mkdtempSync(join(tmpdir(), "entra-stack-values-"));
let n = 0;
const SUBNET =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet";
const BASE: Record<string, unknown> = {
  objectCount: 12000,
  resourceGroupName: "rg-identity",
  subnetId: SUBNET,
  domainControllers: ["10.0.1.4"],
  // Not joined, so LAPS backs up to Entra ID (to AD it would be refused: issue 9 item 9).
  lapsBackupDirectory: "entra-id",
};

/** A stack file whose config is BASE with `changes` (a value of undefined removes the key). */
function stackFile(changes: Record<string, unknown>): string {
  const config = Object.fromEntries(
    Object.entries({ ...BASE, ...changes })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k.includes(":") ? k : `entra-connect-gate:${k}`, v]),
  );
  const path = join(dir, `Pulumi.case${++n}.yaml`);
  // JSON is YAML: values keep their exact types (lists, maps, numbers, strings with escapes).
  writeFileSync(path, JSON.stringify({ config }));
  return path;
}

beforeAll(() => jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve()));

describe("stack values of the wrong shape", () => {
  test.each([
    [
      "resourceGroupName",
      ["rg-a", "rg-b"],
      /resourceGroupName is a list \(\["rg-a","rg-b"\]\); it must be a single value\. Fix: set resourceGroupName to 1 to 90 letters/,
    ],
    ["subnetId", { id: SUBNET }, /subnetId is a map .*; it must be a single value\. Fix: set subnetId to a subnet's resource id/],
    ["serverName", "entra\nsync", /serverName "entra\\nsync" holds a control character/],
    ["serverName", "entra\u001b[31msync", /serverName "entra\\u001b\[31msync" holds a control character/],
    ["serverName", 'entra"sync', /serverName "entra\\"sync" is not 1 to 15 letters, digits or hyphens/],
    ["serverName", "entra`sync", /serverName "entra`sync" is not 1 to 15 letters/],
    ["serverName", "x".repeat(5000), /serverName is 5000 characters long, more than any real value/],
    ["serverName", "12345", /serverName "12345" is not 1 to 15 letters, digits or hyphens, with at least one letter/],
    ["serverName", "entra-sync-server-01", /serverName "entra-sync-server-01" is not 1 to 15/],
    [
      "resourceGroupName",
      "rg.",
      /resourceGroupName "rg\." is not 1 to 90 letters, digits, underscores, parentheses, hyphens or periods, not ending in a period/,
    ],
  ])("%s (case %#) is refused with the key named", async (key, value, message) => {
    const path = stackFile({ [key]: value });
    const refused = planStack({ configFile: path });
    await expect(refused).rejects.toBeInstanceOf(InputError);
    await expect(planStack({ configFile: path })).rejects.toThrow(message);
    await expect(planStack({ configFile: path })).rejects.toThrow(
      new RegExp(`^Stack file ${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: entra-connect-gate:${key} `),
    );
  });

  test.each([
    ["objectCount", "lots", /objectCount is refused: "lots" is not a number; this breaks requirement sizing\.memory/],
    ["domainControllers", [10], /domainControllers is refused: \[10\] is not a list of strings/],
    [
      "domainControllers",
      "10.0.1.4",
      /domainControllers is refused: "10\.0\.1\.4" is not a list; this breaks requirement network\.dc-ports/,
    ],
    ["domainControllers", ["10.0.1.4\n"], /domainControllers holds an item that "10\.0\.1\.4\\n" holds a control character/],
  ])("%s (case %#): numbers and lists are refused by the program itself, citing the requirement", async (key, value, message) => {
    await expect(planStack({ configFile: stackFile({ [key]: value }) })).rejects.toThrow(message);
  });

  test("YAML's 1e309 (infinity) is refused as not finite, not as 'null is not a number'", async () => {
    const path = join(dir, "Pulumi.infinite.yaml");
    writeFileSync(
      path,
      `config:\n  entra-connect-gate:objectCount: 1e309\n  entra-connect-gate:resourceGroupName: rg\n  entra-connect-gate:subnetId: ${SUBNET}\n  entra-connect-gate:domainControllers: [10.0.1.4]\n`,
    );
    await expect(planStack({ configFile: path })).rejects.toThrow(/objectCount is "Infinity", not a finite number/);
  });

  test("valid names pass: 15 characters, Unicode letters and parentheses in a resource group name", async () => {
    const plan = await planStack({ configFile: stackFile({ serverName: "entra-sync-prd1", resourceGroupName: "rg-(identité)_1.a" }) });
    expect(plan.resources.length).toBeGreaterThan(0);
  });
});

describe("keys the program does not read", () => {
  test("a misspelled key under the project's namespace is a warning with a suggestion, in text and JSON, with the stack name", async () => {
    const path = stackFile({ objectCnt: 5 });
    const plan = await planStack({ configFile: path });
    expect(plan.warnings[0]).toBe(
      `${path}: entra-connect-gate:objectCnt is not a key this program reads, so it has no effect (did you mean objectCount?).`,
    );
    const doc = JSON.parse(renderPlanJson(plan)) as { stack: string; warnings: string[] };
    expect(doc.stack).toBe(plan.stack);
    expect(doc.warnings).toContain(plan.warnings[0]);
    expect(renderPlanText(plan, "x")).toContain(`warnings:\n  ! ${plan.warnings[0]}`);
  });

  test("keys of other namespaces (azure-native:location) are not ours to judge", async () => {
    const plan = await planStack({ configFile: stackFile({ "azure-native:location": "westeurope" }) });
    expect(plan.warnings.filter((w) => w.includes("azure-native"))).toEqual([]);
  });

  test("the component's warnings are in the plan too (the same text pulumi up logs)", async () => {
    const plan = await planStack({ configFile: stackFile({}) });
    expect(plan.warnings.some((w) => /domainJoinDomain is not set/.test(w))).toBe(true);
  });
});
