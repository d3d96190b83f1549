import Ajv from "ajv";
import { POLICIES } from "../../src/policies";

describe("policy metadata", () => {
  it("names are unique, lower-case and verb-first", () => {
    const names = POLICIES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^entra-connect-(disallow|enforce|enable)-[a-z0-9-]+$/);
  });

  it.each(POLICIES.map((p) => [p.name, p] as const))(
    "%s has a description, level, severity, remediation, a requirement tag and a valid config schema",
    (_name, p) => {
      expect(p.description).toMatch(/^[A-Z].*\.$/);
      expect(["mandatory", "advisory"]).toContain(p.enforcementLevel);
      expect(["low", "medium", "high", "critical"]).toContain(p.severity);
      expect(p.remediationSteps?.length).toBeGreaterThan(20);
      expect(p.tags?.[0]).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+$/);
      expect(p.configSchema?.properties.allowUnknownAtPreview).toEqual(expect.objectContaining({ type: "boolean" }));
      expect(p.configSchema?.properties.enforcementLevel).toBeUndefined();
      expect(() => new Ajv({ strict: false }).compile({ type: "object", properties: p.configSchema?.properties })).not.toThrow();
    },
  );

  it("recommendations are advisory and requirements mandatory", () => {
    const advisory = POLICIES.filter((p) => p.enforcementLevel === "advisory").map((p) => p.name);
    expect(advisory).toEqual([
      "entra-connect-disallow-windows-server-2016",
      "entra-connect-disallow-sql-server-2019",
      "entra-connect-enable-encryption-at-host",
      "entra-connect-enforce-dc-ports-outbound",
    ]);
  });
});
