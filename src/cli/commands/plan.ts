/** `entra-gate plan`: the resources the stack program would create, computed offline (docs/component.md). */
import { Option, type Command } from "commander";
import { DEFAULT_PLAN_STACK, planStack } from "../../plan/plan-stack";
import { renderPlanJson, renderPlanText } from "../../plan/render-plan";
import { exitCodeForReport } from "../../check/check";
import { addPolicyToPlanJson, checkPlannedResources, renderPlanPolicyText } from "../../check/plan-policy";
import { writeOutput } from "../../report/render/write-output";

interface PlanFlags {
  readonly stack?: string;
  readonly configFile?: string;
  readonly format: "text" | "json";
}

/** Registers `entra-gate plan`. */
export function register(program: Command): void {
  program
    .command("plan")
    .description("Run the stack program offline under Pulumi's mocks and print the resources it would create")
    .option("--stack <name>", `a stack shipped in stacks/ (dev or enterprise); default ${DEFAULT_PLAN_STACK}`)
    .option("--config-file <path>", "any Pulumi stack file (config: entra-connect-gate:objectCount ...) instead of --stack")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (flags: PlanFlags) => {
      const plan = await planStack({
        ...(flags.stack === undefined ? {} : { stack: flags.stack }),
        ...(flags.configFile === undefined ? {} : { configFile: flags.configFile }),
      });
      const title = flags.configFile ?? `stack ${flags.stack ?? DEFAULT_PLAN_STACK}`;
      const policy = await checkPlannedResources(plan.resources, title);
      writeOutput(
        flags.format === "json"
          ? addPolicyToPlanJson(renderPlanJson(plan), policy)
          : renderPlanText(plan, title) + renderPlanPolicyText(policy),
      );
      process.exitCode = exitCodeForReport(policy);
    });
}
