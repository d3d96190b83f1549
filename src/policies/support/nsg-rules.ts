/** NSG security rules as the policies compare them: inline `securityRules` or a standalone SecurityRule resource. */
import { BoundedMemo } from "../../support/memo";
import type { PolicyContext } from "./define";
import { asNumber, asString, readItems, readPath, type Read } from "./read";
import { SECURITY_RULE_TYPES } from "./type-tokens";

export interface RuleView {
  /** Where the rule is, e.g. "securityRules.2" ("" for a standalone rule). */
  readonly path: string;
  readonly name: string;
  readonly priority?: number;
  readonly direction: string;
  readonly access: string;
  readonly protocol: string;
  readonly sourcePrefixes: readonly string[];
  readonly destinationPrefixes: readonly string[];
  readonly destinationPorts: readonly string[];
}

/** Reads the singular and plural form of a field ("sourceAddressPrefix" and "sourceAddressPrefixes") into one list. */
function readBoth(rule: unknown, singular: string, base: string): Read<readonly string[]> {
  const one = asString(readPath(rule, singular, base));
  if (!one.known) return one;
  const many = readItems(rule, `${singular}${singular.endsWith("Range") ? "s" : "es"}`, base);
  if (!many.known) return many;
  const values: string[] = one.value ? [one.value] : [];
  for (const { item } of many.value ?? []) if (typeof item === "string") values.push(item);
  return { known: true, value: values, path: base };
}

/** Reads one rule object found at `base`. */
function readRule(rule: unknown, base: string): Read<RuleView> {
  const text = (field: string): Read<string> => asString(readPath(rule, field, base));
  // azure-native's standalone SecurityRule names the rule in `securityRuleName`.
  const fields = {
    name: text("name"),
    ruleName: text("securityRuleName"),
    direction: text("direction"),
    access: text("access"),
    protocol: text("protocol"),
  };
  for (const r of Object.values(fields)) if (!r.known) return r;
  const priority = asNumber(readPath(rule, "priority", base));
  const sources = readBoth(rule, "sourceAddressPrefix", base);
  const destinations = readBoth(rule, "destinationAddressPrefix", base);
  const ports = readBoth(rule, "destinationPortRange", base);
  for (const r of [priority, sources, destinations, ports]) if (!r.known) return r;
  const value = (r: Read<string>): string => (r.known ? (r.value ?? "") : "");
  return {
    known: true,
    path: base,
    value: {
      path: base,
      name: value(fields.name) || value(fields.ruleName) || base || "(standalone rule)",
      priority: priority.known ? priority.value : undefined,
      direction: value(fields.direction).toLowerCase(),
      access: value(fields.access).toLowerCase(),
      protocol: value(fields.protocol).toLowerCase(),
      sourcePrefixes: sources.known ? (sources.value ?? []) : [],
      destinationPrefixes: destinations.known ? (destinations.value ?? []) : [],
      destinationPorts: ports.known ? (ports.value ?? []) : [],
    },
  };
}

/**
 * Where `entra-gate check` attaches to an NSG the standalone SecurityRule resources that refer to it (a plan
 * file shows them all; the pack sees one resource at a time and never has this field). No provider uses it.
 */
export const STANDALONE_RULES_FIELD = "entra-gate:standaloneSecurityRules";

/**
 * The rules of an NSG (inline, plus the attached standalone rules when `withStandalone`) or the one rule of a
 * SecurityRule resource; undefined after reporting an unknown.
 */
export function rulesOf(ctx: PolicyContext<object>, withStandalone = false): readonly RuleView[] | undefined {
  if (SECURITY_RULE_TYPES.includes(ctx.type)) {
    const one = readRule(ctx.props, "");
    return ctx.known(one, "a field of the security rule") ? (one.value ? [one.value] : []) : undefined;
  }
  const inline = rulesAt(ctx, "securityRules");
  if (!inline || !withStandalone) return inline;
  const standalone = rulesAt(ctx, STANDALONE_RULES_FIELD);
  return standalone && [...inline, ...standalone];
}

/**
 * Rule lists already read, per resource (its props object) and field: several policies read the same NSG.
 * Only complete reads are kept; an unknown is read (and reported) again by each policy.
 */
const RULES_READ = new Map<string, WeakMap<object, readonly RuleView[]>>();

/** The rules listed in one field of an NSG; undefined after reporting an unknown. */
function rulesAt(ctx: PolicyContext<object>, field: string): readonly RuleView[] | undefined {
  let cache = RULES_READ.get(field);
  if (!cache) RULES_READ.set(field, (cache = new WeakMap()));
  const cached = cache.get(ctx.props);
  if (cached) return cached;
  const items = readItems(ctx.props, field);
  if (!ctx.known(items, "the security rules")) return undefined;
  const rules: RuleView[] = [];
  for (const { item, path } of items.value ?? []) {
    const rule = readRule(item, path);
    if (!ctx.known(rule, "a field of a security rule")) return undefined;
    if (rule.value) rules.push(rule.value);
  }
  cache.set(ctx.props, rules);
  return rules;
}

interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** Ranges already parsed: a plan repeats the same few port texts on every NSG (bounded: the file decides how many). */
const RANGES = new BoundedMemo<string, PortRange | undefined>(10_000);

/** Parses "3389", "1000-2000" or "*" into a range. */
function parseRange(text: string): PortRange | undefined {
  return RANGES.get(text, () => parseRangeText(text));
}

function parseRangeText(text: string): PortRange | undefined {
  const t = text.trim();
  if (t === "*" || t.toLowerCase() === "any") return { from: 0, to: Number.MAX_SAFE_INTEGER };
  const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(t);
  if (!m) return undefined;
  return { from: Number(m[1]), to: Number(m[2] ?? m[1]) };
}

/** True when any of the rule's destination port ranges overlaps [from, to]. */
export function portsOverlap(ranges: readonly string[], from: number, to: number): boolean {
  return ranges.some((text) => {
    const r = parseRange(text);
    return r !== undefined && r.from <= to && r.to >= from;
  });
}

/** A rule's port list, parsed and sorted by start, per list (one list per rule read). */
const SORTED_RANGES = new WeakMap<readonly string[], readonly PortRange[]>();

/** True when the rule's destination port ranges, taken together, cover every port of [from, to]. */
export function portsCover(ranges: readonly string[], from: number, to: number): boolean {
  let parsed = SORTED_RANGES.get(ranges);
  if (!parsed) SORTED_RANGES.set(ranges, (parsed = ranges.flatMap((text) => parseRange(text) ?? []).sort((a, b) => a.from - b.from)));
  let next = from;
  for (const r of parsed) {
    if (r.from > next) return false;
    next = Math.max(next, r.to + 1);
    if (next > to) return true;
  }
  return false;
}

/** True when a rule protocol ("tcp", "udp", "*", "any") applies to `protocol`. */
export function protocolApplies(ruleProtocol: string, protocol: string): boolean {
  return ruleProtocol === "*" || ruleProtocol === "any" || ruleProtocol === protocol;
}

/** "rule deny-out (priority 4000)" for messages. */
export function describeRule(rule: RuleView): string {
  return rule.priority === undefined ? `rule ${rule.name}` : `rule ${rule.name} (priority ${rule.priority})`;
}
