/** `entra-gate check PREVIEW.json [MORE.json ...] [--format text|json|sarif] [--policy-config FILE]`. */
import { Option, type Command } from "commander";
import { exitCodeForReport, runCheck } from "../../check/check";
import { renderJson } from "../../check/render/json";
import { renderSarif } from "../../check/render/sarif";
import { renderText } from "../../check/render/text";
import { POLICIES } from "../../policies";
import { writeOutput } from "../../report/render/write-output";

interface CheckFlags {
  readonly format: "text" | "json" | "sarif";
  readonly policyConfig?: string;
}

/** Registers `entra-gate check`. */
export function register(program: Command): void {
  program
    .command("check")
    .description("Run the Entra Connect policy pack offline on `pulumi preview --json` output (no Pulumi CLI, no cloud account)")
    .argument("<preview...>", "preview files written by `pulumi preview --json > preview.json`")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "sarif"]).default("text"))
    .option(
      "--policy-config <file>",
      'policy config in the --policy-pack-config JSON format (levels per policy or "all", and each policy\'s settings)',
    )
    .action(async (files: string[], flags: CheckFlags) => {
      const report = await runCheck({ files, policyConfigFile: flags.policyConfig });
      const text =
        flags.format === "json" ? renderJson(report) : flags.format === "sarif" ? renderSarif(report, POLICIES) : renderText(report);
      writeOutput(text);
      process.exitCode = exitCodeForReport(report);
    });
}
