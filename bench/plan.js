// npm run bench:plan: times `entra-gate plan --stack dev` from a cold start (a new process each run, as a user
// types it) against a bare `node -e ''` start measured in the same run, and prints the ratio.
// Target (issue 11): the plan in at most 2 s. A MISS exits 1.
const { spawnSync } = require("node:child_process");
const { cpus, loadavg } = require("node:os");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const CLI = path.join(ROOT, "bin", "entra-gate.js");
const RUNS = 5;
const MAX_MS = 2000;

/** Median wall time (ms) of `node args...` over RUNS runs; checks the exit code is 0. */
function time(args) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

console.log(
  `load average: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} (${cpus().length} cores)`,
);
const bare = time(["-e", ""]);
let missed = 0;
for (const stack of ["dev", "enterprise"]) {
  const ms = time([CLI, "plan", "--stack", stack]);
  const targeted = stack === "dev";
  const ok = ms <= MAX_MS;
  if (targeted && !ok) missed++;
  console.log(
    `entra-gate plan --stack ${stack.padEnd(10)} ${ms.toFixed(0).padStart(5)} ms  (${(ms / bare).toFixed(1)}x a bare node start of ${bare.toFixed(0)} ms)` +
      (targeted ? `  ${ok ? "PASS" : "MISS"} (target <= ${MAX_MS} ms)` : ""),
  );
}
process.exitCode = missed > 0 ? 1 : 0;
