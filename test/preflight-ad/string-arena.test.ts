/** The byte store of the uniqueness index and the DN list: every string comes back exactly as it went in. */
import { StringArena } from "../../src/preflight/ad/string-arena";

describe("StringArena", () => {
  it("returns ASCII, non-ASCII, empty and lone-surrogate strings unchanged, across growth", () => {
    const arena = new StringArena();
    const values = [
      "alice@contoso.com",
      "",
      "Ren\u00e9 M\u00fcller",
      "\u{1F600} emoji",
      "lone \ud800 high",
      "lone \udc00 low",
      "x".repeat(3_000_000),
      "CN=Dup\\0ACNF:4a1c,OU=Staff,DC=corp,DC=example,DC=com",
    ];
    const numbers = values.map((v) => arena.add(v));
    for (let i = 0; i < 5000; i++) numbers.push(arena.add(`user${i}@contoso.com`));
    expect(numbers).toEqual(numbers.map((_, i) => i));
    expect(values.map((_, i) => arena.get(i))).toEqual(values);
    expect(arena.get(values.length + 4999)).toBe("user4999@contoso.com");
  });

  it("keeps strings whole where a chunk ends, and their hashes equal those of the lower-case key", () => {
    // 4 MiB chunks: 300,000 values of 30-40 bytes cross two chunk ends, some of them non-ASCII (3 bytes reserved per unit).
    const arena = new StringArena();
    const value = (i: number): string => (i % 1000 === 7 ? `R\u00e9n\u00e9 ${i} M\u00fcller` : `SMTP:User${i}@Contoso.example.com`);
    const fnv = (text: string, seed: number): number => {
      let h = Math.imul(0x811c9dc5 ^ seed, 0x01000193);
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
      return h;
    };
    const wrong: string[] = [];
    for (let i = 0; i < 300_000; i++) {
      const v = value(i);
      if (i % 2 === 0 && arena.add(v) !== i) wrong.push(`number of ${i}`);
      if (i % 2 === 1 && arena.addHashed(v, 5, i % 300) !== fnv(v.slice(5).toLowerCase(), i % 300)) wrong.push(`hash of ${i}`);
    }
    for (let i = 0; i < 300_000; i++) if (arena.get(i) !== value(i)) wrong.push(`value of ${i}`);
    expect(wrong).toEqual([]);
  });
});
