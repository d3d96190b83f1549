import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { Node } from "web-tree-sitter";
import {
  BOOTSTRAP_SCRIPT,
  bootstrapCommand,
  bootstrapConfig,
  gzipStable,
  packedScriptText,
  readBootstrapScript,
  syncDatabaseBootstrapCommand,
  syncDatabaseBootstrapConfig,
} from "../../src/components/bootstrap-command";
import { packageRoot } from "../../src/components/package-root";
import { INSTALLER_URL_MAX_LENGTH, LAPS_POLICY_ROOTS, NTLM_ALLOWED_SERVERS_MAX, NTLM_SERVER_NAME_MAX_LENGTH } from "../../src/requirements";
import { commandsNamed, formatSyntaxErrors, powershellSyntaxErrors, withPowerShellTree } from "../support/powershell/parse-powershell";

const root = join(__dirname, "..", "..");
const options = { ntlmMode: "audit", lapsBackupDirectory: "active-directory", entraConnectVersion: "2.6.92.0" } as const;
const installer = {
  url: "https://stcorp.blob.core.windows.net/installers/AzureADConnect.msi",
  sha256: "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
};
const script = readBootstrapScript(root);

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

/** `$Var.a.b` chains read anywhere in the code (comments are not code), as [variable, ...member names]. */
function memberChains(tree: Node): string[][] {
  const chains: string[][] = [];
  for (const node of tree.descendantsOfType("member_access")) {
    if (node === null || node.parent?.type === "member_access") continue;
    const names: string[] = [];
    let inner: Node | null = node;
    while (inner !== null && inner.type === "member_access") {
      names.unshift(inner.namedChildren[1]?.text ?? "");
      inner = inner.namedChildren[0] ?? null;
    }
    if (inner?.type === "variable") chains.push([inner.text, ...names]);
  }
  return chains;
}

/** Every key path of a JSON value, arrays looked into through their first element. */
function keyPaths(value: unknown, prefix: string[] = []): string[][] {
  if (Array.isArray(value)) return value.length === 0 ? [] : keyPaths(value[0], prefix);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...keyPaths(v, [...prefix, k])]);
}

/**
 * The script's variables that hold a part of the data block: $Config itself and the loop or parameter variables
 * the functions receive it through.
 */
const DATA_VARIABLES: Readonly<Record<string, readonly string[]>> = {
  $Config: [],
  $Setting: ["registry"],
  $Entry: ["removeRegistry"],
  $Threshold: ["thresholds"],
  $Installer: ["installer"],
  $floor: ["installer", "minimumVersions"],
};

/** The key paths (from the data block's root) the script reads. */
async function pathsTheScriptReads(): Promise<Set<string>> {
  const chains = await withPowerShellTree(script, memberChains);
  const read = new Set<string>();
  for (const [variable = "", ...names] of chains) {
    const base = DATA_VARIABLES[variable];
    if (base === undefined) continue;
    const path = [...base, ...names];
    for (let i = 1; i <= path.length; i++) read.add(path.slice(0, i).join("."));
  }
  return read;
}

const fullConfig = bootstrapConfig({ ...options, ntlmMode: "deny", ntlmAllowedServers: ["FILESRV01"], installer });

describe("the bootstrap script", () => {
  test("is a readable .ps1 in the repo, found from src/ and from dist/", () => {
    expect(packageRoot(join(root, "src", "components"))).toBe(root);
    expect(packageRoot(join(root, "dist", "components"))).toBe(root);
    expect(script).toBe(readFileSync(join(root, "src", "components", "bootstrap", "entra-connect-bootstrap.ps1"), "utf8"));
    expect(BOOTSTRAP_SCRIPT).toBe(join("src", "components", "bootstrap", "entra-connect-bootstrap.ps1"));
  });

  test("parses with the PowerShell grammar without a syntax error, and so does the packed text", async () => {
    expect(formatSyntaxErrors(await powershellSyntaxErrors(script))).toBe("");
    expect(formatSyntaxErrors(await powershellSyntaxErrors(packedScriptText(script)))).toBe("");
  });

  test("the packed text is the script without its comments: the same syntax tree", async () => {
    const shape = (text: string): Promise<string> => withPowerShellTree(text, (tree) => tree.toString().replace(/ \(comment\)/g, ""));
    expect(await shape(packedScriptText(script))).toBe(await shape(script));
    expect(packedScriptText(script)).not.toContain("#");
    expect(packedScriptText(script).length).toBeLessThan(script.length * 0.8);
  });

  test("reads every key of the data block, and no key the data block lacks (no step can be left out)", async () => {
    const read = await pathsTheScriptReads();
    const configs = [fullConfig, bootstrapConfig(options), syncDatabaseBootstrapConfig(options)];
    const given = [...new Set(configs.flatMap((c) => keyPaths(c).map((p) => p.join("."))))];
    // Every key of the data block is read in code (a commented-out step no longer reads its key)...
    expect(given.filter((p) => !read.has(p))).toEqual([]);
    // ...and every key the code reads exists (a typo would read $null under StrictMode's back).
    expect([...read].filter((p) => !given.includes(p))).toEqual([]);
  });

  test("the thresholds fail or warn when the observed value is below the minimum, never above", async () => {
    const comparisons = await withPowerShellTree(script, (tree) =>
      tree
        .descendantsOfType("comparison_expression")
        .filter((c) => c !== null && c.namedChildren.some((n) => n?.type === "comparison_operator"))
        .map((c) => c?.text ?? "")
        .filter((text) => /minimum|\$floor\.version/.test(text)),
    );
    expect(comparisons).toEqual([
      "$observed -lt [int64] $Threshold.minimum",
      "(ConvertTo-FullVersion $productVersion) -lt (ConvertTo-FullVersion $floor.version)",
    ]);
  });

  test("the installer reaches its final name only after every check; a failed check removes the download and fails", async () => {
    const result = await withPowerShellTree(script, (tree) => {
      const fn = tree.descendantsOfType("function_statement").find((f) => /^function Save-VerifiedInstaller/i.test(f?.text ?? ""));
      const tryStatement = fn?.descendantsOfType("try_statement")[0];
      if (fn === undefined || fn === null || tryStatement === undefined || tryStatement === null)
        throw new Error("no Save-VerifiedInstaller try");
      const body = tryStatement.namedChildren[0];
      const catches = tryStatement.namedChildren.find((c) => c?.type === "catch_clauses");
      const throws = (body?.descendantsOfType("flow_control_statement") ?? []).filter((t) => t?.text.startsWith("throw"));
      const move = commandsNamed(body ?? tryStatement, "Move-Item");
      return {
        checks: throws.map((t) => /^throw "([\w-]+(?: \w+)?)/.exec(t?.text ?? "")?.[1]),
        moveAfterChecks: move.length === 1 && throws.every((t) => (t?.endIndex ?? Infinity) < (move[0]?.startIndex ?? 0)),
        catchRemovesDownload: catches !== undefined && catches !== null && commandsNamed(catches, "Remove-Item").length === 1,
        catchRethrows: /\bthrow\s*\}\s*$/.test(catches?.text ?? ""),
      };
    });
    expect(result).toEqual({
      checks: ["The file", "SHA-256 check", "Signature check", "Signer check", "Version check"],
      moveAfterChecks: true,
      catchRemovesDownload: true,
      catchRethrows: true,
    });
  });

  // Each check throws when its condition holds, so a flipped operator (-ne to -eq, -notcontains to -contains) would
  // keep only the wrong installer. Get-FileHash returns the hash in upper case; -ne compares strings case-insensitively
  // (learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_comparison_operators). An Authenticode
  // signature that verifies has Status Valid (learn.microsoft.com/dotnet/api/system.management.automation.signaturestatus).
  test("every installer check throws on the failing side: size above the cap, hash or signature other, signer absent, version below (issue 9 item 2)", async () => {
    const conditions = await withPowerShellTree(script, (tree) => {
      const fn = tree.descendantsOfType("function_statement").find((f) => /^function Save-VerifiedInstaller/i.test(f?.text ?? ""));
      return (fn?.descendantsOfType("if_statement") ?? []).map((s) => s?.childForFieldName("condition")?.text);
    });
    expect(conditions).toEqual([
      "$size -gt [int64] $Installer.maxBytes",
      "$hash -ne $Installer.source.sha256",
      "\"$($signature.Status)\" -ne 'Valid'",
      "$subject -notcontains $Installer.signer",
      "(ConvertTo-FullVersion $productVersion) -lt (ConvertTo-FullVersion $floor.version)",
    ]);
  });

  test("downloads only in Save-VerifiedInstaller, called only when the data block names a source (issue 9 item 2)", async () => {
    const found = await withPowerShellTree(script, (tree) => {
      const enclosingFunction = (n: Node): string | undefined => {
        for (let p = n.parent; p !== null; p = p.parent) if (p.type === "function_statement") return /^function ([\w-]+)/.exec(p.text)?.[1];
        return undefined;
      };
      const downloads = ["Invoke-WebRequest", "Invoke-RestMethod", "Start-BitsTransfer"].flatMap((c) => commandsNamed(tree, c));
      const calls = commandsNamed(tree, "Save-VerifiedInstaller").map((call) => {
        let branch: Node | null = call.parent;
        while (branch !== null && branch.type !== "if_statement") branch = branch.parent;
        const condition = branch?.childForFieldName("condition")?.text;
        const inElse = branch?.namedChildren.some((c) => c?.type === "else_clause" && c.startIndex <= call.startIndex) ?? false;
        return { condition, inElse };
      });
      return { downloads: downloads.map(enclosingFunction), calls };
    });
    expect(found).toEqual({
      downloads: ["Save-VerifiedInstaller"],
      calls: [{ condition: "$null -eq $Config.installer.source", inElse: true }],
    });
  });

  test("locks the folder (inheritance removed, listed SIDs only) before it writes the log or the installer there", async () => {
    const order = await withPowerShellTree(script, (tree) => {
      const top = tree.namedChildren.find((n) => n?.type === "statement_list")?.namedChildren ?? [];
      const position = (name: string): number =>
        top.findIndex((s) => s !== null && commandsNamed(s, name).length > 0 && !s.text.startsWith("function"));
      const protection = tree
        .descendantsOfType("invokation_expression")
        .map((i) => i?.text)
        .filter((t) => t?.includes("SetAccessRuleProtection"));
      return { folder: position("Set-FolderAccess"), transcript: position("Start-Transcript"), protection };
    });
    expect(order.folder).toBeGreaterThan(-1);
    expect(order.folder).toBeLessThan(order.transcript);
    // SetAccessRuleProtection(isProtected: true, preserveInheritance: false): inherited entries are dropped
    // (learn.microsoft.com/dotnet/api/system.security.accesscontrol.objectsecurity.setaccessruleprotection).
    expect(order.protection).toEqual(["$acl.SetAccessRuleProtection($true, $false)"]);
  });

  test("a LAPS processing failure warns instead of failing the extension (issue 9 item 9)", async () => {
    // Read from the syntax tree: every Invoke-LapsPolicyProcessing sits in the body of a try whose catch
    // warns and neither throws nor exits.
    const handlers = await withPowerShellTree(script, (tree) =>
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

  test("holds no figure of the catalogue: they come in the data block", () => {
    for (const figure of [
      "461808",
      "528040",
      "SchUseStrongCrypto",
      "SecurityProviders",
      "secure.aadcdn",
      "RemoteSigned",
      "ZoneMapKey",
      "download.microsoft.com",
      "2.5.79.0",
      "MSV1_0",
      "NTLMTraffic",
      "LAPS\\",
      "S-1-5-",
      "Microsoft Corporation",
      "AzureADConnect.msi",
    ]) {
      expect(script).not.toContain(figure);
    }
  });
});

describe("the data block, against the catalogue and Microsoft's documents", () => {
  // TLS 1.2: learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-tls-enforcement (the SCHANNEL
  // Server and Client keys, SystemDefaultTlsVersions and SchUseStrongCrypto in both .NET registry views).
  const net = (view: string): string => `HKLM:\\SOFTWARE\\${view}Microsoft\\.NETFramework\\v4.0.30319`;
  const schannel = (side: string): string =>
    `HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\${side}`;
  const tls12 = [
    { path: net("WOW6432Node\\"), name: "SystemDefaultTlsVersions", type: "DWord", value: 1 },
    { path: net("WOW6432Node\\"), name: "SchUseStrongCrypto", type: "DWord", value: 1 },
    { path: net(""), name: "SystemDefaultTlsVersions", type: "DWord", value: 1 },
    { path: net(""), name: "SchUseStrongCrypto", type: "DWord", value: 1 },
    { path: schannel("Server"), name: "Enabled", type: "DWord", value: 1 },
    { path: schannel("Server"), name: "DisabledByDefault", type: "DWord", value: 0 },
    { path: schannel("Client"), name: "Enabled", type: "DWord", value: 1 },
    { path: schannel("Client"), name: "DisabledByDefault", type: "DWord", value: 0 },
  ];
  // "Site to Zone Assignment List" writes REG_SZ values named after the site under ZoneMapKey; zone 2 is
  // Trusted sites (learn.microsoft.com/troubleshoot/developer/browsers/security-privacy/ie-security-zones-registry-entries).
  // Entra Connect's prerequisites list https://secure.aadcdn.microsoftonline-p.com as a trusted site for MFA
  // (learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-install-prerequisites).
  const trustedSite = {
    path: "HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMapKey",
    name: "https://secure.aadcdn.microsoftonline-p.com",
    type: "String",
    value: "2",
  };
  // "Network security: Restrict NTLM: ..." (learn.microsoft.com/previous-versions/windows/it-pro/windows-10/
  // security/threat-protection/security-policy-settings/network-security-restrict-ntlm-incoming-ntlm-traffic,
  // ...-outgoing-ntlm-traffic-to-remote-servers, ...-audit-incoming-ntlm-traffic and
  // ...-add-remote-server-exceptions-for-ntlm-authentication). The Security Options editor stores them as
  // DWORDs under HKLM\System\CurrentControlSet\Control\Lsa\MSV1_0 in the order of the choices:
  // RestrictReceivingNTLMTraffic 0 Allow all / 1 Deny all domain accounts / 2 Deny all accounts;
  // RestrictSendingNTLMTraffic 0 Allow all / 1 Audit all / 2 Deny all; AuditReceivingNTLMTraffic 0 Disable /
  // 1 domain accounts / 2 all accounts; the exception list is the REG_MULTI_SZ ClientAllowedNTLMServers
  // (windows-security.org's ADMX/secedit mapping and dev-sec's windows-hardening baseline use the same names).
  const msv = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0";
  const auditNtlm = [
    { path: msv, name: "AuditReceivingNTLMTraffic", type: "DWord", value: 2 },
    { path: msv, name: "RestrictReceivingNTLMTraffic", type: "DWord", value: 0 },
    { path: msv, name: "RestrictSendingNTLMTraffic", type: "DWord", value: 1 },
  ];
  const denyNtlm = [
    { path: msv, name: "AuditReceivingNTLMTraffic", type: "DWord", value: 2 },
    // Deny all domain accounts: "the server will allow local account sign in" (the LAPS-managed administrator).
    { path: msv, name: "RestrictReceivingNTLMTraffic", type: "DWord", value: 1 },
    { path: msv, name: "RestrictSendingNTLMTraffic", type: "DWord", value: 2 },
  ];
  const exceptionList = { path: msv, name: "ClientAllowedNTLMServers" };
  // Windows LAPS policy values (learn.microsoft.com/windows-server/identity/laps/laps-management-policy-settings):
  // BackupDirectory 1 = Entra ID, 2 = AD; PasswordComplexity 4 = large + small letters + numbers + specials;
  // PostAuthenticationActions 3 = reset the password and log off the managed account. Written under the "LAPS Group
  // Policy" root of that page's "Supported policy roots" table (HKLM\Software\Microsoft\Windows\CurrentVersion\
  // Policies\LAPS), not the "LAPS CSP" root (HKLM\Software\Microsoft\Policies\LAPS): see the LAPS roots test below.
  const laps = (backup: number): unknown[] =>
    [
      ["BackupDirectory", backup],
      ["PasswordAgeDays", 30],
      ["PasswordLength", 20],
      ["PasswordComplexity", 4],
      ["PostAuthenticationActions", 3],
      ["PostAuthenticationResetDelay", 24],
    ].map(([name, value]) => ({ path: "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS", name, type: "DWord", value }));
  // .NET 4.7.2 = Release 461808, 4.8 = 528040 (learn.microsoft.com/dotnet/framework/install/how-to-determine-which-versions-are-installed).
  const ndp = "HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full";
  const dotnet = [
    {
      path: ndp,
      name: "Release",
      minimum: 461808,
      onBelow: "fail",
      what: ".NET Framework 4.7.2, the minimum of Entra Connect",
      fix: "install .NET Framework 4.8 and run pulumi up again",
    },
    {
      path: ndp,
      name: "Release",
      minimum: 528040,
      onBelow: "warn",
      what: ".NET Framework 4.8, recommended",
      fix: "install .NET Framework 4.8",
    },
  ];
  // Well-known SIDs: S-1-5-18 Local System, S-1-5-32-544 Administrators
  // (learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-security-identifiers).
  const folderAccess = ["S-1-5-18", "S-1-5-32-544"];

  test("sync server, NTLM deny with an outbound exception, installer from the customer's URL: exactly this", () => {
    expect(JSON.parse(JSON.stringify(fullConfig))).toEqual({
      role: "sync-server",
      folder: "C:\\EntraConnect",
      folderAccess,
      // Entra Connect's prerequisites: PowerShell execution policy RemoteSigned.
      executionPolicy: "RemoteSigned",
      ntlmMode: "deny",
      registry: [...tls12, trustedSite, ...denyNtlm, { ...exceptionList, type: "MultiString", value: ["FILESRV01"] }, ...laps(2)],
      removeRegistry: [],
      thresholds: dotnet,
      installer: {
        fileName: "AzureADConnect.msi",
        source: installer,
        // Microsoft's code-signing certificates: "CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, S=Washington, C=US".
        signer: "O=Microsoft Corporation",
        timeoutSeconds: 1800,
        maxBytes: 536870912,
        minimumVersions: [
          // Builds below 2.5.79.0 stop syncing on 2026-09-30 (Entra Connect prerequisites banner).
          { version: "2.5.79.0", what: "the catalogue minimum (sync stops for older builds)" },
          { version: "2.6.92.0", what: "the stack's entraConnectVersion" },
        ],
        readme: [
          "Entra Connect installer staged by the entra-connect-gate bootstrap from the stack's installerUrl.",
          `Verified: SHA-256 ${installer.sha256}, Authenticode signature valid and Microsoft's, ProductVersion at least 2.6.92.0 and 2.5.79.0.`,
          "Run AzureADConnect.msi as a local administrator and complete the wizard: Microsoft supports no silent configuration.",
        ],
      },
    });
  });

  test("audit, or deny without exceptions, removes any exception list an earlier deny left", () => {
    for (const config of [bootstrapConfig(options), bootstrapConfig({ ...options, ntlmMode: "deny" })]) {
      expect(config.removeRegistry).toEqual([exceptionList]);
      expect(config.registry.filter((s) => s.name === "ClientAllowedNTLMServers")).toEqual([]);
    }
    expect(bootstrapConfig(options).registry).toEqual([...tls12, trustedSite, ...auditNtlm, ...laps(2)]);
    expect(bootstrapConfig({ ...options, lapsBackupDirectory: "entra-id" }).registry).toEqual([
      ...tls12,
      trustedSite,
      ...auditNtlm,
      ...laps(1),
    ]);
  });

  test("without installerUrl nothing is downloaded and the README sends the admin to the Entra admin center", () => {
    const config = bootstrapConfig(options);
    expect(config.installer?.source).toBeNull();
    expect(config.installer?.readme).toEqual([
      "No Entra Connect installer was staged: the stack sets no installerUrl and installerSha256.",
      "Download Entra Connect Sync from the Microsoft Entra admin center (https://entra.microsoft.com): Entra ID > Entra Connect > Get started > Download Connect Sync Agent, build 2.6.92.0 or later (never below 2.5.79.0).",
      "Check its signature (Microsoft Corporation) before running it as a local administrator, then complete the wizard: Microsoft supports no silent configuration.",
    ]);
  });

  // Microsoft Learn, "Configure policy settings for Windows LAPS", "Supported policy roots"
  // (https://learn.microsoft.com/windows-server/identity/laps/laps-management-policy-settings; MicrosoftDocs/
  // windowsserverdocs WindowsServerDocs/identity/laps/laps-management-policy-settings.md): LAPS CSP
  // HKLM\Software\Microsoft\Policies\LAPS; LAPS Group Policy HKLM\Software\Microsoft\Windows\CurrentVersion\Policies\LAPS;
  // LAPS Local Configuration HKLM\Software\Microsoft\Windows\CurrentVersion\LAPS\Config ("primarily ... for testing
  // and development. No management tools or policy mechanisms target this key"); then legacy Microsoft LAPS.
  // "Windows LAPS queries all known registry key policy roots, starting at the top and moving down ... When a root
  // that has at least one explicitly defined setting is found, that root is used as the active policy", and "Policy
  // settings are never shared or inherited across policy key roots".
  test("the LAPS policy goes under the Group Policy root, second in Windows LAPS' order, which the laps preflight reads", () => {
    const csp = "HKLM:\\SOFTWARE\\Microsoft\\Policies\\LAPS";
    const groupPolicy = "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS";
    expect(LAPS_POLICY_ROOTS).toEqual([
      { source: "csp", key: csp },
      { source: "group-policy", key: groupPolicy },
      { source: "local-configuration", key: "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\LAPS\\Config" },
    ]);
    const roots = new Set(LAPS_POLICY_ROOTS.map((r) => r.key.toLowerCase()));
    for (const block of [bootstrapConfig(options), syncDatabaseBootstrapConfig({ ntlmMode: "audit", lapsBackupDirectory: "entra-id" })]) {
      const lapsWrites = block.registry.filter((r) => roots.has(r.path.toLowerCase()) || /\\LAPS(\\|$)/i.test(r.path));
      expect(lapsWrites.map((r) => r.name)).toEqual(laps(0).map((r) => (r as { name: string }).name));
      expect(new Set(lapsWrites.map((r) => r.path))).toEqual(new Set([groupPolicy]));
    }
  });

  test("the SQL VM gets the same TLS, NTLM, LAPS and execution policy; no Trusted Site, no .NET check, no installer (issue 9 item 4)", () => {
    expect(
      JSON.parse(
        JSON.stringify(syncDatabaseBootstrapConfig({ ntlmMode: "deny", ntlmAllowedServers: ["SQLMON*"], lapsBackupDirectory: "entra-id" })),
      ),
    ).toEqual({
      role: "sync-database",
      folder: "C:\\EntraConnect",
      folderAccess,
      executionPolicy: "RemoteSigned",
      ntlmMode: "deny",
      registry: [...tls12, ...denyNtlm, { ...exceptionList, type: "MultiString", value: ["SQLMON*"] }, ...laps(1)],
      removeRegistry: [],
      thresholds: [],
      installer: null,
    });
  });
});

describe("bootstrapCommand", () => {
  const command = bootstrapCommand(options, script);

  test("unpacks to the packed script and the data block, and stays below cmd.exe's 8,191 characters", () => {
    const unpacked = unpack(command.commandToExecute);
    expect(unpacked.script).toBe(packedScriptText(script));
    expect(unpacked.config).toEqual(JSON.parse(JSON.stringify(bootstrapConfig(options))));
    // cmd.exe's limit is 8,191 characters (learn.microsoft.com/troubleshoot/windows-client/shell-experience/
    // command-line-string-limitation); keep a quarter of it free for later steps of the script.
    for (const c of [command, bootstrapCommand({ ...options, installer }), syncDatabaseBootstrapCommand(options)]) {
      expect(c.commandToExecute.length).toBeLessThan(8191 * 0.75);
    }
    expect(command.commandToExecute.slice(command.commandToExecute.indexOf('"') + 1, -1)).not.toContain('"');
  });

  test("the longest values the validation admits still leave a tenth of cmd.exe's limit free", () => {
    // Random text does not compress: the worst case for the gzipped data block.
    const noise = (n: number): string => randomBytes(n).toString("hex").slice(0, n);
    const url = `https://a.blob.core.windows.net/c/x.msi?sig=${noise(INSTALLER_URL_MAX_LENGTH - 44)}`;
    expect(url).toHaveLength(INSTALLER_URL_MAX_LENGTH);
    const servers = Array.from({ length: NTLM_ALLOWED_SERVERS_MAX }, () => noise(NTLM_SERVER_NAME_MAX_LENGTH));
    const worst = bootstrapCommand({
      ...options,
      ntlmMode: "deny",
      ntlmAllowedServers: servers,
      installer: { url, sha256: installer.sha256 },
    });
    expect(worst.commandToExecute.length).toBeLessThan(8191 * 0.9);
    expect(unpack(worst.commandToExecute).config).toMatchObject({ installer: { source: { url } } });
  });

  test("the SQL VM's command runs the same script with its own data block", () => {
    const sql = unpack(syncDatabaseBootstrapCommand(options, script).commandToExecute);
    expect(sql.script).toBe(packedScriptText(script));
    expect(sql.config).toEqual(JSON.parse(JSON.stringify(syncDatabaseBootstrapConfig(options))));
  });

  test("its hash changes with the data block, so a switch to NTLM deny or a new installer re-runs the extension", () => {
    expect(bootstrapCommand({ ...options, ntlmMode: "deny" }).sha256).not.toBe(command.sha256);
    expect(bootstrapCommand({ ...options, installer }).sha256).not.toBe(command.sha256);
    expect(bootstrapCommand(options).sha256).toBe(command.sha256);
  });

  test("the forceUpdateTag is the same for a CRLF checkout of the script and the LF one", () => {
    const crlf = script.replace(/\n/g, "\r\n");
    expect(crlf).not.toBe(script);
    expect(bootstrapCommand(options, crlf).sha256).toBe(bootstrapCommand(options, script).sha256);
    expect(bootstrapCommand(options, crlf).commandToExecute).toBe(bootstrapCommand(options, script).commandToExecute);
  });

  test("the forceUpdateTag changes when the script text changes", () => {
    expect(bootstrapCommand(options, `${script}# changed\n`).sha256).not.toBe(bootstrapCommand(options, script).sha256);
  });

  test("gzip header: MTIME 0 and OS 255 (unknown), so every machine packs the same bytes (RFC 1952 2.3.1)", () => {
    const header = [...gzipStable("Write-Output 'x'\n").subarray(0, 10)];
    expect(header).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
    expect(gunzipSync(gzipStable("a\nb\n")).toString("utf8")).toBe("a\nb\n");
  });
});
