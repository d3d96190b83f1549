/** The sizing the forest's object count calls for, from the catalogue's table. */
import { defaultVmSizeFor, fullSqlRecommended, sizingTierFor } from "../requirements";
import type { SizingDecision } from "../report/gate-report";

export function sizingDecision(objectCount: number, objectCountSource: string): SizingDecision {
  const tier = sizingTierFor(objectCount);
  return {
    objectCount,
    objectCountSource,
    tier: tier.tier,
    ramGb: tier.ramGb,
    diskGb: tier.diskGb,
    database: tier.database,
    fullSqlRecommended: fullSqlRecommended(objectCount),
    vmSize: defaultVmSizeFor(tier.ramGb).name,
  };
}
