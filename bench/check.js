// npm run bench:check: generates `pulumi preview --json` files of 1,000 and 10,000 resources (sync servers with
// their NICs, NSGs and rules among unrelated resources), times `entra-gate check` on each and a bare `node -e ''`
// start in the same run, and prints both with their ratio. Target: 10,000 resources in under a second.
const { spawnSync } = require("node:child_process");
const { mkdtempSync, writeFileSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const CLI = path.join(ROOT, "bin", "entra-gate.js");
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const RUNS = 5;
const CHECK_ONLY = `const { runCheck } = require(${JSON.stringify(path.join(ROOT, "dist", "check", "check.js"))});
const { renderJson } = require(${JSON.stringify(path.join(ROOT, "dist", "check", "render", "json.js"))});
runCheck({ files: [process.argv[1]] }).then((r) => require("node:fs").writeFileSync("/dev/null", renderJson(r)));`;

/** One server group (VM, NIC, NSG, standalone rule) plus filler resources, `count` resources in all. */
function preview(count) {
  const urn = (type, name) => `urn:pulumi:bench::entra::${type}::${name}`;
  const step = (type, name, inputs, deps = []) => ({
    op: "create",
    urn: urn(type, name),
    newState: { urn: urn(type, name), custom: true, type, inputs, dependencies: deps, propertyDependencies: {} },
  });
  const steps = [];
  for (let i = 0; steps.length < count; i++) {
    const tags =
      i % 2 === 0
        ? { "entra-connect-role": "sync-server", "entra-connect-object-count": String(i * 997), "entra-connect-version": "2.6.92.0" }
        : { app: `web-${i}` };
    const nsgName = `nsg-${i}`;
    steps.push(
      step("azure-native:network:NetworkSecurityGroup", nsgName, {
        tags,
        securityRules: [
          {
            name: "rdp",
            priority: 100,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefix: i % 7 === 0 ? "Internet" : "10.0.0.0/24",
            destinationAddressPrefix: "*",
            destinationPortRange: "3389",
          },
          {
            name: "deny-out",
            priority: 4000,
            direction: "Outbound",
            access: "Deny",
            protocol: "*",
            sourceAddressPrefix: "*",
            destinationAddressPrefix: "*",
            destinationPortRange: "*",
          },
        ],
      }),
      step(
        "azure-native:network:SecurityRule",
        `rule-${i}`,
        {
          networkSecurityGroupName: UNKNOWN,
          priority: 120,
          direction: "Inbound",
          access: "Allow",
          protocol: "Tcp",
          sourceAddressPrefixes: ["*"],
          destinationPortRange: "443",
        },
        [urn("azure-native:network:NetworkSecurityGroup", nsgName)],
      ),
      step("azure-native:network:NetworkInterface", `nic-${i}`, { ipConfigurations: [{ name: "ip", subnet: { id: UNKNOWN } }] }, [
        urn("azure-native:network:NetworkSecurityGroup", nsgName),
      ]),
      step(
        "azure-native:compute:VirtualMachine",
        `vm-${i}`,
        {
          tags,
          hardwareProfile: { vmSize: i % 3 === 0 ? "Standard_D2s_v5" : "Standard_D8s_v5" },
          storageProfile: {
            imageReference: {
              publisher: "MicrosoftWindowsServer",
              offer: "WindowsServer",
              sku: i % 5 === 0 ? "2022-datacenter-core-g2" : "2022-datacenter-g2",
            },
            osDisk: { createOption: "FromImage", diskSizeGB: 128 },
          },
          securityProfile: { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
          networkProfile: { networkInterfaces: [{ id: UNKNOWN }] },
        },
        [urn("azure-native:network:NetworkInterface", `nic-${i}`)],
      ),
      step("azure-native:storage:StorageAccount", `st-${i}`, { kind: "StorageV2", sku: { name: "Standard_LRS" } }),
    );
  }
  return JSON.stringify({ steps: steps.slice(0, count) });
}

/** Median wall time (ms) of `node args...` over RUNS runs; checks the exit code is one of `codes`. */
function time(args, codes) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!codes.includes(r.status)) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const dir = mkdtempSync(path.join(tmpdir(), "bench-check-"));
try {
  const bare = time(["-e", ""], [0]);
  console.log(`node -e '' (baseline)             ${bare.toFixed(0).padStart(6)} ms`);
  for (const count of [1000, 10000]) {
    const file = path.join(dir, `preview-${count}.json`);
    writeFileSync(file, preview(count));
    const line = (label, ms) =>
      console.log(
        `${label} ${String(count).padStart(6)} resources ${ms.toFixed(0).padStart(6)} ms  (${(ms / bare).toFixed(1)}x node start; ${(ms - bare).toFixed(0)} ms beyond it)`,
      );
    // The whole CLI (which loads every command's modules), then the check alone: its modules, reading, evaluating, rendering.
    line("entra-gate check (whole CLI)    ", time([CLI, "check", file, "--format", "json"], [1]));
    line("check module (runCheck + JSON)  ", time(["-e", CHECK_ONLY, file], [0]));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
