/** The result shape every preflight check and every gate category shares. */
import type { CategoryId } from "../requirements";
import { EXIT_NOT_READY, EXIT_READY } from "../support/exit-codes";

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
