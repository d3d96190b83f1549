/** The CheckResult of a preflight check that enforces one catalogue requirement. */
import type { CheckResult, CheckStatus } from "../report/check-result";
import { cite, type Requirement } from "../requirements";

/**
 * A check result for `id` enforcing `requirement`; a warn or fail message ends with the requirement it breaks.
 * @param id the check's stable id, e.g. "sql-version"
 * @param requirement the catalogue entry the check enforces
 * @param status the verdict
 * @param message what was found and, when not a pass, what to do
 */
export function requirementCheck(id: string, requirement: Requirement, status: CheckStatus, message: string): CheckResult {
  return {
    id,
    status,
    message: status === "pass" ? message : `${message} (${cite(requirement)})`,
    requirement: requirement.id,
    category: requirement.category,
  };
}
