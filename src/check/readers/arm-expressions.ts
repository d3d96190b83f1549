/**
 * The part of the ARM template expression language a compiled Bicep file or a hand-written template uses for the
 * values the policies read: string literals, `parameters()` (the given or default values), `variables()`, `concat`,
 * `format`, `toLower`/`toUpper`, `string`/`int`/`bool`, `if`/`equals`/`not`/`and`/`or`, `true()`/`false()`,
 * `resourceId()`, and property or index access on their results. Everything else (reference(), list*(),
 * resourceGroup(), uniqueString(), copyIndex(), a parameter without a default) is a value known only at
 * deployment: it evaluates to UNKNOWN, and so does any expression built from it.
 * (learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions; "[[" escapes a literal "[".)
 */
import { isRecord } from "../../plan/is-record";

/** A value the template cannot give before deployment. */
export const UNKNOWN: unique symbol = Symbol("unknown at deployment");
export type Value = unknown;

/** What expressions can read: the template's parameters (name -> value or UNKNOWN) and variables (raw JSON). */
export interface Scope {
  readonly parameters: ReadonlyMap<string, Value>;
  readonly variables: Readonly<Record<string, unknown>>;
}

type Token =
  { kind: "str"; value: string } | { kind: "num"; value: number } | { kind: "id"; value: string } | { kind: "punct"; value: string };

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) i++;
    else if (c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) return undefined;
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ kind: "str", value });
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+/.exec(text.slice(i));
      if (!m) return undefined;
      tokens.push({ kind: "num", value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ kind: "id", value: m[0] });
      i += m[0].length;
    } else if ("(),.[]".includes(c)) {
      tokens.push({ kind: "punct", value: c });
      i++;
    } else return undefined;
  }
  return tokens;
}

/** An ARM resource id from resourceId()'s arguments: [subscriptionId], [resourceGroupName], type, names... */
export function resourceIdOf(args: readonly string[]): string | undefined {
  const at = args.findIndex((a) => /^[A-Za-z0-9]+\.[A-Za-z0-9.]+\/[^/]/.test(a));
  if (at < 0) return undefined;
  const [namespace, ...types] = (args[at] as string).split("/");
  const names = args.slice(at + 1).flatMap((n) => n.split("/"));
  if (names.length !== types.length) return undefined;
  return `/providers/${namespace}/${types.map((t, i) => `${t}/${names[i]}`).join("/")}`;
}

const str = (v: Value): string | undefined =>
  typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;

/** The built-in functions this evaluator knows; each gets its evaluated arguments (none UNKNOWN unless lazy). */
const FUNCTIONS: Readonly<Record<string, (args: Value[]) => Value>> = {
  concat: (args) => (args.every(Array.isArray) ? args.flat() : args.every((a) => str(a) !== undefined) ? args.map(str).join("") : UNKNOWN),
  format: ([fmt, ...rest]) =>
    typeof fmt === "string" ? fmt.replace(/\{(\d+)(?::[^}]*)?\}/g, (_, n: string) => str(rest[Number(n)]) ?? "") : UNKNOWN,
  tolower: ([s]) => (typeof s === "string" ? s.toLowerCase() : UNKNOWN),
  toupper: ([s]) => (typeof s === "string" ? s.toUpperCase() : UNKNOWN),
  string: ([v]) => (typeof v === "string" ? v : v === undefined ? UNKNOWN : JSON.stringify(v)),
  int: ([v]) => (Number.isFinite(Number(v)) ? Math.trunc(Number(v)) : UNKNOWN),
  bool: ([v]) => (typeof v === "boolean" ? v : v === "true" ? true : v === "false" ? false : UNKNOWN),
  true: () => true,
  false: () => false,
  equals: ([a, b]) => JSON.stringify(a) === JSON.stringify(b),
  not: ([a]) => (typeof a === "boolean" ? !a : UNKNOWN),
  and: (args) => (args.every((a) => typeof a === "boolean") ? args.every(Boolean) : UNKNOWN),
  or: (args) => (args.every((a) => typeof a === "boolean") ? args.some(Boolean) : UNKNOWN),
  resourceid: (args) => (args.every((a) => typeof a === "string") ? (resourceIdOf(args as string[]) ?? UNKNOWN) : UNKNOWN),
};

class Parser {
  private at = 0;
  private readonly seen = new Set<string>();
  constructor(
    private readonly tokens: Token[],
    private readonly scope: Scope,
    seen: ReadonlySet<string>,
  ) {
    for (const s of seen) this.seen.add(s);
  }

  private peek(value?: string): boolean {
    const t = this.tokens[this.at];
    return t !== undefined && t.kind === "punct" && (value === undefined || t.value === value);
  }

  private expect(value: string): boolean {
    if (!this.peek(value)) return false;
    this.at++;
    return true;
  }

  /** The whole expression, or undefined when it does not parse. */
  parseAll(): { value: Value } | undefined {
    const v = this.expression();
    return v && this.at === this.tokens.length ? v : undefined;
  }

  private expression(): { value: Value } | undefined {
    const t = this.tokens[this.at++];
    if (!t) return undefined;
    let value: Value;
    if (t.kind === "str" || t.kind === "num") value = t.value;
    else if (t.kind === "id") {
      if (!this.expect("(")) {
        if (t.value === "true" || t.value === "false" || t.value === "null") value = t.value === "null" ? null : t.value === "true";
        else return undefined;
      } else {
        const args: Value[] = [];
        if (!this.expect(")")) {
          for (;;) {
            const a = this.expression();
            if (!a) return undefined;
            args.push(a.value);
            if (this.expect(")")) break;
            if (!this.expect(",")) return undefined;
          }
        }
        value = this.call(t.value.toLowerCase(), args);
      }
    } else return undefined;
    // Member and index access.
    for (;;) {
      if (this.expect(".")) {
        const name = this.tokens[this.at++];
        if (!name || name.kind !== "id") return undefined;
        value = member(value, name.value);
      } else if (this.expect("[")) {
        const index = this.expression();
        if (!index || !this.expect("]")) return undefined;
        value = member(value, index.value);
      } else return { value };
    }
  }

  private call(name: string, args: Value[]): Value {
    if (name === "parameters" || name === "variables") {
      if (typeof args[0] !== "string") return UNKNOWN;
      if (name === "parameters") return this.scope.parameters.has(args[0]) ? this.scope.parameters.get(args[0]) : UNKNOWN;
      if (!(args[0] in this.scope.variables) || this.seen.has(args[0])) return UNKNOWN;
      return evaluateValue(this.scope.variables[args[0]], this.scope, new Set([...this.seen, args[0]]));
    }
    if (name === "if") return args[0] === true ? args[1] : args[0] === false ? args[2] : UNKNOWN;
    const fn = FUNCTIONS[name];
    if (!fn || args.some((a) => a === UNKNOWN || containsUnknown(a))) return UNKNOWN;
    return fn(args);
  }
}

function member(value: Value, key: Value): Value {
  if (value === UNKNOWN || key === UNKNOWN) return UNKNOWN;
  if (Array.isArray(value) && typeof key === "number") return value[key] ?? UNKNOWN;
  if (isRecord(value) && (typeof key === "string" || typeof key === "number")) {
    const name = Object.keys(value).find((k) => k.toLowerCase() === String(key).toLowerCase());
    return name === undefined ? UNKNOWN : value[name];
  }
  return UNKNOWN;
}

/** True when UNKNOWN is anywhere inside an evaluated value. */
export function containsUnknown(v: Value): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  return isRecord(v) && Object.values(v).some(containsUnknown);
}

/** Evaluates one template string: a literal, "[[" for a literal "[", or "[expression]". */
export function evaluateString(text: string, scope: Scope, seen: ReadonlySet<string> = new Set()): Value {
  if (!text.startsWith("[") || !text.endsWith("]")) return text;
  if (text.startsWith("[[")) return text.slice(1);
  const tokens = tokenize(text.slice(1, -1));
  const parsed = tokens && new Parser(tokens, scope, seen).parseAll();
  return parsed ? parsed.value : UNKNOWN;
}

/** Evaluates every string of a JSON tree (object keys stay as written). */
export function evaluateValue(value: unknown, scope: Scope, seen: ReadonlySet<string> = new Set()): Value {
  if (typeof value === "string") return evaluateString(value, scope, seen);
  if (Array.isArray(value)) return value.map((v) => evaluateValue(v, scope, seen));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateValue(v, scope, seen)]));
  return value;
}
