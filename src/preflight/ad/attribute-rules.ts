/**
 * The per-value rules of the directory data spec, one function per attribute. Each returns the error kinds a
 * value breaks (uniqueness aside: see uniqueness-index.ts) and a proposed fix where one follows mechanically.
 * Character problems are reported once, as `character`; the address structure is then judged on the value with
 * those characters removed, so one stray space does not also read as a `localpart` error.
 */
import {
  ATTRIBUTE_MAX_LENGTH,
  FORBIDDEN_CHARACTERS,
  UPN_MAX_DOMAIN_PART,
  UPN_MAX_LOCAL_PART,
  type CheckedAttribute,
  type DirectoryErrorKind,
} from "../../requirements";
import { addressKinds, isCleanAddress, isVerifiedDomain, splitAddress, tidyLocalPart } from "./addresses";
import type { ObjectKind } from "./scope";
import {
  cleanValue,
  hasAnyOf,
  hasNonAscii,
  hasSmtpPrefix,
  hasWhitespace,
  isBlank,
  needsCleaning,
  truncate,
  withoutWhitespace,
} from "./text";

/** What the rules know about the object that holds a value. */
export interface RuleContext {
  readonly kind: ObjectKind;
  /** The object's cn, the fix for a blank displayName. */
  readonly cn: string;
  readonly sAMAccountName?: string;
  /** The tenant's verified domains, lower-case; empty when the user named none (no `unverifieddomain`). */
  readonly verifiedDomains: readonly string[];
}

/** The kinds one value breaks and the proposed fix (null when none can be derived). */
export interface ValueVerdict {
  readonly errors: readonly DirectoryErrorKind[];
  readonly suggestion: string | null;
}

/** `x400:`, `x500:`, `x.400:`, `x.500:` in any case. */
const X400_X500_PREFIX = /^x\.?[45]00$/i;
const X400_X500_FORBIDDEN = new RegExp(`[${FORBIDDEN_CHARACTERS.x400x500ProxyAddress.replace(/[\\\]^-]/g, "\\$&")}]`);
const X400_X500_FORBIDDEN_ALL = new RegExp(X400_X500_FORBIDDEN.source, "g");

const CLEAN: ValueVerdict = { errors: [], suggestion: null };
// Module constants, read once: the catalogue's re-exports are getters, too slow for a per-value path.
const max = ATTRIBUTE_MAX_LENGTH;
const FORBIDDEN = FORBIDDEN_CHARACTERS;
const MAX_UPN_LOCAL = UPN_MAX_LOCAL_PART;
const MAX_UPN_DOMAIN = UPN_MAX_DOMAIN_PART;
/** `x400:`, `x500:`, `x.400:`, `x.500:` (any case) at the start of a value. */
const X400_X500_VALUE = /^x\.?[45]00:/i;

function verdict(errors: readonly DirectoryErrorKind[], suggestion: string | null): ValueVerdict {
  if (errors.length === 0) return CLEAN;
  return { errors: errors.length === 1 ? errors : [...new Set(errors)], suggestion };
}

/**
 * An SMTP address (or UPN): characters (whitespace, `forbidden`, non-ASCII), then structure, routable suffix and,
 * when `verify`, a verified domain. The fix drops the bad characters and stray dots and, for an unroutable or
 * unverified suffix of the tenant's own addresses (`verify`), moves the address to the first verified domain. A
 * domain with non-ASCII characters is never folded into another domain's name: no fix then, unless it moves.
 */
function addressVerdict(address: string, forbidden: string, ctx: RuleContext, verify: boolean): ValueVerdict {
  if (isCleanAddress(address, forbidden, verify ? ctx.verifiedDomains : [])) return CLEAN;
  const errors: DirectoryErrorKind[] = [];
  const dirty = needsCleaning(address, forbidden);
  if (dirty) errors.push("character");
  const cleaned = dirty ? cleanValue(address, forbidden) : address;
  const structure = addressKinds(cleaned);
  errors.push(...structure);
  const parts = splitAddress(cleaned);
  const canVerify = verify && ctx.verifiedDomains.length > 0 && parts !== undefined;
  if (canVerify && !structure.includes("topleveldomain") && !isVerifiedDomain(parts.domain, ctx.verifiedDomains)) {
    errors.push("unverifieddomain");
  }
  if (errors.length === 0 || !parts) return verdict(errors, null);
  const moveDomain = verify && (errors.includes("topleveldomain") || errors.includes("unverifieddomain")) && ctx.verifiedDomains.length > 0;
  // Folding a domain's diacritics names another domain (bücher.de is not bucher.de): no fix, unless the address moves to a verified one.
  if (!moveDomain && hasNonAscii(splitAddress(address)?.domain ?? "")) return verdict(errors, null);
  const fixed = `${tidyLocalPart(parts.local)}@${moveDomain ? ctx.verifiedDomains[0] : parts.domain}`;
  return verdict(errors, addressKinds(fixed).length === 0 && fixed !== address ? fixed : null);
}

/** displayName: if present, not blank; at most 256. */
export function checkDisplayName(value: string, ctx: RuleContext): ValueVerdict {
  if (isBlank(value)) return verdict(["blank"], ctx.cn);
  return value.length > max.displayName ? verdict(["length"], truncate(value, max.displayName)) : CLEAN;
}

/** givenName and sn: at most 64. */
export function checkNameLength(attribute: "givenName" | "sn", value: string): ValueVerdict {
  return value.length > max[attribute] ? verdict(["length"], truncate(value, max[attribute])) : CLEAN;
}

/** mail: at most 256; a valid, routable SMTP address without whitespace (verified domain for users and groups). */
export function checkMail(value: string, ctx: RuleContext): ValueVerdict {
  const address = addressVerdict(value, "", ctx, ctx.kind !== "contact");
  if (value.length <= max.mail) return address;
  return verdict(["length", ...address.errors], null);
}

/** mailNickname: at most 64; no leading `.`; no whitespace. */
export function checkMailNickname(value: string): ValueVerdict {
  const errors: DirectoryErrorKind[] = [];
  if (value.startsWith(".") || hasWhitespace(value)) errors.push("character");
  if (value.length > max.mailNickname) errors.push("length");
  if (errors.length === 0) return CLEAN;
  const fixed = truncate(withoutWhitespace(value).replace(/^\.+/, ""), max.mailNickname);
  return verdict(errors, fixed === "" ? null : fixed);
}

/**
 * One proxyAddresses value: at most 256; no `:` after the `prefix:` delimiter; X.400/X.500 values (`x400:`,
 * `x500:`, `x.400:`, `x.500:`, any case) none of the control characters tab, LF, CR, FF, VT and `[ ] " '` (spaces,
 * parentheses and `;` are normal there); other values no whitespace; SMTP values as addresses (no
 * `< > ( ) ; , [ ] "`, ASCII only, valid, routable); other prefixes get no address-format check. `extraPrimary` marks a second `SMTP:` of the
 * object (`format`; the fix demotes it to `smtp:`).
 */
export function checkProxyAddress(value: string, ctx: RuleContext, extraPrimary: boolean): ValueVerdict {
  const colonAt = value.indexOf(":");
  // The common clean value, without copies: one `prefix:`, within the length, not a second primary; an SMTP
  // address that passes isCleanAddress, or another prefix (not X.400/X.500) without whitespace. The full path
  // below gives CLEAN for exactly these too.
  if (colonAt > 0 && !extraPrimary && value.length <= max.proxyAddresses && value.indexOf(":", colonAt + 1) < 0) {
    if (colonAt === 4 && hasSmtpPrefix(value)) {
      if (isCleanAddress(value.slice(5), FORBIDDEN.smtpProxyAddress, ctx.kind !== "contact" ? ctx.verifiedDomains : [])) return CLEAN;
    } else if (!X400_X500_VALUE.test(value) && !hasWhitespace(value)) return CLEAN;
  }
  const errors: DirectoryErrorKind[] = [];
  if (value.length > max.proxyAddresses) errors.push("length");
  const colon = value.indexOf(":");
  if (colon <= 0) {
    errors.push("format");
    return verdict(errors, addressKinds(value).length === 0 ? `smtp:${value}` : null);
  }
  const prefix = value.slice(0, colon);
  let rest = value.slice(colon + 1);
  if (X400_X500_PREFIX.test(prefix)) {
    // Exchange's X.400/X.500 addresses hold spaces, parentheses and `;` by design: only their own forbidden set.
    if (rest.includes(":") || X400_X500_FORBIDDEN.test(rest)) errors.push("character");
    if (errors.length === 0) return CLEAN;
    return verdict(errors, `${prefix}:${rest.replace(X400_X500_FORBIDDEN_ALL, "").replace(/:/g, "")}`);
  }
  if (rest.includes(":") || hasWhitespace(value)) errors.push("character");
  rest = rest.replace(/:/g, "");
  if (prefix.toLowerCase() !== "smtp") return errors.length === 0 ? CLEAN : verdict(errors, `${prefix}:${withoutWhitespace(rest)}`);
  if (extraPrimary) errors.push("format");
  const address = addressVerdict(rest, FORBIDDEN.smtpProxyAddress, ctx, ctx.kind !== "contact");
  if (errors.length === 0 && address === CLEAN) return CLEAN;
  errors.push(...address.errors);
  const newPrefix = extraPrimary ? "smtp" : prefix;
  return verdict(errors, `${newPrefix}:${address.suggestion ?? rest}`);
}

/** sAMAccountName: at most 20 for users; none of `[ \ " | , / : < > + = ; ? * '`. */
export function checkSamAccountName(value: string, ctx: RuleContext): ValueVerdict {
  const errors: DirectoryErrorKind[] = [];
  if (hasAnyOf(value, FORBIDDEN.sAMAccountName)) errors.push("character");
  const limited = ctx.kind === "user";
  if (limited && value.length > max.sAMAccountName) errors.push("length");
  if (errors.length === 0) return CLEAN;
  let fixed = value;
  for (const ch of FORBIDDEN.sAMAccountName) fixed = fixed.split(ch).join("");
  if (limited) fixed = truncate(fixed, max.sAMAccountName);
  return verdict(errors, fixed === "" ? null : fixed);
}

/** targetAddress: at most 256; no whitespace; none of `\ < > ( ) ; , [ ] "`; SMTP values valid and routable. */
export function checkTargetAddress(value: string, ctx: RuleContext): ValueVerdict {
  const errors: DirectoryErrorKind[] = [];
  if (value.length > max.targetAddress) errors.push("length");
  const colon = value.indexOf(":");
  const prefix = colon > 0 ? value.slice(0, colon) : "";
  if (prefix.toLowerCase() === "smtp") {
    const address = addressVerdict(value.slice(colon + 1), FORBIDDEN.targetAddress, ctx, false);
    errors.push(...address.errors);
    return verdict(errors, address.suggestion === null ? null : `${prefix}:${address.suggestion}`);
  }
  if (hasWhitespace(value) || hasAnyOf(value, FORBIDDEN.targetAddress)) errors.push("character");
  return verdict(errors, cleanValue(value, FORBIDDEN.targetAddress) || null);
}

/**
 * userPrincipalName (users only): not blank; at most 113 in all, 64 before `@`, 48 after; no whitespace, none of
 * `\ % & * + / = ? { } | < > ( ) ; : , [ ] "` (the apostrophe is allowed), ASCII only; dot-atom local part;
 * routable and, when verified domains are given, verified suffix.
 */
export function checkUserPrincipalName(value: string | undefined, ctx: RuleContext): ValueVerdict {
  if (value === undefined || isBlank(value)) {
    const domain = ctx.verifiedDomains[0];
    if (!domain || !ctx.sAMAccountName) return verdict(["blank"], null);
    // The fix, sAMAccountName@first verified domain, must pass the UPN rules itself (or take their fix).
    const candidate = `${ctx.sAMAccountName}@${domain}`;
    const own = checkUserPrincipalName(candidate, ctx);
    return verdict(["blank"], own.errors.length === 0 ? candidate : own.suggestion);
  }
  // The lengths of the parts split at the last `@` (splitAddress), without copying them.
  const at = value.lastIndexOf("@");
  const tooLong = value.length > max.userPrincipalName || (at >= 0 && (at > MAX_UPN_LOCAL || value.length - at - 1 > MAX_UPN_DOMAIN));
  const address = addressVerdict(value, FORBIDDEN.userPrincipalName, ctx, true);
  return tooLong ? verdict(["length", ...address.errors], null) : address;
}

/** The rule of a single-valued attribute, by name (proxyAddresses and userPrincipalName have their own entry points). */
export function checkSingleValue(attribute: Exclude<CheckedAttribute, "proxyAddresses">, value: string, ctx: RuleContext): ValueVerdict {
  switch (attribute) {
    case "displayName":
      return checkDisplayName(value, ctx);
    case "givenName":
    case "sn":
      return checkNameLength(attribute, value);
    case "mail":
      return checkMail(value, ctx);
    case "mailNickname":
      return checkMailNickname(value);
    case "sAMAccountName":
      return checkSamAccountName(value, ctx);
    case "targetAddress":
      return checkTargetAddress(value, ctx);
    case "userPrincipalName":
      return checkUserPrincipalName(value, ctx);
  }
}
