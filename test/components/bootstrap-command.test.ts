import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import {
  BOOTSTRAP_SCRIPT,
  bootstrapCommand,
  bootstrapConfig,
  gzipStable,
  readBootstrapScript,
} from "../../src/components/bootstrap-command";
import { packageRoot } from "../../src/components/package-root";
import { commandsNamed, formatSyntaxErrors, powershellSyntaxErrors, withPowerShellTree } from "../support/powershell/parse-powershell";

const root = join(__dirname, "..", "..");
const options = { ntlmMode: "audit", lapsBackupDirectory: "active-directory", entraConnectVersion: "2.6.92.0" } as const;

/** Undoes what the command does on the server: the gzipped script and the gzipped JSON data block. */
function unpack(command: string): { script: string; config: unknown } {
  const packed = /\$s=& \$u '([A-Za-z0-9+/=]+)'/.exec(command)?.[1];
  const config = /\$c=& \$u '([A-Za-z0-9+/=]+)'/.exec(command)?.[1];
  if (packed === undefined || config === undefined) throw new Error(`cannot unpack ${command.slice(0, 80)}`);
  return {
    script: gunzipSync(Buffer.from(packed, "base64")).toString("utf8"),
    config: JSON.parse(gunzipSync(Buffer.from(config, "base64")).toString("utf8")),
  };
}

describe("the bootstrap script", () => {
  test("is a readable .ps1 in the repo, found from src/ and from dist/", () => {
    expect(packageRoot(join(root, "src", "components"))).toBe(root);
    expect(packageRoot(join(root, "dist", "components"))).toBe(root);
    expect(readBootstrapScript(root)).toBe(
      readFileSync(join(root, "src", "components", "bootstrap", "entra-connect-bootstrap.ps1"), "utf8"),
    );
    expect(BOOTSTRAP_SCRIPT).toBe(join("src", "components", "bootstrap", "entra-connect-bootstrap.ps1"));
  });

  test("parses with the PowerShell grammar without a syntax error", async () => {
    expect(formatSyntaxErrors(await powershellSyntaxErrors(readBootstrapScript(root)))).toBe("");
  });

  test("a LAPS processing failure warns instead of failing the extension (issue 9 item 9)", async () => {
    // Read from the syntax tree: every Invoke-LapsPolicyProcessing sits in the body of a try whose catch
    // warns and neither throws nor exits.
    const handlers = await withPowerShellTree(readBootstrapScript(root), (tree) =>
      commandsNamed(tree, "Invoke-LapsPolicyProcessing").map((call) => {
        let node = call.parent;
        while (node !== null && node.type !== "try_statement") node = node.parent;
        const body = node?.namedChildren[0];
        const inBody = body !== undefined && body !== null && body.startIndex <= call.startIndex && call.endIndex <= body.endIndex;
        const catches = node?.namedChildren.find((c) => c?.type === "catch_clauses");
        return {
          inBody,
          warns: catches !== undefined && catches !== null && commandsNamed(catches, "Write-Warning").length > 0,
          stops: catches === undefined || catches === null || /\b(throw|exit)\b/i.test(catches.text),
        };
      }),
    );
    expect(handlers).toEqual([{ inBody: true, warns: true, stops: false }]);
  });

  test("is LF in every checkout (.gitattributes), so the hash of a Windows checkout is the same", () => {
    expect(readFileSync(join(root, ".gitattributes"), "utf8").split("\n")).toContain("*.ps1 text eol=lf");
  });

  test("does every step the issue asks for", () => {
    const script = readBootstrapScript(root);
    for (const step of [
      "Set-ExecutionPolicy -ExecutionPolicy $Config.executionPolicy -Scope LocalMachine",
      "Set-DwordValues -Values $Config.tls12",
      "$Config.dotnet.minimumRelease",
      "ZoneMapKey",
      "Set-DwordValues -Values $Config.ntlm",
      "Set-DwordValues -Values $Config.laps",
      "Invoke-LapsPolicyProcessing",
      "Invoke-WebRequest -Uri $Config.installer.url",
      "Get-AuthenticodeSignature",
      "Microsoft supports no silent configuration",
      "ntlmMode: deny",
    ]) {
      expect(script).toContain(step);
    }
  });

  test("holds no figure of the catalogue: they come in the data block", () => {
    const script = readBootstrapScript(root);
    for (const figure of [
      "461808",
      "528040",
      "SchUseStrongCrypto",
      "SecurityProviders",
      "secure.aadcdn",
      'RemoteSigned"',
      "download.microsoft.com",
      "2.5.79.0",
      "MSV1_0",
    ]) {
      expect(script).not.toContain(figure);
    }
  });
});

describe("bootstrapConfig", () => {
  test("carries the catalogue's TLS values, .NET releases, trusted site, NTLM and LAPS values and the installer", () => {
    const config = bootstrapConfig({ ...options, ntlmMode: "deny", lapsBackupDirectory: "entra-id" });
    expect(config).toMatchObject({
      executionPolicy: "RemoteSigned",
      dotnet: { key: "HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full", minimumRelease: 461808, recommendedRelease: 528040 },
      trustedSite: "https://secure.aadcdn.microsoftonline-p.com",
      ntlmMode: "deny",
      installer: { folder: "C:\\EntraConnect", version: "2.6.92.0", minimumVersion: "2.5.79.0" },
    });
    expect(config.tls12).toHaveLength(8);
    expect(config.ntlm.map((v) => `${v.name}=${v.dword}`)).toEqual([
      "AuditReceivingNTLMTraffic=2",
      "RestrictReceivingNTLMTraffic=2",
      "RestrictSendingNTLMTraffic=2",
    ]);
    expect(config.laps.find((v) => v.name === "BackupDirectory")?.dword).toBe(1);
    expect(bootstrapConfig(options).ntlm.map((v) => `${v.name}=${v.dword}`)).toEqual([
      "AuditReceivingNTLMTraffic=2",
      "RestrictReceivingNTLMTraffic=0",
      "RestrictSendingNTLMTraffic=1",
    ]);
    expect(bootstrapConfig(options).laps.find((v) => v.name === "BackupDirectory")?.dword).toBe(2);
  });
});

describe("bootstrapCommand", () => {
  const command = bootstrapCommand(options, readBootstrapScript(root));

  test("unpacks to the repo's script and the data block, and stays below cmd.exe's 8,191 characters", () => {
    const { script, config } = unpack(command.commandToExecute);
    expect(script).toBe(readBootstrapScript(root));
    expect(config).toEqual(JSON.parse(JSON.stringify(bootstrapConfig(options))));
    // cmd.exe's limit is 8,191 characters (learn.microsoft.com/troubleshoot/windows-client/shell-experience/
    // command-line-string-limitation); keep a quarter of it free for later steps of the script.
    expect(command.commandToExecute.length).toBeLessThan(8191 * 0.75);
    expect(command.commandToExecute.slice(command.commandToExecute.indexOf('"') + 1, -1)).not.toContain('"');
  });

  test("its hash changes with the data block, so a switch to NTLM deny re-runs the extension", () => {
    expect(bootstrapCommand({ ...options, ntlmMode: "deny" }).sha256).not.toBe(command.sha256);
    expect(bootstrapCommand(options).sha256).toBe(command.sha256);
  });

  test("the forceUpdateTag is the same for a CRLF checkout of the script and the LF one", () => {
    const lf = readBootstrapScript(root);
    const crlf = lf.replace(/\n/g, "\r\n");
    expect(crlf).not.toBe(lf);
    expect(bootstrapCommand(options, crlf).sha256).toBe(bootstrapCommand(options, lf).sha256);
    expect(bootstrapCommand(options, crlf).commandToExecute).toBe(bootstrapCommand(options, lf).commandToExecute);
  });

  test("the forceUpdateTag changes when the script text changes", () => {
    const lf = readBootstrapScript(root);
    expect(bootstrapCommand(options, `${lf}# changed\n`).sha256).not.toBe(bootstrapCommand(options, lf).sha256);
  });

  test("gzip header: MTIME 0 and OS 255 (unknown), so every machine packs the same bytes (RFC 1952 2.3.1)", () => {
    const header = [...gzipStable("Write-Output 'x'\n").subarray(0, 10)];
    expect(header).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
    expect(gunzipSync(gzipStable("a\nb\n")).toString("utf8")).toBe("a\nb\n");
  });
});
