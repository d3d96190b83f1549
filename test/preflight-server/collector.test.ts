/**
 * The collector of `entra-gate server-script`: parsed with the PowerShell grammar, read-only, holding no figure of
 * its own (its data block is generated from the catalogue), and its output within Run Command's 4,096 bytes.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { COLLECTOR_DATA_PLACEHOLDER, collectorConfig, collectorScript, readCollectorSource } from "../../src/preflight/server/collector";
import { parseServerFacts, SERVER_FACTS_JSON_SCHEMA } from "../../src/preflight/server";
import {
  FACT_TEXT_CAP,
  GROUP_MEMBERS_CAP,
  RUN_COMMAND_OUTPUT_LIMIT_BYTES,
  SERVER_REGISTRY_FACTS,
  TLS12_REGISTRY_VALUES,
  TRUSTED_SITE_LOCATIONS,
} from "../../src/requirements";
import { formatSyntaxErrors, powershellSyntaxErrors, withPowerShellTree } from "../support/powershell/parse-powershell";
import { runCli } from "../support/run-cli";
import { compliant2022 } from "./facts-fixtures";

const script = collectorScript();

/** The data block as the script holds it: the line after `$ConfigJson = @'`. */
function embeddedConfig(text: string): unknown {
  const lines = text.split("\n");
  return JSON.parse(lines[lines.indexOf("$ConfigJson = @'") + 1] ?? "");
}

describe("the collector script", () => {
  test("parses with the PowerShell grammar without a syntax error, data block included", async () => {
    expect(formatSyntaxErrors(await powershellSyntaxErrors(script))).toBe("");
    expect(script).not.toContain(COLLECTOR_DATA_PLACEHOLDER);
  });

  test("embeds the catalogue's data: every registry path and value name the checks read", () => {
    const config = embeddedConfig(script) as ReturnType<typeof collectorConfig>;
    expect(config).toEqual(JSON.parse(JSON.stringify(collectorConfig())));
    expect(config.registry).toEqual(JSON.parse(JSON.stringify(SERVER_REGISTRY_FACTS)));
    for (const v of TLS12_REGISTRY_VALUES) expect(Object.values(config.registry)).toContainEqual({ key: v.key, name: v.name });
    expect(config.trustedSiteLocations.map((l) => l.id)).toEqual(TRUSTED_SITE_LOCATIONS.map((l) => l.id));
    expect(config.outputLimitBytes).toBe(4096);
  });

  test("holds no figure or path of its own: no registry path, no event id, no threshold outside the data block", () => {
    const source = readCollectorSource();
    const code = source
      .replace(/<#[\s\S]*?#>/g, "")
      .split("\n")
      .filter((l) => !/^\s*#/.test(l))
      .join("\n");
    expect(code).not.toMatch(/HKLM:|HKEY_LOCAL_MACHINE|SOFTWARE\\\\/i);
    expect(code).not.toMatch(/\b(4096|8001|10018|10029|461808|S-1-5-32-5\d\d)\b/);
    expect(code).not.toMatch(/login\.microsoftonline\.com|RestrictSendingNTLMTraffic|BackupDirectory|max server memory/);
  });

  test("every $Config field it reads exists in the data block, and every data field is read", () => {
    const config = collectorConfig() as unknown as Record<string, unknown>;
    // The path up to a PowerShell member such as .PSObject.
    const used = [...script.matchAll(/\$Config\.([A-Za-z]+(?:\.[A-Za-z]+)*)/g)].map((m) => m[1]!.replace(/\.PSObject.*$/, ""));
    for (const path of used) {
      const value = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], config);
      expect([path, value !== undefined]).toEqual([path, true]);
    }
    expect(new Set(used.map((p) => p.split(".")[0]))).toEqual(new Set(Object.keys(config)));
  });

  test("prints every field of the facts schema, in its order", () => {
    const block = /\$facts = \[ordered\]@\{\n([\s\S]*?)\n\}/.exec(script)?.[1] ?? "";
    const keys = [...block.matchAll(/^ {2}(\w+)\s+=/gm)].map((m) => m[1]);
    expect(keys).toEqual(SERVER_FACTS_JSON_SCHEMA.required);
  });

  test("changes nothing: it calls only reading commands (its own functions aside), and deletes only its temporary file", async () => {
    const { commands, functions, removes } = await withPowerShellTree(script, (tree) => ({
      commands: [...new Set(tree.descendantsOfType("command").map((c) => c.childForFieldName("command_name")?.text ?? ""))],
      functions: tree
        .descendantsOfType("function_statement")
        .map((f) => f.namedChildren.find((c) => c?.type === "function_name")?.text ?? ""),
      removes: tree
        .descendantsOfType("command")
        .filter((c) => c.childForFieldName("command_name")?.text === "Remove-Item")
        .map((c) => c.text),
    }));
    const readOnly = [
      "ConvertFrom-Json",
      "ConvertTo-Json",
      "ForEach-Object",
      "Get-ChildItem",
      "Get-CimInstance",
      "Get-Content",
      "Get-ExecutionPolicy",
      "Get-Item",
      "Get-Service",
      "Get-WinEvent",
      "Join-Path",
      "New-Object",
      "Out-Null",
      "Remove-Item",
      "Remove-TypeData",
      "Select-Object",
      "Set-StrictMode",
      "Test-Path",
      "Where-Object",
      "Write-Output",
      "secedit.exe",
    ];
    // `& $Reader` runs a reader scriptblock of the script itself.
    expect(commands.filter((c) => !functions.includes(c) && !readOnly.includes(c) && c !== "$Reader")).toEqual([]);
    expect(removes).toEqual(["Remove-Item -LiteralPath $file -Force -ErrorAction SilentlyContinue"]);
    expect(script).toMatch(/secedit\.exe \/export \/areas USER_RIGHTS/);
    expect(script).not.toMatch(/Set-ItemProperty|New-ItemProperty|Set-ExecutionPolicy|secedit\.exe \/configure/i);
  });

  test("is ASCII, so Windows PowerShell 5.1 reads it right without a byte order mark", () => {
    expect([...script].filter((c) => c !== "\t" && c !== "\n" && (c < " " || c > "~"))).toEqual([]);
  });

  test("npx entra-gate server-script prints it; --out writes it", async () => {
    const r = await runCli(["server-script"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(script);
    const dir = mkdtempSync(join(tmpdir(), "collector-"));
    try {
      const out = join(dir, "entra-gate-server-facts.ps1");
      expect((await runCli(["server-script", "--out", out])).code).toBe(0);
      expect(readFileSync(out, "utf8")).toBe(script);
      const refused = await runCli(["server-script", "--out", join(dir, "missing", "x.ps1")]);
      expect([refused.code, refused.stderr]).toEqual([2, expect.stringMatching(/--out .*cannot write there \(ENOENT\)/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Run Command's Restrictions: "Output is limited to the last 4,096 bytes"
// (https://learn.microsoft.com/azure/virtual-machines/windows/run-command#restrictions; MicrosoftDocs/azure-compute-docs
// articles/virtual-machines/windows/run-command.md).
describe("the facts document and Run Command's 4,096 bytes", () => {
  const cap = (s: string): string => s.padEnd(FACT_TEXT_CAP, "x").slice(0, FACT_TEXT_CAP);
  /** The largest document the caps allow: every text at its cap, every group at its member cap. */
  function largest() {
    const members = Array.from({ length: GROUP_MEMBERS_CAP }, (_, i) => ({
      name: cap(`CORP\\a-very-long-group-name-for-tier0-administration-number-${i}`),
      sid: `S-1-5-21-3623811015-3361044348-30300820-${1013 + i}`,
    }));
    return {
      ...compliant2022(),
      computer: cap("SYNC"),
      administrators: { count: 400, members },
      remoteDesktopUsers: { count: 400, members },
      remoteLogonRight: members,
      trustedSiteUsers: members.map((m) => ({ sid: m.sid, location: "esc-domains" })),
      entraConnectUninstall: [
        { name: "Microsoft Entra Connect Sync", version: "2.6.92.0" },
        { name: "Microsoft Azure AD Connect", version: "2.5.79.0" },
      ],
      tlsChain: [cap("login.microsoftonline.com"), cap("Microsoft Azure RSA TLS Issuing CA 04"), cap("DigiCert Global Root G2")],
    };
  }

  test("a typical document fits unpacked, close to the limit", () => {
    const size = Buffer.byteLength(JSON.stringify(compliant2022()));
    expect(size).toBeLessThan(RUN_COMMAND_OUTPUT_LIMIT_BYTES);
    expect(size).toBeGreaterThan(RUN_COMMAND_OUTPUT_LIMIT_BYTES / 2);
  });

  test("the largest document the caps allow passes 4,096 bytes plain, and fits packed (gzip + base64, as the collector prints it)", () => {
    const facts = largest();
    const plain = JSON.stringify(facts);
    expect(Buffer.byteLength(plain)).toBeGreaterThan(RUN_COMMAND_OUTPUT_LIMIT_BYTES);
    const packed = JSON.stringify({ tool: "entra-gate-server-facts", gzipBase64: gzipSync(plain).toString("base64") });
    expect(Buffer.byteLength(packed)).toBeLessThanOrEqual(RUN_COMMAND_OUTPUT_LIMIT_BYTES);
    expect(parseServerFacts(packed, "run-command").administrators).toEqual(facts.administrators);
  });
});
