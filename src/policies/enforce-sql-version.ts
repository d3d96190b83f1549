/**
 * The sync database's SQL Server version, from a SQL marketplace image on a tagged VM or from a
 * SqlVirtualMachine's `sqlImageOffer`: only the supported versions.
 */
import { classifyImage, REQUIREMENTS, SQL_IMAGES, sqlVersionFromOffer, sqlVersionVerdict, SUPPORTED_SQL_VERSIONS } from "../requirements";
import { entraPolicy, type PolicyContext } from "./support/define";
import { asString, readPath } from "./support/read";
import { readImage } from "./support/server-shape";
import { sqlVmShape } from "./support/sql-shape";
import { NATIVE, SERVER_TYPES } from "./support/type-tokens";

const versions = [...SUPPORTED_SQL_VERSIONS].reverse().join(" or ");
const fix = `use SQL Server ${versions}, e.g. offer ${SQL_IMAGES["2022"].offer}`;

/** Checks the SQL version of a VM's SQL marketplace image; other images say nothing about SQL. */
function checkImage(ctx: PolicyContext<object>): void {
  const image = readImage(ctx.type, ctx.props);
  if (!ctx.known(image, "the image reference") || !image.value) return;
  const c = classifyImage(image.value);
  if (c.kind === "windows-server" && c.sqlVersion) {
    const verdict = sqlVersionVerdict(c.sqlVersion);
    if (verdict.status === "refused") ctx.report(`image offer ${image.value.offer}: ${verdict.reason}`, fix);
  } else if (c.kind === "unknown" && image.value.publisher?.toLowerCase() === SQL_IMAGES["2022"].publisher.toLowerCase()) {
    ctx.report(`image offer ${image.value.offer}: ${c.reason}`, fix);
  }
}

/** Checks a SqlVirtualMachine's `sqlImageOffer` when set. */
function checkOffer(ctx: PolicyContext<object>): void {
  const path = sqlVmShape(ctx.type).imageOffer;
  if (!path) return;
  const offer = asString(readPath(ctx.props, path));
  if (!ctx.known(offer, "the SQL image offer") || !offer.value) return;
  const version = sqlVersionFromOffer(offer.value);
  if (!version) {
    ctx.report(`sqlImageOffer "${offer.value}" names no SQL Server version`, fix);
    return;
  }
  const verdict = sqlVersionVerdict(version);
  if (verdict.status === "refused") ctx.report(`sqlImageOffer ${offer.value}: ${verdict.reason}`, fix);
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
