/**
 * Every `npx entra-gate check ... examples/...` command line the README, docs/ and examples/README.md show runs as
 * written (from the repository root, as they say) and exits with the code written beside it: a `# exit N` comment,
 * the number a `$ echo $?` (or `; echo $?`) prints in the same block, or the verdict line shown (OK 0, NOT READY 1,
 * COULD NOT CHECK 2). A shown verdict line must be the one the command prints. Output redirections (`> file`) are
 * dropped: the test captures stdout instead of writing the file. A `*` in a file name is expanded as the shell
 * expands it (the folder's matching names, sorted).
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { cli } from "./check-cli";

const ROOT = path.join(__dirname, "../..");
const DOCS = ["README.md", "examples/README.md", ...readdirSync(path.join(ROOT, "docs")).map((f) => `docs/${f}`)].filter((f) =>
  f.endsWith(".md"),
);

interface Documented {
  /** Where it is written, e.g. "examples/README.md:9". */
  readonly where: string;
  /** The arguments after `entra-gate check`. */
  readonly args: string[];
  readonly exitCode: number | undefined;
  /** The verdict line the docs show, if any. */
  readonly verdict: string | undefined;
}

const VERDICT = /^(OK|NOT READY|COULD NOT CHECK):/;

/** `text` matched literally in a RegExp. */
const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** An argument as the shell passes it: a name with `*` becomes the matching files of its folder, sorted. */
function expand(arg: string): string[] {
  if (!arg.includes("*")) return [arg];
  const dir = path.dirname(arg);
  const pattern = new RegExp(`^${path.basename(arg).split("*").map(literal).join(".*")}$`);
  const matches = readdirSync(path.join(ROOT, dir))
    .filter((f) => pattern.test(f))
    .sort();
  return matches.map((f) => path.join(dir, f));
}
const VERDICT_CODES: Record<string, number> = { OK: 0, "NOT READY": 1, "COULD NOT CHECK": 2 };

/** The command lines of one Markdown file's code blocks that check a file of examples/. */
function documentedIn(doc: string): Documented[] {
  const lines = readFileSync(path.join(ROOT, doc), "utf8").split("\n");
  const found: Documented[] = [];
  let inBlock = false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.startsWith("```")) {
      inBlock = !inBlock;
      continue;
    }
    if (!inBlock) continue;
    // A command with its continuation lines (`\` at the end).
    const start = i;
    let command = lines[i]!;
    while (command.trimEnd().endsWith("\\") && i + 1 < lines.length) command = command.trimEnd().slice(0, -1) + " " + lines[++i]!.trim();
    const match = /^(?:\$ )?npx entra-gate check (.*)$/.exec(command.trim());
    if (!match || !/\bexamples\//.test(match[1]!)) continue;
    const [text = "", comment] = match[1]!.split(/\s+#\s*/, 2);
    const shell = text.replace(/;\s*echo \$\?\s*$/, "");
    const args = shell
      .replace(/\s*>\s*\S+/g, "")
      .trim()
      .split(/\s+/)
      .flatMap(expand);
    // What the block shows after it, up to the next command or the end of the block.
    const shown: string[] = [];
    for (let j = i + 1; j < lines.length && !lines[j]!.startsWith("```") && !/^(?:\$ )?npx /.test(lines[j]!); j++) shown.push(lines[j]!);
    const echoed = shown.find((l) => /^\d+$/.test(l.trim()));
    const verdict = shown.find((l) => VERDICT.test(l));
    const commented = comment === undefined ? undefined : /^exit (\d+)/.exec(comment)?.[1];
    const exitCode =
      commented !== undefined
        ? Number(commented)
        : echoed !== undefined
          ? Number(echoed)
          : verdict !== undefined
            ? VERDICT_CODES[VERDICT.exec(verdict)![1]!]
            : undefined;
    found.push({ where: `${doc}:${start + 1}`, args, exitCode, verdict });
  }
  return found;
}

const DOCUMENTED = DOCS.flatMap(documentedIn);

describe("documented example commands", () => {
  it("finds the commands of examples/README.md, the README and docs/policy-pack.md", () => {
    const where = new Set(DOCUMENTED.map((d) => d.where.split(":")[0]));
    expect(where).toEqual(new Set(["README.md", "examples/README.md", "docs/policy-pack.md"]));
    expect(DOCUMENTED.some((d) => d.args.includes("--parameters"))).toBe(true);
  });

  it.each(DOCUMENTED.map((d) => [d.where, d] as const))("%s runs as written", async (_where, d) => {
    expect(d.exitCode).toBeDefined();
    const r = await cli(...d.args);
    expect(r.code).toBe(d.exitCode);
    if (r.code !== 2) expect(r.err).toBe("");
    if (d.verdict !== undefined) expect(r.out).toMatch(new RegExp(`^${literal(d.verdict)}$`, "m"));
  });
});
