/**
 * Pack config in the `--policy-pack-config` JSON format: `{"all": "advisory", "<policy>": "mandatory" |
 * {"enforcementLevel": ..., <config>...}}`. A string is shorthand for the enforcement level; "all" sets every
 * policy's level and per-policy entries override it. Each policy's config is validated against its schema.
 */
import { readFileSync } from "node:fs";
import type Ajv from "ajv";
import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { InputError } from "../support/errors";
import { decodeJsonBytes, parseJsonText } from "./json-text";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The resolved config of one policy. */
export interface ResolvedPolicyConfig {
  /** Effective level; "remediate" counts as mandatory, since the checker reports and never changes resources. */
  readonly enforcementLevel: Exclude<EnforcementLevel, "remediate">;
  /** What `args.getConfig()` returns: the policy's config without `enforcementLevel`. */
  readonly config: Readonly<Record<string, unknown>>;
}

export type PackConfig = ReadonlyMap<string, ResolvedPolicyConfig>;

function levelOf(value: unknown, file: string, key: string): EnforcementLevel {
  if (typeof value === "string" && (LEVELS as readonly string[]).includes(value)) return value as EnforcementLevel;
  throw new InputError(`${file}: "${key}" has enforcement level ${JSON.stringify(value)}; use one of ${LEVELS.join(", ")}.`);
}

/**
 * A validator for policy configs, loaded on first use: most runs pass no config, and loading ajv costs about as
 * much as judging a thousand resources (issue 11 item B).
 */
function newAjv(): Ajv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a config needs validating
  const { default: AjvClass } = require("ajv") as typeof import("ajv");
  return new AjvClass({ allErrors: true, strict: false });
}

/** Resolves the config of every policy from a parsed config document (`{}` for none). */
export function resolvePackConfig(doc: unknown, policies: readonly ResourceValidationPolicy[], file: string): PackConfig {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new InputError(`${file}: the policy config must be a JSON object keyed by policy name (or "all").`);
  }
  const entries = doc as Record<string, unknown>;
  const names = new Set(policies.map((p) => p.name));
  for (const key of Object.keys(entries)) {
    if (key !== "all" && !names.has(key)) {
      throw new InputError(`${file}: "${key}" is not a policy of this pack; use "all" or one of: ${[...names].join(", ")}.`);
    }
  }
  const all = entries.all === undefined ? undefined : levelOf(entries.all, file, "all");
  let ajv: Ajv | undefined;
  const resolved = new Map<string, ResolvedPolicyConfig>();
  for (const policy of policies) {
    const entry = entries[policy.name];
    let level = all ?? policy.enforcementLevel ?? "advisory";
    let config: Record<string, unknown> = {};
    if (typeof entry === "string") {
      level = levelOf(entry, file, policy.name);
    } else if (entry !== undefined) {
      if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
        throw new InputError(`${file}: "${policy.name}" must be an enforcement level string or an object.`);
      }
      const { enforcementLevel, ...rest } = entry as Record<string, unknown>;
      if (enforcementLevel !== undefined) level = levelOf(enforcementLevel, file, `${policy.name}.enforcementLevel`);
      ajv ??= newAjv();
      const schema = {
        type: "object",
        properties: policy.configSchema?.properties ?? {},
        required: policy.configSchema?.required,
        additionalProperties: false,
      };
      const validate = ajv.compile(schema);
      if (!validate(rest)) {
        const problems = (validate.errors ?? []).map(
          (e) =>
            `${e.instancePath || "(config)"} ${e.message ?? "is invalid"}${e.params && "additionalProperty" in e.params ? ` ("${String(e.params.additionalProperty)}")` : ""}`,
        );
        throw new InputError(
          `${file}: the config of "${policy.name}" is invalid: ${problems.join("; ")}. See docs/policy-pack.md for its settings.`,
        );
      }
      config = rest;
    }
    resolved.set(policy.name, { enforcementLevel: level === "remediate" ? "mandatory" : level, config });
  }
  if (policies.length > 0 && [...resolved.values()].every((c) => c.enforcementLevel === "disabled")) {
    throw new InputError(
      `${file}: every policy is disabled, so nothing would be checked and no result could say the plan is ready; enable at least one policy (remove "all": "disabled", or set the policies to check to "mandatory" or "advisory").`,
    );
  }
  return resolved;
}

/** Reads a config file; no file means every policy at its default level with empty config. */
export function loadPackConfig(file: string | undefined, policies: readonly ResourceValidationPolicy[]): PackConfig {
  if (file === undefined) return resolvePackConfig({}, policies, "(no config)");
  let text: string;
  try {
    text = decodeJsonBytes(readFileSync(file));
  } catch (e) {
    throw new InputError(
      `cannot read the policy config ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check --policy-config.`,
    );
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new InputError(`${file} (--policy-config) is not valid JSON (${parsed.where}).`);
  return resolvePackConfig(parsed.value, policies, file);
}
