/**
 * The sync database's SQL Server version, from a SQL marketplace image on a tagged VM or from a
 * SqlVirtualMachine's `sqlImageOffer`: only the supported versions.
 */
import { REQUIREMENTS, SQL_IMAGES, sqlVersionFromOffer, sqlVersionVerdict, SUPPORTED_SQL_VERSIONS } from "../requirements";
import { entraPolicy, type PolicyContext } from "./support/define";
import { asString, readPath } from "./support/read";
import { readImage } from "./support/server-shape";
import { sqlVmShape } from "./support/sql-shape";
import { NATIVE, SERVER_TYPES } from "./support/type-tokens";

const versions = [...SUPPORTED_SQL_VERSIONS].reverse().join(" or ");
const fix = `use SQL Server ${versions}, e.g. offer ${SQL_IMAGES["2022"].offer}`;

/** Judges the SQL version an offer names ("SQL2022-WS2022", "sql2016sp3-ws2019"); `label` names the field in messages. */
function judgeOffer(ctx: PolicyContext<object>, label: string, offer: string): void {
  const version = sqlVersionFromOffer(offer);
  if (!version) {
    ctx.report(`${label} "${offer}" names no SQL Server version`, fix);
    return;
  }
  const verdict = sqlVersionVerdict(version);
  if (verdict.status === "refused") ctx.report(`${label} ${offer}: ${verdict.reason}`, fix);
}

/** Checks the offer of a SQL Server marketplace image; other images say nothing about SQL. */
function checkImage(ctx: PolicyContext<object>): void {
  const image = readImage(ctx.type, ctx.props);
  if (!ctx.known(image, "the image reference") || !image.value?.offer) return;
  if (image.value.publisher?.toLowerCase() !== SQL_IMAGES["2022"].publisher.toLowerCase()) return;
  judgeOffer(ctx, "image offer", image.value.offer);
}

/** Checks a SqlVirtualMachine's `sqlImageOffer` when set. */
function checkOffer(ctx: PolicyContext<object>): void {
  const path = sqlVmShape(ctx.type).imageOffer;
  if (!path) return;
  const offer = asString(readPath(ctx.props, path));
  if (ctx.known(offer, "the SQL image offer") && offer.value) judgeOffer(ctx, "sqlImageOffer", offer.value);
}

export const enforceSqlVersion = entraPolicy({
  name: "entra-connect-enforce-sql-version",
  description: `The Entra Connect sync database must run SQL Server ${versions}.`,
  enforcementLevel: "mandatory",
  severity: "high",
  requirement: REQUIREMENTS.sqlVersion,
  remediationSteps: `Deploy the sync database from a SQL Server ${versions} image (offer ${SQL_IMAGES["2022"].offer}).`,
  types: [...SERVER_TYPES, NATIVE.sqlVirtualMachine],
  scope: "any-role",
  check(ctx) {
    if (ctx.type === NATIVE.sqlVirtualMachine) checkOffer(ctx);
    else checkImage(ctx);
  },
});
