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
});
