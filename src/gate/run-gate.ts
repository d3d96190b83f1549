/**
 * The gate: runs every source whose gate.yaml section is present, in registry order (facts such as the object
 * count flow from earlier sources to later ones), and reports the categories as pass / warn / fail / not checked.
 */
import { GateError, InputError } from "../support/errors";
import { EXIT_COULD_NOT_CHECK, EXIT_INCOMPLETE, EXIT_NOT_READY, EXIT_READY } from "../support/exit-codes";
import { categoryVerdicts } from "./categories";
import type { GateConfig } from "./config";
import type {
  CategoryStatus,
  CategoryVerdict,
  DirectoryFinding,
  GateCheck,
  GateReport,
  GateVerdict,
  SourceRun,
} from "../report/gate-report";
import { sizingDecision } from "./sizing-decision";
import type { GateSource, NotCheckedItem, PreparedSource, SharedFacts } from "./source";

export interface RunGateOptions {
  readonly config: GateConfig;
  readonly sources: readonly GateSource[];
  /** The report's timestamp; defaults to now. */
  readonly now?: Date;
}

/** Observed pass or warn, or waived (or planned, when planned evidence is accepted): the category needs nothing more. */
function covered(c: CategoryVerdict, acceptPlanned: boolean): boolean {
  return c.status === "pass" || c.status === "warn" || c.waiver !== undefined || (acceptPlanned && c.status === "planned");
}

/**
 * not-ready on any fail (a waiver excuses missing evidence, never a failure); could-not-check when a configured
 * source failed; ready when every category is covered; ready-to-build when the rest is planned and gate.yaml
 * says `accept: planned`; otherwise incomplete.
 */
function verdictOf(
  categories: readonly CategoryVerdict[],
  runs: readonly SourceRun[],
  acceptPlanned: boolean,
): { verdict: GateVerdict; exitCode: number } {
  if (categories.some((c) => c.status === "fail")) return { verdict: "not-ready", exitCode: EXIT_NOT_READY };
  if (runs.some((r) => r.state === "could-not-check")) return { verdict: "could-not-check", exitCode: EXIT_COULD_NOT_CHECK };
  if (categories.every((c) => covered(c, false))) return { verdict: "ready", exitCode: EXIT_READY };
  if (acceptPlanned && categories.every((c) => covered(c, true))) return { verdict: "ready-to-build", exitCode: EXIT_READY };
  return { verdict: "incomplete", exitCode: EXIT_INCOMPLETE };
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
  const notChecked: (NotCheckedItem & { readonly source: string })[] = [];
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
      checks.push(...output.checks.map((c) => ({ ...c, source: source.name, evidence: source.evidence })));
      notChecked.push(...(output.notChecked ?? []).map((n) => ({ ...n, source: source.name })));
      directoryFindings.push(...(output.directoryFindings ?? []));
      facts = { ...facts, ...output.facts };
      runs.push({ name: source.name, state: "ran", ...(output.note ? { detail: output.note } : {}) });
    } catch (e) {
      if (e instanceof InputError || !(e instanceof GateError)) throw e;
      runs.push({ name: source.name, state: "could-not-check", detail: e.message });
    }
  }
  const categories = categoryVerdicts(checks, sources, runs, config.waive, notChecked);
  const summary: Record<CategoryStatus, number> = { pass: 0, warn: 0, fail: 0, planned: 0, "not-checked": 0 };
  for (const c of categories) summary[c.status]++;
  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    configPath: config.path,
    ...verdictOf(categories, runs, config.acceptPlanned),
    summary,
    acceptPlanned: config.acceptPlanned,
    uncovered: categories.filter((c) => !covered(c, config.acceptPlanned)).map((c) => ({ category: c.id, sections: c.coveredBy })),
    waivers: config.waive,
    categories,
    sources: runs,
    ...(facts.objectCount === undefined ? {} : { sizing: sizingDecision(facts.objectCount, facts.objectCountSource ?? "unknown") }),
    directoryFindings,
  };
}
