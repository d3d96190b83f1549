/** Which objects the data rules read, count or skip (spec: "Objects in scope"). */
import { REPLICATION_CONFLICT_MARKER, SKIPPED_ACCOUNT_NAMES, SKIPPED_ACCOUNT_PATTERNS } from "../../requirements";
import { firstValue, rdnValue, type DirectoryEntry } from "./entry";

/** users (including inetOrgPerson), contacts and groups are checked; computers are counted only. */
export type ObjectKind = "user" | "contact" | "group" | "computer";

/** The kind of an entry from its objectClass values; undefined for anything else. */
export function objectKind(objectClass: readonly string[]): ObjectKind | undefined {
  const classes = new Set(objectClass.map((c) => c.toLowerCase()));
  if (classes.has("computer")) return "computer";
  if (classes.has("contact")) return "contact";
  if (classes.has("group")) return "group";
  if (classes.has("user") || classes.has("inetorgperson")) return "user";
  return undefined;
}

const SKIPPED_NAMES: ReadonlySet<string> = new Set(SKIPPED_ACCOUNT_NAMES.map((n) => n.toLowerCase()));

/** Why an in-scope entry is skipped, or undefined when the rules apply to it. */
export function skipReason(entry: DirectoryEntry): string | undefined {
  if (entry.critical) return "critical system object";
  if (entry.dn.toUpperCase().includes(REPLICATION_CONFLICT_MARKER) || entry.dn.includes("\nCNF:")) return "replication conflict";
  const sam = firstValue(entry, "sAMAccountName");
  if (sam !== undefined && SKIPPED_NAMES.has(sam.toLowerCase())) return "built-in account";
  const cn = firstValue(entry, "cn") ?? rdnValue(entry.dn);
  for (const { attribute, pattern } of SKIPPED_ACCOUNT_PATTERNS) {
    const value = attribute === "cn" ? cn : sam;
    if (value !== undefined && pattern.test(value)) return attribute === "cn" ? "Exchange system mailbox" : "sync service account";
  }
  return undefined;
}
