/**
 * Duplicate and conflict detection in hash maps (IdFix scans a list per value: quadratic). Values are compared
 * case-insensitively as the directory holds them, never as proposed fixes.
 *
 * - `duplicate`: two holders of one value in the same attribute (different objects, or two proxyAddresses of one
 *   object). Proxy addresses keep their prefix type: `SMTP:a@x` = `smtp:A@X`, but `sip:a@x` differs.
 * - `conflict`: an SMTP proxy address, mail or UPN of one object equals one of those of another object in a
 *   different attribute.
 */
import type { CheckedAttribute, DirectoryErrorKind } from "../../requirements";

/** One value held by one object. */
export interface Holder {
  /** The object's index in the scan. */
  readonly object: number;
  readonly attribute: CheckedAttribute;
  /** The value as the directory holds it. */
  readonly value: string;
}

/** A uniqueness problem of one holder: its kinds and the objects it collides with. */
export interface Collision {
  readonly holder: Holder;
  readonly errors: readonly DirectoryErrorKind[];
  /** Indexes of the other objects that hold the value (empty for two values of one object). */
  readonly related: readonly number[];
}

type Slot = Holder | Holder[];

/** The address namespace: mail, userPrincipalName and SMTP proxy addresses. */
const ADDRESS_ATTRIBUTES: ReadonlySet<CheckedAttribute> = new Set(["mail", "userPrincipalName", "proxyAddresses"]);

export class UniquenessIndex {
  /** Addresses (mail, UPN, SMTP proxy without its prefix), lower-case. */
  private readonly addresses = new Map<string, Slot>();
  /** Other unique values per attribute, lower-case (non-SMTP proxies keep their prefix). */
  private readonly values = new Map<CheckedAttribute, Map<string, Slot>>();

  /** Records a value; `addressKey` is the lower-case address for mail, UPN and SMTP proxies. */
  add(holder: Holder, addressKey?: string): void {
    if (addressKey !== undefined && ADDRESS_ATTRIBUTES.has(holder.attribute)) {
      put(this.addresses, addressKey, holder);
      return;
    }
    let map = this.values.get(holder.attribute);
    if (!map) this.values.set(holder.attribute, (map = new Map()));
    put(map, holder.value.toLowerCase(), holder);
  }

  /** Every holder that takes part in a duplicate or a conflict. */
  *collisions(): Generator<Collision> {
    const maps = [this.addresses, ...this.values.values()];
    for (const map of maps) {
      for (const slot of map.values()) {
        if (Array.isArray(slot)) yield* collisionsOf(slot);
      }
    }
  }
}

function put(map: Map<string, Slot>, key: string, holder: Holder): void {
  const slot = map.get(key);
  if (slot === undefined) map.set(key, holder);
  else if (Array.isArray(slot)) slot.push(holder);
  else map.set(key, [slot, holder]);
}

function collisionsOf(holders: readonly Holder[]): Collision[] {
  const out: Collision[] = [];
  for (const h of holders) {
    const errors = new Set<DirectoryErrorKind>();
    const related = new Set<number>();
    for (const other of holders) {
      if (other === h) continue;
      const sameObject = other.object === h.object;
      if (other.attribute === h.attribute) {
        // Two proxyAddresses of one object that differ only in case are duplicates too.
        if (sameObject && h.attribute !== "proxyAddresses") continue;
        errors.add("duplicate");
      } else if (!sameObject) {
        errors.add("conflict");
      } else {
        continue;
      }
      if (!sameObject) related.add(other.object);
    }
    if (errors.size > 0) out.push({ holder: h, errors: [...errors], related: [...related] });
  }
  return out;
}
