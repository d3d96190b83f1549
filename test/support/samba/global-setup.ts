/**
 * Jest global setup: starts ONE test DC for the whole run and publishes its connection.json path in
 * ENTRA_GATE_TEST_DC (the test workers inherit it). Without Samba: fails under CI=true, else the DC tests skip.
 * global-teardown.ts stops the DC; if jest is interrupted (SIGINT, SIGTERM, SIGHUP) the DC is stopped here.
 */
import { join } from "node:path";
import { TEST_DC_ENV, TEST_DC_SKIP_ENV } from "./dc";
import { sambaInstalled, startTestDc, stopTestDc } from "./start-stop";

const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Stops the DC when jest dies by a signal (no teardown then), then lets the signal do what it would have done. */
function stopOnSignal(runDir: string): void {
  for (const signal of SIGNALS) {
    process.once(signal, () => {
      stopTestDc({ runDir });
      process.kill(process.pid, signal);
    });
  }
}

export default async function globalSetup(): Promise<void> {
  if (process.env[TEST_DC_ENV]) return; // a DC given by the caller (e.g. one started by hand with samba-dc.sh)
  if (!sambaInstalled()) {
    const reason = "Samba is not installed (apt-get install samba samba-ad-dc samba-ad-provision ldb-tools ldap-utils)";
    if (process.env.CI === "true") throw new Error(`The AD tests need a Samba DC: ${reason}.`);
    process.stderr.write(`\nNOTICE: skipping the Samba-backed tests: ${reason}.\n`);
    process.env[TEST_DC_SKIP_ENV] = reason;
    return;
  }
  const dc = await startTestDc();
  process.env[TEST_DC_ENV] = join(dc.runDir, "connection.json");
  process.env.ENTRA_GATE_TEST_DC_STARTED = dc.runDir;
  stopOnSignal(dc.runDir);
}
