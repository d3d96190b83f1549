/** What a real DC will not produce on demand, against a fake LDAP server on loopback: faults (each a CheckFailedError) and ranged values. */
import { CheckFailedError, InputError } from "../../src/support/errors";
import { parseAdUrl } from "../../src/preflight/ad/ldap-session";
import { runAdPreflight } from "../../src/preflight/ad/run";
import { startFakeLdapServer, type FakeMode } from "./fake-ldap-server";

async function failure(mode: FakeMode, timeoutMs?: number): Promise<unknown> {
  const server = await startFakeLdapServer(mode);
  try {
    await runAdPreflight({
      url: server.url,
      bindDn: "cn=admin",
      password: "x",
      allowInsecureBind: true,
      baseDn: "DC=fake,DC=test",
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
    return undefined;
  } catch (e) {
    return e;
  } finally {
    await server.stop();
  }
}

describe("faults", () => {
  // A DC serves LDAPS (636, 3269) only once it holds a server-authentication certificate: "Installing a valid
  // certificate on a domain controller permits the LDAP service to listen for, and automatically accept, SSL
  // connections" (Microsoft's "Enable LDAP over SSL" guidance, as quoted at sysadmin-e.com/ad-ldaps; MS-ADTS 5.1.1.2
  // "Using SSL/TLS", learn.microsoft.com/en-us/openspecs/windows_protocols/ms-adts/8e73932f-70cf-46d6-88b1-8d9f86235e81).
  // That a DC without one resets the ClientHello (rather than, say, closing cleanly) is field experience, not checked
  // against a Windows DC here.
  it("a DC that resets the TLS handshake (no LDAPS certificate): says the DC may have no certificate (issue 15 item 5)", async () => {
    const server = await startFakeLdapServer("tls-reset");
    try {
      const url = server.url.replace("ldap://", "ldaps://");
      const run = runAdPreflight({ url, bindDn: "cn=admin", password: "x", baseDn: "DC=fake,DC=test", connectTimeoutMs: 2000 });
      await expect(run).rejects.toBeInstanceOf(CheckFailedError);
      await expect(run).rejects.toThrow(
        /reset the connection during the TLS handshake \(ECONNRESET\): the DC may have no certificate for LDAP over TLS\./,
      );
    } finally {
      await server.stop();
    }
  });

  it("a server that accepts StartTLS and never completes the handshake: bounded by --connect-timeout-ms, never a hang", async () => {
    // Issue 14 item 5: ldapts' startTLS() waits for the TLS handshake without a deadline.
    const server = await startFakeLdapServer("starttls-stall");
    const started = Date.now();
    const password = "stall-Secret-7c1e";
    try {
      const run = runAdPreflight({ url: server.url, bindDn: "cn=admin", password, baseDn: "DC=fake,DC=test", connectTimeoutMs: 300 });
      const e = await run.then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(CheckFailedError);
      expect((e as Error).message).toMatch(
        /^StartTLS: ldap:\/\/127\.0\.0\.1:\d+ accepted StartTLS but did not complete the TLS handshake within 300 ms \(--connect-timeout-ms\); nothing was sent\./,
      );
      expect((e as Error).message).not.toContain(password);
      expect(server.received().includes(Buffer.from(password))).toBe(false);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await server.stop();
    }
  }, 10_000);

  it("a directory that is not AD", async () => {
    const e = await failure("not-ad");
    expect(e).toBeInstanceOf(CheckFailedError);
    expect((e as Error).message).toMatch(
      /^ldap:\/\/127\.0\.0\.1:\d+ is not an Active Directory domain controller: its rootDSE has no dsServiceName\. Point --url at a DC or Global Catalog of the forest\.$/,
    );
  });

  it("a rootDSE whose forestFunctionality is not a number: not AD, never a pass", async () => {
    const e = await failure("bad-level");
    expect(e).toBeInstanceOf(CheckFailedError);
    expect((e as Error).message).toMatch(
      /^ldap:\/\/127\.0\.0\.1:\d+ is not an Active Directory domain controller: its rootDSE's forestFunctionality "seven" is not a whole number\. Point --url at a DC or Global Catalog of the forest\.$/,
    );
  });

  it("a page that does not come within the operation timeout: no partial result, and the flag to raise", async () => {
    const e = await failure("stall-scan", 300);
    expect(e).toBeInstanceOf(CheckFailedError);
    expect((e as Error).message).toMatch(
      /^search under "DC=fake,DC=test": ldap:\/\/127\.0\.0\.1:\d+ did not answer within the operation timeout \(--timeout-ms\), so the scan is incomplete and no result is reported\. Raise --timeout-ms for a large or busy directory, or narrow --base-dn\.$/,
    );
  });

  it("a size limit in the middle of the scan: no partial result", async () => {
    const e = await failure("size-limit");
    expect(e).toBeInstanceOf(CheckFailedError);
    expect((e as Error).message).toMatch(
      /^search under "DC=fake,DC=test": ldap:\/\/127\.0\.0\.1:\d+ stopped the search at its size limit, so the scan is incomplete\./,
    );
  });

  it("a time limit in the middle of the scan: no partial result", async () => {
    const e = await failure("time-limit");
    expect(e).toBeInstanceOf(CheckFailedError);
    expect((e as Error).message).toMatch(
      /^search under "DC=fake,DC=test": ldap:\/\/127\.0\.0\.1:\d+ stopped the search at its time limit, so the scan is incomplete\. Ask the AD admins to raise MaxPageSize\/MaxQueryDuration for this account, or narrow --base-dn; no partial result is reported\.$/,
    );
  });

  it("the server going away mid-scan: no partial result", async () => {
    const e = await failure("drop-mid-scan");
    expect(e).toBeInstanceOf(CheckFailedError);
    expect((e as Error).message).toMatch(/^search under "DC=fake,DC=test": the connection to ldap:\/\/127\.0\.0\.1:\d+ closed/);
  });
});

describe("ranged values", () => {
  it("reads a multi-valued attribute that the server sends in ranges to the end", async () => {
    const server = await startFakeLdapServer("ranged");
    try {
      const report = await runAdPreflight({
        url: server.url,
        bindDn: "cn=admin",
        password: "x",
        allowInsecureBind: true,
        baseDn: "DC=fake,DC=test",
      });
      expect(report.findings.map((f) => [f.dn, f.value, f.errors])).toEqual([
        ["CN=Ranged,DC=fake,DC=test", "smtp:ALIAS@fabrikam.com", ["duplicate"]],
        ["CN=Ranged,DC=fake,DC=test", "smtp:alias@fabrikam.com", ["duplicate"]],
      ]);
    } finally {
      await server.stop();
    }
  });
});

describe("parseAdUrl", () => {
  it("defaults to the Global Catalog ports", () => {
    expect(parseAdUrl("ldaps://dc01.corp.example.com")).toEqual({
      url: "ldaps://dc01.corp.example.com:3269",
      host: "dc01.corp.example.com",
      port: 3269,
      tls: true,
      globalCatalog: true,
    });
    expect(parseAdUrl("ldap://dc01")).toMatchObject({ url: "ldap://dc01:3268", port: 3268, tls: false, globalCatalog: true });
    expect(parseAdUrl("ldaps://dc01:636")).toMatchObject({ port: 636, globalCatalog: false });
    expect(parseAdUrl("ldaps://[::1]")).toEqual({ url: "ldaps://[::1]:3269", host: "::1", port: 3269, tls: true, globalCatalog: true });
    expect(parseAdUrl("ldap://[::1]:389")).toMatchObject({ url: "ldap://[::1]:389", port: 389, globalCatalog: false });
  });

  it.each([
    [
      "dc01.corp.example.com",
      "--url dc01.corp.example.com: not a URL. Write ldaps://dc01.corp.example.com (Global Catalog over TLS) or ldap://host:389.",
    ],
    ["https://dc01", "--url https://dc01: the scheme must be ldaps:// or ldap:// (with StartTLS), not https://."],
    ["ldaps://dc01/DC=corp", "--url ldaps://dc01/DC=corp: give only the scheme, host and port; name the search base with --base-dn."],
    // Issue 14 item 14: this ended in "unexpected error: ldaps://:3269 is an invalid LDAP URL" from ldapts.
    ["ldaps://", "--url ldaps://: names no host. Write the DC's name after the scheme, such as ldaps://dc01.corp.example.com."],
  ])("refuses %s", (url, message) => {
    expect(() => parseAdUrl(url)).toThrow(new InputError(message));
  });
});
