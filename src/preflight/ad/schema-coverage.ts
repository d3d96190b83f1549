/**
 * Which checked attributes this scan can see: an attribute missing from the schema (no Exchange schema: no
 * mailNickname, no targetAddress) or, through the Global Catalog, not in the partial attribute set, cannot be
 * checked; the report says so instead of calling it clean.
 */
import { escapeFilter } from "ldapts";
import { CHECKED_ATTRIBUTES, type CheckedAttribute } from "../../requirements";
import { describeLdapFailure, type AdSession } from "./ldap-session";

export interface SchemaCoverage {
  /** Attributes the schema does not define. */
  readonly notInSchema: readonly CheckedAttribute[];
  /** Attributes the schema defines but the GC does not carry (only when scanning a GC). */
  readonly notInGlobalCatalog: readonly CheckedAttribute[];
}

/** Reads lDAPDisplayName and isMemberOfPartialAttributeSet of every checked attribute from the schema. */
export async function readSchemaCoverage(session: AdSession, schemaNamingContext: string): Promise<SchemaCoverage> {
  const filter = `(&(objectClass=attributeSchema)(|${CHECKED_ATTRIBUTES.map((a) => escapeFilter`(lDAPDisplayName=${a})`).join("")}))`;
  let entries;
  try {
    ({ searchEntries: entries } = await session.client.search(schemaNamingContext, {
      scope: "one",
      filter,
      attributes: ["lDAPDisplayName", "isMemberOfPartialAttributeSet"],
    }));
  } catch (e) {
    throw describeLdapFailure(e, session.endpoint, "read the schema");
  }
  const inGc = new Map<string, boolean>();
  for (const e of entries)
    inGc.set(String(e.lDAPDisplayName).toLowerCase(), String(e.isMemberOfPartialAttributeSet ?? "").toUpperCase() === "TRUE");
  const notInSchema = CHECKED_ATTRIBUTES.filter((a) => !inGc.has(a.toLowerCase()));
  const notInGlobalCatalog = session.endpoint.globalCatalog ? CHECKED_ATTRIBUTES.filter((a) => inGc.get(a.toLowerCase()) === false) : [];
  return { notInSchema, notInGlobalCatalog };
}
