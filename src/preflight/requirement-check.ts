/** The CheckResult of a preflight check that enforces one catalogue requirement. */
import type { CheckResult, CheckStatus } from "../report/check-result";
import { cite, type CategoryId, type Requirement } from "../requirements";

/**
 * A check result for `id` enforcing `requirement`; a warn or fail message ends with the requirement it breaks.
 * @param id the check's stable id, e.g. "sql-version"
 * @param requirement the catalogue entry the check enforces
 * @param status the verdict (a preflight with more states, such as the server's `not-checked`, passes its own)
 * @param message what was found and, when not a pass, what to do
 */
export function requirementCheck<S extends string = CheckStatus>(
  id: string,
  requirement: Requirement,
  status: S,
  message: string,
): Omit<CheckResult, "status"> & { readonly status: S; readonly requirement: string; readonly category: CategoryId } {
  return {
    id,
    status,
    message: status === "pass" ? message : `${message} (${cite(requirement)})`,
    requirement: requirement.id,
    category: requirement.category,
  };
}
