/**
 * `planStack`: the resources the stack program would create for a stack file, computed offline under Pulumi's
 * mocks. A refused config becomes an InputError carrying the component's one-paragraph refusal.
 */
import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../support/errors";
import { packageRoot } from "../components/package-root";
import { entraConnectStack } from "../components/stack-config";
import { EntraConnectConfigError } from "../components/validate-server-args";
import { runUnderMocks, type PlannedResource } from "./run-under-mocks";
import { readStackConfig, stackFilePath } from "./stack-file";

export type { PlannedResource } from "./run-under-mocks";

/** The stack planned when neither a stack nor a config file is named. */
export const DEFAULT_PLAN_STACK = "dev";

export interface PlanOptions {
  /** A stack shipped in stacks/ (Pulumi.<stack>.yaml). Default "dev" when no configFile is given. */
  readonly stack?: string;
  /** Any Pulumi stack file instead of a shipped stack. */
  readonly configFile?: string;
  /** The package root holding Pulumi.yaml and stacks/. Default: this package. */
  readonly root?: string;
  /** "redact" (default) or "reveal" secrets; only tests reveal them. */
  readonly secrets?: "redact" | "reveal";
}

/** Runs the stack program for a stack offline and returns every resource it would register, in order. */
export async function planStack(options: PlanOptions = {}): Promise<PlannedResource[]> {
  if (options.stack !== undefined && options.configFile !== undefined) {
    throw new InputError("--stack and --config-file name the same thing: give one of them.");
  }
  const root = options.root ?? packageRoot();
  const path = options.configFile ?? stackFilePath(options.stack ?? DEFAULT_PLAN_STACK, root);
  const stack = readStackConfig(path, root);
  try {
    return await runUnderMocks(() => entraConnectStack(), {
      ...stack,
      ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
    });
  } catch (e) {
    if (e instanceof EntraConnectConfigError) throw new InputError(`Stack file ${path}: ${e.message}`);
    // pulumi.Config reports a missing required key as a RunError (message on two lines).
    if (e instanceof pulumi.RunError) throw new InputError(`Stack file ${path}: ${e.message.replace(/\s*\n\s*/g, "; ")}.`);
    throw e;
  }
}
