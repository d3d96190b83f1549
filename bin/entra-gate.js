#!/usr/bin/env node
// The entra-gate command: runs the compiled CLI (built by `npm ci` through the `prepare` script).
require("../dist/cli/main.js").main(process.argv);
