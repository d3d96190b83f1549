/** The ad: source against the Samba test DC, with the cloud source's verified domains feeding the unverifieddomain rule. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GATE_SOURCES, parseGateConfig, runGate } from "../../src/gate";
import { compliantTenant, startGraphTestServer } from "../preflight-cloud/graph-test-server";
import { dcUrls, describeWithDc } from "../support/samba/dc";

const TOKEN = "ad-source-test-token";

describeWithDc("ad: section", (dc) => {
  afterEach(() => {
    delete process.env.GATE_AD_PW;
    delete process.env.GATE_AD_GRAPH_TOKEN;
  });

  it("scans the forest, reports the directory findings and takes the object count for sizing", async () => {
    process.env.GATE_AD_PW = dc().password;
    process.env.GATE_AD_GRAPH_TOKEN = TOKEN;
    const graph = await startGraphTestServer(compliantTenant(), TOKEN);
    try {
      const dir = mkdtempSync(join(tmpdir(), "gate-ad-"));
      writeFileSync(join(dir, "graph-ca.pem"), graph.ca);
      const data = {
        cloud: { graphUrl: graph.url, tokenEnv: "GATE_AD_GRAPH_TOKEN", caFile: "graph-ca.pem" },
        ad: { url: dcUrls(dc()).gcTls, bindDn: dc().bindDn, passwordEnv: "GATE_AD_PW", caFile: dc().caFile },
      };
      const report = await runGate({ config: parseGateConfig(data, join(dir, "gate.yaml"), GATE_SOURCES), sources: GATE_SOURCES });
      expect(report.sources.filter((s) => s.state === "ran").map((s) => s.name)).toEqual(["cloud", "ad"]);
      const ad = report.categories.find((c) => c.id === "active-directory");
      expect(ad?.checks.length).toBeGreaterThan(0);
      expect(ad?.checks.every((c) => c.source === "ad")).toBe(true);
      expect(report.sizing?.objectCountSource).toBe("ad");
      expect(report.sizing?.objectCount).toBeGreaterThan(0);
      expect(report.directoryFindings.length).toBeGreaterThan(0);
      // The tenant verifies only contoso.com, so the DC's own UPN suffix is reported as unverified.
      const unverified = report.directoryFindings.filter((f) => f.kinds.includes("unverifieddomain"));
      expect(unverified.length).toBeGreaterThan(0);
      expect(unverified.every((f) => !f.value.toLowerCase().endsWith("@contoso.com"))).toBe(true);
      // The cloud ran before the forest was counted: the AD source checks the tenant limit with its count of the
      // objects the default sync rules would sync (issue 15 item 7), fewer than the count that sizes the server.
      const limit = report.categories.find((c) => c.id === "cloud")?.checks.find((c) => c.id === "cloud-object-limit");
      expect(limit?.source).toBe("ad");
      expect(limit?.status).toBe("pass");
      const syncing = Number(/^([\d,]+) objects:/.exec(limit?.message ?? "")?.[1]?.replace(/,/g, ""));
      expect(syncing).toBeGreaterThan(0);
      expect(syncing).toBeLessThan(report.sizing?.objectCount ?? 0);
      expect(limit?.message).toBe(
        `${syncing.toLocaleString("en-US")} objects: within the default tenant limit of 50,000 objects. The tenant's directory quota: 1,520 of 300,000 objects used (cloud-created and soft-deleted objects count too), 298,480 free.`,
      );
      expect(JSON.stringify(report)).not.toContain(dc().password);
    } finally {
      await graph.close();
    }
  });
});
