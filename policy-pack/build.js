// Bundles policy-pack/index.ts with src/policies and src/requirements into policy-pack/bin/index.js.
// Only @pulumi/policy and @pulumi/pulumi stay external: the pack's package.json installs them.
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");

/** Builds the bundle to `outfile` (default policy-pack/bin/index.js); written aside and renamed, so a reader never sees half a file. */
function buildPolicyPack(outfile = path.join(__dirname, "bin", "index.js")) {
  const staging = `${outfile}.${process.pid}.tmp`;
  esbuild.buildSync({
    entryPoints: [path.join(__dirname, "index.ts")],
    outfile: staging,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["@pulumi/policy", "@pulumi/pulumi"],
    legalComments: "none",
    logLevel: "warning",
  });
  fs.renameSync(staging, outfile);
  return outfile;
}

module.exports = { buildPolicyPack };

if (require.main === module) buildPolicyPack();
