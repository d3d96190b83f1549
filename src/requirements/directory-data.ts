/**
 * The directory data rules (the IdFix replacement) and the on-prem AD figures the LDAP preflight checks:
 * attribute length limits, forbidden character sets, the private DNS suffixes that are never routable, the
 * objects that are out of scope, and the paging and functional-level figures. The spec is
 * shared/docs/directory-data-rules.md.
 */

/** The error kinds of a directory data finding, in IdFix's vocabulary (plus conflict and unverifieddomain). */
export const DIRECTORY_ERROR_KINDS = [
  "character",
  "format",
  "length",
  "blank",
  "duplicate",
  "topleveldomain",
  "domainpart",
  "localpart",
  "conflict",
  "unverifieddomain",
] as const;
export type DirectoryErrorKind = (typeof DIRECTORY_ERROR_KINDS)[number];

/**
 * Kinds that Entra ID tolerates (the object syncs, with a fallback): a UPN with an unroutable or unverified
 * suffix, or no UPN at all, signs in as an onmicrosoft.com name; such findings are warnings. Every other kind
 * makes the object fail to export, so the directory-data check fails.
 */
export const TOLERATED_DIRECTORY_ERROR_KINDS: readonly DirectoryErrorKind[] = ["topleveldomain", "unverifieddomain", "blank"];

/** The attributes the rules check, in report order. */
export const CHECKED_ATTRIBUTES = [
  "displayName",
  "givenName",
  "sn",
  "mail",
  "mailNickname",
  "proxyAddresses",
  "sAMAccountName",
  "targetAddress",
  "userPrincipalName",
] as const;
export type CheckedAttribute = (typeof CHECKED_ATTRIBUTES)[number];

/** Attributes whose values must be unique in the forest (mail, UPN and SMTP proxies also share one address namespace). */
export const UNIQUE_ATTRIBUTES: readonly CheckedAttribute[] = CHECKED_ATTRIBUTES.filter(
  (a) => a !== "displayName" && a !== "givenName" && a !== "sn",
);

/** Maximum length of each attribute, in UTF-16 code units as Entra counts (sAMAccountName: users only). */
export const ATTRIBUTE_MAX_LENGTH: Readonly<Record<CheckedAttribute, number>> = {
  displayName: 256,
  givenName: 64,
  sn: 64,
  mail: 256,
  mailNickname: 64,
  proxyAddresses: 256,
  sAMAccountName: 20,
  targetAddress: 256,
  userPrincipalName: 113,
};

/** userPrincipalName: at most this many code units before the `@`, and after it. */
export const UPN_MAX_LOCAL_PART = 64;
export const UPN_MAX_DOMAIN_PART = 48;

/** Characters each attribute must not contain (whitespace and non-ASCII are separate rules). */
export const FORBIDDEN_CHARACTERS = {
  /** SMTP values of proxyAddresses. */
  smtpProxyAddress: `<>();,[]"`,
  /**
   * X.400/X.500 values of proxyAddresses (`x400:`, `x500:`, `x.400:`, `x.500:`, any case): the control characters
   * tab, LF, CR, FF, VT and `[ ] " '`. Spaces, parentheses and `;` are allowed: Exchange writes
   * `X500:/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=tia` and
   * `X400:c=US;a= ;p=Contoso;o=Exchange;s=Smith;`, and Entra syncs them as they are (issue 11).
   */
  x400x500ProxyAddress: `\t\n\r\f\v[]"'`,
  sAMAccountName: `[\\"|,/:<>+=;?*'`,
  targetAddress: `\\<>();,[]"`,
  /** The apostrophe is allowed in a UPN. */
  userPrincipalName: `\\%&*+/=?{}|<>();:,[]"`,
} as const;

/**
 * DNS suffixes that are never publicly routable, even where a registry lists them: an address or UPN ending in
 * one of these fails `topleveldomain`. The rest of the routable test is the current IANA root zone (the `tlds`
 * package).
 */
export const PRIVATE_DNS_SUFFIXES = [
  "local",
  "lan",
  "corp",
  "internal",
  "intranet",
  "home",
  "localdomain",
  "private",
  "test",
  "example",
  "invalid",
  "localhost",
] as const;

/** Every tenant owns its initial domain under this suffix (contoso.onmicrosoft.com, contoso.mail.onmicrosoft.com): never unverified. */
export const TENANT_INITIAL_DOMAIN_SUFFIX = "onmicrosoft.com";

/** sAMAccountNames skipped exactly (case-insensitively): built-in accounts that never sync. */
export const SKIPPED_ACCOUNT_NAMES = ["krbtgt", "Guest", "DefaultAccount", "WDAGUtilityAccount"] as const;

/**
 * The sync service's own accounts (by sAMAccountName) and Exchange system mailboxes (by cn). The sync accounts
 * follow Entra Connect's default sync rules ("In from AD - User Join" scoping: sAMAccountName NOTSTARTSWITH
 * `MSOL_` and `AAD_`, any suffix, as the spec's `MSOL_*`/`AAD_*` says). `Sync_*` sAMAccountNames are NOT
 * skipped: the default rules do not exclude them, so such objects sync and are checked (issue 15 item 6; the
 * `Sync_<server>_<hex>` account Entra Connect creates lives in Entra ID, not in AD). The mailboxes keep their
 * exact generated shapes: "Guest Services Desk" or "Msoliman" are scanned.
 */
export const SKIPPED_ACCOUNT_PATTERNS: readonly { readonly attribute: "sAMAccountName" | "cn"; readonly pattern: RegExp }[] = [
  { attribute: "sAMAccountName", pattern: /^MSOL_/i },
  { attribute: "sAMAccountName", pattern: /^AAD_/i },
  { attribute: "cn", pattern: /^SystemMailbox\{[0-9a-f-]{36}\}$/i },
  { attribute: "cn", pattern: /^HealthMailbox[0-9a-f]{7,32}$/i },
  { attribute: "cn", pattern: /^DiscoverySearchMailbox ?\{[0-9a-f-]{36}\}$/i },
  { attribute: "cn", pattern: /^FederatedEmail\.[0-9a-f-]{36}$/i },
  { attribute: "cn", pattern: /^Migration\.[0-9a-f-]{36}$/i },
];

/** Marker of a replication-conflict object in its DN (the RDN value holds a line feed and "CNF:"). */
export const REPLICATION_CONFLICT_MARKER = "\\0ACNF:";

/**
 * Relative ids below this are the domain's well-known principals (Administrator 500, Guest 501, krbtgt 502,
 * Domain Users 513...): critical system objects. The GC does not carry isCriticalSystemObject, so the scan
 * also skips these by objectSid, together with the BUILTIN domain (S-1-5-32).
 */
export const FIRST_NON_WELL_KNOWN_RID = 1000;

/** RFC 2696 paged results: entries per page, as IdFix and Entra Connect use. */
export const LDAP_PAGE_SIZE = 1000;

/** rootDSE forestFunctionality at or above this: Windows Server 2003. */
export const MINIMUM_FOREST_FUNCTIONAL_LEVEL = 2;
/** Names of the forest functional levels, by rootDSE value. */
export const FOREST_FUNCTIONAL_LEVEL_NAMES: Readonly<Record<number, string>> = {
  0: "Windows 2000",
  1: "Windows Server 2003 interim",
  2: "Windows Server 2003",
  3: "Windows Server 2008",
  4: "Windows Server 2008 R2",
  5: "Windows Server 2012",
  6: "Windows Server 2012 R2",
  7: "Windows Server 2016",
  10: "Windows Server 2025",
};

/** The RDN of the optional feature whose DN in msDS-EnabledFeature means the AD Recycle Bin is on. */
export const RECYCLE_BIN_FEATURE_RDN = "CN=Recycle Bin Feature";
