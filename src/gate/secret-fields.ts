/** gate.yaml holds references to secrets (environment variable names, file paths), never a secret's value. */
import { InputError } from "../cli/errors";

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

/** Throws an InputError naming the field when gate.yaml holds a literal password, secret or token. */
export function rejectLiteralSecrets(config: unknown, file: string): void {
  const field = findLiteralSecret(config, "");
  if (field === undefined) return;
  const name = field.split(".").pop() ?? field;
  const stem = name.replace(/\[\d+\]$/, "");
  throw new InputError(
    `${file}: ${field} holds a secret's value; gate.yaml never holds secrets. Replace it with ${stem}Env (the name of an environment variable filled from your pipeline's secret store) or ${stem}File (a file path).`,
  );
}
