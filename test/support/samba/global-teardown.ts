/** Jest global teardown: stops the DC that global-setup.ts started (never one the caller gave). */
import { stopTestDc } from "./start-stop";

export default function globalTeardown(): void {
  const runDir = process.env.ENTRA_GATE_TEST_DC_STARTED;
  if (runDir) stopTestDc({ runDir });
}
