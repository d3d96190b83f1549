/**
 * `planStack`: the resources the stack program would create for a stack file, computed offline under Pulumi's
 * mocks. A refused config becomes an InputError carrying the component's one-paragraph refusal.
 */
import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../support/errors";
import { packageRoot } from "../components/package-root";
import type { EntraConnectServer } from "../components/entra-connect-server";
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

/** A stack planned offline: what it would create and what it warns about. */
export interface PlannedStack {
  /** The stack's name ("dev" for stacks/Pulumi.dev.yaml). */
  readonly stack: string;
  /** Every resource the program would register, in order. */
  readonly resources: PlannedResource[];
  /** Keys the program does not read, then the component's warnings (the same text `pulumi up` logs). */
  readonly warnings: string[];
}

/** Runs the stack program for a stack offline and returns every resource it would register and its warnings. */
export async function planStack(options: PlanOptions = {}): Promise<PlannedStack> {
  if (options.stack !== undefined && options.configFile !== undefined) {
    throw new InputError("--stack and --config-file name the same thing: give one of them.");
  }
  const root = options.root ?? packageRoot();
  const path = options.configFile ?? stackFilePath(options.stack ?? DEFAULT_PLAN_STACK, root);
  const stack = readStackConfig(path, root);
  let server: EntraConnectServer | undefined;
  try {
    const resources = await runUnderMocks(() => (server = entraConnectStack()), {
      ...stack,
      ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
    });
    return { stack: stack.stack, resources, warnings: [...stack.warnings, ...(server?.settings.warnings ?? [])] };
  } catch (e) {
    if (e instanceof EntraConnectConfigError) throw new InputError(`Stack file ${path}: ${e.message}`);
    // pulumi.Config reports a missing required key as a RunError (message on two lines).
    if (e instanceof pulumi.RunError) throw new InputError(`Stack file ${path}: ${e.message.replace(/\s*\n\s*/g, "; ")}.`);
    throw e;
  }
}
