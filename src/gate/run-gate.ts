/**
 * The gate: runs every source whose gate.yaml section is present, in registry order (facts such as the object
 * count flow from earlier sources to later ones), and reports the categories as pass / warn / fail / not checked.
 */
import { GateError, InputError } from "../cli/errors";
import { EXIT_COULD_NOT_CHECK, EXIT_NOT_READY, EXIT_READY } from "../report/check-result";
import { categoryVerdicts } from "./categories";
import type { GateConfig } from "./config";
import type { CategoryStatus, DirectoryFinding, GateCheck, GateReport, GateVerdict, SourceRun } from "./report";
import { sizingDecision } from "./sizing-decision";
import type { GateSource, PreparedSource, SharedFacts } from "./source";

export interface RunGateOptions {
  readonly config: GateConfig;
  readonly sources: readonly GateSource[];
  /** The report's timestamp; defaults to now. */
  readonly now?: Date;
}

function verdictOf(checks: readonly GateCheck[], runs: readonly SourceRun[]): { verdict: GateVerdict; exitCode: number } {
  if (checks.some((c) => c.status === "fail")) return { verdict: "not-ready", exitCode: EXIT_NOT_READY };
  if (runs.some((r) => r.state === "could-not-check")) return { verdict: "could-not-check", exitCode: EXIT_COULD_NOT_CHECK };
  return { verdict: "ready", exitCode: EXIT_READY };
}

/**
 * Runs the gate. Bad input in any section throws InputError before any source runs (no partial report, no target
 * contacted); an unreachable target is reported.
 */
export async function runGate(options: RunGateOptions): Promise<GateReport> {
  const { config, sources } = options;
  let facts: SharedFacts =
    config.objectCount === undefined ? {} : { objectCount: config.objectCount, objectCountSource: "gate.yaml objectCount" };
  const checks: GateCheck[] = [];
  const runs: SourceRun[] = [];
  const directoryFindings: DirectoryFinding[] = [];
  // Every present section's inputs first: bad input anywhere stops the gate before any target is contacted.
  const prepared = new Map<GateSource, PreparedSource>();
  for (const source of sources) {
    const section = config.sections[source.section];
    if (section !== undefined) prepared.set(source, await source.prepare(section, config.dir));
  }
  for (const source of sources) {
    const run = prepared.get(source);
    if (run === undefined) {
      runs.push({ name: source.name, state: "skipped", detail: `no ${source.section}: section in ${config.path}` });
      continue;
    }
    try {
      const output = await run({ facts });
      checks.push(...output.checks.map((c) => ({ ...c, source: source.name })));
      directoryFindings.push(...(output.directoryFindings ?? []));
      facts = { ...facts, ...output.facts };
      runs.push({ name: source.name, state: "ran" });
    } catch (e) {
      if (e instanceof InputError || !(e instanceof GateError)) throw e;
      runs.push({ name: source.name, state: "could-not-check", detail: e.message });
    }
  }
  const categories = categoryVerdicts(checks, sources, runs);
  const summary: Record<CategoryStatus, number> = { pass: 0, warn: 0, fail: 0, "not-checked": 0 };
  for (const c of categories) summary[c.status]++;
  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    configPath: config.path,
    ...verdictOf(checks, runs),
    summary,
    categories,
    sources: runs,
    ...(facts.objectCount === undefined ? {} : { sizing: sizingDecision(facts.objectCount, facts.objectCountSource ?? "unknown") }),
    directoryFindings,
  };
}
