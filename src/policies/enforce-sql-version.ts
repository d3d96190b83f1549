/**
 * The sync database's SQL Server version, from a SQL marketplace image on a tagged VM or from a
 * SqlVirtualMachine's `sqlImageOffer`: only the supported versions.
 */
import { REQUIREMENTS, SQL_IMAGES, sqlVersionFromOffer, sqlVersionVerdict, SUPPORTED_SQL_VERSIONS } from "../requirements";
import { entraPolicy } from "./support/define";
import { readSqlOffer, SQL_OFFER_TYPES } from "./support/sql-offer";

const versions = [...SUPPORTED_SQL_VERSIONS].reverse().join(" or ");
const fix = `use SQL Server ${versions}, e.g. offer ${SQL_IMAGES["2022"].offer}`;

export const enforceSqlVersion = entraPolicy({
  name: "entra-connect-enforce-sql-version",
  description: `The Entra Connect sync database must run SQL Server ${versions}.`,
  enforcementLevel: "mandatory",
  severity: "high",
  requirement: REQUIREMENTS.sqlVersion,
  remediationSteps: `Deploy the sync database from a SQL Server ${versions} image (offer ${SQL_IMAGES["2022"].offer}).`,
  types: SQL_OFFER_TYPES,
  scope: "any-role",
  check(ctx) {
    const found = readSqlOffer(ctx);
    if (!found) return;
    const version = sqlVersionFromOffer(found.offer);
    if (!version) {
      ctx.report(`${found.label} "${found.offer}" names no SQL Server version`, fix);
      return;
    }
    const verdict = sqlVersionVerdict(version);
    if (verdict.status === "refused") ctx.report(`${found.label} ${found.offer}: ${verdict.reason}`, fix);
  },
});
