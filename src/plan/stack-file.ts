/**
 * Reads a standard Pulumi stack file (stacks/Pulumi.<stack>.yaml) into the config map the Pulumi CLI would
 * hand the program: project defaults from Pulumi.yaml, then the stack's values. Offline, `secure:` values
 * cannot be decrypted, so each becomes a placeholder that the plan only ever shows as "[secret]".
 */
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";
import { InputError } from "../support/errors";
import { packageRoot } from "../components/package-root";
import { STACK_CONFIG_KEYS } from "../components/stack-config";
import { isRecord } from "./is-record";
import { checkStackValues } from "./stack-values";
import { describeBytes, FileTooLargeError, MAX_CONFIG_FILE_BYTES, readTextCapped } from "../support/files";

export interface StackConfig {
  readonly project: string;
  readonly stack: string;
  /** Full keys ("project:key") to string values. */
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
  /** Keys under the project's namespace that the program does not read. */
  readonly warnings: string[];
}

/** Stands in for a secret the plan cannot (and must not) read; never shown. */
const SECRET_STAND_IN = "plan-stand-in-for-a-secret";

function readYaml(path: string, what: string): unknown {
  if (!existsSync(path)) throw new InputError(`${what} ${path} does not exist: check the path, or use --stack dev or --stack enterprise.`);
  try {
    return parse(readTextCapped(path, MAX_CONFIG_FILE_BYTES));
  } catch (e) {
    if (e instanceof FileTooLargeError)
      throw new InputError(
        `${what} ${path} is larger than ${describeBytes(MAX_CONFIG_FILE_BYTES)}, which no real stack file is; it was not parsed. Name the stack file itself.`,
      );
    throw new InputError(
      `${what} ${path} is not valid YAML (${(e as Error).message.split("\n")[0]}): fix the file and run the plan again.`,
    );
  }
}

/** Pulumi.yaml: the project name, each config key's default, and the keys declared `secret: true`. */
function readProject(root: string): { name: string; defaults: Record<string, unknown>; secretKeys: string[] } {
  const project = readYaml(join(root, "Pulumi.yaml"), "The project file");
  if (!isRecord(project) || typeof project["name"] !== "string") throw new InputError(`${join(root, "Pulumi.yaml")} has no project name.`);
  const schema = isRecord(project["config"]) ? project["config"] : {};
  const defaults = Object.fromEntries(
    Object.entries(schema).flatMap(([key, decl]) => (isRecord(decl) && "default" in decl ? [[key, decl["default"]]] : [])),
  );
  const secretKeys = Object.entries(schema).flatMap(([key, decl]) => (isRecord(decl) && decl["secret"] === true ? [key] : []));
  return { name: project["name"], defaults, secretKeys };
}

/** A stack value that `pulumi config set --secret` wrote: `{secure: <ciphertext>}`. */
function isSecure(value: unknown): boolean {
  return isRecord(value) && "secure" in value;
}

/**
 * The Pulumi CLI's own rule (pulumi/pulumi pkg/workspace, validateStackConfigValue): a key declared
 * `secret: true` whose stack value is not a `secure:` value stops `pulumi preview` before the program runs. A
 * default of such a key counts too: the CLI writes a missing key's default into the stack as plain text first.
 */
function secretNotEncrypted(stack: string, key: string, path: string, fromDefault: boolean): InputError {
  const where = fromDefault
    ? `Pulumi.yaml gives ${key} a default, which the CLI writes into the stack as plain text`
    : `${path} holds ${key} as plain text`;
  return new InputError(
    `Stack file ${path}: validating stack config: Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret (the Pulumi CLI stops here too: ${where}). Fix: ${fromDefault ? `remove the default of ${key} from Pulumi.yaml and ` : `remove ${key} from the stack file and `}run pulumi config set --secret ${key}.`,
  );
}

/** The program's optional passwords (plain strings to the CLI) must be `secure:` values as well. */
function optionalSecretInPlainText(key: string, path: string): InputError {
  return new InputError(
    `Stack file ${path}: ${key} is a password held as plain text in the stack file, where anyone who reads the file or the repository sees it. Fix: remove ${key} from the stack file and run pulumi config set --secret ${key}.`,
  );
}

/** The stack file of a named stack: stacks/Pulumi.<stack>.yaml under the package root. */
export function stackFilePath(stack: string, root: string = packageRoot()): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack))
    throw new InputError(`--stack "${stack}" is not a stack name: use letters, digits, "-", "_" or ".", such as dev.`);
  return join(root, "stacks", `Pulumi.${stack}.yaml`);
}

/** The stack name of a stack file: "dev" for Pulumi.dev.yaml, else the file name without extension. */
function stackNameOf(path: string): string {
  const file = basename(path);
  return /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1] ?? file.replace(/\.ya?ml$/, "");
}

/** A config value as `pulumi config` stores it: strings as they are, numbers and booleans as text, lists and maps as JSON. */
function configText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Loads a stack file and merges it over the project's defaults. */
export function readStackConfig(path: string, root: string = packageRoot()): StackConfig {
  const project = readProject(root);
  const file = readYaml(path, "The stack file");
  const values = file === null || file === undefined ? {} : isRecord(file) ? (file["config"] ?? {}) : undefined;
  if (!isRecord(values))
    throw new InputError(`The stack file ${path} must hold a "config:" map of keys to values, as Pulumi stack files do.`);
  const warnings = checkStackValues(values, project.name, path);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const fullKey = (key: string): string => (key.includes(":") ? key : `${project.name}:${key}`);
  const stack = stackNameOf(path);
  const stackValue = (key: string): unknown => values[fullKey(key)] ?? (key.includes(":") ? undefined : values[key]);
  for (const key of project.secretKeys) {
    const value = stackValue(key);
    if (value === undefined && key in project.defaults) throw secretNotEncrypted(stack, key, path, true);
    if (value !== undefined && !isSecure(value)) throw secretNotEncrypted(stack, key, path, false);
  }
  for (const key of STACK_CONFIG_KEYS.optionalSecret) {
    const value = stackValue(key);
    if (value !== undefined && !isSecure(value)) throw optionalSecretInPlainText(key, path);
  }
  for (const [key, value] of Object.entries(project.defaults)) config[fullKey(key)] = configText(value);
  for (const [key, value] of Object.entries(values)) {
    const full = fullKey(key);
    if (isSecure(value)) {
      config[full] = SECRET_STAND_IN;
      secretKeys.push(full);
    } else if (value === null || value === undefined) {
      throw new InputError(`The stack file ${path} gives ${key} no value: set a value or remove the key.`);
    } else {
      config[full] = configText(isRecord(value) && "value" in value ? value["value"] : value);
    }
  }
  // Secrets are set with `pulumi config set --secret` before `pulumi up`, not in the file: the plan stands in for them.
  for (const key of [...STACK_CONFIG_KEYS.secret, ...STACK_CONFIG_KEYS.optionalSecret]) {
    const full = fullKey(key);
    if (!secretKeys.includes(full)) {
      config[full] = SECRET_STAND_IN;
      secretKeys.push(full);
    }
  }
  return { project: project.name, stack, config, secretKeys, warnings };
}
