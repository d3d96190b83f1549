// npm run bench:check: generates `pulumi preview --json` files of 1,000 and 10,000 resources (sync servers with
// their NICs, NSGs and rules among unrelated resources), and a 10,000-resource preview in which every sync server's
// NSG carries the component's full rule set and every server its tags. Times `entra-gate check` on each against
// the floor measured in the same run: a bare `node` that reads and JSON.parse-s the same file.
// A 10,000-resource `terraform show -json` plan of the same groups is held to the same target (issue 13).
// Targets (issue 11): check at most 1.5x that floor, and under 1 s, for 10,000 resources. A MISS exits 1.
const { spawnSync } = require("node:child_process");
const { mkdtempSync, writeFileSync, rmSync } = require("node:fs");
const { cpus, loadavg, tmpdir } = require("node:os");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const CLI = path.join(ROOT, "bin", "entra-gate.js");
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const RUNS = 5;
const MAX_RATIO = 1.5;
const MAX_MS = 1000;
const FLOOR = 'JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"))';

/** The sync server NSG rule set the component builds (from the catalogue), for two DCs and one admin network. */
const FULL_RULES = require(path.join(ROOT, "dist", "components", "security-rules.js")).syncServerSecurityRules(
  ["10.10.1.4", "10.10.1.5"],
  ["10.20.0.0/24"],
);

/** The NSG rules of the server groups, written once with the tests' (test/support/nsg-rules.js). */
const { denyAllOutbound, inboundTcpAllow, terraformSecurityRule } = require(path.join(ROOT, "test", "support", "nsg-rules.js"));

/** Inbound RDP of group `i`: from the internet in every seventh group, else from a private network. */
const rdpRule = (i) => inboundTcpAllow("rdp", 100, i % 7 === 0 ? "Internet" : "10.0.0.0/24", "3389");

/** One server group (VM, NIC, NSG, standalone rule) plus filler resources, `count` resources in all. */
function preview(count, fullRules = false) {
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
        securityRules: fullRules && i % 2 === 0 ? FULL_RULES : [rdpRule(i), denyAllOutbound("deny-out")],
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

/**
 * The same server groups as a `terraform show -json` plan (issue 13): azurerm NSG with inline security_rule blocks, a
 * standalone azurerm_network_security_rule, a NIC with its NSG association, a Windows VM and a storage account,
 * each with the configuration references that link them; `count` resource changes in all.
 */
function terraformPlan(count) {
  const changes = [];
  const config = [];
  const add = (type, name, after, refs = {}, unknown = {}) => {
    changes.push({
      address: `${type}.${name}`,
      mode: "managed",
      type,
      name,
      change: { actions: ["create"], before: null, after, after_unknown: { id: true, ...unknown }, after_sensitive: {} },
    });
    const expressions = Object.fromEntries(Object.entries(refs).map(([k, t]) => [k, { references: [`${t}.id`, t] }]));
    config.push({ address: `${type}.${name}`, mode: "managed", type, name, expressions });
  };
  for (let i = 0; changes.length < count; i++) {
    const tags =
      i % 2 === 0
        ? { "entra-connect-role": "sync-server", "entra-connect-object-count": String(i * 997), "entra-connect-version": "2.6.92.0" }
        : { app: `web-${i}` };
    add("azurerm_network_security_group", `nsg_${i}`, {
      name: `nsg-${i}`,
      tags,
      security_rule: [rdpRule(i), denyAllOutbound("deny-out")].map(terraformSecurityRule),
    });
    add(
      "azurerm_network_security_rule",
      `rule_${i}`,
      terraformSecurityRule({ ...inboundTcpAllow("https", 120, "*", "443"), sourceAddressPrefix: undefined, sourceAddressPrefixes: ["*"] }),
      { network_security_group_name: `azurerm_network_security_group.nsg_${i}` },
      { network_security_group_name: true },
    );
    add(
      "azurerm_network_interface",
      `nic_${i}`,
      { name: `nic-${i}`, ip_configuration: [{ name: "ip", private_ip_address_allocation: "Dynamic" }] },
      {},
      { ip_configuration: [{ subnet_id: true }] },
    );
    add(
      "azurerm_network_interface_security_group_association",
      `assoc_${i}`,
      {},
      {
        network_interface_id: `azurerm_network_interface.nic_${i}`,
        network_security_group_id: `azurerm_network_security_group.nsg_${i}`,
      },
    );
    add(
      "azurerm_windows_virtual_machine",
      `vm_${i}`,
      {
        tags,
        size: i % 3 === 0 ? "Standard_D2s_v5" : "Standard_D8s_v5",
        source_image_reference: [
          {
            publisher: "MicrosoftWindowsServer",
            offer: "WindowsServer",
            sku: i % 5 === 0 ? "2022-datacenter-core-g2" : "2022-datacenter-g2",
            version: "latest",
          },
        ],
        os_disk: [{ caching: "ReadWrite", storage_account_type: "Premium_LRS", disk_size_gb: 128 }],
        secure_boot_enabled: true,
        vtpm_enabled: true,
        network_interface_ids: [null],
      },
      { network_interface_ids: `azurerm_network_interface.nic_${i}` },
      { network_interface_ids: [true] },
    );
    add("azurerm_storage_account", `st_${i}`, { account_kind: "StorageV2", account_tier: "Standard" });
  }
  const keep = new Set(changes.slice(0, count).map((c) => c.address));
  return JSON.stringify({
    format_version: "1.2",
    terraform_version: "1.9.8",
    resource_changes: changes.slice(0, count),
    configuration: { root_module: { resources: config.filter((c) => keep.has(c.address)) } },
  });
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
let missed = 0;
try {
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (${cpus().length} cores)`,
  );
  const cases = [
    ["1,000 resources", preview(1000), false],
    ["10,000 resources", preview(10000), true],
    ["10,000 resources, full NSG rule sets", preview(10000, true), true],
    ["10,000 resources, Terraform plan", terraformPlan(10000), true],
  ];
  for (const [label, text, targeted] of cases) {
    const file = path.join(dir, "preview.json");
    writeFileSync(file, text);
    const floor = time(["-e", FLOOR, file], [0]);
    const check = time([CLI, "check", file, "--format", "json"], [0, 1]);
    const ratio = check / floor;
    const ok = ratio <= MAX_RATIO && check < MAX_MS;
    if (targeted && !ok) missed++;
    console.log(
      `${label.padEnd(38)} ${(text.length / 1e6).toFixed(1).padStart(5)} MB  read+JSON.parse ${floor.toFixed(0).padStart(5)} ms  ` +
        `entra-gate check ${check.toFixed(0).padStart(5)} ms  ratio ${ratio.toFixed(2)}x` +
        (targeted ? `  ${ok ? "PASS" : "MISS"} (target <= ${MAX_RATIO}x and < ${MAX_MS} ms)` : ""),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = missed > 0 ? 1 : 0;
