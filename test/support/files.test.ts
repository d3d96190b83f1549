/** Issue 14 items 8-10: capped reads, atomic writes, writable checks (src/support/files.ts) and the CLI's use of them. */
import * as fs from "node:fs";

jest.mock("node:fs", () => {
  const actual = jest.requireActual<typeof import("node:fs")>("node:fs");
  return { ...actual, writeFileSync: jest.fn(actual.writeFileSync) };
});
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkWritable, FileTooLargeError, readTextCapped, writeFileAtomic } from "../../src/support/files";
import { runCli } from "./run-cli";

const dir = fs.mkdtempSync(join(tmpdir(), "ux-files-"));

describe("readTextCapped", () => {
  it("reads a file up to the cap and refuses an endless one (/dev/zero) quickly", () => {
    fs.writeFileSync(join(dir, "ok.txt"), "abc");
    expect(readTextCapped(join(dir, "ok.txt"), 3)).toBe("abc");
    expect(() => readTextCapped(join(dir, "ok.txt"), 2)).toThrow(FileTooLargeError);
    const started = Date.now();
    expect(() => readTextCapped("/dev/zero", 4096)).toThrow(FileTooLargeError);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("writeFileAtomic", () => {
  it("leaves the original file whole when the write fails (a full disk)", () => {
    const target = join(dir, "Pulumi.prod.yaml");
    const original = "config:\n  entra-connect-gate:objectCount: 4465\n".repeat(100);
    fs.writeFileSync(target, original);
    const spy = jest.mocked(fs.writeFileSync).mockImplementationOnce((file) => {
      // What a full disk does: part of the data lands, then ENOSPC.
      fs.appendFileSync(file as string, "config:\n  trunc");
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    });
    try {
      expect(() => writeFileAtomic(target, "config: {}\n")).toThrow("ENOSPC");
    } finally {
      spy.mockReset();
      spy.mockImplementation(jest.requireActual<typeof import("node:fs")>("node:fs").writeFileSync);
    }
    expect(fs.readFileSync(target, "utf8")).toBe(original);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("replaces the file when the write succeeds", () => {
    const target = join(dir, "out.txt");
    fs.writeFileSync(target, "old");
    writeFileAtomic(target, "new");
    expect(fs.readFileSync(target, "utf8")).toBe("new");
  });
});

describe("checkWritable", () => {
  it("refuses a missing folder and a directory", () => {
    expect(() => checkWritable(join(dir, "missing", "x.json"))).toThrow(expect.objectContaining({ code: "ENOENT" }));
    expect(() => checkWritable(dir)).toThrow(expect.objectContaining({ code: "EISDIR" }));
    expect(() => checkWritable(join(dir, "fresh.json"))).not.toThrow();
  });
});

describe("the CLI", () => {
  // No wall-clock bound here (a process start on a loaded machine takes seconds): reading /dev/zero without
  // the cap never ends, so the exit code and the message (the cap) are the evidence; jest's timeout bounds it.
  it("--password-file /dev/zero ends with exit 2, naming the cap", async () => {
    const r = await runCli(["preflight", "sql", "--server", "127.0.0.1,1", "--user", "sa", "--password-file", "/dev/zero"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--password-file /dev/zero: the file is larger than 4 KB");
  }, 60_000);

  it("--write-config /dev/zero ends with exit 2 before any scan, naming the 1 MB limit", async () => {
    const r = await runCli([
      "preflight",
      "ad",
      "--url",
      "ldaps://127.0.0.1:1",
      "--bind-dn",
      "x@corp.example.com",
      "--password-env",
      "UNSET_VARIABLE_X",
      "--write-config",
      "/dev/zero",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--write-config /dev/zero: the file is larger than 1 MB");
  });

  it("a stack file or gate.yaml over 1 MB is refused before parsing, naming the file and the limit", async () => {
    const big = join(dir, "Pulumi.big.yaml");
    fs.writeFileSync(big, `config:\n${Array.from({ length: 60_000 }, (_, i) => `  k${i}: value-${i}\n`).join("")}`);
    const plan = await runCli(["plan", "--config-file", big]);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain(`${big} is larger than 1 MB`);
    const gate = await runCli(["gate", "--config", big]);
    expect(gate.code).toBe(2);
    expect(gate.stderr).toContain(`--config ${big}: the file is larger than 1 MB`);
  });

  it("an unwritable --out-ldif or --also is refused before the scan starts, naming the flag", async () => {
    const ad = await runCli([
      "preflight",
      "ad",
      "--url",
      "ldaps://127.0.0.1:1",
      "--bind-dn",
      "x@corp.example.com",
      "--password-env",
      "UNSET_VARIABLE_X",
      "--out-ldif",
      join(dir, "missing", "fixes.ldif"),
    ]);
    expect(ad.code).toBe(2);
    expect(ad.stderr).toContain(`--out-ldif ${join(dir, "missing", "fixes.ldif")}: cannot write there (ENOENT)`);
    const gate = await runCli(["gate", "--config", join(dir, "nothing.yaml"), "--also", `html=${join(dir, "missing", "r.html")}`]);
    expect(gate.code).toBe(2);
    expect(gate.stderr).toContain(`--also ${join(dir, "missing", "r.html")}: cannot write there (ENOENT)`);
  });
});

describe("--ca-file must hold a PEM certificate (issue 14 item 16)", () => {
  const notPem = join(dir, "ca.der");
  fs.writeFileSync(notPem, "0\x82\x01\x0a not a pem");
  it.each([
    ["preflight", "cloud", "--token-env", "UNSET_VARIABLE_X", "--ca-file", notPem],
    ["preflight", "ad", "--url", "ldaps://127.0.0.1:1", "--bind-dn", "x@corp.example.com", "--password-env", "HOME", "--ca-file", notPem],
    ["preflight", "sql", "--server", "127.0.0.1,1", "--user", "sa", "--password-env", "UNSET_VARIABLE_X", "--ca-file", notPem],
  ])("%s %s refuses a non-PEM --ca-file with exit 2", async (...args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--ca-file ${notPem}: no PEM certificate in it.`);
  });
});
