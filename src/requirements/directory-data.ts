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

/** Attributes whose values must be unique: in the forest, sAMAccountName within its domain (mail, UPN and SMTP proxies also share one address namespace). */
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

/**
 * Entra Connect's out-of-box sync rules: which AD objects sync to Entra ID. The preflight checks exactly those and
 * reports the others as out of scope, counted per reason. Source: "Microsoft Entra Connect Sync: Understanding the
 * default configuration", learn.microsoft.com/entra/identity/hybrid/connect/concept-azure-ad-connect-sync-default-configuration
 * (MicrosoftDocs/entra-docs docs/identity/hybrid/connect/concept-azure-ad-connect-sync-default-configuration.md).
 *
 * - Users and inetOrgPersons do not sync with `isCriticalSystemObject`, without `sAMAccountName`, with a
 *   sAMAccountName starting `AAD_` or `MSOL_` (the sync service's own accounts, any suffix), `SUPPORT_388945a0`,
 *   a mailNickname starting `SystemMailbox{`, a mailNickname or sAMAccountName starting `CAS_` and holding `}`,
 *   an msExchRecipientTypeDetails with a bit of 0x21C07000, or as replication victims (`\0ACNF:`). `Sync_*` names
 *   are not in the rules: such objects sync and are checked (issue 15 item 6).
 * - Contacts sync only with a mail value and mail-enabled: proxyAddresses present, and a primary `SMTP:` proxy
 *   with an `@` or a mail with an `@`; not when critical, `(MSOL)` in displayName and hidden from address lists,
 *   a mailNickname `CAS_...}`, or a replication victim.
 * - Groups: security groups sync; distribution groups only when mail-enabled (the contact rule); not when
 *   critical, sAMAccountName `MSOL_AD_Sync_RichCoexistence`, msExchRecipientTypeDetails bit 0x40000000 (role
 *   group), or a replication victim.
 * - Computers sync only with a `userCertificate` value.
 */
export const DEFAULT_SYNC_RULES = {
  /** sAMAccountName prefixes of the sync service's own accounts (case-insensitive). */
  syncServiceAccountPrefixes: ["AAD_", "MSOL_"],
  /** The Exchange support account: `[sAMAccountName] = "SUPPORT_388945a0"`. */
  exchangeSupportAccount: "SUPPORT_388945a0",
  /** mailNickname prefix of Exchange's system (arbitration) mailboxes. */
  systemMailboxNicknamePrefix: "SystemMailbox{",
  /** mailNickname or sAMAccountName `CAS_` + ... + `}`: Exchange CAS test accounts. */
  casPrefix: "CAS_",
  casMarker: "}",
  /**
   * msExchRecipientTypeDetails bits of users that do not work in Exchange Online (`BitAnd(..., &H21C07000) > 0`):
   * PublicFolder 0x1000, SystemAttendantMailbox 0x2000, SystemMailbox 0x4000, MicrosoftExchange 0x400000,
   * ArbitrationMailbox 0x800000, MailboxPlan 0x1000000, DiscoveryMailbox 0x20000000 (Exchange's
   * RecipientTypeDetails values; the Learn page's prose names some of these bits loosely, the mask is the rule).
   */
  userExcludedRecipientTypes: 0x21c07000,
  /** msExchRecipientTypeDetails bit of an Exchange role group (RoleGroup 0x40000000): groups with it do not sync. */
  groupExcludedRecipientTypes: 0x40000000,
  /** The legacy DirSync group that never syncs. */
  legacyDirSyncGroup: "MSOL_AD_Sync_RichCoexistence",
  /** Contacts with this in displayName and msExchHideFromAddressLists TRUE do not sync (DirSync's own contacts). */
  msolContactMarker: "(MSOL)",
  /** groupType bit of a security group (ADS_GROUP_TYPE_SECURITY_ENABLED); without it a group is a distribution group. */
  securityGroupBit: 0x80000000,
} as const;

/** Why an object is out of the default sync scope: the keys of `summary.skippedBy` and `counts.outOfScope`. */
export const OUT_OF_SCOPE_REASONS = [
  "critical system object",
  "replication conflict",
  "no sAMAccountName",
  "sync service account",
  "Exchange system account",
  "Exchange system recipient type",
  "DirSync object",
  "Exchange role group",
  "contact not mail-enabled",
  "distribution group not mail-enabled",
  "computer without userCertificate",
] as const;
export type OutOfScopeReason = (typeof OUT_OF_SCOPE_REASONS)[number];

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
