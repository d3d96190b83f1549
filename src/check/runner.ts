/**
 * Runs the pack's validateResource functions against planned resources with fake ResourceValidationArgs that
 * implement the @pulumi/policy 1.21 interface (getConfig, notApplicable, stackTags, isType, asType).
 */
import type { EnforcementLevel, PolicyResourceOptions, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { CheckFailedError } from "../cli/errors";
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
  const violations: Violation[] = [];
  for (const r of resources) {
    for (const policy of policies) {
      const resolved = config.get(policy.name);
      const level = resolved?.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
      if (level === "disabled" || level === "remediate" || !policy.validateResource) continue;
      const report = (message: string): void => {
        violations.push({
          file,
          policy: policy.name,
          enforcementLevel: level,
          urn: r.urn,
          resourceType: r.type,
          resourceName: r.name,
          message,
        });
      };
      const args = validationArgs(r, resolved?.config ?? {});
      for (const validate of Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource]) {
        try {
          const pending = validate(args, report);
          if (pending) await pending;
        } catch (e) {
          if (e instanceof NotApplicable) continue;
          throw new CheckFailedError(`policy ${policy.name} failed on ${r.urn} in ${file}: ${(e as Error).message ?? String(e)}`);
        }
      }
    }
  }
  return violations;
}
