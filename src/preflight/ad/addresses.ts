/**
 * SMTP addresses and DNS suffixes: the dot-atom local part, DNS labels, a publicly routable top-level domain
 * (the IANA root zone from the `tlds` package, minus the catalogue's private suffixes) and verified domains.
 */
import tlds from "tlds";
import { PRIVATE_DNS_SUFFIXES, TENANT_INITIAL_DOMAIN_SUFFIX, type DirectoryErrorKind } from "../../requirements";
import { hasAnyOf } from "./text";

const ROOT_ZONE: ReadonlySet<string> = new Set(tlds.map((t) => t.toLowerCase()));
const PRIVATE: ReadonlySet<string> = new Set(PRIVATE_DNS_SUFFIXES);
const TENANT_SUFFIX = TENANT_INITIAL_DOMAIN_SUFFIX;

/** RFC 5322 atext (ASCII letters, digits and ! # $ % & ' * + / = ? ^ _ ` { | } ~ -) joined by single dots. */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
/** The common case in one test: dot-atom, `@`, two or more DNS labels. */
const VALID_ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** The last suffix judged (".com", with its dot) and its verdict: most values of a forest share a few TLDs. */
let lastSuffix = "";
let lastRoutable = false;

/** True when the last label of a DNS name is in the IANA root zone and is not a private suffix. */
function isRoutableSuffix(domain: string): boolean {
  // A name ending in the last ".tld" has that tld as its last label (the suffix holds one dot, at its start).
  if (lastSuffix !== "" && domain.length > lastSuffix.length && domain.endsWith(lastSuffix)) return lastRoutable;
  const dot = domain.lastIndexOf(".");
  let tld = domain.slice(dot + 1);
  if (!ROOT_ZONE.has(tld)) tld = tld.toLowerCase();
  const routable = ROOT_ZONE.has(tld) && !PRIVATE.has(tld);
  if (dot >= 0) {
    lastSuffix = domain.slice(dot);
    lastRoutable = routable;
  }
  return routable;
}

/**
 * True when `domain` is one of the verified domains or a subdomain of one (compared case-insensitively), or an
 * onmicrosoft.com domain (the tenant's initial domain, verified by construction).
 */
export function isVerifiedDomain(domain: string, verified: readonly string[]): boolean {
  const d = domain.toLowerCase();
  if (isUnder(d, TENANT_SUFFIX)) return true;
  for (const v of verified) if (isUnder(d, v)) return true;
  return false;
}

/** `d` is `v` or a subdomain of it (both lower-case). */
function isUnder(d: string, v: string): boolean {
  return d === v || (d.endsWith(v) && d.charCodeAt(d.length - v.length - 1) === 0x2e);
}

/**
 * isVerifiedDomain for the domain of `address` (after its last `@`), without copying it in the common case: an
 * address that ends in `@v` or `.v` as it is (v lower-case) is under v whatever case rules apply.
 */
function hasVerifiedDomain(address: string, verified: readonly string[]): boolean {
  if (endsInDomain(address, TENANT_SUFFIX)) return true;
  for (const v of verified) if (endsInDomain(address, v)) return true;
  return isVerifiedDomain(address.slice(address.lastIndexOf("@") + 1), verified);
}

/** `address` ends in `@v` or in `.v` after its last `@`, as written. */
function endsInDomain(address: string, v: string): boolean {
  if (address.length <= v.length || !address.endsWith(v)) return false;
  const at = address.length - v.length - 1;
  const before = address.charCodeAt(at);
  return before === 0x40 || (before === 0x2e && address.lastIndexOf("@") < at);
}

/**
 * The fast path of the common case: a well-formed ASCII address without a character of `forbidden`, with a
 * routable suffix and, when `verified` is not empty, a verified domain. False means "look closer".
 */
export function isCleanAddress(address: string, forbidden: string, verified: readonly string[]): boolean {
  if (mayHoldAtext(forbidden) && hasAnyOf(address, forbidden)) return false;
  // An object's mail, UPN and primary SMTP proxy are mostly one address: its structure is judged once.
  if (address === lastAddress && verified === lastVerified) return lastClean;
  const clean = VALID_ADDRESS.test(address) && isRoutableSuffix(address) && (verified.length === 0 || hasVerifiedDomain(address, verified));
  lastAddress = address;
  lastVerified = verified;
  lastClean = clean;
  return clean;
}

/** The last address isCleanAddress judged apart from its forbidden characters, with the verified domains it was judged against. */
let lastAddress = "";
let lastVerified: readonly string[] = [];
let lastClean = false;

/** RFC 5322 atext punctuation: a VALID_ADDRESS holds no other character outside letters, digits, `.` and `@`. */
const ATEXT_PUNCTUATION = "!#$%&'*+/=?^_`{|}~-";
const atextSets = new Map<string, boolean>();
/** True when a character of `set` can appear in a VALID_ADDRESS (else testing for it there is wasted). */
function mayHoldAtext(set: string): boolean {
  let may = atextSets.get(set);
  if (may === undefined) {
    may = [...set].some((ch) => ATEXT_PUNCTUATION.includes(ch) || /[A-Za-z0-9.@]/.test(ch));
    atextSets.set(set, may);
  }
  return may;
}

/** The local part and domain of an address, split at the last `@`; undefined without an `@`. */
export function splitAddress(address: string): { local: string; domain: string } | undefined {
  const at = address.lastIndexOf("@");
  return at < 0 ? undefined : { local: address.slice(0, at), domain: address.slice(at + 1) };
}

/** True when the local part is a dot-atom: no leading, trailing or doubled dots, only atext. */
function isDotAtom(local: string): boolean {
  return DOT_ATOM.test(local);
}

/** The structural kinds an address fails: format (no single `@`), localpart, domainpart, topleveldomain. */
export function addressKinds(address: string): DirectoryErrorKind[] {
  if (VALID_ADDRESS.test(address)) return isRoutableSuffix(address) ? [] : ["topleveldomain"];
  const parts = splitAddress(address);
  if (!parts || parts.local === "" || parts.domain === "") return ["format"];
  const kinds: DirectoryErrorKind[] = [];
  if (!isDotAtom(parts.local)) kinds.push("localpart");
  const labels = parts.domain.split(".");
  if (labels.length < 2 || !labels.every((l) => DNS_LABEL.test(l))) kinds.push("domainpart");
  if (!isRoutableSuffix(parts.domain)) kinds.push("topleveldomain");
  return kinds;
}

/** Tidies a local part mechanically: drops leading, trailing and doubled dots. */
export function tidyLocalPart(local: string): string {
  return local.replace(/\.{2,}/g, ".").replace(/^\.+|\.+$/g, "");
}
