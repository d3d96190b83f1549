/** The directory entry the data rules read: decoded values per attribute, independent of the LDAP client. */

export interface DirectoryEntry {
  readonly dn: string;
  /** objectClass values as the directory returns them, most general first (top ... user). */
  readonly objectClass: readonly string[];
  /** Decoded values by attribute name (as requested, e.g. "proxyAddresses"); absent attributes are missing. */
  readonly values: Readonly<Record<string, readonly string[] | undefined>>;
  /** True for critical system objects: isCriticalSystemObject TRUE, or a well-known objectSid. */
  readonly critical?: boolean;
  /** True when the object has a userCertificate value (read for presence only: computers sync only with one). */
  readonly hasUserCertificate?: boolean;
  /** Attributes whose bytes were not valid UTF-8 (their values were decoded with U+FFFD replacements). */
  readonly invalidUtf8?: ReadonlySet<string>;
}

/** The first value of an attribute, or undefined. */
export function firstValue(entry: DirectoryEntry, attribute: string): string | undefined {
  return entry.values[attribute]?.[0];
}

/** The value of the DN's first RDN (the cn of CN=Alice Smith,OU=...), with LDAP escapes of `,` `+` `"` `\` `<` `>` `;` `=` removed. */
export function rdnValue(dn: string): string {
  const match = /^[^=]+=((?:\\.|[^,\\])*)/.exec(dn);
  return (match?.[1] ?? dn).replace(/\\([,+"\\<>;=#\s])/g, "$1");
}
