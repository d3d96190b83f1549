/**
 * Runs the entra-gate CLI as its own Node process, as `bin/entra-gate.js` does, for the faults only a real
 * process shows: an event loop that empties while a command still waits (Node then exits with whatever
 * process.exitCode holds), or a socket left open that keeps the process alive after its report.
 * The CLI is bundled from src/ with esbuild (a dev dependency) once per test file; packages stay external.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";

export interface CliProcessRun {
  /** The exit code, or null when the process was killed at `killAfterMs`. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

const ROOT = resolve(__dirname, "../..");

/** A bundle of src/cli/main.ts and a runner that calls main(process.argv), like bin/entra-gate.js. */
export class CliProcess {
  private readonly dir = mkdtempSync(join(tmpdir(), "entra-gate-cli-"));
  private readonly entry = join(this.dir, "entra-gate.js");

  constructor() {
    buildSync({
      stdin: { contents: 'require("./src/cli/main").main(process.argv);', resolveDir: ROOT, loader: "js" },
      bundle: true,
      platform: "node",
      format: "cjs",
      packages: "external",
      nodePaths: [join(ROOT, "node_modules")],
      outfile: this.entry,
      logLevel: "silent",
    });
  }

  /** Runs `entra-gate ARGS...` with `env` added; kills it (code null) after `killAfterMs`. */
  run(args: readonly string[], env: Readonly<Record<string, string>> = {}, killAfterMs = 20_000): Promise<CliProcessRun> {
    const started = Date.now();
    const child = spawn(process.execPath, [this.entry, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, NODE_PATH: join(ROOT, "node_modules") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    const killer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    return new Promise((done) => {
      child.on("close", (code) => {
        clearTimeout(killer);
        done({ code, stdout, stderr, elapsedMs: Date.now() - started });
      });
    });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
