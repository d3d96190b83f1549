/**
 * The test domain controller: a real Samba AD DC on a loopback address, started once per jest run by
 * ./global-setup.ts and stopped by ./global-teardown.ts. Test files call `testDc()` (or `describeWithDc`) to get
 * its connection details; see docs/preflight-ad.md, "Test DC".
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Environment variable holding the path of the running DC's connection.json. */
export const TEST_DC_ENV = "ENTRA_GATE_TEST_DC";
/** Environment variable set instead when Samba is not installed (outside CI): the reason the DC tests skip. */
export const TEST_DC_SKIP_ENV = "ENTRA_GATE_TEST_DC_SKIPPED";
/** The provisioning and start/stop script. */
export const SAMBA_DC_SCRIPT = join(__dirname, "samba-dc.sh");

/** What samba-dc.sh writes to RUNDIR/connection.json. */
export interface TestDc {
  /** The DC's loopback address, e.g. 127.0.0.57: every service (53, 88, 135, 389 TCP+UDP, 445, 636, 3268, 3269) listens there. */
  readonly host: string;
  /** The DC's DNS name, also in its certificate's subjectAltName (with `host`). */
  readonly hostName: string;
  readonly realm: string;
  readonly netbiosDomain: string;
  /** The domain's (and forest root's) naming context, DC=corp,DC=example,DC=com. */
  readonly baseDn: string;
  /** The domain Administrator, for simple binds. */
  readonly bindDn: string;
  /** A test-only password of a throw-away DC. */
  readonly password: string;
  /** PEM file of the CA that issued the DC's certificate: pass it as --ca-file or in tlsOptions.ca. */
  readonly caFile: string;
  /** The DC's private dir (sam.ldb and its partitions) for ldbmodify/ldbadd on its own database. */
  readonly privateDir: string;
  /** The DC's own database: `ldbmodify -H <samDb>`. */
  readonly samDb: string;
  readonly smbConf: string;
  /** Process id of the `samba` main process. */
  readonly pid: number;
  readonly runDir: string;
}

/** Reads the connection details of a DC started by samba-dc.sh. */
export function readTestDc(connectionFile: string): TestDc {
  return JSON.parse(readFileSync(connectionFile, "utf8")) as TestDc;
}

/** The DC of this jest run, or undefined when Samba is not installed (the tests that need it skip). */
export function testDc(): TestDc | undefined {
  const file = process.env[TEST_DC_ENV];
  if (!file || !existsSync(file)) return undefined;
  return readTestDc(file);
}

/** ldap://, ldaps://, GC and GC-over-TLS URLs of the DC. */
export function dcUrls(dc: TestDc): { ldap: string; ldaps: string; gc: string; gcTls: string } {
  return { ldap: `ldap://${dc.host}:389`, ldaps: `ldaps://${dc.host}:636`, gc: `ldap://${dc.host}:3268`, gcTls: `ldaps://${dc.host}:3269` };
}

/** `describe` when the DC runs, `describe.skip` (with the reason printed once) when Samba is not installed. */
export function describeWithDc(name: string, body: (dc: () => TestDc) => void): void {
  const dc = testDc();
  if (!dc) {
    const reason = process.env[TEST_DC_SKIP_ENV] ?? "the test DC was not started (run the tests through jest's global setup)";
    describe.skip(`${name} (skipped: ${reason})`, () => body(() => never()));
    return;
  }
  describe(name, () => body(() => dc));
}

function never(): TestDc {
  throw new Error("The test DC is not running.");
}

/** Applies LDIF to the DC's own database with ldbmodify (how the tests toggle what LDAP may not change). */
export function ldbModify(dc: TestDc, ldif: string, options: readonly string[] = []): string {
  return execFileSync("ldbmodify", ["-H", dc.samDb, ...options], { input: ldif, encoding: "utf8" });
}

/** Adds LDIF entries to the DC's own database with ldbadd (the fast path for seeding many objects). */
export function ldbAdd(dc: TestDc, ldifFile: string): string {
  return execFileSync("ldbadd", ["-H", dc.samDb, ldifFile], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}
