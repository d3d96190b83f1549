/**
 * The SQL image offer a resource names: the offer of a SQL Server marketplace image on a server, or a
 * SqlVirtualMachine's `sqlImageOffer`. The SQL version policies read it the same way.
 */
import { SQL_IMAGES } from "../../requirements";
import type { PolicyContext } from "./define";
import { asString, readPath } from "./read";
import { readImage } from "./server-shape";
import { sqlVmShape } from "./sql-shape";
import { NATIVE, SERVER_TYPES } from "./type-tokens";

/** The types whose SQL image offer readSqlOffer reads. */
export const SQL_OFFER_TYPES: readonly string[] = [...SERVER_TYPES, NATIVE.sqlVirtualMachine];

/** An offer such as "SQL2022-WS2022", with the field it came from as messages name it. */
export interface SqlOffer {
  readonly label: "image offer" | "sqlImageOffer";
  readonly offer: string;
}

/** The offer of a SQL Server marketplace image; other images say nothing about SQL. */
function imageOffer(ctx: PolicyContext<object>): SqlOffer | undefined {
  const image = readImage(ctx.type, ctx.props);
  if (!ctx.known(image, "the image reference") || !image.value?.offer) return undefined;
  if (image.value.publisher?.toLowerCase() !== SQL_IMAGES["2022"].publisher.toLowerCase()) return undefined;
  return { label: "image offer", offer: image.value.offer };
}

/** A SqlVirtualMachine's `sqlImageOffer` when set. */
function registrationOffer(ctx: PolicyContext<object>): SqlOffer | undefined {
  const path = sqlVmShape(ctx.type).imageOffer;
  if (!path) return undefined;
  const offer = asString(readPath(ctx.props, path));
  return ctx.known(offer, "the SQL image offer") && offer.value ? { label: "sqlImageOffer", offer: offer.value } : undefined;
}

/**
 * The SQL image offer of a resource of SQL_OFFER_TYPES; undefined when it names none (after reporting a value
 * unknown at preview, as ctx.known does).
 */
export function readSqlOffer(ctx: PolicyContext<object>): SqlOffer | undefined {
  return ctx.type === NATIVE.sqlVirtualMachine ? registrationOffer(ctx) : imageOffer(ctx);
}
