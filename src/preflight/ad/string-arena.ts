/**
 * Strings kept as UTF-8 bytes in one growing byte array instead of as JS strings: a forest of 500,000 objects
 * keeps millions of values until the end of the scan, and as heap strings they cost several times their length
 * and make every garbage collection mark them again. Values are appended in order and numbered from 0.
 */
const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

export class StringArena {
  private bytes = new Uint8Array(1 << 20);
  /** ends[n]: the end offset of string n (it starts where string n - 1 ends). */
  private ends = new Int32Array(1024);
  private count = 0;
  /** Strings that UTF-8 cannot carry unchanged (lone surrogates), kept as they are. */
  private readonly odd = new Map<number, string>();

  /** Appends `value` and returns its number. */
  add(value: string): number {
    const n = this.count;
    const start = n === 0 ? 0 : (this.ends[n - 1] as number);
    if (start + value.length * 3 > this.bytes.length) this.growBytes(start + value.length * 3);
    if (n === this.ends.length) {
      const ends = new Int32Array(n * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    const bytes = this.bytes;
    let end = start;
    let i = 0;
    for (; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c > 0x7f) break;
      bytes[end++] = c;
    }
    if (i < value.length) end = start + ENCODER.encodeInto(value, bytes.subarray(start)).written;
    this.ends[n] = end;
    this.count = n + 1;
    if (i < value.length && this.get(n) !== value) this.odd.set(n, value);
    return n;
  }

  private growBytes(needed: number): void {
    let size = this.bytes.length * 2;
    while (size < needed) size *= 2;
    const bytes = new Uint8Array(size);
    bytes.set(this.bytes.subarray(0, this.count === 0 ? 0 : this.ends[this.count - 1]));
    this.bytes = bytes;
  }

  /** String n as it was added. */
  get(n: number): string {
    if (this.odd.size > 0 && this.odd.has(n)) return this.odd.get(n) as string;
    const start = n === 0 ? 0 : (this.ends[n - 1] as number);
    return DECODER.decode(this.bytes.subarray(start, this.ends[n] as number));
  }
}
