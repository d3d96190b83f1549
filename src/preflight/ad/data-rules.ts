/**
 * The directory data rules engine: entries stream in one by one (`add`), per-value rules run at once, values
 * go into hash maps for uniqueness, and `finish` merges everything into one finding per object and attribute
 * (per value for proxyAddresses). Memory holds the indexed values and the findings, never the entries.
 */
import {
  CHECKED_ATTRIBUTES,
  DIRECTORY_ERROR_KINDS,
  UNIQUE_ATTRIBUTES,
  type CheckedAttribute,
  type DirectoryErrorKind,
  type OutOfScopeReason,
} from "../../requirements";
import { checkProxyAddress, checkSingleValue, checkUserPrincipalName, type RuleContext, type ValueVerdict } from "./attribute-rules";
import { firstValue, rdnValue, type DirectoryEntry } from "./entry";
import { hasSmtpPrefix } from "./text";
import type { DirectoryDataSummary, DirectoryFinding, ObjectCounts } from "./report";
import { objectKind, outOfScopeReason, type ObjectKind } from "./scope";
import { StringArena } from "./string-arena";
import { UniquenessIndex } from "./uniqueness-index";

export interface DataRulesOptions {
  /** The tenant's verified domains: enables `unverifieddomain`. */
  readonly verifiedDomains?: readonly string[];
  /** Attributes that cannot be checked in this scan (not in the GC): their rules do not run. */
  readonly uncheckedAttributes?: readonly CheckedAttribute[];
}

export interface DataRulesResult {
  readonly counts: ObjectCounts;
  readonly findings: DirectoryFinding[];
  readonly summary: DirectoryDataSummary;
}

interface MutableFinding {
  readonly object: number;
  readonly attribute: CheckedAttribute;
  readonly value: string;
  readonly errors: Set<DirectoryErrorKind>;
  suggestion: string | null;
  readonly related: Set<number>;
}

const UNIQUE: ReadonlySet<CheckedAttribute> = new Set(UNIQUE_ATTRIBUTES);
const SINGLE_VALUED = CHECKED_ATTRIBUTES.filter(
  (a): a is Exclude<CheckedAttribute, "proxyAddresses" | "userPrincipalName"> => a !== "proxyAddresses" && a !== "userPrincipalName",
);
const ATTRIBUTE_ORDER = new Map<string, number>(CHECKED_ATTRIBUTES.map((a, i) => [a, i]));
const COMPUTER_REASON: OutOfScopeReason = "computer without userCertificate";
const COUNT_KEY = { user: "users", group: "groups", contact: "contacts", computer: "computers" } as const satisfies Record<
  ObjectKind,
  string
>;
/** The domain of a DN: its trailing DC= components (CN=a,OU=b,DC=eu,DC=corp,DC=com -> dc=eu,dc=corp,dc=com). */
const DOMAIN_SUFFIX = /(?:^|,)((?:DC=[^,]*,)*DC=[^,]*)$/i;

/** The DN component that ends at `end` (exclusive, at a ",") starts with DC= (any case). */
function startsWithDc(dn: string, end: number): boolean {
  const start = dn.lastIndexOf(",", end - 1) + 1;
  return (dn.charCodeAt(start) | 0x20) === 0x64 && (dn.charCodeAt(start + 1) | 0x20) === 0x63 && dn.charCodeAt(start + 2) === 0x3d;
}

export class DirectoryDataRules {
  /** DN and most specific class of every checked object, by index (class names interned). */
  private readonly dns = new StringArena();
  private readonly classes: string[] = [];
  private readonly classNames = new Map<string, string>();
  private readonly findings = new Map<string, MutableFinding>();
  private readonly index = new UniquenessIndex();
  private readonly verifiedDomains: readonly string[];
  private readonly unchecked: ReadonlySet<CheckedAttribute>;
  /** The single-valued attributes this scan checks, and whether each must be unique. */
  private readonly singleValued: readonly { readonly attribute: (typeof SINGLE_VALUED)[number]; readonly unique: boolean }[];
  private readonly checkUpn: boolean;
  private readonly checkProxies: boolean;
  private readonly counts = { users: 0, groups: 0, contacts: 0, computers: 0 };
  /** Objects in the default sync scope, per kind: what the tenant object limit counts. */
  private readonly syncing = { users: 0, groups: 0, contacts: 0, computers: 0 };
  /** Objects out of the default sync scope, per reason (all kinds). */
  private readonly outOfScope: Partial<Record<OutOfScopeReason, number>> = {};
  /** Domains (lower-case DN) by number: sAMAccountName is unique per domain, not per forest. */
  private readonly domains = new Map<string, number>();
  private lastDomain: { readonly suffix: string; readonly n: number } | undefined;
  private scanned = 0;

  constructor(options: DataRulesOptions = {}) {
    this.verifiedDomains = (options.verifiedDomains ?? []).map((d) => d.trim().toLowerCase()).filter((d) => d !== "");
    this.unchecked = new Set(options.uncheckedAttributes ?? []);
    this.singleValued = SINGLE_VALUED.filter((a) => !this.unchecked.has(a)).map((a) => ({ attribute: a, unique: UNIQUE.has(a) }));
    this.checkUpn = !this.unchecked.has("userPrincipalName");
    this.checkProxies = !this.unchecked.has("proxyAddresses");
  }

  /** Number of entries added so far (all kinds). */
  get entriesSeen(): number {
    return this.counts.users + this.counts.groups + this.counts.contacts + this.counts.computers;
  }

  /** Counts the entry and, for users, contacts and groups in scope, runs every per-value rule on it. */
  add(entry: DirectoryEntry): void {
    const kind = objectKind(entry.objectClass);
    if (kind === undefined) return;
    this.counts[COUNT_KEY[kind]]++;
    const reason = outOfScopeReason(entry, kind);
    if (kind !== "computer") this.scanned++;
    if (reason !== undefined) {
      this.outOfScope[reason] = (this.outOfScope[reason] ?? 0) + 1;
      return;
    }
    this.syncing[COUNT_KEY[kind]]++;
    if (kind === "computer") return;
    const object = this.classes.length;
    const objectClass = entry.objectClass[entry.objectClass.length - 1] ?? kind;
    let interned = this.classNames.get(objectClass);
    if (interned === undefined) this.classNames.set(objectClass, (interned = objectClass));
    this.dns.add(entry.dn);
    this.classes.push(interned);
    const ctx: RuleContext = {
      kind,
      cn: firstValue(entry, "cn") ?? rdnValue(entry.dn),
      sAMAccountName: firstValue(entry, "sAMAccountName"),
      verifiedDomains: this.verifiedDomains,
    };
    for (const { attribute, unique } of this.singleValued) {
      const value = firstValue(entry, attribute);
      if (value === undefined) continue;
      this.record(object, attribute, value, checkSingleValue(attribute, value, ctx), entry);
      if (unique)
        this.index.add(object, attribute, value, attribute === "mail", attribute === "sAMAccountName" ? this.domainOf(entry.dn) : 0);
    }
    if (kind === "user" && this.checkUpn) {
      const upn = firstValue(entry, "userPrincipalName");
      this.record(object, "userPrincipalName", upn ?? "", checkUserPrincipalName(upn, ctx), entry);
      if (upn !== undefined && upn !== "") this.index.add(object, "userPrincipalName", upn, true);
    }
    const proxies = this.checkProxies ? entry.values.proxyAddresses : undefined;
    if (proxies) this.addProxyAddresses(object, proxies, ctx, entry);
  }

  /** The number of the entry's domain (1, 2, ...; 0 for a DN without DC= components). */
  private domainOf(dn: string): number {
    // Entries come domain by domain: a DN ending in the last domain's DC= components as written, after a
    // component that is not DC=, lies in that domain.
    const last = this.lastDomain;
    if (
      last !== undefined &&
      dn.length > last.suffix.length &&
      dn.endsWith(last.suffix) &&
      !startsWithDc(dn, dn.length - last.suffix.length)
    )
      return last.n;
    const match = DOMAIN_SUFFIX.exec(dn);
    const suffix = match?.[1];
    if (match === null || suffix === undefined) return 0;
    const domain = suffix.toLowerCase();
    let n = this.domains.get(domain);
    if (n === undefined) this.domains.set(domain, (n = this.domains.size + 1));
    this.lastDomain = { suffix: `,${suffix}`, n };
    return n;
  }

  private addProxyAddresses(object: number, proxies: readonly string[], ctx: RuleContext, entry: DirectoryEntry): void {
    let primaries = 0;
    for (const p of proxies) if (p.startsWith("SMTP:")) primaries++;
    const mail = primaries > 1 ? firstValue(entry, "mail")?.toLowerCase() : undefined;
    const kept =
      primaries > 1
        ? (proxies.find((p) => p.startsWith("SMTP:") && p.slice(5).toLowerCase() === mail) ?? proxies.find((p) => p.startsWith("SMTP:")))
        : undefined;
    for (const value of proxies) {
      const extraPrimary = kept !== undefined && value !== kept && value.startsWith("SMTP:");
      this.record(object, "proxyAddresses", value, checkProxyAddress(value, ctx, extraPrimary), entry);
      this.index.add(object, "proxyAddresses", value, hasSmtpPrefix(value));
    }
  }

  private record(object: number, attribute: CheckedAttribute, value: string, v: ValueVerdict, entry: DirectoryEntry): void {
    const badBytes = entry.invalidUtf8?.has(attribute) === true;
    if (v.errors.length === 0 && !badBytes) return;
    const finding = this.finding(object, attribute, value);
    for (const e of v.errors) finding.errors.add(e);
    if (badBytes) finding.errors.add("character");
    finding.suggestion = badBytes || v.suggestion === value ? null : v.suggestion;
  }

  private finding(object: number, attribute: CheckedAttribute, value: string): MutableFinding {
    const key = `${object}\u0000${attribute}\u0000${value}`;
    let f = this.findings.get(key);
    if (!f) this.findings.set(key, (f = { object, attribute, value, errors: new Set(), suggestion: null, related: new Set() }));
    return f;
  }

  /** Adds the uniqueness findings and returns every finding, sorted by DN, attribute and value, with the summary. */
  finish(): DataRulesResult {
    for (const c of this.index.collisions()) {
      const f = this.finding(c.holder.object, c.holder.attribute, c.holder.value);
      for (const e of c.errors) f.errors.add(e);
      for (const r of c.related) f.related.add(r);
    }
    // Sorted by the lower-case DN as localeCompare orders it (Intl.Collator with the same defaults), then attribute and value.
    const dnKeys = new Map<number, string>();
    const keyed = [...this.findings.values()].map((f) => {
      const finding = this.toFinding(f);
      let key = dnKeys.get(f.object);
      if (key === undefined) dnKeys.set(f.object, (key = finding.dn.toLowerCase()));
      return { finding, key };
    });
    const findings = keyed.sort(compareFindings).map((k) => k.finding);
    const c = this.counts;
    const w = this.syncing;
    return {
      counts: {
        ...c,
        total: c.users + c.groups + c.contacts + c.computers,
        wouldSync: { ...w, total: w.users + w.groups + w.contacts + w.computers },
        outOfScope: { ...this.outOfScope },
      },
      findings,
      summary: this.summarise(findings),
    };
  }

  private toFinding(f: MutableFinding): DirectoryFinding {
    const dn = this.dns.get(f.object);
    const errors = DIRECTORY_ERROR_KINDS.filter((k) => f.errors.has(k));
    return {
      dn,
      objectClass: this.classes[f.object] as string,
      attribute: f.attribute,
      value: f.value,
      errors,
      suggestion: errors.includes("duplicate") || errors.includes("conflict") ? null : f.suggestion,
      related: [...f.related].map((i) => this.dns.get(i)).sort(),
    };
  }

  private summarise(findings: readonly DirectoryFinding[]): DirectoryDataSummary {
    const byKind: Partial<Record<DirectoryErrorKind, number>> = {};
    const byAttribute: Partial<Record<CheckedAttribute, number>> = {};
    const objects = new Set<string>();
    for (const f of findings) {
      objects.add(f.dn);
      byAttribute[f.attribute] = (byAttribute[f.attribute] ?? 0) + 1;
      for (const e of f.errors) byKind[e] = (byKind[e] ?? 0) + 1;
    }
    // Users, contacts and groups left out (computers are only counted: their reason is in counts.outOfScope).
    const skippedBy = Object.fromEntries(Object.entries(this.outOfScope).filter(([r]) => r !== COMPUTER_REASON));
    const skipped = Object.values(skippedBy).reduce((a, b) => a + b, 0);
    return {
      objectsScanned: this.scanned,
      skipped,
      skippedBy,
      objectsWithFindings: objects.size,
      findings: findings.length,
      findingsByKind: byKind,
      findingsByAttribute: byAttribute,
      uncheckedAttributes: CHECKED_ATTRIBUTES.filter((a) => this.unchecked.has(a)),
    };
  }
}

/** String.prototype.localeCompare(b) is new Intl.Collator().compare(a, b) (ECMA-402), without a collator per call. */
const COLLATOR = new Intl.Collator();

function compareFindings(x: { finding: DirectoryFinding; key: string }, y: { finding: DirectoryFinding; key: string }): number {
  const dn = x.key === y.key ? 0 : COLLATOR.compare(x.key, y.key);
  if (dn !== 0) return dn;
  const a = x.finding;
  const b = y.finding;
  const attr = (ATTRIBUTE_ORDER.get(a.attribute) ?? 0) - (ATTRIBUTE_ORDER.get(b.attribute) ?? 0);
  return attr !== 0 ? attr : a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}
