/**
 * The streaming paged search (RFC 2696): pages of LDAP_PAGE_SIZE entries are decoded into DirectoryEntry values
 * and handed to the caller as they arrive. String attributes are fetched as bytes and decoded strictly, so bytes
 * that are not UTF-8 are reported rather than silently replaced. Ranged values (`proxyAddresses;range=0-1499`,
 * AD's answer for huge multi-valued attributes) are completed with follow-up reads.
 */
import type { Entry } from "ldapts";
import { FIRST_NON_WELL_KNOWN_RID } from "../../requirements";
import type { DirectoryEntry } from "./entry";
import { describeLdapFailure, type AdSession } from "./ldap-session";

export interface ScanOptions {
  readonly baseDn: string;
  readonly filter: string;
  /** Decoded string attributes (objectClass, cn and sAMAccountName are always read, for the scope rules). */
  readonly attributes: readonly string[];
  readonly pageSize: number;
}

/**
 * Attributes every scan reads besides the checked ones: the object kind and the default sync rules need them
 * (scope.ts). userCertificate is read for its presence only (a computer syncs only with one).
 */
export const SCOPE_ATTRIBUTES = [
  "objectClass",
  "cn",
  "sAMAccountName",
  "objectSid",
  "isCriticalSystemObject",
  "mail",
  "mailNickname",
  "proxyAddresses",
  "displayName",
  "groupType",
  "msExchRecipientTypeDetails",
  "msExchHideFromAddressLists",
  "userCertificate",
] as const;

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });
const LENIENT_UTF8 = new TextDecoder("utf-8");
const BUILTIN_DOMAIN_SID_PREFIX = "1-5-32";

/** True for a well-known principal: RID below 1000 in a domain, or any BUILTIN (S-1-5-32) SID. */
export function isWellKnownSid(sid: Buffer): boolean {
  if (sid.length < 8) return false;
  const subCount = sid[1] ?? 0;
  const authority = sid.readUIntBE(2, 6);
  const firstSub = sid.length >= 12 ? sid.readUInt32LE(8) : -1;
  if (`${sid[0]}-${authority}-${firstSub}` === BUILTIN_DOMAIN_SID_PREFIX) return true;
  if (subCount < 1 || sid.length < 8 + 4 * subCount) return false;
  return sid.readUInt32LE(8 + 4 * (subCount - 1)) < FIRST_NON_WELL_KNOWN_RID;
}

function asBuffers(raw: Entry[string] | undefined): Buffer[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((v) => (typeof v === "string" ? Buffer.from(v, "utf8") : v));
}

/** Splits `proxyAddresses;range=0-1499` into the attribute and the last index returned ("*" at the end). */
export function parseRangedAttribute(name: string): { attribute: string; end: string } | undefined {
  const m = /^([^;]+);range=\d+-(\d+|\*)$/i.exec(name);
  return m ? { attribute: m[1] as string, end: m[2] as string } : undefined;
}

/** Converts one ldapts entry (attribute values as Buffers) into a DirectoryEntry. */
export function toDirectoryEntry(
  raw: Entry,
  canonical: ReadonlyMap<string, string>,
): { entry: DirectoryEntry; ranged: Map<string, string> } {
  const values: Record<string, string[]> = {};
  const ranged = new Map<string, string>();
  let invalid: Set<string> | undefined;
  let critical = false;
  let certificate = false;
  for (const key of Object.keys(raw)) {
    if (key === "dn") continue;
    const range = parseRangedAttribute(key);
    const name = canonical.get((range?.attribute ?? key).toLowerCase()) ?? key;
    if (name === "objectSid") {
      critical ||= asBuffers(raw[key]).some(isWellKnownSid);
      continue;
    }
    if (name === "userCertificate") {
      certificate ||= asBuffers(raw[key]).length > 0;
      continue;
    }
    if (name === "isCriticalSystemObject") {
      critical ||= asBuffers(raw[key]).some((b) => b.toString("latin1").toUpperCase() === "TRUE");
      continue;
    }
    const decoded: string[] = [];
    for (const b of asBuffers(raw[key])) {
      try {
        decoded.push(STRICT_UTF8.decode(b));
      } catch {
        (invalid ??= new Set()).add(name);
        decoded.push(LENIENT_UTF8.decode(b));
      }
    }
    values[name] = (values[name] ?? []).concat(decoded);
    if (range && range.end !== "*") ranged.set(name, range.end);
  }
  const entry: DirectoryEntry = {
    dn: raw.dn,
    objectClass: values.objectClass ?? [],
    values,
    critical,
    ...(certificate ? { hasUserCertificate: true } : {}),
    ...(invalid ? { invalidUtf8: invalid } : {}),
  };
  return { entry, ranged };
}

/** Reads the remaining values of a ranged attribute (`attr;range=N-*` until the server answers with `*`). */
async function completeRange(
  session: AdSession,
  dn: string,
  attribute: string,
  end: string,
  canonical: ReadonlyMap<string, string>,
): Promise<string[]> {
  const out: string[] = [];
  let next = Number(end) + 1;
  for (;;) {
    const { searchEntries } = await session.client.search(dn, {
      scope: "base",
      attributes: [`${attribute};range=${next}-*`],
      explicitBufferAttributes: [],
    });
    const raw = searchEntries[0];
    if (!raw) return out;
    const { entry, ranged } = toDirectoryEntry(raw, canonical);
    out.push(...(entry.values[attribute] ?? []));
    const more = ranged.get(attribute);
    if (more === undefined) return out;
    next = Number(more) + 1;
  }
}

/** The streaming scan: yields every entry under the base, page by page. */
export async function* pagedScan(session: AdSession, options: ScanOptions): AsyncGenerator<DirectoryEntry> {
  const attributes = [...new Set([...SCOPE_ATTRIBUTES, ...options.attributes])];
  const canonical = new Map(attributes.map((a) => [a.toLowerCase(), a]));
  const pages = session.client.searchPaginated(options.baseDn, {
    scope: "sub",
    filter: options.filter,
    attributes,
    explicitBufferAttributes: attributes,
    paged: { pageSize: options.pageSize },
  });
  const doing = `search under "${options.baseDn}"`;
  // The next page is requested before this one is evaluated, so the DC works while the rules run.
  const request = (): Promise<IteratorResult<{ searchEntries: Entry[] }>> => {
    const next = pages.next();
    next.catch(() => undefined); // awaited (and its failure reported) below
    return next;
  };
  let pending = request();
  for (;;) {
    let page: IteratorResult<{ searchEntries: Entry[] }>;
    try {
      page = await pending;
    } catch (e) {
      throw describeLdapFailure(e, session.endpoint, doing);
    }
    session.assertConnected(doing);
    if (page.done) return;
    pending = request();
    for (const raw of page.value.searchEntries) {
      const { entry, ranged } = toDirectoryEntry(raw, canonical);
      for (const [attribute, end] of ranged) {
        const rest = await completeRange(session, entry.dn, attribute, end, canonical).catch((e: unknown) => {
          throw describeLdapFailure(e, session.endpoint, `read ${attribute} of ${entry.dn}`);
        });
        (entry.values as Record<string, string[]>)[attribute] = [...(entry.values[attribute] ?? []), ...rest];
      }
      yield entry;
    }
  }
}
