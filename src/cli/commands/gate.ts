/** `entra-gate gate`: every check it has inputs for, as one readiness report over all categories. */
import { Option, type Command } from "commander";
import { GATE_SOURCES, loadGateConfig, runGate } from "../../gate";
import { renderGate, REPORT_FORMATS, type ReportFormat } from "../../report/render";
import { writeOutput } from "../../report/render/write-output";

interface GateFlags {
  config: string;
  format: ReportFormat;
  out?: string;
}

export function register(program: Command): void {
  program
    .command("gate")
    .description("Run every check gate.yaml has inputs for and report the categories as pass / warn / fail / not checked")
    .requiredOption("--config <file>", "the gate.yaml (see examples/gate.yaml and docs/gate.md)")
    .addOption(new Option("--format <format>", "output format").choices(REPORT_FORMATS).default("text"))
    .option("--out <file>", "write the report to a file instead of stdout")
    .action(async (flags: GateFlags) => {
      const config = loadGateConfig(flags.config, GATE_SOURCES);
      const report = await runGate({ config, sources: GATE_SOURCES });
      writeOutput(renderGate(report, flags.format), flags.out);
      process.exitCode = report.exitCode;
    });
}
