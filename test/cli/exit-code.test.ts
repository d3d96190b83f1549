/**
 * Exit 0 is earned (issue 14 item 1): the CLI's exit code is 2 until a command has written its report and set
 * the code itself, so a command that ends without a report never reads as ready.
 */
import type { Command } from "commander";

afterEach(() => {
  jest.dontMock("../../src/cli/commands/check");
  jest.resetModules();
  jest.restoreAllMocks();
  process.exitCode = undefined;
});

/** run() with the `check` command replaced by `action`. */
async function runWithCheckAction(action: () => Promise<void>): Promise<number> {
  jest.doMock("../../src/cli/commands/check", () => ({
    register: (program: Command) => program.command("check").action(action),
  }));
  const { run } = await import("../../src/cli/main");
  return run(["node", "entra-gate", "check"]);
}

describe("the exit code of a command", () => {
  it("is 2 when the command returns without setting it (no report written)", async () => {
    expect(await runWithCheckAction(async () => undefined)).toBe(2);
  });

  it("is 2 even when an earlier run in the same process left 0 behind", async () => {
    process.exitCode = 0;
    expect(await runWithCheckAction(async () => undefined)).toBe(2);
  });

  it("is what the command set after writing its report", async () => {
    jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    const code = await runWithCheckAction(async () => {
      process.stdout.write("report\n");
      process.exitCode = 0;
    });
    expect(code).toBe(0);
  });

  it("gate --print-schema earns its 0 by printing the schema", async () => {
    let out = "";
    jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    const { run } = await import("../../src/cli/main");
    expect(await run(["node", "entra-gate", "gate", "--print-schema"])).toBe(0);
    expect(JSON.parse(out)).toHaveProperty("properties");
  });
});
