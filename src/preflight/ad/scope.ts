/** Which objects the data rules read, count or skip (spec: "Objects in scope"). */
import { REPLICATION_CONFLICT_MARKER, SKIPPED_ACCOUNT_NAMES, SKIPPED_ACCOUNT_PATTERNS } from "../../requirements";
import { firstValue, rdnValue, type DirectoryEntry } from "./entry";

/** users (including inetOrgPerson), contacts and groups are checked; computers are counted only. */
export type ObjectKind = "user" | "contact" | "group" | "computer";

/** The kind of an entry from its objectClass values; undefined for anything else. */
const KIND_OF_CLASS = new Map<string, ObjectKind>([
  ["computer", "computer"],
  ["contact", "contact"],
  ["group", "group"],
  ["user", "user"],
  ["inetorgperson", "user"],
]);
/** When an entry has several of these classes, the first in this order wins (a computer is also a user). */
const PRECEDENCE: readonly ObjectKind[] = ["computer", "contact", "group", "user"];

export function objectKind(objectClass: readonly string[]): ObjectKind | undefined {
  let best: ObjectKind | undefined;
  for (const c of objectClass) {
    const kind = KIND_OF_CLASS.get(c) ?? KIND_OF_CLASS.get(c.toLowerCase());
    if (kind !== undefined && (best === undefined || PRECEDENCE.indexOf(kind) < PRECEDENCE.indexOf(best))) best = kind;
  }
  return best;
}

const SKIPPED_NAMES: ReadonlySet<string> = new Set(SKIPPED_ACCOUNT_NAMES.map((n) => n.toLowerCase()));
/** A cheap first test: only names that start like a skipped shape go through the exact patterns. */
const SKIPPED_PREFIX = /^(?:MSOL_|AAD_|SystemMailbox|HealthMailbox|DiscoverySearchMailbox|FederatedEmail\.|Migration\.)/i;
const CONFLICT_MARKER = new RegExp(REPLICATION_CONFLICT_MARKER.replace(/\\/g, "\\\\"), "i");

/** Why an in-scope entry is skipped, or undefined when the rules apply to it. */
export function skipReason(entry: DirectoryEntry): string | undefined {
  if (entry.critical) return "critical system object";
  if (CONFLICT_MARKER.test(entry.dn) || entry.dn.includes("\nCNF:")) return "replication conflict";
  const sam = firstValue(entry, "sAMAccountName");
  if (sam !== undefined && SKIPPED_NAMES.has(sam.toLowerCase())) return "built-in account";
  const cn = firstValue(entry, "cn") ?? rdnValue(entry.dn);
  if (!SKIPPED_PREFIX.test(cn) && (sam === undefined || !SKIPPED_PREFIX.test(sam))) return undefined;
  for (const { attribute, pattern } of SKIPPED_ACCOUNT_PATTERNS) {
    const value = attribute === "cn" ? cn : sam;
    if (value !== undefined && pattern.test(value)) return attribute === "cn" ? "Exchange system mailbox" : "sync service account";
  }
  return undefined;
}
