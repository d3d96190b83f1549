/** The result shape every preflight check and every gate category shares. */
import type { CategoryId } from "../requirements";

export type CheckStatus = "pass" | "warn" | "fail";

export interface CheckResult {
  /** Stable id, e.g. "forest-functional-level"; pipelines match on it. */
  readonly id: string;
  readonly status: CheckStatus;
  /** What was found and, when not `pass`, what to do about it. */
  readonly message: string;
  /** The catalogue requirement id the check enforces, e.g. "ad.writable-dc". */
  readonly requirement?: string;
  readonly category?: CategoryId;
}

/** Exit codes shared by every command: 0 ready, 1 not ready (a `fail` or a mandatory violation), 2 could not check. */
export const EXIT_READY = 0;
export const EXIT_NOT_READY = 1;
export const EXIT_COULD_NOT_CHECK = 2;
/** The gate only: no check failed, but some category has no observed evidence (and is not waived). */
export const EXIT_INCOMPLETE = 3;

/** 0 when no check failed, 1 otherwise. */
export function exitCodeForChecks(checks: readonly CheckResult[]): number {
  return checks.some((c) => c.status === "fail") ? EXIT_NOT_READY : EXIT_READY;
}

/** Counts per status, for summaries. */
export function summariseChecks(checks: readonly CheckResult[]): Record<CheckStatus, number> {
  const summary: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0 };
  for (const c of checks) summary[c.status]++;
  return summary;
}
