/**
 * SQL Server 2019 is supported but past mainstream support: a recommendation to move the sync database to
 * SQL Server 2022. The versions and end dates are the catalogue's (SQL_MAINSTREAM_SUPPORT_ENDED).
 */
import {
  RECOMMENDED_SQL_VERSION,
  REQUIREMENTS,
  SQL_IMAGES,
  SQL_MAINSTREAM_SUPPORT_ENDED,
  sqlVersionFromOffer,
  sqlVersionVerdict,
} from "../requirements";
import { entraPolicy } from "./support/define";
import { readSqlOffer, SQL_OFFER_TYPES } from "./support/sql-offer";

const ended = Object.keys(SQL_MAINSTREAM_SUPPORT_ENDED).join(" or ");
const recommended = SQL_IMAGES["2022"].offer;

export const disallowSqlServer2019 = entraPolicy({
  name: "entra-connect-disallow-sql-server-2019",
  description: `The Entra Connect sync database should not run SQL Server ${ended} (past mainstream support).`,
  enforcementLevel: "advisory",
  severity: "medium",
  requirement: REQUIREMENTS.sqlVersion,
  remediationSteps: `Plan a move of the sync database to SQL Server ${RECOMMENDED_SQL_VERSION} (offer ${recommended}).`,
  types: SQL_OFFER_TYPES,
  scope: "any-role",
  check(ctx) {
    const found = readSqlOffer(ctx);
    const version = found && sqlVersionFromOffer(found.offer);
    if (!found || !version) return;
    const verdict = sqlVersionVerdict(version);
    if (verdict.status === "warn") {
      ctx.report(`${found.label} ${found.offer}: ${verdict.reason}`, `deploy the sync database from offer ${recommended}`);
    }
  },
});
