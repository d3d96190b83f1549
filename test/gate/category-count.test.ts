/**
 * Issue 10 section 1: "the README, docs and report agree on how many categories there are". Every "<number>
 * categories" written in README.md and docs/*.md is the catalogue's count (README once said nine while the
 * catalogue held ten).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CATEGORIES } from "../../src/requirements";

const root = join(__dirname, "..", "..");
const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/** Each "<number> [readiness ]categories" in a Markdown file, as [file, the phrase, the number it says]. */
function countsWritten(file: string): [string, string, number][] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/\b(\d+|[a-z]+) (?:readiness )?categories\b/gi)]
    .map((m): [string, string, number] => [file, m[0], /^\d+$/.test(m[1] ?? "") ? Number(m[1]) : WORDS.indexOf((m[1] ?? "").toLowerCase())])
    .filter(([, , n]) => n >= 0);
}

test("every count of categories in the README and docs is the catalogue's", () => {
  const files = [
    "README.md",
    ...readdirSync(join(root, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
  ];
  const written = files.flatMap(countsWritten);
  expect(written.filter(([file]) => file === "README.md").length).toBeGreaterThan(0);
  expect(written.filter(([, , n]) => n !== CATEGORIES.length)).toEqual([]);
});
