/** Files the gate's checks under the categories of the field guide and decides each category's status. */
import { CATEGORIES } from "../requirements";
import type { CategoryStatus, CategoryVerdict, GateCheck, SourceRun, Waiver } from "../report/gate-report";
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
 * A category's status: any fail (planned or observed) is fail; otherwise the worst observed check (warn over pass);
 * with only planned checks it is `planned` (a plan is not evidence that the server is ready); none: not checked.
 */
export function categoryStatus(checks: readonly GateCheck[]): CategoryStatus {
  if (checks.length === 0) return "not-checked";
  if (checks.some((c) => c.status === "fail")) return "fail";
  const observed = checks.filter((c) => c.evidence === "observed");
  if (observed.length === 0) return "planned";
  return observed.some((c) => c.status === "warn") ? "warn" : "pass";
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
    };
  });
}
