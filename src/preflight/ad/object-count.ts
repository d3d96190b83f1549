/** object-count: the forest's users, groups, contacts and computers, the sizing tier and the tenant limit. */
import type { CheckResult } from "../../report/check-result";
import { REQUIREMENTS, cite, fullSqlRecommended, sizingTierFor, tenantLimitFor } from "../../requirements";
import type { ObjectCounts, SizingVerdict } from "./report";

const n = (v: number): string => v.toLocaleString("en-US");

/** The sizing tier of the counted objects. */
export function sizingFor(counts: ObjectCounts): SizingVerdict {
  const t = sizingTierFor(counts.total);
  return { tier: t.tier, ramGb: t.ramGb, diskGb: t.diskGb, database: t.database };
}

/** Passes with the tier; warns when full SQL is recommended or the tenant needs a support case or a paid licence. */
export function checkObjectCount(counts: ObjectCounts): CheckResult {
  const sizing = sizingFor(counts);
  const limit = tenantLimitFor(counts.total);
  const database = sizing.database === "localdb" ? "LocalDB" : "full SQL Server";
  const base =
    `${n(counts.users)} users, ${n(counts.groups)} groups, ${n(counts.contacts)} contacts, ${n(counts.computers)} computers = ` +
    `${n(counts.total)} objects: sizing tier ${sizing.tier} (${sizing.ramGb} GB RAM, ${sizing.diskGb} GB disk, ${database}); ${limit.note}.`;
  // The object count decides the sizing (issue 11): the check files under sizing; the tenant limit is cited in its advice.
  const req = REQUIREMENTS.sizingTier;
  const advice: string[] = [];
  if (fullSqlRecommended(counts.total))
    advice.push(`Plan full SQL Server: LocalDB still fits but is recommended only below this size (${cite(REQUIREMENTS.localDbLimit)}).`);
  if (limit.needs === "support-case" || limit.needs === "paid-licence")
    advice.push(`Arrange the tenant limit before the first sync (${cite(REQUIREMENTS.tenantObjectLimit)}).`);
  return {
    id: "object-count",
    status: advice.length ? "warn" : "pass",
    message: [base, ...advice].join(" "),
    requirement: req.id,
    category: req.category,
  };
}
