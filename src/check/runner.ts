/**
 * Runs the pack's validateResource functions against planned resources with fake ResourceValidationArgs that
 * implement the @pulumi/policy 1.21 interface (getConfig, notApplicable, stackTags, isType, asType).
 */
import type { EnforcementLevel, PolicyResourceOptions, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { CheckFailedError } from "../support/errors";
import { policyReadsType } from "../policies/support/define";
import type { PackConfig } from "./policy-config";
import type { PlannedResource } from "./preview-file";

/** One violation, as the JSON report lists it. */
export interface Violation {
  readonly file: string;
  readonly policy: string;
  readonly enforcementLevel: Extract<EnforcementLevel, "mandatory" | "advisory">;
  readonly urn: string;
  readonly resourceType: string;
  readonly resourceName: string;
  readonly message: string;
}

/** Thrown by the fake `notApplicable`, as the SDK's NotApplicableError is. */
class NotApplicable extends Error {}

const NO_TAGS: ReadonlyMap<string, string> = new Map();

function optionsOf(r: PlannedResource): PolicyResourceOptions {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    parent: r.parent,
  };
}

/** The args one policy sees for one resource. */
export function validationArgs(r: PlannedResource, config: Readonly<Record<string, unknown>>, stackTags = NO_TAGS): ResourceValidationArgs {
  const isType = (resourceClass: object): boolean => (resourceClass as { __pulumiType?: string }).__pulumiType === r.type;
  return {
    type: r.type,
    props: r.inputs,
    urn: r.urn,
    name: r.name,
    opts: optionsOf(r),
    stackTags,
    isType,
    asType: (resourceClass: object) => (isType(resourceClass) ? (r.inputs as never) : undefined),
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
}

/** Runs every enabled policy on every resource of one file and returns the violations, in resource order. */
export async function evaluateResources(
  resources: readonly PlannedResource[],
  policies: readonly ResourceValidationPolicy[],
  config: PackConfig,
  file: string,
): Promise<Violation[]> {
  const enabled = policies.flatMap((policy) => {
    const resolved = config.get(policy.name);
    const level = resolved?.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
    if (level === "disabled" || level === "remediate" || !policy.validateResource) return [];
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    return [{ policy, level, validations, config: resolved?.config ?? {} }];
  });
  // The policies that read each type token: most resources are read by a few policies of the pack.
  const byType = new Map<string, typeof enabled>();
  const violations: Violation[] = [];
  for (const r of resources) {
    let forType = byType.get(r.type);
    if (!forType) byType.set(r.type, (forType = enabled.filter((e) => policyReadsType(e.policy, r.type))));
    if (forType.length === 0) continue;
    // One args object per resource; getConfig answers for the policy being run.
    let current: (typeof enabled)[number] | undefined;
    const args = validationArgs(r, {});
    args.getConfig = <T extends object>() => (current?.config ?? {}) as T;
    const report = (message: string): void => {
      if (!current) return;
      violations.push({
        file,
        policy: current.policy.name,
        enforcementLevel: current.level,
        urn: r.urn,
        resourceType: r.sourceType ?? r.type,
        resourceName: r.name,
        message,
      });
    };
    for (const entry of forType) {
      current = entry;
      for (const validate of entry.validations) {
        try {
          const pending = validate(args, report);
          if (pending) await pending;
        } catch (e) {
          if (e instanceof NotApplicable) continue;
          throw new CheckFailedError(`policy ${entry.policy.name} failed on ${r.urn} in ${file}: ${(e as Error).message ?? String(e)}`);
        }
      }
    }
  }
  return violations;
}
