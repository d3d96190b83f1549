/**
 * Which objects Entra Connect syncs (its out-of-box sync rules, DEFAULT_SYNC_RULES in the catalogue): the data
 * rules check those, every other object is out of scope and counted per reason.
 */
import { DEFAULT_SYNC_RULES, REPLICATION_CONFLICT_MARKER, type OutOfScopeReason } from "../../requirements";
import { firstValue, type DirectoryEntry } from "./entry";

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

/** The kind of each class name seen (null: none), so the few names a directory uses are lower-cased once. */
const KIND_SEEN = new Map<string, ObjectKind | null>();

function kindOfClass(c: string): ObjectKind | undefined {
  let kind = KIND_SEEN.get(c);
  if (kind === undefined) {
    kind = KIND_OF_CLASS.get(c) ?? KIND_OF_CLASS.get(c.toLowerCase()) ?? null;
    if (KIND_SEEN.size < 10_000) KIND_SEEN.set(c, kind);
  }
  return kind ?? undefined;
}

export function objectKind(objectClass: readonly string[]): ObjectKind | undefined {
  let best: ObjectKind | undefined;
  for (const c of objectClass) {
    const kind = kindOfClass(c);
    if (kind !== undefined && (best === undefined || PRECEDENCE.indexOf(kind) < PRECEDENCE.indexOf(best))) best = kind;
  }
  return best;
}

/** Read once: the catalogue's re-exports are getters, too slow for a per-object path. */
const RULES = DEFAULT_SYNC_RULES;
const CONFLICT_MARKER = new RegExp(REPLICATION_CONFLICT_MARKER.replace(/\\/g, "\\\\"), "i");
const SYNC_SERVICE_ACCOUNT = new RegExp(`^(?:${RULES.syncServiceAccountPrefixes.join("|")})`, "i");

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** mailNickname starting `SystemMailbox{` (any case). */
const SYSTEM_MAILBOX = new RegExp(`^${escape(RULES.systemMailboxNicknamePrefix)}`, "i");
/** `CAS_` at the start and `}` anywhere after it (any case). */
const CAS_ACCOUNT = new RegExp(`^${escape(RULES.casPrefix)}[^]*${escape(RULES.casMarker)}`, "i");
const isCasAccount = (value: string | undefined): boolean => value !== undefined && CAS_ACCOUNT.test(value);
const same = (a: string | undefined, b: string): boolean => a !== undefined && a.length === b.length && a.toLowerCase() === b.toLowerCase();

/**
 * msExchRecipientTypeDetails has a bit of `mask` (the attribute is a 64-bit integer; the masks lie in the low 32
 * bits, so the value is reduced modulo 2^32 exactly with BigInt).
 */
function hasRecipientType(entry: DirectoryEntry, mask: number): boolean {
  const raw = firstValue(entry, "msExchRecipientTypeDetails");
  if (raw === undefined || !/^-?\d+$/.test(raw.trim())) return false;
  const low = Number(BigInt.asUintN(32, BigInt(raw.trim())));
  return (low & mask) !== 0;
}

/**
 * Mail-enabled as the default rules test it: proxyAddresses present, and a primary `SMTP:` proxy holding an `@` or
 * a mail holding an `@`.
 */
function isMailEnabled(entry: DirectoryEntry): boolean {
  const proxies = entry.values.proxyAddresses;
  if (!proxies || proxies.length === 0) return false;
  const primary = proxies.find((p) => p.startsWith("SMTP:"));
  return (primary !== undefined && primary.includes("@")) || (firstValue(entry, "mail")?.includes("@") ?? false);
}

/** A group without the security bit in groupType is a distribution group (no groupType: treated as security). */
function isDistributionGroup(entry: DirectoryEntry): boolean {
  const raw = firstValue(entry, "groupType");
  if (raw === undefined || !/^-?\d+$/.test(raw.trim())) return false;
  return (Number(raw) & RULES.securityGroupBit) === 0;
}

function userReason(entry: DirectoryEntry): OutOfScopeReason | undefined {
  const sam = firstValue(entry, "sAMAccountName");
  if (sam === undefined || sam === "") return "no sAMAccountName";
  if (SYNC_SERVICE_ACCOUNT.test(sam)) return "sync service account";
  const nickname = firstValue(entry, "mailNickname");
  if (
    same(sam, RULES.exchangeSupportAccount) ||
    (nickname !== undefined && SYSTEM_MAILBOX.test(nickname)) ||
    isCasAccount(nickname) ||
    isCasAccount(sam)
  )
    return "Exchange system account";
  return hasRecipientType(entry, RULES.userExcludedRecipientTypes) ? "Exchange system recipient type" : undefined;
}

function contactReason(entry: DirectoryEntry): OutOfScopeReason | undefined {
  const hidden = firstValue(entry, "msExchHideFromAddressLists")?.toUpperCase() === "TRUE";
  if (hidden && (firstValue(entry, "displayName")?.includes(RULES.msolContactMarker) ?? false)) return "DirSync object";
  if (isCasAccount(firstValue(entry, "mailNickname"))) return "Exchange system account";
  const mail = firstValue(entry, "mail");
  return mail === undefined || mail === "" || !isMailEnabled(entry) ? "contact not mail-enabled" : undefined;
}

function groupReason(entry: DirectoryEntry): OutOfScopeReason | undefined {
  if (same(firstValue(entry, "sAMAccountName"), RULES.legacyDirSyncGroup)) return "DirSync object";
  if (hasRecipientType(entry, RULES.groupExcludedRecipientTypes)) return "Exchange role group";
  return isDistributionGroup(entry) && !isMailEnabled(entry) ? "distribution group not mail-enabled" : undefined;
}

/** Why the default sync rules leave the entry out, or undefined when it syncs (and, unless a computer, is checked). */
export function outOfScopeReason(entry: DirectoryEntry, kind: ObjectKind): OutOfScopeReason | undefined {
  if (kind === "computer") return entry.hasUserCertificate ? undefined : "computer without userCertificate";
  if (entry.critical) return "critical system object";
  // Both conflict markers hold a ":", which almost no DN does: one scan rules them out.
  if (entry.dn.includes(":") && (CONFLICT_MARKER.test(entry.dn) || entry.dn.includes("\nCNF:"))) return "replication conflict";
  return kind === "user" ? userReason(entry) : kind === "contact" ? contactReason(entry) : groupReason(entry);
}
