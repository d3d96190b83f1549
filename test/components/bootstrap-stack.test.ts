/** From the stack keys to the bootstrap's data block: installerUrl, installerSha256, ntlmMode and ntlmAllowedServers. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import * as pulumi from "@pulumi/pulumi";
import { planStack } from "../../src/plan/plan-stack";

const dir = mkdtempSync(join(tmpdir(), "entra-bootstrap-stack-"));
const sha256 = "ab".repeat(32);

/** The data block the bootstrap extension of a stack would run with. */
async function dataBlockOf(extra: readonly string[]): Promise<Record<string, unknown>> {
  const path = join(dir, `Pulumi.case${extra.length}.yaml`);
  writeFileSync(
    path,
    [
      "config:",
      "  entra-connect-gate:serverName: sync",
      "  entra-connect-gate:objectCount: 12000",
      "  entra-connect-gate:resourceGroupName: rg",
      "  entra-connect-gate:subnetId: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet",
      "  entra-connect-gate:domainControllers: [10.0.1.4]",
      // Not domain-joined: LAPS backs up to Entra ID (backup to AD without a join is refused, issue 9 item 9).
      "  entra-connect-gate:lapsBackupDirectory: entra-id",
      ...extra,
    ].join("\n"),
  );
  const { resources } = await planStack({ configFile: path, secrets: "reveal" });
  const extension = resources.find((r) => r.name === "sync-bootstrap");
  const settings = extension?.inputs.protectedSettings as { commandToExecute?: string } | undefined;
  const packed = /\$c=& \$u '([A-Za-z0-9+/=]+)'/.exec(settings?.commandToExecute ?? "")?.[1] ?? "";
  return JSON.parse(gunzipSync(Buffer.from(packed, "base64")).toString("utf8")) as Record<string, unknown>;
}

let warn: jest.SpyInstance;
beforeAll(() => {
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterAll(() => warn.mockRestore());

test("without installerUrl the sync server's bootstrap downloads nothing; NTLM stays in audit", async () => {
  const block = await dataBlockOf([]);
  expect(block).toMatchObject({ role: "sync-server", ntlmMode: "audit", installer: { source: null } });
});

test("installerUrl, installerSha256, ntlmMode deny and ntlmAllowedServers reach the data block", async () => {
  const url = "https://stcorp.blob.core.windows.net/i/AzureADConnect.msi";
  const block = await dataBlockOf([
    `  entra-connect-gate:installerUrl: ${url}`,
    `  entra-connect-gate:installerSha256: ${sha256}`,
    "  entra-connect-gate:ntlmMode: deny",
    "  entra-connect-gate:ntlmAllowedServers: [FILESRV01, app*.corp.example.com]",
  ]);
  expect(block).toMatchObject({ ntlmMode: "deny", installer: { source: { url, sha256: sha256.toUpperCase() } } });
  expect(block.registry).toContainEqual({
    path: "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0",
    name: "ClientAllowedNTLMServers",
    type: "MultiString",
    value: ["FILESRV01", "app*.corp.example.com"],
  });
});
