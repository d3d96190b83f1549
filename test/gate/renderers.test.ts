import { renderGate } from "../../src/report/render";
import type { GateReport } from "../../src/gate";
import { sampleReport } from "./sample-report";

let report: GateReport;
beforeAll(async () => {
  report = await sampleReport();
});

describe("text", () => {
  it("leads with the verdict and lists every category with its evidence or why it was not checked", () => {
    const text = renderGate(report, "text");
    const lines = text.split("\n");
    expect(lines[0]).toBe("entra-gate readiness: NOT-READY (exit 1)");
    expect(lines[1]).toBe("1 pass, 1 warn, 2 fail, 0 planned only, 6 not checked   config ci/gate.yaml   2026-11-27T12:00:00.000Z");
    expect(text).toContain(
      "[FAIL] Soft match and hard-match takeover\n    FAIL cloud-block-soft-match (cloud, observed): blockSoftMatchEnabled is false.\n",
    );
    expect(text).toContain("[----] SQL Server database\n    not checked: No source of this gate checks this category.\n");
    expect(text).toContain(
      "Sizing: 85,000 objects (ad) -> tier t2-50k-100k needs at least 16 GB RAM and 100 GB disk (tier minimum), LocalDB (full SQL recommended); suggested VM size: Standard_D4s_v5\n",
    );
    expect(text).toContain("Directory findings: 5 (see the HTML or JSON report for the table)\n");
  });
});

describe("JSON", () => {
  it("is the report itself", () => {
    expect(JSON.parse(renderGate(report, "json"))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});

describe("SARIF 2.1.0", () => {
  it("has one result per warn/fail check, each citing a rule of the catalogue", () => {
    const sarif = JSON.parse(renderGate(report, "sarif"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe("entra-gate");
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(["install-account.role", "ad.directory-data", "match.block"]);
    expect(run.tool.driver.rules[2]).toMatchObject({
      name: "matchBlock",
      shortDescription: { text: "Soft match and hard-match takeover blocked in the tenant" },
      properties: { category: "soft-hard-match" },
    });
    expect(run.results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`)).toEqual([
      "install-account.role:warning",
      "ad.directory-data:error",
      "match.block:error",
    ]);
    expect(run.results[2]).toMatchObject({
      message: { text: "blockSoftMatchEnabled is false." },
      locations: [{ physicalLocation: { artifactLocation: { uri: "ci/gate.yaml" }, region: { startLine: 1 } } }],
      partialFingerprints: { checkId: "cloud/cloud-block-soft-match" },
    });
    expect(run.invocations[0].executionSuccessful).toBe(true);
  });
});

describe("JUnit XML", () => {
  const junit = () => renderGate(report, "junit");
  it("has one suite per category, failures for fail, warnings in system-out, skipped for not checked", () => {
    const xml = junit();
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="entra-gate" tests="11" failures="2" errors="0" skipped="6"',
      ),
    ).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(10);
    expect(xml).toContain(
      '<testcase classname="entra-gate.soft-hard-match" name="cloud-block-soft-match">\n      <properties><property name="evidence" value="observed"/><property name="source" value="cloud"/></properties>\n      <failure message="blockSoftMatchEnabled is false." type="match.block"/>\n    </testcase>',
    );
    expect(xml).toContain(
      "<system-out>WARN: installer@contoso.com holds Hybrid Identity Administrator &lt;directly&gt; &amp; not GA.</system-out>",
    );
    expect(xml).toContain(
      '<testcase classname="entra-gate.sql" name="sql not checked">\n      <skipped message="No source of this gate checks this category."/>',
    );
  });
});
