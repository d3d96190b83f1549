/**
 * SMTP addresses and DNS suffixes: the dot-atom local part, DNS labels, a publicly routable top-level domain
 * (the IANA root zone from the `tlds` package, minus the catalogue's private suffixes) and verified domains.
 */
import tlds from "tlds";
import { PRIVATE_DNS_SUFFIXES, TENANT_INITIAL_DOMAIN_SUFFIX, type DirectoryErrorKind } from "../../requirements";
import { hasAnyOf } from "./text";

const ROOT_ZONE: ReadonlySet<string> = new Set(tlds.map((t) => t.toLowerCase()));
const PRIVATE: ReadonlySet<string> = new Set(PRIVATE_DNS_SUFFIXES);

/** RFC 5322 atext (ASCII letters, digits and ! # $ % & ' * + / = ? ^ _ ` { | } ~ -) joined by single dots. */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
/** The common case in one test: dot-atom, `@`, two or more DNS labels. */
const VALID_ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** True when the last label of a DNS name is in the IANA root zone and is not a private suffix. */
function isRoutableSuffix(domain: string): boolean {
  let tld = domain.slice(domain.lastIndexOf(".") + 1);
  if (!ROOT_ZONE.has(tld)) tld = tld.toLowerCase();
  return ROOT_ZONE.has(tld) && !PRIVATE.has(tld);
}

/**
 * True when `domain` is one of the verified domains or a subdomain of one (compared case-insensitively), or an
 * onmicrosoft.com domain (the tenant's initial domain, verified by construction).
 */
export function isVerifiedDomain(domain: string, verified: readonly string[]): boolean {
  const d = domain.toLowerCase();
  const under = (v: string): boolean => d === v || (d.endsWith(v) && d.charCodeAt(d.length - v.length - 1) === 0x2e);
  return under(TENANT_INITIAL_DOMAIN_SUFFIX) || verified.some(under);
}

/**
 * The fast path of the common case: a well-formed ASCII address without a character of `forbidden`, with a
 * routable suffix and, when `verified` is not empty, a verified domain. False means "look closer".
 */
export function isCleanAddress(address: string, forbidden: string, verified: readonly string[]): boolean {
  if (!VALID_ADDRESS.test(address) || hasAnyOf(address, forbidden) || !isRoutableSuffix(address)) return false;
  return verified.length === 0 || isVerifiedDomain(address.slice(address.lastIndexOf("@") + 1), verified);
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
