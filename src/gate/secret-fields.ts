/** gate.yaml holds references to secrets (environment variable names, file paths), never a secret's value. */
import { InputError } from "../support/errors";

const LITERAL_SECRET = /^(password|passwd|pwd|secret|clientsecret|token|accesstoken|apikey|connectionstring)$/i;

/** The dotted path of the first field that looks like a literal secret, walking objects and arrays. */
function findLiteralSecret(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findLiteralSecret(item, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, child] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (LITERAL_SECRET.test(key)) return here;
    const found = findLiteralSecret(child, here);
    if (found) return found;
  }
  return undefined;
}

/** Every property name the schema declares, at any depth. */
function declaredFields(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) declaredFields(item, into);
  else if (schema !== null && typeof schema === "object") {
    for (const [key, child] of Object.entries(schema)) {
      if (key === "properties" && child !== null && typeof child === "object") for (const name of Object.keys(child)) into.add(name);
      declaredFields(child, into);
    }
  }
  return into;
}

/**
 * Throws an InputError naming the field when gate.yaml holds a literal password, secret or token; the advice
 * names only the reference fields (`<name>Env`, `<name>File`) that gate.yaml's `schema` really has.
 */
export function rejectLiteralSecrets(config: unknown, file: string, schema: unknown): void {
  const field = findLiteralSecret(config, "");
  if (field === undefined) return;
  const name = field.split(".").pop() ?? field;
  const stem = name.replace(/\[\d+\]$/, "");
  // The fields of the section the secret sits in (gate.yaml's top-level key), not of the whole file.
  const section = field.split(/[.[]/)[0] ?? "";
  const properties = (schema as { properties?: Record<string, unknown> } | null)?.properties;
  const known = declaredFields(properties?.[section] ?? schema);
  const references = [
    [`${stem}Env`, "the name of an environment variable filled from your pipeline's secret store"],
    [`${stem}File`, "a file path"],
  ].filter(([f]) => known.has(f ?? ""));
  const advice =
    references.length > 0
      ? `Replace it with ${references.map(([f, what]) => `${f} (${what})`).join(" or ")}.`
      : "Remove it and give the secret through the section's Env or File fields (see docs/gate.md).";
  throw new InputError(`${file}: ${field} holds a secret's value; gate.yaml never holds secrets. ${advice}`);
}
