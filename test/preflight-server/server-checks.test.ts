/** Each server check in each state, at its boundaries, from facts written as Windows writes them (see facts-fixtures.ts). */
import {
  serverChecks,
  serverPreflightReport,
  SERVER_CHECK_IDS,
  type ServerCheckId,
  type ServerCheckContext,
  type ServerFacts,
} from "../../src/preflight/server";
import { bootstrapConfig } from "../../src/components/bootstrap-command";
import { DOTNET_MINIMUM_RELEASE, LAPS_POLICY_ROOTS, REQUIREMENTS, TLS12_REGISTRY_VALUES, tlsFactId } from "../../src/requirements";
import { compliant2022, DOMAIN, GIB, MACHINE, preInstall2022, TIER0_GROUP, withFacts, withRegistry } from "./facts-fixtures";

const CONTEXT: ServerCheckContext = { tier0Groups: [TIER0_GROUP] };

function check(facts: ServerFacts, id: ServerCheckId, context: ServerCheckContext = CONTEXT) {
  const found = serverChecks(facts, context).find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

describe("a compliant Windows Server 2022", () => {
  test("passes every check, in the issue's order, exit 0", () => {
    const report = serverPreflightReport(compliant2022(), CONTEXT, "facts.json");
    expect(report.checks.map((c) => c.id)).toEqual([...SERVER_CHECK_IDS]);
    expect(report.checks.filter((c) => c.status !== "pass")).toEqual([]);
    expect(report).toMatchObject({ verdict: "ready", exitCode: 0, computer: "SYNC01" });
  });

  test("before Entra Connect is installed it passes too (a pre-install gate)", () => {
    const report = serverPreflightReport(preInstall2022(), CONTEXT, "facts.json");
    expect(report.checks.filter((c) => c.status !== "pass")).toEqual([]);
    expect(check(preInstall2022(), "entra-connect-version").message).toMatch(/not installed yet/);
  });

  test("a fail cites its requirement and says the fix; every check files under its requirement's category", () => {
    const c = check(withRegistry({ "dotnet.release": 461308 }), "dotnet");
    expect(c).toMatchObject({ status: "fail", requirement: "version.dotnet", category: "version" });
    expect(c.message).toMatch(/requirement version\.dotnet: .*/);
    expect(c.message).toMatch(/Install \.NET Framework 4\.8/);
    for (const r of serverChecks(compliant2022(), CONTEXT)) {
      const req = Object.values(REQUIREMENTS).find((q) => q.id === r.requirement);
      expect(req?.category).toBe(r.category);
    }
  });

  test("a fact that was not read is not checked, never a pass; the verdict is could-not-check (exit 2)", () => {
    const facts = withRegistry({ "dotnet.release": { error: "Requested registry access is not allowed." } });
    expect(check(facts, "dotnet")).toMatchObject({ status: "not-checked" });
    expect(check(facts, "dotnet").message).toMatch(/Not checked: .*Requested registry access/);
    expect(serverPreflightReport(facts, CONTEXT, "f")).toMatchObject({ verdict: "could-not-check", exitCode: 2 });
    // A registry fact missing from the document is not checked as well.
    const registry = { ...compliant2022().registry };
    delete registry["ntlm.restrictSending"];
    expect(check({ ...compliant2022(), registry }, "ntlm").status).toBe("not-checked");
  });

  test("a fail outranks not-checked: not-ready, exit 1", () => {
    const facts = withRegistry({ "dotnet.release": 394802, "ntlm.auditReceiving": { error: "denied" } });
    expect(serverPreflightReport(facts, CONTEXT, "f")).toMatchObject({ verdict: "not-ready", exitCode: 1 });
  });
});

// Issue 10, done when: "each fixture of a non-compliant state fails or warns with the requirement id and the fix".
// One non-compliant state per check: its status, the requirement its message cites, and the start of its fix.
describe("each check's non-compliant state names its requirement and the fix", () => {
  const allSigned = {
    MachinePolicy: "AllSigned",
    UserPolicy: "Undefined",
    Process: "Undefined",
    CurrentUser: "Undefined",
    LocalMachine: "RemoteSigned",
  };
  const rows: [ServerCheckId, ServerFacts, string, string, string][] = [
    [
      "server-os",
      withRegistry({ "os.installationType": "Server Core", "os.editionId": "ServerDatacenterCor" }),
      "fail",
      "os.desktop-experience",
      "Move the sync server to Windows Server 2022 with Desktop Experience",
    ],
    ["dotnet", withRegistry({ "dotnet.release": 394802 }), "fail", "version.dotnet", "Install .NET Framework 4.8 and restart"],
    ["tls12", withRegistry({ "tls.schannel-server.Enabled": 0 }), "fail", "version.tls12", "Set every value to the listed data"],
    [
      "execution-policy",
      withFacts({ executionPolicy: allSigned }),
      "fail",
      "os.execution-policy",
      'Set the GPO "Turn on Script Execution"',
    ],
    [
      "trusted-sites",
      withRegistry({ "trustedSite.policy": null }),
      "fail",
      "network.mfa-trusted-site",
      "Add it to the Site to Zone Assignment List",
    ],
    [
      "ntlm",
      withRegistry({ "ntlm.restrictSending": 0, "ntlm.restrictReceiving": 0, "ntlm.auditReceiving": 0 }),
      "fail",
      "tier0.ntlm",
      'Set "Network security: Restrict NTLM" to audit',
    ],
    ["laps", withRegistry({ "laps.group-policy.BackupDirectory": 0 }), "fail", "tier0.windows-laps", "Set BackupDirectory to 2"],
    [
      "local-admins",
      withFacts({ administrators: { count: 1, members: [{ name: "CORP\\helpdesk", sid: `${DOMAIN}-1300` }] } }),
      "fail",
      "tier0.local-admins",
      "Remove them, or name their Tier-0 group",
    ],
    [
      "entra-connect-version",
      withFacts({ entraConnectUninstall: [{ name: "Microsoft Entra Connect Sync", version: "2.4.0.0" }], adSyncServiceVersion: "2.4.0.0" }),
      "fail",
      "version.minimum",
      "Upgrade to 2.6.92.0 or later",
    ],
    [
      "localdb-size",
      withFacts({ localDbFiles: [{ name: "ADSync.mdf", bytes: 9.6 * GIB }] }),
      "fail",
      "sql.localdb-limit",
      "Move the sync database to full SQL Server",
    ],
    [
      "sql-co-located",
      withFacts({ memoryMb: 16384, sqlInstances: [{ service: "MSSQLSERVER", maxServerMemoryMb: 16000 }] }),
      "fail",
      "sql.max-memory",
      "Set max server memory to at most 12288 MB",
    ],
    ["pending-reboot", withRegistry({ "reboot.cbs": 0 }), "warn", "os.no-pending-restart", "Restart the server before installing"],
    [
      "tls-inspection",
      withFacts({ tlsChain: ["login.microsoftonline.com", "Contoso Proxy CA"] }),
      "fail",
      "network.no-tls-inspection",
      "Exempt the Entra endpoints from TLS inspection",
    ],
  ];
  test.each(rows)("%s", (id, facts, status, requirement, fix) => {
    const c = check(facts, id);
    expect(c).toMatchObject({ status, requirement });
    expect(c.message).toContain(fix);
    expect(c.message).toContain(`(requirement ${requirement}: `);
  });
  test("has one row per check, in the checks' order (a new check adds its row)", () => {
    expect(rows.map(([id]) => id)).toEqual([...SERVER_CHECK_IDS]);
  });
});

describe("server-os", () => {
  // Entra Connect prerequisites, "Installation prerequisites" (https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-install-prerequisites;
  // MicrosoftDocs/entra-docs docs/identity/hybrid/connect/how-to-connect-install-prerequisites.md): 2022, 2019 or 2016
  // (2016 in extended support), "Windows Server 2025 is NOT supported", "can't be installed on Small Business Server or
  // Windows Server Essentials before 2019 (Windows Server Essentials 2019 is supported)", "Installing Microsoft Entra
  // Connect on Windows Server Core isn't supported".
  test.each([
    ["Windows Server 2022 Datacenter", "20348", "ServerDatacenter", "Server", "pass", "os.supported"],
    ["Windows Server 2019 Standard", "17763", "ServerStandard", "Server", "pass", "os.supported"],
    ["Windows Server 2016 Datacenter", "14393", "ServerDatacenter", "Server", "warn", "os.supported"],
    ["Windows Server 2025 Datacenter", "26100", "ServerDatacenter", "Server", "fail", "os.supported"],
    ["Windows Server 2012 R2 Standard", "9600", "ServerStandard", "Server", "fail", "os.supported"],
    ["Windows Server 2022 Datacenter", "20348", "ServerDatacenterCor", "Server Core", "fail", "os.desktop-experience"],
    ["Windows Server 2016 Datacenter", "14393", "ServerDatacenterNano", "Nano Server", "fail", "os.desktop-experience"],
    ["Windows Server 2016 Essentials", "14393", "ServerSolution", "Server", "fail", "os.supported"],
    ["Windows Server 2019 Essentials", "17763", "ServerSolution", "Server", "pass", "os.supported"],
    ["Windows 10 Enterprise", "19045", "Enterprise", "Client", "fail", "os.supported"],
    ["Windows Server 2022 Datacenter", "99999", "ServerDatacenter", "Server", "fail", "os.supported"],
  ])("%s build %s %s %s: %s", (product, build, edition, type, status, requirement) => {
    const c = check(
      withRegistry({ "os.productName": product, "os.currentBuild": build, "os.editionId": edition, "os.installationType": type }),
      "server-os",
    );
    expect(c).toMatchObject({ status, requirement });
  });

  test("InstallationType not set or unread: not checked", () => {
    expect(check(withRegistry({ "os.installationType": null }), "server-os").status).toBe("not-checked");
    expect(check(withRegistry({ "os.currentBuild": { error: "x" } }), "server-os").status).toBe("not-checked");
  });
});

describe("dotnet", () => {
  test.each([
    [DOTNET_MINIMUM_RELEASE - 1, "fail"],
    [DOTNET_MINIMUM_RELEASE, "pass"],
    [528040, "pass"],
    [null, "fail"],
  ])("Release %s: %s", (release, status) => {
    expect(check(withRegistry({ "dotnet.release": release }), "dotnet").status).toBe(status);
  });

  test("4.7.2 passes with the advice to install 4.8", () => {
    expect(check(withRegistry({ "dotnet.release": 461808 }), "dotnet").message).toMatch(/4\.8 \(Release 528040\) is recommended/);
  });
});

describe("tls12", () => {
  const schannelServerEnabled = tlsFactId(TLS12_REGISTRY_VALUES[4]!.key, "Enabled");
  test("every value as Microsoft documents: pass", () => {
    expect(check(compliant2022(), "tls12").status).toBe("pass");
  });
  test.each([
    ["tls.schannel-server.Enabled", 0, "fail"],
    ["tls.schannel-client.DisabledByDefault", 1, "fail"],
    ["tls.netfx.SchUseStrongCrypto", 0, "fail"],
    ["tls.netfx-wow64.SystemDefaultTlsVersions", null, "fail"],
    ["tls.schannel-server.Enabled", null, "warn"],
    ["tls.schannel-client.DisabledByDefault", null, "warn"],
  ])("%s = %s: %s", (id, value, status) => {
    const c = check(withRegistry({ [id]: value }), "tls12");
    expect(c.status).toBe(status);
    expect(c.message).toContain("restart");
  });
  test("the fact ids cover the catalogue's eight values", () => {
    expect(schannelServerEnabled).toBe("tls.schannel-server.Enabled");
    expect(new Set(TLS12_REGISTRY_VALUES.map((v) => tlsFactId(v.key, v.name))).size).toBe(8);
  });
});

describe("execution-policy", () => {
  const policy = (p: Record<string, string>) =>
    withFacts({
      executionPolicy: {
        MachinePolicy: "Undefined",
        UserPolicy: "Undefined",
        Process: "Undefined",
        CurrentUser: "Undefined",
        LocalMachine: "Undefined",
        ...p,
      },
    });
  test.each([
    [{ LocalMachine: "RemoteSigned" }, "pass", /LocalMachine scope/],
    [{}, "pass", /Windows Server default/],
    [{ LocalMachine: "AllSigned" }, "fail", /Set-ExecutionPolicy RemoteSigned/],
    [{ LocalMachine: "Restricted" }, "fail", /cannot run/],
    [{ LocalMachine: "Unrestricted" }, "warn", /unsigned/],
    [{ LocalMachine: "RemoteSigned", MachinePolicy: "AllSigned" }, "fail", /Group Policy.*Turn on Script Execution/],
    [{ LocalMachine: "AllSigned", MachinePolicy: "RemoteSigned" }, "pass", /Group Policy/],
    // The collector's own -ExecutionPolicy Bypass (Process scope) is not the machine's policy.
    [{ LocalMachine: "RemoteSigned", Process: "Bypass" }, "pass", /RemoteSigned/],
  ])("%j: %s", (p, status, message) => {
    const c = check(policy(p), "execution-policy");
    expect(c.status).toBe(status);
    expect(c.message).toMatch(message);
  });
});

describe("trusted-sites", () => {
  const none = {
    "trustedSite.policy": null,
    "trustedSite.policy-host": null,
    "trustedSite.domains": null,
    "trustedSite.esc-domains": null,
  };
  test.each([
    [{ "trustedSite.policy": "2" }, "pass"],
    [{ "trustedSite.policy-host": "2" }, "pass"],
    [{ "trustedSite.esc-domains": 2 }, "pass"],
    [{ "trustedSite.policy": "1" }, "fail"],
    [{}, "fail"],
  ])("machine %j: %s", (patch, status) => {
    expect(check(withRegistry({ ...none, ...patch }), "trusted-sites").status).toBe(status);
  });
  test("only a signed-in admin's hive holds it: pass naming that admin", () => {
    const facts = withFacts({ trustedSiteUsers: [{ sid: `${DOMAIN}-1201`, location: "domains" }] }, withRegistry(none));
    expect(check(facts, "trusted-sites")).toMatchObject({ status: "pass", message: expect.stringContaining(`${DOMAIN}-1201`) });
  });
  test("machine absent and users unread: not checked", () => {
    expect(check(withFacts({ trustedSiteUsers: { error: "HKU" } }, withRegistry(none)), "trusted-sites").status).toBe("not-checked");
  });
});

describe("ntlm", () => {
  const ntlm = (s: number | null, r: number | null, a: number | null) =>
    withRegistry({ "ntlm.restrictSending": s, "ntlm.restrictReceiving": r, "ntlm.auditReceiving": a });
  test.each([
    [2, 2, 2, "pass"],
    [2, 1, 0, "pass"],
    [1, 0, 2, "warn"],
    [2, 0, 1, "warn"],
    [1, 2, 0, "warn"],
    [0, 0, 0, "fail"],
    [null, null, null, "fail"],
    [1, 0, 0, "fail"],
  ])("sending %s receiving %s audit %s: %s", (s, r, a, status) => {
    expect(check(ntlm(s, r, a), "ntlm").status).toBe(status);
  });
  test("audit names the count of NTLM audit events, capped", () => {
    expect(check(withFacts({ ntlmAuditEvents: 37 }, ntlm(1, 0, 2)), "ntlm").message).toMatch(/37 NTLM audit events/);
    expect(check(withFacts({ ntlmAuditEvents: 1000 }, ntlm(1, 0, 2)), "ntlm").message).toMatch(/1000 or more/);
    expect(check(withFacts({ ntlmAuditEvents: { error: "log disabled" } }, ntlm(1, 0, 2)), "ntlm")).toMatchObject({
      status: "warn",
      message: expect.stringMatching(/could not be read \(log disabled\)/),
    });
  });
});

describe("laps", () => {
  const roots = (patch: ServerFacts["registry"]) =>
    withRegistry({
      "laps.group-policy": null,
      "laps.group-policy.BackupDirectory": null,
      "laps.group-policy.PasswordAgeDays": null,
      ...patch,
    });

  // What the component's bootstrap writes (the Group Policy root, bootstrap-command.test.ts cites Microsoft's
  // "Supported policy roots"), read back root by root as the collector reads LAPS_POLICY_ROOTS: the same root.
  test.each(["active-directory", "entra-id"] as const)(
    "the bootstrap's LAPS policy (%s) is read from the root it is written to",
    (directory) => {
      const written = bootstrapConfig({ ntlmMode: "audit", lapsBackupDirectory: directory, entraConnectVersion: "2.6.92.0" }).registry;
      const patch: Record<string, number | null> = {};
      for (const root of LAPS_POLICY_ROOTS) {
        const values = written.filter((w) => w.path.toLowerCase() === root.key.toLowerCase());
        const value = (name: string) => (values.find((w) => w.name === name)?.value as number | undefined) ?? null;
        patch[`laps.${root.source}`] = values.length === 0 ? null : values.length;
        patch[`laps.${root.source}.BackupDirectory`] = value("BackupDirectory");
        patch[`laps.${root.source}.PasswordAgeDays`] = value("PasswordAgeDays");
      }
      const c = check(withRegistry(patch), "laps");
      expect(c.status).toBe("pass");
      expect(c.message).toContain(
        `(group-policy) backs up the password to ${directory === "entra-id" ? "Microsoft Entra ID" : "Active Directory"}`,
      );
    },
  );

  test.each([
    [{ "laps.group-policy": 6, "laps.group-policy.BackupDirectory": 2 }, "pass", /Active Directory/],
    [{ "laps.csp": 3, "laps.csp.BackupDirectory": 1 }, "pass", /\(csp\).*Microsoft Entra ID/],
    [{ "laps.group-policy": 6, "laps.group-policy.BackupDirectory": 0 }, "fail", /BackupDirectory 0 \(disabled\)/],
    // A root with values but no BackupDirectory: the default, 0, applies.
    [{ "laps.group-policy": 2, "laps.group-policy.PasswordAgeDays": 30 }, "fail", /BackupDirectory 0/],
    // The CSP root wins over Group Policy, even when Group Policy would back up.
    [{ "laps.csp": 1, "laps.csp.BackupDirectory": 0, "laps.group-policy": 6, "laps.group-policy.BackupDirectory": 2 }, "fail", /\(csp\)/],
    [{ "laps.legacy.AdmPwdEnabled": 1 }, "warn", /legacy Microsoft LAPS/],
    [{}, "fail", /No Windows LAPS policy/],
    [{ "laps.csp": { error: "denied" } }, "not-checked", /Not checked/],
  ])("%j: %s", (patch, status, message) => {
    const c = check(roots(patch), "laps");
    expect(c.status).toBe(status);
    expect(c.message).toMatch(message);
  });
  test("policy set but no backup event yet: warn; last backup shown when read", () => {
    expect(check(withFacts({ lapsLastBackup: null }), "laps").status).toBe("warn");
    expect(check(compliant2022(), "laps").message).toMatch(/last password backup 2026-11-20T03:12:45Z/);
  });
});

describe("local-admins", () => {
  const admins = (...members: { name: string; sid: string }[]) => withFacts({ administrators: { count: members.length, members } });
  test.each([
    ["Everyone", "S-1-1-0", /Broad principals/],
    ["NT AUTHORITY\\Authenticated Users", "S-1-5-11", /Broad principals/],
    ["CORP\\Domain Users", `${DOMAIN}-513`, /Broad principals/],
    ["CORP\\helpdesk", `${DOMAIN}-1300`, /outside the Tier-0 groups/],
    ["S-1-5-21-7-8-9-1500", "S-1-5-21-7-8-9-1500", /outside/],
  ])("%s in Administrators: fail", (name, sid, message) => {
    const c = check(admins({ name: "SYNC01\\entraadmin", sid: `${MACHINE}-500` }, { name, sid }), "local-admins");
    expect(c.status).toBe("fail");
    expect(c.message).toMatch(message);
    expect(c.message).toContain(sid);
  });
  test("a member named by --tier0-group (name or SID) passes; without the flag it fails", () => {
    const facts = admins({ name: "CORP\\Tier0-SyncAdmins", sid: `${DOMAIN}-1105` });
    expect(check(facts, "local-admins").status).toBe("pass");
    expect(check(facts, "local-admins", { tier0Groups: [`${DOMAIN}-1105`] }).status).toBe("pass");
    expect(check(facts, "local-admins", { tier0Groups: ["tier0-syncadmins"] }).status).toBe("pass");
    expect(check(facts, "local-admins", { tier0Groups: [] }).status).toBe("fail");
  });
  test("Everyone holding the Remote Desktop logon right fails", () => {
    const facts = withFacts({ remoteLogonRight: [{ name: "Everyone", sid: "S-1-1-0" }] });
    expect(check(facts, "local-admins").message).toMatch(/Allow log on through Remote Desktop Services.*Everyone/);
  });
  test("members beyond the listed ones: not checked; an unread group: not checked", () => {
    const listed = compliant2022().administrators;
    if ("members" in listed)
      expect(check(withFacts({ administrators: { count: 40, members: listed.members } }), "local-admins").status).toBe("not-checked");
    expect(check(withFacts({ remoteLogonRight: { error: "secedit failed" } }), "local-admins").status).toBe("not-checked");
  });
});

describe("entra-connect-version", () => {
  const installed = (uninstall: string | null, service: string | null) =>
    withFacts({
      entraConnectUninstall: uninstall === null ? [] : [{ name: "Microsoft Entra Connect Sync", version: uninstall }],
      adSyncServiceVersion: service,
    });
  test.each([
    ["2.5.79.0", "2.5.79.0", "pass"],
    ["2.5.78.99", "2.5.78.99", "fail"],
    ["2.6.92.0", "2.4.129.0", "fail"],
    ["2.10.0.0", "2.10.0.0", "pass"],
    [null, "2.5.76.0", "fail"],
    ["1.6.16.0", null, "fail"],
  ])("uninstall %s, service %s: %s", (u, s, status) => {
    expect(check(installed(u, s), "entra-connect-version").status).toBe(status);
  });
  test("the minimum passes with the advice to take the newest build", () => {
    expect(check(installed("2.5.79.0", "2.5.79.0"), "entra-connect-version").message).toMatch(/upgrade to 2\.6\.92\.0/);
  });
  test("nothing found but a source unread: not checked", () => {
    expect(check(withFacts({ entraConnectUninstall: [], adSyncServiceVersion: { error: "x" } }), "entra-connect-version").status).toBe(
      "not-checked",
    );
  });
});

describe("localdb-size", () => {
  const sized = (mdfGb: number, ldfGb: number) =>
    withFacts({
      localDbFiles: [
        { name: "ADSync.mdf", bytes: mdfGb * GIB },
        { name: "ADSync_log.ldf", bytes: ldfGb * GIB },
      ],
    });
  test.each([
    [7, 0.99, "pass"],
    [7, 1, "warn"],
    [9, 0.49, "warn"],
    [9, 0.5, "fail"],
    [10, 0, "fail"],
  ])("mdf %s GB + ldf %s GB: %s", (mdf, ldf, status) => {
    expect(check(sized(mdf, ldf), "localdb-size").status).toBe(status);
  });
  test("object count: 79,999 passes, 80,000 warns on LocalDB", () => {
    expect(check(compliant2022(), "localdb-size", { ...CONTEXT, objectCount: 79_999 }).status).toBe("pass");
    expect(check(compliant2022(), "localdb-size", { ...CONTEXT, objectCount: 80_000 })).toMatchObject({
      status: "warn",
      requirement: "sql.localdb-limit",
    });
  });
  test("full SQL: pass whatever the files; LocalDB without files: not checked", () => {
    expect(check(withRegistry({ "adsync.sqlServer": "sql01.corp.example.com" }), "localdb-size").message).toMatch(/full SQL Server sql01/);
    expect(check(withFacts({ localDbFiles: [] }), "localdb-size").status).toBe("not-checked");
  });
});

describe("sql-co-located", () => {
  const sql = (memoryMb: number, max: number) =>
    withFacts({ memoryMb, sqlInstances: [{ service: "MSSQLSERVER", maxServerMemoryMb: max }] });
  test.each([
    [16384, 12288, "pass"],
    [16384, 12289, "fail"],
    [16384, 2147483647, "fail"],
    [4096, 0, "pass"],
  ])("%s MB RAM, max server memory %s MB: %s", (memory, max, status) => {
    expect(check(sql(memory, max), "sql-co-located").status).toBe(status);
  });
  test("the fail gives the sp_configure value", () => {
    expect(check(sql(16384, 2147483647), "sql-co-located").message).toMatch(/'max server memory \(MB\)', 12288/);
  });
  test("an instance whose setting could not be read: not checked", () => {
    expect(
      check(withFacts({ sqlInstances: [{ service: "MSSQL$SYNC", maxServerMemoryMb: { error: "Login failed" } }] }), "sql-co-located")
        .status,
    ).toBe("not-checked");
  });
});

describe("pending-reboot", () => {
  // PendingFileRenameOperations is where MoveFileEx(MOVEFILE_DELAY_UNTIL_REBOOT) records renames for the next start
  // (https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-movefileexw). Component Based Servicing\RebootPending
  // and WindowsUpdate\Auto Update\RebootRequired are in no Microsoft reference page: they are the convention of
  // Microsoft's Scripting Guy blog and of public collectors [secondary source], hence a warn, never a fail.
  test.each([
    [{ "reboot.cbs": 0 }, "warn"],
    [{ "reboot.windowsUpdate": 2 }, "warn"],
    [{ "reboot.fileRenames": ["\\??\\C:\\Windows\\temp\\x.dll", ""] }, "warn"],
    [{ "reboot.cbs": { error: "denied" } }, "not-checked"],
    [{}, "pass"],
  ])("%j: %s", (patch, status) => {
    expect(check(withRegistry(patch), "pending-reboot").status).toBe(status);
  });
});

describe("tls-inspection", () => {
  // Microsoft's public roots for its services, DigiCert Global Root G2 and Microsoft RSA Root Certificate Authority 2017
  // among them, and issuing CAs such as Microsoft Azure RSA TLS Issuing CA 04: "Azure Certificate Authority details"
  // (https://learn.microsoft.com/azure/security/fundamentals/azure-ca-details). Entra Connect: "It isn't supported to
  // break and analyze traffic between Microsoft Entra Connect and Microsoft Entra ID" (prerequisites, above).
  test.each([
    [["login.microsoftonline.com", "Microsoft Azure RSA TLS Issuing CA 04", "DigiCert Global Root G2"], "pass"],
    [["login.microsoftonline.com", "Microsoft RSA Root Certificate Authority 2017"], "pass"],
    [["login.microsoftonline.com", "Contoso Proxy Inspection CA", "Contoso Root CA"], "fail"],
    [[], "not-checked"],
  ])("%j: %s", (chain, status) => {
    expect(check(withFacts({ tlsChain: chain }), "tls-inspection").status).toBe(status);
  });
  test("the TLS probe failed: not checked with its reason", () => {
    expect(check(withFacts({ tlsChain: { error: "connect timed out" } }), "tls-inspection").message).toMatch(/connect timed out/);
  });
});
