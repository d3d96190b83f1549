/**
 * Parses PowerShell with a real grammar in the test suite: the tree-sitter-powershell grammar (the WebAssembly
 * build its npm package ships) loaded through web-tree-sitter. No install script is needed: only the .wasm
 * file of tree-sitter-powershell is read, never its native binding.
 *
 * A script parses cleanly when its tree holds no ERROR node (text the grammar cannot place) and no MISSING node
 * (a token the parser had to invent, such as a closing brace).
 */
import { readFileSync } from "node:fs";
import { Language, Parser, type Node } from "web-tree-sitter";

/** One syntax error, positioned 1-based like an editor shows it. */
export interface PowerShellSyntaxError {
  readonly line: number;
  readonly column: number;
  /** "ERROR" for text the grammar cannot place, or "MISSING <token>" for a token the parser had to assume. */
  readonly kind: string;
  /** The source text of the ERROR node (cut at 80 characters); empty for a MISSING node. */
  readonly text: string;
}

let parser: Promise<Parser> | undefined;

function powershellParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const wasm = readFileSync(require.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm"));
    const language = await Language.load(wasm);
    const p = new Parser();
    p.setLanguage(language);
    return p;
  })();
  return parser;
}

function collectErrors(node: Node, errors: PowerShellSyntaxError[]): void {
  const position = { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
  if (node.isMissing) {
    errors.push({ ...position, kind: `MISSING ${node.type}`, text: "" });
    return;
  }
  if (node.isError) {
    errors.push({ ...position, kind: "ERROR", text: node.text.slice(0, 80) });
  }
  if (!node.hasError) return;
  for (const child of node.children) collectErrors(child, errors);
}

/** The syntax errors of a PowerShell script, in source order; an empty list when it parses cleanly. */
export function powershellSyntaxErrors(script: string): Promise<PowerShellSyntaxError[]> {
  return withPowerShellTree(script, (root) => {
    const errors: PowerShellSyntaxError[] = [];
    collectErrors(root, errors);
    return errors;
  });
}

/** Parses a script and hands its syntax tree to `inspect` (the tree is freed afterwards: keep no node). */
export async function withPowerShellTree<T>(script: string, inspect: (root: Node) => T): Promise<T> {
  const tree = (await powershellParser()).parse(script);
  if (tree === null) throw new Error("tree-sitter returned no tree for the PowerShell script");
  try {
    return inspect(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** Every command invocation named `name` (case-insensitive, as PowerShell resolves commands) below `root`. */
export function commandsNamed(root: Node, name: string): Node[] {
  return root.descendantsOfType("command").filter((c) => c.childForFieldName("command_name")?.text.toLowerCase() === name.toLowerCase());
}

/** Renders errors as `line:column KIND text` lines, for an assertion message that shows where the script breaks. */
export function formatSyntaxErrors(errors: readonly PowerShellSyntaxError[]): string {
  return errors.map((e) => `${e.line}:${e.column} ${e.kind}${e.text === "" ? "" : ` ${JSON.stringify(e.text)}`}`).join("\n");
}
