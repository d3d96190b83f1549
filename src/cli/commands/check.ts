/**
 * `entra-gate check PLAN.json [MORE.json ...] [--input pulumi|terraform|arm] [--parameters FILE] [--format text|json|sarif]
 * [--policy-config FILE]`.
 */
import { Option, type Command } from "commander";
import { exitCodeForReport, runCheck } from "../../check/check";
import { renderJson } from "../../check/render/json";
import { renderSarif } from "../../check/render/sarif";
import { renderText } from "../../check/render/text";
import { INPUT_FORMATS, type InputFormat } from "../../check/readers/plan-file";
import { POLICIES } from "../../policies";
import { writeOutput } from "../../report/render/write-output";

interface CheckFlags {
  readonly format: "text" | "json" | "sarif";
  readonly policyConfig?: string;
  readonly input?: InputFormat;
  readonly parameters?: string;
}

/** Registers `entra-gate check`. */
export function register(program: Command): void {
  program
    .command("check")
    .description(
      "Run the Entra Connect policy pack offline on a Pulumi preview, a Terraform plan or an ARM what-if / template (no cloud account)",
    )
    .argument(
      "<plan...>",
      "plan files: `pulumi preview --json`, `terraform show -json tfplan`, `az deployment group what-if --no-pretty-print` output, or a compiled ARM template",
    )
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "sarif"]).default("text"))
    .addOption(new Option("--input <format>", "format of the plan files (default: detected from each file)").choices([...INPUT_FORMATS]))
    .option(
      "--parameters <file>",
      "ARM deployment parameters file (deploymentParameters JSON) for a compiled template: [parameters('x')] reads its value, then the template's default; a .bicepparam file must be built first (az bicep build-params)",
    )
    .option(
      "--policy-config <file>",
      'policy config in the --policy-pack-config JSON format (levels per policy or "all", and each policy\'s settings)',
    )
    .action(async (files: string[], flags: CheckFlags) => {
      const report = await runCheck({ files, policyConfigFile: flags.policyConfig, input: flags.input, parametersFile: flags.parameters });
      const text =
        flags.format === "json" ? renderJson(report) : flags.format === "sarif" ? renderSarif(report, POLICIES) : renderText(report);
      writeOutput(text);
      // The text report lists them; JSON and SARIF carry them, and stderr names them for the person reading the log.
      if (flags.format !== "text") for (const n of report.notChecked ?? []) process.stderr.write(`entra-gate: ${n.reason}\n`);
      process.exitCode = exitCodeForReport(report);
    });
}
