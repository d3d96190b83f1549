/** Starts and stops a test DC through samba-dc.sh; used by the jest global setup and the AD benchmark. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SAMBA_DC_SCRIPT, readTestDc, type TestDc } from "./dc";

/** True when the `samba` daemon and the tools the script needs are installed. */
export function sambaInstalled(): boolean {
  return ["samba", "samba-tool", "ldbmodify", "ldapsearch"].every(
    (tool) => spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0,
  );
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A 127.0.0.x address whose LDAP, GC and SMB ports are free, so parallel runs get a DC each. */
export async function freeLoopbackAddress(): Promise<string> {
  const start = 2 + (process.pid % 200);
  for (let i = 0; i < 250; i++) {
    const host = `127.0.0.${2 + ((start + i) % 250)}`;
    const free = await Promise.all([389, 3268, 445, 53].map((p) => portFree(host, p)));
    if (free.every(Boolean)) return host;
  }
  throw new Error("No free 127.0.0.x address for the test DC (ports 389, 3268, 445 and 53 are taken on every one).");
}

/** Provisions (once, cached) and starts a DC on a free loopback address; resolves when LDAP answers. */
export async function startTestDc(): Promise<TestDc> {
  const host = await freeLoopbackAddress();
  const runDir = mkdtempSync(join(tmpdir(), "entra-gate-dc-"));
  rmdirSync(runDir);
  const connectionFile = execFileSync("bash", [SAMBA_DC_SCRIPT, "start", runDir, host], { encoding: "utf8" }).trim();
  return readTestDc(connectionFile);
}

/** Stops the DC and removes its run folder. */
export function stopTestDc(dc: Pick<TestDc, "runDir">): void {
  execFileSync("bash", [SAMBA_DC_SCRIPT, "stop", dc.runDir], { stdio: "inherit" });
}
