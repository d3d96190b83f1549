/**
 * `entra-gate server-script [--out FILE]`: writes the read-only collector for Windows PowerShell 5.1 whose output
 * `entra-gate preflight server --facts` judges.
 */
import type { Command } from "commander";
import { collectorScript } from "../../preflight/server/collector";
import { checkOutputWritable, writeOutput } from "../../report/render/write-output";
import { EXIT_READY } from "../../support/exit-codes";

export function register(program: Command): void {
  program
    .command("server-script")
    .description(
      "Write the read-only collector to run on the sync server (Windows PowerShell 5.1); its JSON output feeds `preflight server --facts`",
    )
    .option("--out <file>", "write the script to this file (for example entra-gate-server-facts.ps1) instead of stdout")
    .action((flags: { readonly out?: string }) => {
      checkOutputWritable(flags.out);
      writeOutput(collectorScript(), flags.out);
      process.exitCode = EXIT_READY;
    });
}
