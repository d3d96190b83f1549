/**
 * Issue 12: every dependency's install script is declared in package.json's allowScripts (npm 11's install-scripts
 * feature, `npm help install-scripts`), and none is needed: npm blocks unapproved scripts by default, so `npm ci`
 * and the build run without them.
 * - esbuild's postinstall only checks/optimises the binary that its platform package (@esbuild/linux-x64) already holds;
 * - protobufjs's postinstall only warns about version mismatches of its CLI package;
 * - @parcel/watcher's install builds from source only when no prebuilt @parcel/watcher-<platform> package exists;
 * - tree-sitter-powershell's node-gyp build makes the native binding; the project reads its .wasm only.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

describe("install scripts", () => {
  it("declares each dependency with an install script as denied", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { allowScripts?: Record<string, boolean> };
    expect(pkg.allowScripts).toEqual({ esbuild: false, protobufjs: false, "@parcel/watcher": false, "tree-sitter-powershell": false });
    const listed = execFileSync("npm", ["install-scripts", "ls"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(listed).not.toContain("not yet covered");
  });

  it("esbuild works without its postinstall (the build's bundler)", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a dev tool, loaded only here
    const esbuild = require("esbuild") as { transformSync(code: string, options: { loader: string }): { code: string } };
    expect(esbuild.transformSync("const a: number = 1;", { loader: "ts" }).code).toBe("const a = 1;\n");
  });
});
