import { CATEGORIES, REQUIREMENTS, TAG_NAMES, cite, entraConnectTags } from "../../src/requirements";

describe("tags", () => {
  test("entraConnectTags writes the four tags as strings", () => {
    expect(entraConnectTags({ role: "sync-database", objectCount: 250_000, database: "sql", version: "2.5.79.0" })).toEqual({
      "entra-connect-role": "sync-database",
      "entra-connect-object-count": "250000",
      "entra-connect-database": "sql",
      "entra-connect-version": "2.5.79.0",
    });
    expect(Object.values(TAG_NAMES)).toEqual([
      "entra-connect-role",
      "entra-connect-object-count",
      "entra-connect-database",
      "entra-connect-version",
      "entra-connect-vm-size",
    ]);
  });
});

describe("requirements", () => {
  test("ids are unique and every requirement belongs to a known category", () => {
    const all = Object.values(REQUIREMENTS);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const categories = new Set(CATEGORIES.map((c) => c.id));
    for (const r of all) expect(categories.has(r.category)).toBe(true);
  });

  test("cite quotes id and title", () => {
    expect(cite(REQUIREMENTS.sqlCollation)).toBe("requirement sql.collation: Case-insensitive (_CI_) SQL collation");
  });
});
