/** object-count: the forest's users, groups, contacts and computers, the sizing tier and the tenant limit. */
import type { CheckResult } from "../../report/check-result";
import { OUT_OF_SCOPE_REASONS, REQUIREMENTS, cite, fullSqlRecommended, sizingTierFor, tenantLimitFor } from "../../requirements";
import type { KindCounts, ObjectCounts, SizingVerdict } from "./report";

const n = (v: number): string => v.toLocaleString("en-US");
const kinds = (c: KindCounts): string =>
  `${n(c.users)} users, ${n(c.groups)} groups, ${n(c.contacts)} contacts, ${n(c.computers)} computers`;

/** "critical system object 39, computer without userCertificate 3" (catalogue order), or "" when nothing is out of scope. */
export function outOfScopeList(outOfScope: ObjectCounts["outOfScope"]): string {
  return OUT_OF_SCOPE_REASONS.filter((r) => (outOfScope[r] ?? 0) > 0)
    .map((r) => `${r} ${n(outOfScope[r] ?? 0)}`)
    .join(", ");
}

/** The sizing tier of the counted objects. */
export function sizingFor(counts: ObjectCounts): SizingVerdict {
  const t = sizingTierFor(counts.total);
  return { tier: t.tier, ramGb: t.ramGb, diskGb: t.diskGb, database: t.database };
}

/**
 * Passes with the tier; warns when full SQL is recommended or the tenant needs a support case or a paid licence.
 * The tier comes from every object in AD (Microsoft's sizing table counts them); the tenant limit from the objects
 * the default sync rules would sync (issue 15 item 7), each out-of-scope reason counted.
 */
export function checkObjectCount(counts: ObjectCounts): CheckResult {
  const sizing = sizingFor(counts);
  const syncing = counts.wouldSync;
  const limit = tenantLimitFor(syncing.total);
  const database = sizing.database === "localdb" ? "LocalDB" : "full SQL Server";
  const out = outOfScopeList(counts.outOfScope);
  const base =
    `${kinds(counts)} = ${n(counts.total)} objects in AD: sizing tier ${sizing.tier} (${sizing.ramGb} GB RAM, ${sizing.diskGb} GB disk, ${database}). ` +
    `${n(syncing.total)} would sync under Entra Connect's default sync rules (${kinds(syncing)}${out ? `; out of scope: ${out}` : ""}): ${limit.note}.`;
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
