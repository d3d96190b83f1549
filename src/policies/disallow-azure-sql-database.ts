/** Azure SQL Database and Azure SQL Managed Instance cannot hold the Entra Connect sync database. */
import { REQUIREMENTS, SQL_IMAGES, TAG_NAMES } from "../requirements";
import { entraPolicy } from "./support/define";
import { AZURE_SQL_TYPES } from "./support/type-tokens";

export const disallowAzureSqlDatabase = entraPolicy({
  name: "entra-connect-disallow-azure-sql-database",
  description: "The Entra Connect sync database must be SQL Server on Windows, never Azure SQL Database or Managed Instance.",
  enforcementLevel: "mandatory",
  severity: "high",
  requirement: REQUIREMENTS.sqlEngine,
  remediationSteps: `Host the sync database on a SQL Server VM (e.g. offer ${SQL_IMAGES["2022"].offer}) and move the ${TAG_NAMES.role} tag there.`,
  types: AZURE_SQL_TYPES,
  scope: "any-role",
  check(ctx) {
    ctx.report(
      `${ctx.type} is tagged as an Entra Connect resource, but Entra Connect does not support Azure SQL Database or Managed Instance`,
      `host the sync database on SQL Server on a VM (e.g. offer ${SQL_IMAGES["2022"].offer})`,
    );
  },
});
