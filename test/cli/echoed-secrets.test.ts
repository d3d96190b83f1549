/**
 * Issue 14 item 3: nothing the CLI echoes back (commander's usage errors, refusals of a flag's value) carries a
 * secret or a control character.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripControlCharacters } from "../../src/support/redact";
import { runCli } from "../support/run-cli";

describe("echoed input", () => {
  it("commander's unknown-option error never prints the value of --password=", async () => {
    const r = await runCli(["preflight", "sql", "--server", "sql01", "--user", "sa", "--password=Hunter2-secret"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--password=[redacted]");
    expect(r.stderr + r.stdout).not.toContain("Hunter2-secret");
  });

  it("commander's errors lose escape sequences typed or pasted into an option", async () => {
    const r = await runCli(["plan", "--bogus=\u001b]0;owned\u0007x\u001b[2J"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus=x'");
    expect(r.stderr).toBe(stripControlCharacters(r.stderr, { keepLayout: true }));
  });

  it("a --server holding a connection string with ;Password= is refused without echoing it", async () => {
    const r = await runCli(["preflight", "sql", "--server", "sql01;User Id=sa;Password=Hunter2-secret", "--user", "sa"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "entra-gate: --server holds a connection string (a ';' or '='): give only HOST or HOST,PORT, the login with --user and the password with --password-env or --password-file.\n",
    );
  });

  it("an error message holding a secret or an escape sequence is redacted and stripped by main", async () => {
    // --token-env names a variable; its name is echoed, and a hostile name cannot drive the terminal.
    const r = await runCli(["preflight", "cloud", "--token-env", "X\u001b[31mY;Password=abc", "--format", "json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(stripControlCharacters(r.stderr, { keepLayout: true }));
    expect(r.stderr).not.toContain("Password=abc");
  });
});

describe("reports", () => {
  it("a report never carries an escape sequence or control character from its input to the terminal", async () => {
    const dir = mkdtempSync(join(tmpdir(), "echo-"));
    const hostile = readFileSync("examples/public-rdp-preview.json", "utf8").replaceAll(
      "sync-nic",
      "sync\\u001b]0;owned\\u0007-nic\\u009b2J",
    );
    const file = join(dir, "preview.json");
    writeFileSync(file, hostile);
    const text = await runCli(["check", file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("sync-nic");
    expect(text.stdout).toBe(stripControlCharacters(text.stdout, { keepLayout: true }));
    const json = await runCli(["check", file, "--format", "json"]);
    expect(json.stdout).toBe(stripControlCharacters(json.stdout, { keepLayout: true }));
    // JSON stays lossless: the value parses back to exactly what the file held.
    expect(JSON.parse(json.stdout).violations.map((v: { resourceName: string }) => v.resourceName)).toContain(
      "sync\u001b]0;owned\u0007-nic\u009b2J",
    );
  });
});
