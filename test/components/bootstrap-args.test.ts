/** The stack keys of the bootstrap: installerUrl + installerSha256 (issue 9 item 2) and ntlmAllowedServers (item 8). */
import { validateEntraConnectServerArgs } from "../../src/components";
import { COMPLIANT_ARGS as base, refusalOf } from "../support/server-args";

const url =
  "https://stcorp.blob.core.windows.net/installers/AzureADConnect.msi?sp=r&se=2026-12-03T10:00:00Z&sv=2022-11-02&sr=b&sig=abc%2Bdef%3D";
const sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

describe("installerUrl and installerSha256", () => {
  test("neither: nothing is downloaded (no installer decision)", () => {
    expect(validateEntraConnectServerArgs(base).installer).toBeUndefined();
  });

  test("both: the URL as given and the hash in Get-FileHash's upper case", () => {
    expect(validateEntraConnectServerArgs({ ...base, installerUrl: ` ${url} `, installerSha256: sha256 }).installer).toEqual({
      url,
      sha256: sha256.toUpperCase(),
    });
  });

  test.each([
    [{ installerUrl: url }, "installerUrl", "installerUrl is refused: it is set but installerSha256 is not (both are required together)"],
    [
      { installerSha256: sha256 },
      "installerSha256",
      "installerSha256 is refused: it is set but installerUrl is not (both are required together)",
    ],
    [
      { installerUrl: "http://stcorp.blob.core.windows.net/i/AzureADConnect.msi", installerSha256: sha256 },
      "installerUrl",
      'installerUrl is refused: "http://stcorp.blob.core.windows.net/i/AzureADConnect.msi" is not an https URL',
    ],
    [{ installerUrl: "\\\\fileserver\\share\\AzureADConnect.msi", installerSha256: sha256 }, "installerUrl", "is not an https URL"],
    [
      { installerUrl: "https://user:secret@host.example.com/a.msi", installerSha256: sha256 },
      "installerUrl",
      "installerUrl is refused: it carries a user name or password",
    ],
    [{ installerUrl: "https://host.example.com/a b.msi", installerSha256: sha256 }, "installerUrl", "it holds a quote or a space"],
    [{ installerUrl: "https://host.example.com/a'.msi", installerSha256: sha256 }, "installerUrl", "it holds a quote or a space"],
    [
      { installerUrl: `https://host.example.com/${"a".repeat(500)}.msi`, installerSha256: sha256 },
      "installerUrl",
      "characters long, above 512",
    ],
    [{ installerUrl: url, installerSha256: sha256.slice(1) }, "installerSha256", "is not 64 hexadecimal digits"],
    [{ installerUrl: url, installerSha256: `${sha256.slice(1)}g` }, "installerSha256", "is not 64 hexadecimal digits"],
  ])("%j is refused, naming %s", (change, key, text) => {
    const e = refusalOf(change);
    expect(e.key).toBe(key);
    expect(e.message).toContain(text);
    expect(e.message).toContain("this breaks requirement version.installer-verified");
    expect(e.message).toContain("Fix: upload the MSI downloaded from the Microsoft Entra admin center");
  });

  test("a refused URL is never printed with its query (a SAS token is a secret)", () => {
    const e = refusalOf({ installerUrl: "http://host.example.com/a.msi?sig=SECRETSIG", installerSha256: sha256 });
    expect(e.message).not.toContain("SECRETSIG");
    expect(refusalOf({ installerUrl: url, installerSha256: "x" }).message).not.toContain("sig=");
    const withPassword = refusalOf({ installerUrl: "ftp://user:SECRETPW@host.example.com/a.msi", installerSha256: sha256 });
    expect(withPassword.message).toContain('"ftp://host.example.com/a.msi" is not an https URL');
    expect(withPassword.message).not.toContain("SECRETPW");
  });
});

describe("ntlmAllowedServers", () => {
  test("deny takes a list of NetBIOS or DNS names with one * wildcard each", () => {
    const servers = ["FILESRV01", " app*.corp.example.com ", "legacy-app"];
    expect(validateEntraConnectServerArgs({ ...base, ntlmMode: "deny", ntlmAllowedServers: servers }).ntlmAllowedServers).toEqual([
      "FILESRV01",
      "app*.corp.example.com",
      "legacy-app",
    ]);
    expect(validateEntraConnectServerArgs(base).ntlmAllowedServers).toEqual([]);
  });

  test.each([
    [
      { ntlmAllowedServers: ["FILESRV01"] },
      'it has no effect while ntlmMode is "audit"',
      'Fix: set ntlmMode to "deny", or remove ntlmAllowedServers.',
    ],
    [
      { ntlmMode: "deny", ntlmAllowedServers: ["*"] },
      '"*" allows NTLM to every server, which undoes deny',
      "Fix: list the NetBIOS or DNS names",
    ],
    [{ ntlmMode: "deny", ntlmAllowedServers: ["a*b*"] }, '"a*b*" is not a server name', "Fix: list the NetBIOS or DNS names"],
    [{ ntlmMode: "deny", ntlmAllowedServers: ["srv 01"] }, '"srv 01" is not a server name', "Fix: list"],
    [{ ntlmMode: "deny", ntlmAllowedServers: ["10.0.0.4;x"] }, "is not a server name", "Fix: list"],
    [{ ntlmMode: "deny", ntlmAllowedServers: [`${"a".repeat(65)}`] }, "of at most 64 characters", "Fix: list"],
    [
      { ntlmMode: "deny", ntlmAllowedServers: Array.from({ length: 9 }, (_, i) => `SRV${i}`) },
      "it lists 9 servers, above 8",
      "Fix: list the servers with a * wildcard",
    ],
    [{ ntlmMode: "deny", ntlmAllowedServers: "FILESRV01" }, '"FILESRV01" is not a list', "Fix: list"],
  ])("%j is refused", (change, reason, fix) => {
    const e = refusalOf(change);
    expect(e.key).toBe("ntlmAllowedServers");
    expect(e.message).toContain(reason);
    expect(e.message).toContain("this breaks requirement tier0.ntlm");
    expect(e.message).toContain(fix);
  });
});
