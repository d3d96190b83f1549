/**
 * What the repository holds: never installed or built output. A tracked node_modules (a worktree's link, once
 * committed by mistake) would replace a fresh clone's install with a dangling link.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");

it("tracks no node_modules, dist or policy-pack/bin, as a file, a link or a folder", () => {
  const tracked = execFileSync("git", ["ls-files", "--", "node_modules", "dist", "policy-pack/bin", "policy-pack/node_modules"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(tracked).toBe("");
});
