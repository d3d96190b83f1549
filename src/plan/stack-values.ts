/**
 * The shape of each value in a stack file, checked before the program runs: a key the program reads as a
 * string must be one (not a list or a map), a number must be finite, a list must hold strings, no value may
 * carry control characters (newlines, ANSI escapes), and the names Azure and Windows restrict must follow their
 * rules. A key under the project's namespace that the program does not read is a warning (likely a typo).
 */
import { InputError } from "../support/errors";
import { stripControlCharacters } from "../support/redact";
import { STACK_CONFIG_KEYS } from "../components/stack-config";
import { isRecord } from "./is-record";

/** A value longer than this is no real stack value (the longest real one, a subnet id, is a few hundred). */
const MAX_VALUE_LENGTH = 1024;

interface NameRule {
  readonly pattern: RegExp;
  readonly rule: string;
}

/**
 * Naming rules of the values that become Azure names. Source: Microsoft Learn, "Naming rules and restrictions
 * for Azure resources" (Microsoft.Resources resourcegroups: 1-90, alphanumerics, underscores, parentheses,
 * hyphens, periods, not ending in a period; Microsoft.Compute virtualMachines, Windows: a computer name of at most
 * 15 characters, no period, not entirely numeric; subnets are referred to by their ARM resource id).
 */
const NAME_RULES: Readonly<Record<string, NameRule>> = {
  serverName: {
    pattern: /^(?=.*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9-]{0,13}[A-Za-z0-9])?$/,
    rule: "1 to 15 letters, digits or hyphens, with at least one letter, not starting or ending with a hyphen (it becomes the Windows computer name, which Azure refuses entirely numeric)",
  },
  resourceGroupName: {
    pattern: /^[\p{L}\p{N}_().-]{0,89}[\p{L}\p{N}_()-]$/u,
    rule: "1 to 90 letters, digits, underscores, parentheses, hyphens or periods, not ending in a period",
  },
  subnetId: {
    pattern: /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i,
    rule: "a subnet's resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>",
  },
};

type Kind = "string" | "integer" | "array" | "boolean" | "secret";

function kindOf(key: string): Kind | undefined {
  const has = (list: readonly string[]): boolean => list.includes(key);
  if (has(STACK_CONFIG_KEYS.string)) return "string";
  if (has(STACK_CONFIG_KEYS.integer)) return "integer";
  if (has(STACK_CONFIG_KEYS.array)) return "array";
  if (has(STACK_CONFIG_KEYS.boolean)) return "boolean";
  if (has(STACK_CONFIG_KEYS.secret) || has(STACK_CONFIG_KEYS.optionalSecret)) return "secret";
  return undefined;
}

/** What a value of each kind must be, for the fix of a refusal. */
const FIX_BY_KIND: Readonly<Record<Kind, string>> = {
  string: "a single line of text",
  integer: "a whole number",
  array: "a YAML list of strings",
  boolean: "true or false",
  secret: "a single line of text",
};

/** A value for a message: quoted, control characters escaped, cut short. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The problem with one string, or undefined. */
function stringProblem(key: string, value: string): string | undefined {
  if (value.length > MAX_VALUE_LENGTH) return `is ${value.length} characters long, more than any real value (${MAX_VALUE_LENGTH})`;
  if (stripControlCharacters(value) !== value)
    return `${shown(value)} holds a control character (a line break, a tab or an escape sequence)`;
  const name = NAME_RULES[key];
  if (name && value.trim() !== "" && !name.pattern.test(value.trim())) return `${shown(value)} is not ${name.rule}`;
  return undefined;
}

/**
 * The problem with one value of a known key, or undefined. Whole numbers and lists of addresses are judged by
 * the program itself (its refusal cites the requirement); here only what it cannot see: a non-finite number
 * (YAML's 1e309 reaches it as "null"), a list or map where it reads a single value, and control characters.
 */
function valueProblem(key: string, kind: Kind, value: unknown): string | undefined {
  if (kind === "secret") return undefined;
  if (typeof value === "number" && !Number.isFinite(value)) return `is ${shown(String(value))}, not a finite number`;
  if (kind === "array") {
    for (const item of Array.isArray(value) ? value : []) {
      const problem = typeof item === "string" ? stringProblem(key, item) : undefined;
      if (problem) return `holds an item that ${problem}`;
    }
    return undefined;
  }
  if (Array.isArray(value) || isRecord(value))
    return `is a ${Array.isArray(value) ? "list" : "map"} (${shown(value)}); it must be a single value`;
  return typeof value === "string" ? stringProblem(key, value) : undefined;
}

/** Edit distance, for "did you mean" on a mistyped key. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function suggestion(key: string, known: readonly string[]): string {
  const near = known
    .map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) }))
    .filter(({ d }) => d <= 3)
    .sort((x, y) => x.d - y.d)[0];
  return near ? ` (did you mean ${near.k}?)` : "";
}

/**
 * Checks every value of a stack file's `config:` map. Throws an InputError naming the first wrong key and the
 * fix; returns warnings for keys under `project:` that the program does not read.
 */
export function checkStackValues(values: Readonly<Record<string, unknown>>, project: string, path: string): string[] {
  const known = Object.values(STACK_CONFIG_KEYS).flat() as string[];
  const warnings: string[] = [];
  for (const [fullKey, raw] of Object.entries(values)) {
    const [namespace, key] = fullKey.includes(":") ? (fullKey.split(":", 2) as [string, string]) : [project, fullKey];
    if (namespace !== project) continue;
    const kind = kindOf(key);
    if (kind === undefined) {
      warnings.push(`${path}: ${fullKey} is not a key this program reads, so it has no effect${suggestion(key, known)}.`);
      continue;
    }
    if (isRecord(raw) && "secure" in raw) continue;
    const value = isRecord(raw) && "value" in raw ? raw["value"] : raw;
    const problem = valueProblem(key, kind, value);
    if (problem !== undefined) {
      throw new InputError(`Stack file ${path}: ${fullKey} ${problem}. Fix: set ${key} to ${NAME_RULES[key]?.rule ?? FIX_BY_KIND[kind]}.`);
    }
  }
  return warnings;
}
