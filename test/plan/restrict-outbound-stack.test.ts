/**
 * restrictOutbound as a stack config key (issue 9 item 13): Pulumi.yaml declares it `type: boolean` with default false,
 * a YAML boolean in the stack file reaches the program as "true" or "false", and `entra-gate plan` shows the deny and
 * runs the policy pack on it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { checkPlannedResources } from "../../src/check/plan-policy";
import { AZURE_KMS, DOMAIN_TIME_SYNC, OUTBOUND_HTTPS_PORT, OUTBOUND_HTTP_PORT } from "../../src/requirements";
import { planStack, type PlannedResource } from "../../src/plan/plan-stack";
import { InputError } from "../../src/support/errors";
import { timeSyncRule } from "../support/time-sync-rule";

const dir = mkdtempSync(join(tmpdir(), "entra-restrict-"));
let n = 0;
/** A stack file joined to the domain (unless `joined` is false) with `extra` lines. */
function stackFile(extra: string, joined = true): string {
  const path = join(dir, `Pulumi.restrict${++n}.yaml`);
  writeFileSync(
    path,
    [
      "config:",
      "  entra-connect-gate:objectCount: 12000",
      "  entra-connect-gate:resourceGroupName: rg",
      "  entra-connect-gate:subnetId: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet",
      "  entra-connect-gate:domainControllers: [10.0.1.4, 10.0.1.5]",
      "  entra-connect-gate:dnsServers: [10.0.1.4, 10.0.1.5]",
      ...(joined ? ["  entra-connect-gate:domainJoinDomain: corp.example.com", "  entra-connect-gate:domainJoinAccount: svc"] : []),
      extra,
    ].join("\n"),
  );
  return path;
}

const syncRules = (resources: readonly PlannedResource[]): Record<string, unknown>[] =>
  (resources.find((r) => r.name === "entra-sync-nsg")?.inputs["securityRules"] ?? []) as Record<string, unknown>[];
const outboundDeny = (resources: readonly PlannedResource[]): unknown[] =>
  syncRules(resources).filter((r) => r["direction"] === "Outbound" && r["access"] === "Deny");
/** The sync server's rules on UDP, or on port 123 whatever the protocol: under restrictOutbound, NTP to the DCs only. */
const timeSyncRules = (resources: readonly PlannedResource[]): unknown[] =>
  syncRules(resources).filter((r) => r["destinationPortRange"] === "123" || String(r["name"]).includes("w32time"));

let warn: jest.SpyInstance;
beforeAll(() => {
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterAll(() => warn.mockRestore());

test("Pulumi.yaml declares restrictOutbound a boolean with default false, its description quoting the catalogue's ports", () => {
  const project = parse(readFileSync(join(__dirname, "..", "..", "Pulumi.yaml"), "utf8")) as {
    config: Record<string, { description: string }>;
  };
  expect(project.config["restrictOutbound"]).toMatchObject({ type: "boolean", default: false });
  const description = project.config["restrictOutbound"]?.description ?? "";
  for (const port of [OUTBOUND_HTTPS_PORT, OUTBOUND_HTTP_PORT, AZURE_KMS.port, DOMAIN_TIME_SYNC.port]) {
    expect(description).toMatch(new RegExp(`\\b${port}\\b`));
  }
});

test('a quoted "true" reaches the program as true, as a YAML boolean does', async () => {
  const { resources } = await planStack({ configFile: stackFile('  entra-connect-gate:restrictOutbound: "true"') });
  expect(outboundDeny(resources)).toHaveLength(1);
});

test("restrictOutbound: true puts the outbound deny-all in the plan, and the DC ports policy still passes on it", async () => {
  const { resources, warnings } = await planStack({ configFile: stackFile("  entra-connect-gate:restrictOutbound: true") });
  expect(outboundDeny(resources)).toEqual([
    {
      name: "deny-all-other-outbound",
      description: "Deny all other outbound traffic",
      direction: "Outbound",
      access: "Deny",
      protocol: "*",
      sourceAddressPrefix: "*",
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRange: "*",
      priority: 4096,
    },
  ]);
  expect(warnings).toEqual([]);
  const policy = await checkPlannedResources(resources, "restrict");
  expect(policy.resourcesChecked).toBe(resources.length);
  expect(policy.violations.filter((v) => v.policy === "entra-connect-enforce-dc-ports-outbound")).toEqual([]);
});

test("not set (Pulumi.yaml's default false) or false: no outbound deny", async () => {
  expect(outboundDeny((await planStack({ configFile: stackFile("") })).resources)).toEqual([]);
  expect(outboundDeny((await planStack({ configFile: stackFile("  entra-connect-gate:restrictOutbound: false") })).resources)).toEqual([]);
});

test.each([
  ["yes", 'restrictOutbound is refused: "yes" is not true or false'],
  [
    "[true]",
    "entra-connect-gate:restrictOutbound is a list ([true]); it must be a single value. Fix: set restrictOutbound to true or false.",
  ],
])("restrictOutbound: %s is an InputError naming the key and the fix", async (value, message) => {
  const path = stackFile(`  entra-connect-gate:restrictOutbound: ${value}`);
  await expect(planStack({ configFile: path })).rejects.toBeInstanceOf(InputError);
  await expect(planStack({ configFile: path })).rejects.toThrow(message);
});

// W32Time on a domain member syncs from the DCs over NTP, UDP 123 (sources in test/support/time-sync-rule.ts).
test("restrictOutbound: true on a domain-joined stack plans exactly one NTP allow, UDP 123 to the DCs; false or not joined plans none", async () => {
  const joined = (await planStack({ configFile: stackFile("  entra-connect-gate:restrictOutbound: true") })).resources;
  expect(timeSyncRules(joined)).toEqual([timeSyncRule(["10.0.1.4", "10.0.1.5"], 250)]);
  expect(timeSyncRules((await planStack({ configFile: stackFile("  entra-connect-gate:restrictOutbound: false") })).resources)).toEqual([]);
  const notJoined = (
    await planStack({
      configFile: stackFile("  entra-connect-gate:restrictOutbound: true\n  entra-connect-gate:lapsBackupDirectory: entra-id", false),
    })
  ).resources;
  expect(outboundDeny(notJoined)).toHaveLength(1);
  expect(timeSyncRules(notJoined)).toEqual([]);
});
