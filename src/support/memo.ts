/**
 * Results kept by key, up to a fixed number of keys (past it a result is computed and not kept): for the parses a
 * plan repeats on thousands of resources (type tokens, port texts, image fields, references), where the input file
 * decides how many distinct keys there are, so an unbounded map could grow with it.
 */
export class BoundedMemo<K, V> {
  private readonly kept = new Map<K, V>();

  /** @param maxKeys the most keys kept. */
  constructor(private readonly maxKeys: number) {}

  /** The result kept for `key`, or `compute()`'s, kept while there is room. */
  get(key: K, compute: () => V): V {
    if (this.kept.has(key)) return this.kept.get(key) as V;
    const value = compute();
    if (this.kept.size < this.maxKeys) this.kept.set(key, value);
    return value;
  }
}
