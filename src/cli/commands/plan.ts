import type { Command } from "commander";

/** Registers `entra-gate plan`. Placeholder until its issue lands: it refuses to run. */
export function register(program: Command): void {
  void program;
}
