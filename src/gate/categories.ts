/** Files the gate's checks under the categories of the field guide and decides each category's status. */
import { CATEGORIES } from "../requirements";
import type { CategoryStatus, CategoryVerdict, GateCheck, PlannedOnly, SourceRun, Waiver } from "../report/gate-report";
import type { GateSource, NotCheckedItem } from "./source";

/** Why no check covers a category: the sources that could, and what each lacked. */
function notCheckedReason(categoryId: CategoryVerdict["id"], sources: readonly GateSource[], runs: readonly SourceRun[]): string {
  const able = sources.filter((s) => s.categories.includes(categoryId));
  if (able.length === 0) return "No source of this gate checks this category.";
  return able
    .map((s) => {
      const run = runs.find((r) => r.name === s.name);
      if (run?.state === "skipped") return `${s.name}: skipped (${run.detail ?? "no input"})`;
      if (run?.state === "could-not-check") return `${s.name}: could not check (${run.detail ?? "error"})`;
      return `${s.name}: ran, but returned no check of this category`;
    })
    .join("; ");
}

/**
 * A category's status: any fail (planned or observed) is fail; with only planned checks it is `planned` (a plan is
 * not evidence that the server is ready); otherwise, on observed evidence, the worst check (a planned warn too, so a
 * warning is never shown as a pass); none: not checked.
 */
export function categoryStatus(checks: readonly GateCheck[]): CategoryStatus {
  if (checks.length === 0) return "not-checked";
  if (checks.some((c) => c.status === "fail")) return "fail";
  if (!checks.some((c) => c.evidence === "observed")) return "planned";
  return checks.some((c) => c.status === "warn") ? "warn" : "pass";
}

/**
 * The requirements (a check citing none: its id) that only planned checks of a category speak for, in check order:
 * no observed check cites them, and none settles them (GateSource.alsoObserves).
 */
export function plannedOnly(checks: readonly GateCheck[], sources: readonly GateSource[] = []): PlannedOnly[] {
  const key = (c: GateCheck): string => c.requirement ?? c.id;
  const observed = new Set(
    checks
      .filter((c) => c.evidence === "observed")
      .flatMap((c) => [key(c), ...(sources.find((s) => s.name === c.source)?.alsoObserves?.[c.id] ?? [])]),
  );
  const planned = new Map<string, string[]>();
  for (const c of checks.filter((k) => k.evidence === "planned" && !observed.has(key(k)))) {
    planned.set(key(c), [...(planned.get(key(c)) ?? []), c.id]);
  }
  return [...planned].map(([requirement, ids]) => ({ requirement, checks: ids }));
}

/** One verdict per category in CATEGORIES order. Checks without a category are filed under none (and ignored). */
export function categoryVerdicts(
  checks: readonly GateCheck[],
  sources: readonly GateSource[],
  runs: readonly SourceRun[],
  waivers: readonly Waiver[] = [],
  notChecked: readonly (NotCheckedItem & { readonly source: string })[] = [],
): CategoryVerdict[] {
  return CATEGORIES.map((category) => {
    const mine = checks.filter((c) => c.category === category.id);
    const unread = notChecked.filter((n) => n.category === category.id);
    // A check whose facts were not read leaves its category without evidence, whatever else passed (a fail still wins).
    const judged = categoryStatus(mine);
    const status = unread.length > 0 && judged !== "fail" ? "not-checked" : judged;
    const waiver = waivers.find((w) => w.category === category.id);
    const unobserved = status === "pass" || status === "warn" ? plannedOnly(mine, sources) : [];
    return {
      id: category.id,
      title: category.title,
      status,
      checks: mine,
      coveredBy: sources.filter((s) => s.evidence === "observed" && s.categories.includes(category.id)).map((s) => s.section),
      ...(status === "not-checked"
        ? {
            reason:
              unread.length > 0
                ? unread.map((n) => `${n.source}: ${n.id} (${n.requirement}) ${n.reason}`).join("; ")
                : notCheckedReason(category.id, sources, runs),
          }
        : {}),
      ...(waiver ? { waiver } : {}),
      ...(unobserved.length > 0 ? { plannedOnly: unobserved } : {}),
    };
  });
}
