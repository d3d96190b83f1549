/**
 * Builds a plain @pulumi/policy ResourceValidationPolicy from a small spec: type and scope filtering, the
 * shared config (`allowUnknownAtPreview`, `scope`), messages that cite the requirement, and "cannot verify at
 * preview" violations for unknown values. Type imports only: nothing from the SDK loads at run time.
 */
import type { EnforcementLevel, ResourceValidationArgs, ResourceValidationPolicy, ReportViolation, Severity } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { cite, type Requirement } from "../../requirements";
import { ALL_WINDOWS_VMS, inScope, type PolicyScope } from "./scope";
import type { Read } from "./read";
import { canonicalType, KNOWN_TYPES, SERVER_TYPES } from "./type-tokens";

/** Config every policy accepts. */
export interface CommonConfig {
  /** Accept values that are unknown at preview (the check then runs at `pulumi up`). Default false. */
  readonly allowUnknownAtPreview?: boolean;
  /** Server policies: "tagged" (default) or "all-windows-vms". */
  readonly scope?: "tagged" | typeof ALL_WINDOWS_VMS;
}

/** A read that is known. */
export type KnownRead<T> = Extract<Read<T>, { known: true }>;

/** What a policy's check sees. */
export interface PolicyContext<C extends object> {
  /** The resource's type token, versioned azure-native tokens canonicalised (see canonicalType). */
  readonly type: string;
  readonly name: string;
  /** The resource's inputs (the pack's unknown-checking proxy, or plain preview JSON): read them with readPath. */
  readonly props: Record<string, unknown>;
  readonly config: C & CommonConfig;
  /** Reports a violation: what is wrong and how to fix it; the requirement is cited after it. */
  report(what: string, fix: string): void;
  /** True when `r` is known; else reports "cannot verify at preview" (unless config relaxes it) and returns false. */
  known<T>(r: Read<T>, subject: string): r is KnownRead<T>;
}

/** The spec of one policy. */
export interface EntraPolicySpec<C extends object> {
  /** Verb-first, lower-case: `entra-connect-disallow-...`, `entra-connect-enforce-...`. */
  readonly name: string;
  readonly description: string;
  /** `mandatory` for a requirement, `advisory` for a recommendation. */
  readonly enforcementLevel: Extract<EnforcementLevel, "mandatory" | "advisory">;
  readonly severity: Severity;
  /** The catalogue requirement every violation cites. */
  readonly requirement: Requirement;
  readonly remediationSteps: string;
  /** Type tokens the policy reads (top-level tokens; versioned ones match too), or OTHER_TYPES. */
  readonly types: readonly string[] | typeof OTHER_TYPES;
  readonly scope: PolicyScope;
  /** Policy-specific config properties (JSON schema), besides the common ones. */
  readonly config?: Readonly<Record<string, PolicyConfigJSONSchema>>;
  readonly check: (ctx: PolicyContext<C>) => void;
}

/** `types` of a policy that reads every type the pack does not know (KNOWN_TYPES). */
export const OTHER_TYPES = "types-the-pack-does-not-know";

const COMMON_CONFIG: Record<string, PolicyConfigJSONSchema> = {
  allowUnknownAtPreview: {
    type: "boolean",
    description: "Accept a value that is unknown at preview instead of reporting 'cannot verify at preview'. Default false.",
  },
};

const SCOPE_CONFIG: Record<string, PolicyConfigJSONSchema> = {
  scope: {
    type: "string",
    enum: ["tagged", ALL_WINDOWS_VMS],
    description: "tagged (default): resources tagged entra-connect-role; all-windows-vms: every Windows VM as well.",
  },
};

/** Formats a violation message: what, the fix, and the requirement it breaks. */
export function violationMessage(what: string, fix: string, requirement: Requirement): string {
  return `${what}. Fix: ${fix}. (${cite(requirement)})`;
}

/** Per policy built here: whether a resource is one it applies to (its types and its scope with default config). */
const APPLICABILITY = new WeakMap<ResourceValidationPolicy, (type: string, props: unknown) => boolean>();

/**
 * True when the policy applies to a resource of this type and inputs (its types, and its role scope with the
 * default `tagged` scope; an unknown role tag counts as applying). A policy with no such resource in a plan has
 * checked nothing, so the gate files no pass for it.
 */
export function policyAppliesTo(policy: ResourceValidationPolicy, type: string, props: unknown): boolean {
  return APPLICABILITY.get(policy)?.(type, props) ?? false;
}

/** Per policy built here: whether it reads a resource type (a canonical token), before any input is read. */
const READS = new WeakMap<ResourceValidationPolicy, (type: string) => boolean>();

/**
 * False when the policy cannot judge a resource of type `token` (not one of its types), so a runner may skip it;
 * true for a policy not built here (it decides for itself).
 */
export function policyReadsType(policy: ResourceValidationPolicy, token: string): boolean {
  return READS.get(policy)?.(canonicalType(token)) ?? true;
}

/** Builds the policy object the pack and `entra-gate check` both run. */
export function entraPolicy<C extends object = object>(spec: EntraPolicySpec<C>): ResourceValidationPolicy {
  const types = spec.types === OTHER_TYPES ? undefined : new Set(spec.types);
  /** True for a canonical type token the policy reads. */
  const reads = (type: string): boolean => (types ? types.has(type) : !KNOWN_TYPES.has(type));
  // `scope: "all-windows-vms"` only means something to policies that read servers.
  const serverScoped = spec.scope === "sync-server" && [...(types ?? [])].some((t) => SERVER_TYPES.includes(t));
  const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
    const type = canonicalType(args.type);
    if (!reads(type)) return;
    const config = args.getConfig<C & CommonConfig>();
    const report = (what: string, fix: string): void => reportViolation(violationMessage(what, fix, spec.requirement));
    const known = <T>(r: Read<T>, subject: string): r is KnownRead<T> => {
      if (r.known) return true;
      if (r.why === "malformed") {
        // Never relaxed: a value of the wrong shape is not a value that becomes known at `pulumi up`.
        report(
          `cannot verify: ${subject} (${r.path}) is ${r.found}, not the shape the provider's schema gives it`,
          "check how the plan file was produced: `pulumi preview --json` writes each input as the provider types it; fix the program or the file and preview again",
        );
      } else if (config.allowUnknownAtPreview !== true) {
        const state = r.why === "secret" ? "a secret in the plan" : "not known until the deployment runs";
        report(
          `cannot verify at preview: ${subject} (${r.path}) is ${state}`,
          `set it to a literal value in the program, or set "allowUnknownAtPreview": true in the config of ${spec.name} to accept it`,
        );
      }
      return false;
    };
    const props = args.props as Record<string, unknown>;
    const scoped = inScope(spec.scope, type, props, serverScoped && config.scope === ALL_WINDOWS_VMS);
    if (!known(scoped, "the entra-connect-role tag") || !scoped.value) return;
    spec.check({ type, name: args.name, props, config, report, known });
  };
  const policy: ResourceValidationPolicy = {
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    severity: spec.severity,
    remediationSteps: spec.remediationSteps,
    tags: [spec.requirement.id, spec.requirement.category],
    configSchema: { properties: { ...COMMON_CONFIG, ...(serverScoped ? SCOPE_CONFIG : {}), ...spec.config } },
    validateResource,
  };
  READS.set(policy, reads);
  APPLICABILITY.set(policy, (token, props) => {
    const type = canonicalType(token);
    if (!reads(type)) return false;
    const scoped = inScope(spec.scope, type, props, false);
    return !scoped.known || scoped.value === true;
  });
  return policy;
}
