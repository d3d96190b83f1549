/** `entra-gate gate`: every check it has inputs for, as one readiness report over all categories. */
import { Option, type Command } from "commander";
import { InputError } from "../../support/errors";
import { GATE_SOURCES, gateConfigSchema, loadGateConfig, runGate } from "../../gate";
import { renderGate, REPORT_FORMATS, type ReportFormat } from "../../report/render";
import { checkOutputWritable, writeOutput } from "../../report/render/write-output";

interface GateFlags {
  config?: string;
  printSchema?: boolean;
  format: ReportFormat;
  out?: string;
  also?: string[];
}

/** "sarif=gate.sarif" to its format and file; InputError naming --also otherwise. */
function parseAlso(value: string): { format: ReportFormat; file: string } {
  const [format = "", ...rest] = value.split("=");
  const file = rest.join("=");
  const known = REPORT_FORMATS.find((f) => f === format);
  if (!known || !file) {
    throw new InputError(
      `--also ${value}: write it as FORMAT=FILE with FORMAT one of ${REPORT_FORMATS.join(", ")}, e.g. --also sarif=gate.sarif.`,
    );
  }
  return { format: known, file };
}

export function register(program: Command): void {
  program
    .command("gate")
    .description("Run every check gate.yaml has inputs for and report the categories as pass / warn / fail / not checked")
    .option("--config <file>", "the gate.yaml (see examples/gate.yaml and docs/gate.md)")
    .option("--print-schema", "print the JSON schema of gate.yaml and exit")
    .addOption(new Option("--format <format>", "output format").choices(REPORT_FORMATS).default("text"))
    .option("--out <file>", "write the report to a file instead of stdout")
    .option(
      "--also <format=file...>",
      "also write the same report in other formats, e.g. --also sarif=gate.sarif junit=gate.xml html=gate.html",
    )
    .action(async (flags: GateFlags) => {
      if (flags.printSchema) {
        writeOutput(JSON.stringify(gateConfigSchema(GATE_SOURCES), null, 2) + "\n", flags.out);
        process.exitCode = 0;
        return;
      }
      if (!flags.config)
        throw new InputError("--config is required: give the path of a gate.yaml (see examples/gate.yaml and docs/gate.md).");
      const extra = (flags.also ?? []).map(parseAlso);
      checkOutputWritable(flags.out);
      for (const { file } of extra) checkOutputWritable(file, "--also");
      const config = loadGateConfig(flags.config, GATE_SOURCES);
      const report = await runGate({ config, sources: GATE_SOURCES });
      // The --also files first: if one cannot be written, no report has claimed an exit code that is then not the one.
      for (const { format, file } of extra) writeOutput(renderGate(report, format), file, "--also");
      writeOutput(renderGate(report, flags.format), flags.out);
      process.exitCode = report.exitCode;
    });
}
