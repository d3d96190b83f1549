import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatSyntaxErrors, powershellSyntaxErrors } from "./parse-powershell";

const valid = [
  "[CmdletBinding()]",
  "param([Parameter(Mandatory = $true)] [string] $Name)",
  "$ErrorActionPreference = 'Stop'",
  "foreach ($v in @(1, 2)) {",
  '  if ($v -lt 2) { Write-Output "small $v" } else { Write-Warning "big $($v)" }',
  "}",
  "try { Get-Item -LiteralPath 'HKLM:\\SOFTWARE' } catch { throw } finally { Write-Output 'done' }",
  "",
].join("\n");

describe("powershellSyntaxErrors (tree-sitter-powershell grammar through web-tree-sitter)", () => {
  test("accepts a valid script", async () => {
    expect(await powershellSyntaxErrors(valid)).toEqual([]);
  });

  test("rejects an if whose condition is not closed, from the statement where it starts", async () => {
    const errors = await powershellSyntaxErrors("$a = 1\nif ($v -lt 2 {\n  Write-Output 'x'\n}\n$b = 2\n");
    expect(errors[0]).toMatchObject({ line: 2, column: 1, kind: "ERROR" });
  });

  test("rejects an unterminated string at its line and column", async () => {
    const errors = await powershellSyntaxErrors("$a = 1\nWrite-Output 'unterminated\n$b = 2\n");
    expect(formatSyntaxErrors(errors)).toBe(`2:14 ERROR "'unterminated"`);
  });

  test("rejects a valid script with one operator left without its operand", async () => {
    const errors = await powershellSyntaxErrors(valid.replace("if ($v -lt 2)", "if ($v -lt)"));
    expect(errors.map((e) => e.line)).toContain(5);
  });

  test("reports a missing closing brace as a MISSING token", async () => {
    const errors = await powershellSyntaxErrors("function f {\n  Write-Output 'x'\n");
    expect(errors.map((e) => e.kind)).toContain("MISSING }");
  });

  test("rejects text that is no PowerShell at all", async () => {
    expect(await powershellSyntaxErrors("if ) ( {{ ]")).not.toEqual([]);
  });

  test("the grammar is the wasm build shipped in tree-sitter-powershell 0.26.4", () => {
    const manifest = JSON.parse(
      readFileSync(join(require.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm"), "..", "package.json"), "utf8"),
    ) as {
      version: string;
    };
    expect(manifest.version).toBe("0.26.4");
  });
});
