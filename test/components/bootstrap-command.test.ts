import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { BOOTSTRAP_SCRIPT, bootstrapCommand, bootstrapConfig, readBootstrapScript } from "../../src/components/bootstrap-command";
import { packageRoot } from "../../src/components/package-root";

const root = join(__dirname, "..", "..");
const options = { ntlmMode: "audit", lapsBackupDirectory: "active-directory", entraConnectVersion: "2.6.92.0" } as const;

/** Undoes what the command does on the server: the gzipped script and the base64 JSON data block. */
function unpack(command: string): { script: string; config: unknown } {
  const packed = /FromBase64String\('([A-Za-z0-9+/=]+)'\)/.exec(command)?.[1];
  const config = /-ConfigJsonBase64 '([A-Za-z0-9+/=]+)'/.exec(command)?.[1];
  if (packed === undefined || config === undefined) throw new Error(`cannot unpack ${command.slice(0, 80)}`);
  return {
    script: gunzipSync(Buffer.from(packed, "base64")).toString("utf8"),
    config: JSON.parse(Buffer.from(config, "base64").toString("utf8")),
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
    expect(command.commandToExecute.length).toBeLessThan(8191);
    expect(command.commandToExecute.slice(command.commandToExecute.indexOf('"') + 1, -1)).not.toContain('"');
  });

  test("its hash changes with the data block, so a switch to NTLM deny re-runs the extension", () => {
    expect(bootstrapCommand({ ...options, ntlmMode: "deny" }).sha256).not.toBe(command.sha256);
    expect(bootstrapCommand(options).sha256).toBe(command.sha256);
  });
});
