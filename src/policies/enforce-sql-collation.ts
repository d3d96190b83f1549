/** The sync database's SQL instance collation must be case-insensitive (`_CI_`). */
import { DEFAULT_SQL_COLLATION, isCaseInsensitiveCollation, REQUIREMENTS } from "../requirements";
import { entraPolicy } from "./support/define";
import { asString, readPath } from "./support/read";
import { sqlVmShape } from "./support/sql-shape";
import { SQL_VM_TYPES } from "./support/type-tokens";

export const enforceSqlCollation = entraPolicy({
  name: "entra-connect-enforce-sql-collation",
  description: "The Entra Connect sync database's SQL instance must use a case-insensitive (_CI_) collation.",
  enforcementLevel: "mandatory",
  severity: "high",
  requirement: REQUIREMENTS.sqlCollation,
  remediationSteps: `Set the instance collation to a _CI_ collation such as ${DEFAULT_SQL_COLLATION}.`,
  types: SQL_VM_TYPES,
  scope: "any-role",
  check(ctx) {
    const collation = asString(readPath(ctx.props, sqlVmShape(ctx.type).collation));
    if (!ctx.known(collation, "the SQL collation") || collation.value === undefined) return;
    if (!isCaseInsensitiveCollation(collation.value)) {
      ctx.report(
        `collation ${collation.value} is not case-insensitive`,
        `set ${collation.path} to a _CI_ collation such as ${DEFAULT_SQL_COLLATION}`,
      );
    }
  },
});
