/**
 * Strings kept as UTF-8 bytes in fixed-size chunks instead of as JS strings: a forest of 500,000 objects
 * keeps millions of values until the end of the scan, and as heap strings they cost several times their length
 * and make every garbage collection mark them again. Values are appended in order and numbered from 0.
 *
 * Chunks are never copied to grow (a doubling array holds the old and the new copy at once, which was the peak
 * of the scan's memory); a string never spans two chunks. The offsets are global: chunk `o >>> CHUNK_BITS`,
 * byte `o & CHUNK_MASK`.
 */
const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();
const CHUNK_BITS = 22;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;
/** Strings whose UTF-8 form may not fit one chunk (3 bytes per UTF-16 unit at most) are kept as JS strings. */
const MAX_CHUNKED_LENGTH = Math.floor(CHUNK_SIZE / 3);
/** Offsets are 32-bit: 2 GiB of values, far beyond what a scan within its memory limit holds. */
const MAX_OFFSET = 0x7fffffff - CHUNK_SIZE;
const ENDS_BITS = 16;
const ENDS_SIZE = 1 << ENDS_BITS;
const ENDS_MASK = ENDS_SIZE - 1;

export class StringArena {
  private readonly chunks: Uint8Array[] = [];
  /** The global offset where the next string goes. */
  private end = 0;
  /** ends[n >>> ENDS_BITS][n & ENDS_MASK]: the end offset of string n (it starts where string n - 1 ends, or at the start of its chunk). */
  private readonly ends: Int32Array[] = [];
  private count = 0;
  /** Strings that UTF-8 cannot carry unchanged (lone surrogates), or too long for a chunk, kept as they are. */
  private readonly odd = new Map<number, string>();

  /** Appends `value` and returns its number. */
  add(value: string): number {
    this.write(value, -1, 0);
    return this.count - 1;
  }

  /**
   * Appends `value` (its number is the count before the call) and returns the 32-bit FNV-1a hash, seeded with
   * `seed`, of its lower-case form from UTF-16 index `from` on: one pass over the value for both (the uniqueness
   * index's key hash).
   */
  addHashed(value: string, from: number, seed: number): number {
    return this.write(value, from, seed);
  }

  /** Writes the value; when `from` >= 0 returns its key hash (else 0). */
  private write(value: string, from: number, seed: number): number {
    const n = this.count;
    if ((n & ENDS_MASK) === 0) this.ends.push(new Int32Array(ENDS_SIZE));
    const length = value.length;
    let h = Math.imul(0x811c9dc5 ^ seed, 0x01000193);
    let start = this.end;
    if (length > MAX_CHUNKED_LENGTH) {
      this.odd.set(n, value);
      this.finishString(n, start);
      return from < 0 ? 0 : hashLower(value, from, seed);
    }
    if ((start & CHUNK_MASK) + length * 3 > CHUNK_SIZE || start >>> CHUNK_BITS >= this.chunks.length) {
      if ((start & CHUNK_MASK) + length * 3 > CHUNK_SIZE) start = ((start >>> CHUNK_BITS) + 1) << CHUNK_BITS;
      if (start > MAX_OFFSET) throw new Error("the directory scan holds more than 2 GiB of values");
      while (this.chunks.length <= start >>> CHUNK_BITS) this.chunks.push(new Uint8Array(CHUNK_SIZE));
    }
    const bytes = this.chunks[start >>> CHUNK_BITS] as Uint8Array;
    const base = start & CHUNK_MASK;
    // ASCII is stored as it is; the key part (from `from` on, all of it when not hashing) is also hashed.
    const keyFrom = from < 0 ? length : Math.min(from, length);
    let i = 0;
    for (; i < keyFrom; i++) {
      const c = value.charCodeAt(i);
      if (c > 0x7f) break;
      bytes[base + i] = c;
    }
    if (i === keyFrom) {
      for (; i < length; i++) {
        let c = value.charCodeAt(i);
        if (c > 0x7f) break;
        bytes[base + i] = c;
        if (c >= 0x41 && c <= 0x5a) c |= 0x20;
        h = Math.imul(h ^ c, 0x01000193);
      }
    }
    if (i === length) {
      this.finishString(n, start + length);
      return from < 0 ? 0 : h;
    }
    const written = ENCODER.encodeInto(value, bytes.subarray(base, base + length * 3)).written;
    this.finishString(n, start + written);
    if (this.get(n) !== value) this.odd.set(n, value);
    return from < 0 ? 0 : hashLower(value, from, seed);
  }

  private finishString(n: number, end: number): void {
    (this.ends[n >>> ENDS_BITS] as Int32Array)[n & ENDS_MASK] = end;
    this.end = end;
    this.count = n + 1;
  }

  private endOf(n: number): number {
    return (this.ends[n >>> ENDS_BITS] as Int32Array)[n & ENDS_MASK] as number;
  }

  /** String n as it was added. */
  get(n: number): string {
    if (this.odd.size > 0 && this.odd.has(n)) return this.odd.get(n) as string;
    const end = this.endOf(n);
    let start = n === 0 ? 0 : this.endOf(n - 1);
    if (end === start) return "";
    // A string that did not fit the rest of a chunk starts at the next chunk.
    if (start >>> CHUNK_BITS !== (end - 1) >>> CHUNK_BITS) start = ((end - 1) >>> CHUNK_BITS) << CHUNK_BITS;
    const bytes = this.chunks[start >>> CHUNK_BITS] as Uint8Array;
    return DECODER.decode(bytes.subarray(start & CHUNK_MASK, (start & CHUNK_MASK) + end - start));
  }
}

/** FNV-1a of `value.slice(from).toLowerCase()`, seeded: the key hash of a value that is not all ASCII. */
function hashLower(value: string, from: number, seed: number): number {
  const lower = value.slice(from).toLowerCase();
  let h = Math.imul(0x811c9dc5 ^ seed, 0x01000193);
  for (let i = 0; i < lower.length; i++) h = Math.imul(h ^ lower.charCodeAt(i), 0x01000193);
  return h;
}
