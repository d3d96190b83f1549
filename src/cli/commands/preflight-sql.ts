import type { Command } from "commander";

/** Registers `entra-gate preflight-sql`. Placeholder until its issue lands: it refuses to run. */
export function register(program: Command): void {
  void program;
}
