/** Issue 12: --version, and help that reads like git's or az's (choices listed, defaults as typed, no "(default: [])"). */
import { readFileSync } from "node:fs";
import { runCli } from "../support/run-cli";

const VERSION = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

describe("help and version", () => {
  it("--version prints the package version and exits 0", async () => {
    expect(await runCli(["--version"])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it.each([["plan"], ["check"], ["gate"], ["preflight", "ad"], ["preflight", "sql"], ["preflight", "network"], ["preflight", "cloud"]])(
    "%s %s --help shows no empty-list or quoted-number default",
    async (...command) => {
      const r = await runCli([...command, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain("(default: [])");
      expect(r.stdout).not.toMatch(/default: "\d+"/);
      expect(r.stdout).not.toContain("(default: false)");
    },
  );

  it("plan --format lists its choices and numeric defaults read as numbers", async () => {
    expect((await runCli(["plan", "--help"])).stdout).toMatch(/--format <format>\s+output format \(choices: text, json; default: text\)/);
    expect((await runCli(["preflight", "network", "--help"])).stdout).toMatch(/--timeout-ms <ms>[^\n]*\(default: \d+\)/);
  });
});
