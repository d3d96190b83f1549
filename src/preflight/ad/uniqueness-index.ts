/**
 * Duplicate and conflict detection in one sort of the hashes (IdFix scans a list per value: quadratic). Values are compared
 * case-insensitively as the directory holds them, never as proposed fixes.
 *
 * - `duplicate`: two holders of one value in the same attribute (different objects, or two proxyAddresses of one
 *   object). Proxy addresses keep their prefix type: `SMTP:a@x` = `smtp:A@X`, but `sip:a@x` differs.
 * - `conflict`: an SMTP proxy address, mail or UPN of one object equals one of those of another object in a
 *   different attribute.
 *
 * Memory is the point (a forest of 500,000 objects holds millions of values): each value is kept once, as the
 * directory returned it, as UTF-8 bytes in a StringArena (off the JS heap's object graph), with a 32-bit hash of
 * its comparison key in typed arrays. `collisions` sorts the holders by hash (one native sort of 64-bit numbers)
 * and compares the exact keys only inside runs of one hash that could collide.
 */
import { CHECKED_ATTRIBUTES, type CheckedAttribute, type DirectoryErrorKind } from "../../requirements";
import { StringArena } from "./string-arena";

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

const ATTRIBUTE_CODE = new Map<CheckedAttribute, number>(CHECKED_ATTRIBUTES.map((a, i) => [a, i]));
const PROXY = ATTRIBUTE_CODE.get("proxyAddresses") as number;
/** Where a 64-bit number's low and high 32-bit halves lie in memory (little- or big-endian platform). */
const LOW_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH_WORD = 1 - LOW_WORD;
/** Namespace of the address keys (mail, UPN, SMTP proxies); other attributes use their own code. */
const ADDRESS_NAMESPACE = 255;
const SMTP_PREFIX_LENGTH = "smtp:".length;

export class UniquenessIndex {
  private count = 0;
  private hashes = new Int32Array(1024);
  private objects = new Int32Array(1024);
  private attributes = new Uint8Array(1024);
  private namespaces = new Uint8Array(1024);
  private scopes = new Int32Array(1024);
  private readonly values = new StringArena();

  /**
   * Records a value of an object. `smtpAddress`: the value is an SMTP address (mail, UPN, or a proxy with the
   * `smtp:` prefix), compared in the shared address namespace without its prefix. `scope`: values only collide
   * within one scope (sAMAccountName is unique per domain: the domain's number; 0 for forest-wide attributes).
   */
  add(object: number, attribute: CheckedAttribute, value: string, smtpAddress: boolean, scope = 0): void {
    if (this.count === this.hashes.length) this.grow();
    const i = this.count++;
    const code = ATTRIBUTE_CODE.get(attribute) as number;
    const namespace = smtpAddress ? ADDRESS_NAMESPACE : code;
    const start = smtpAddress && code === PROXY ? SMTP_PREFIX_LENGTH : 0;
    // FNV-1a over the lower-case key (without an SMTP proxy's prefix), seeded with the namespace and scope.
    this.hashes[i] = this.values.addHashed(value, start, namespace + scope * 256);
    this.objects[i] = object;
    this.attributes[i] = code;
    this.namespaces[i] = namespace;
    this.scopes[i] = scope;
  }

  private grow(): void {
    const size = this.hashes.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.hashes = grown(this.hashes, (n) => new Int32Array(n));
    this.objects = grown(this.objects, (n) => new Int32Array(n));
    this.attributes = grown(this.attributes, (n) => new Uint8Array(n));
    this.namespaces = grown(this.namespaces, (n) => new Uint8Array(n));
    this.scopes = grown(this.scopes, (n) => new Int32Array(n));
  }

  private key(i: number): string {
    const value = this.values.get(i);
    const start = this.namespaces[i] === ADDRESS_NAMESPACE && this.attributes[i] === PROXY ? SMTP_PREFIX_LENGTH : 0;
    return `${this.namespaces[i]}\u0000${this.scopes[i]}\u0000${value.slice(start).toLowerCase()}`;
  }

  private holder(i: number): Holder {
    return {
      object: this.objects[i] as number,
      attribute: CHECKED_ATTRIBUTES[this.attributes[i] as number] as CheckedAttribute,
      value: this.values.get(i),
    };
  }

  /** Every holder that takes part in a duplicate or a conflict. */
  collisions(): Collision[] {
    const n = this.count;
    const hashes = this.hashes;
    // Each holder as one 64-bit number, its hash (as unsigned) above its index: sorted natively, the holders of one
    // hash lie side by side, read in sequence (a bucket table scattered them over memory, the scan's slowest part).
    const packed = new BigUint64Array(n);
    const words = new Uint32Array(packed.buffer);
    for (let i = 0; i < n; i++) {
      words[2 * i + LOW_WORD] = i;
      words[2 * i + HIGH_WORD] = hashes[i] as number;
    }
    packed.sort();
    const out: Collision[] = [];
    for (let from = 0; from < n;) {
      const hash = words[2 * from + HIGH_WORD] as number;
      let to = from + 1;
      while (to < n && words[2 * to + HIGH_WORD] === hash) to++;
      if (to - from > 1 && this.mayCollide(words, from, to)) {
        const groups = new Map<string, number[]>();
        for (let k = from; k < to; k++) {
          const i = words[2 * k + LOW_WORD] as number;
          const key = this.key(i);
          const group = groups.get(key);
          if (group) group.push(i);
          else groups.set(key, [i]);
        }
        for (const group of groups.values()) if (group.length > 1) out.push(...collisionsOf(group.map((i) => this.holder(i))));
      }
      from = to;
    }
    return out;
  }

  /**
   * True when holders `from` to `to` of the sorted run (one hash) could collide: two objects, or two proxy
   * addresses of one object.
   */
  private mayCollide(words: Uint32Array, from: number, to: number): boolean {
    const first = this.objects[words[2 * from + LOW_WORD] as number];
    let proxies = 0;
    for (let k = from; k < to; k++) {
      const i = words[2 * k + LOW_WORD] as number;
      if (this.objects[i] !== first) return true;
      if (this.attributes[i] === PROXY && ++proxies > 1) return true;
    }
    return false;
  }
}

/**
 * The collisions inside one group of holders of the same key, in linear time: a holder is a `duplicate` when
 * another object holds the key in the same attribute (or its object holds it in two proxyAddresses values), and a
 * `conflict` when another object holds it in a different attribute. Every other object of the group is related.
 */
function collisionsOf(holders: readonly Holder[]): Collision[] {
  const perAttribute = new Map<CheckedAttribute, number>();
  const perObject = new Map<number, number>();
  const perObjectAttribute = new Map<string, number>();
  const bump = <K>(m: Map<K, number>, k: K): void => void m.set(k, (m.get(k) ?? 0) + 1);
  for (const h of holders) {
    bump(perAttribute, h.attribute);
    bump(perObject, h.object);
    bump(perObjectAttribute, `${h.object}\u0000${h.attribute}`);
  }
  const objects = [...perObject.keys()];
  const out: Collision[] = [];
  for (const h of holders) {
    const sameAttribute = perAttribute.get(h.attribute) ?? 0;
    const mineInAttribute = perObjectAttribute.get(`${h.object}\u0000${h.attribute}`) ?? 0;
    const othersInAttribute = sameAttribute - mineInAttribute;
    const othersInOtherAttributes = holders.length - (perObject.get(h.object) ?? 0) - othersInAttribute;
    const errors: DirectoryErrorKind[] = [];
    if (othersInAttribute > 0 || (h.attribute === "proxyAddresses" && mineInAttribute > 1)) errors.push("duplicate");
    if (othersInOtherAttributes > 0) errors.push("conflict");
    if (errors.length > 0) out.push({ holder: h, errors, related: objects.filter((o) => o !== h.object) });
  }
  return out;
}
