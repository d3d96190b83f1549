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

/**
 * systemFlags bit FLAG_ATTR_REQ_PARTIAL_SET_MEMBER (MS-ADTS 2.2.10 "Schema Flags"): the attribute is in the
 * partial attribute set whatever isMemberOfPartialAttributeSet says.
 */
export const FLAG_ATTR_REQ_PARTIAL_SET_MEMBER = 0x2;

/**
 * Reads lDAPDisplayName, isMemberOfPartialAttributeSet and systemFlags of every checked attribute from the
 * schema. `session` must be a domain-port session: isMemberOfPartialAttributeSet is itself not in the GC's
 * partial attribute set, so a GC answers without it (MS-ADTS 3.1.1.2.3.4 / 3.1.1.3.1.1.1). `globalCatalog` says
 * whether the scan runs through a GC (only then is an attribute outside the set "not in the GC").
 */
export async function readSchemaCoverage(session: AdSession, schemaNamingContext: string, globalCatalog: boolean): Promise<SchemaCoverage> {
  const filter = `(&(objectClass=attributeSchema)(|${CHECKED_ATTRIBUTES.map((a) => escapeFilter`(lDAPDisplayName=${a})`).join("")}))`;
  let entries;
  try {
    ({ searchEntries: entries } = await session.client.search(schemaNamingContext, {
      scope: "one",
      filter,
      attributes: ["lDAPDisplayName", "isMemberOfPartialAttributeSet", "systemFlags"],
    }));
  } catch (e) {
    throw describeLdapFailure(e, session.endpoint, "read the schema");
  }
  const inGc = new Map<string, boolean>();
  for (const e of entries) {
    const member = String(e.isMemberOfPartialAttributeSet ?? "").toUpperCase() === "TRUE";
    const flags = Number(String(e.systemFlags ?? "0"));
    inGc.set(
      String(e.lDAPDisplayName).toLowerCase(),
      member || (Number.isInteger(flags) && (flags & FLAG_ATTR_REQ_PARTIAL_SET_MEMBER) !== 0),
    );
  }
  const notInSchema = CHECKED_ATTRIBUTES.filter((a) => !inGc.has(a.toLowerCase()));
  const notInGlobalCatalog = globalCatalog ? CHECKED_ATTRIBUTES.filter((a) => inGc.get(a.toLowerCase()) === false) : [];
  return { notInSchema, notInGlobalCatalog };
}
