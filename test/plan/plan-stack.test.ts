import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../../src/support/errors";
import { planStack, type PlannedResource } from "../../src/plan/plan-stack";
import { renderPlanJson, renderPlanText } from "../../src/plan/render-plan";

const dir = mkdtempSync(join(tmpdir(), "entra-plan-"));
let n = 0;
/** A stack file in a temporary folder. */
function stackFile(yaml: string): string {
  const path = join(dir, `Pulumi.case${++n}.yaml`);
  writeFileSync(path, yaml);
  return path;
}

const complete = (extra: string): string =>
  [
    "config:",
    "  entra-connect-gate:resourceGroupName: rg",
    "  entra-connect-gate:subnetId: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet",
    "  entra-connect-gate:domainControllers: [10.0.1.4]",
    "  entra-connect-gate:domainJoinDomain: corp.example.com",
    "  entra-connect-gate:domainJoinAccount: svc",
    extra,
  ].join("\n");

const names = (resources: readonly PlannedResource[]): string[][] => resources.map((r) => [r.type, r.name]);
const byName = (resources: readonly PlannedResource[], name: string): PlannedResource | undefined => resources.find((r) => r.name === name);

let warn: jest.SpyInstance;
beforeAll(() => {
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterAll(() => warn.mockRestore());

describe("planStack on the shipped stacks", () => {
  test("dev (12,000 objects): LocalDB, one D2s_v5 server, no SQL VM", async () => {
    const { resources } = await planStack({ stack: "dev" });
    expect(names(resources)).toEqual([
      ["entra-connect-gate:index:EntraConnectServer", "entra-sync-dev"],
      ["azure-native:network:ApplicationSecurityGroup", "entra-sync-dev-asg"],
      ["azure-native:network:NetworkSecurityGroup", "entra-sync-dev-nsg"],
      ["azure-native:network:NetworkInterface", "entra-sync-dev-nic"],
      ["azure-native:compute:VirtualMachine", "entra-sync-dev-vm"],
      ["azure-native:compute:VirtualMachineExtension", "entra-sync-dev-domain-join"],
      ["azure-native:compute:VirtualMachineExtension", "entra-sync-dev-bootstrap"],
    ]);
    expect(byName(resources, "entra-sync-dev-vm")?.inputs).toMatchObject({
      resourceGroupName: "rg-identity-dev",
      location: "westeurope",
      hardwareProfile: { vmSize: "Standard_D2s_v5" },
      storageProfile: { imageReference: { sku: "2022-datacenter-g2" }, osDisk: { diskSizeGB: 128 } },
      osProfile: { adminPassword: "[secret]", adminUsername: "entraadmin" },
      tags: { "entra-connect-role": "sync-server", "entra-connect-object-count": "12000", "entra-connect-database": "localdb" },
    });
    expect(byName(resources, "entra-sync-dev-vm")?.urn).toBe(
      "urn:pulumi:dev::entra-connect-gate::entra-connect-gate:index:EntraConnectServer$azure-native:compute:VirtualMachine::entra-sync-dev-vm",
    );
  });

  test("no stack named: the embedded default is dev", async () => {
    expect(names((await planStack()).resources)).toEqual(names((await planStack({ stack: "dev" })).resources));
  });

  test("enterprise (250,000 objects): full SQL on its own VM, domain join", async () => {
    const { resources } = await planStack({ stack: "enterprise" });
    expect(resources.map((r) => r.name)).toEqual([
      "entra-sync-prd",
      "entra-sync-prd-sql",
      "entra-sync-prd-asg",
      "entra-sync-prd-nsg",
      "entra-sync-prd-sql-nsg",
      "entra-sync-prd-nic",
      "entra-sync-prd-sql-nic",
      "entra-sync-prd-vm",
      "entra-sync-prd-sql-vm",
      "entra-sync-prd-domain-join",
      "entra-sync-prd-sql-domain-join",
      "entra-sync-prd-bootstrap",
      "entra-sync-prd-sql-sqlvm",
      "entra-sync-prd-sql-bootstrap",
    ]);
    expect(byName(resources, "entra-sync-prd-vm")?.inputs).toMatchObject({ hardwareProfile: { vmSize: "Standard_D8s_v5" } });
    expect(byName(resources, "entra-sync-prd-sql-sqlvm")?.inputs).toMatchObject({
      sqlImageOffer: "SQL2022-WS2022",
      serverConfigurationsManagementSettings: { sqlInstanceSettings: { collation: "SQL_Latin1_General_CP1_CI_AS" } },
      tags: { "entra-connect-role": "sync-database", "entra-connect-object-count": "250000" },
    });
    expect(byName(resources, "entra-sync-prd-domain-join")?.inputs).toMatchObject({
      settings: { Name: "corp.example.com", User: "corp.example.com\\svc-tier0-join" },
      protectedSettings: { Password: "[secret]" },
    });
  });
});

describe("rendering", () => {
  test("JSON: {stack,warnings,resources:[{type,name,urn,inputs}]}, secrets as [secret], no stand-in value leaks", async () => {
    const plan = await planStack({ stack: "enterprise" });
    const json = renderPlanJson(plan);
    const doc = JSON.parse(json) as { stack: string; warnings: string[]; resources: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(["stack", "warnings", "resources"]);
    expect(doc.stack).toBe("enterprise");
    expect(doc.warnings).toEqual(plan.warnings);
    expect(doc.resources.map((r) => Object.keys(r))).toEqual(plan.resources.map(() => ["type", "name", "urn", "inputs"]));
    expect(json).not.toContain("stand-in");
    expect(json).toContain('"protectedSettings": "[secret]"');
  });

  test("text: the key settings of each resource", async () => {
    const text = renderPlanText(await planStack({ stack: "enterprise" }), "stack enterprise");
    expect(text.split("\n").slice(0, 2)).toEqual([
      "stack enterprise: 14 resources to create",
      "resource group rg-identity-prd in westeurope",
    ]);
    for (const line of [
      "    sizing: tier t3-100k-300k needs at least 32 GB RAM and 300 GB disk (tier minimum); chosen: Standard_D8s_v5 (32 GiB), OS disk 512 GB; database sql",
      "    tenant: above 50,000 objects: the tenant needs a verified custom domain (limit 300,000)",
      "+ azure-native:compute:VirtualMachine  entra-sync-prd-vm",
      "    image: MicrosoftWindowsServer / WindowsServer / 2022-datacenter-g2 / latest",
      "    size: Standard_D8s_v5",
      "    os disk: 512 GB Premium_LRS",
      "    security: TrustedLaunch, secure boot true, vTPM true, encryption at host true",
      // Only the password is secret (issue 12): the admin user and computer name are shown.
      "    computer name: entra-sync-prd",
      "    admin user: entraadmin",
      "    admin password: [secret]",
      // Every destination and port named on its own (issue 12), not "10.20.1.4, 10.20.1.5:53".
      "      190 Outbound Allow Tcp from * to 10.20.1.0/28 port 3268 (dc-global-catalog-tcp)",
      "      4096 Inbound Deny * from * to * port * (deny-all-other-inbound)",
      "      100 Inbound Allow Tcp from asg [id of entra-sync-prd-asg] to * port 1433 (sql-from-sync-server)",
      // The SQL Server block as the JSON has it (issue 12): licence, data and log drives, collation, memory.
      "    licence: PAYG",
      "    data files: F:\\data on LUN 0",
      "    log files: G:\\log on LUN 1",
      "    collation: SQL_Latin1_General_CP1_CI_AS",
      "    max server memory (MB): 28672",
      "    data disk: LUN 0, 256 GB Premium_LRS",
      "    data disk: LUN 1, 128 GB Premium_LRS",
      "    protected settings: [secret]",
      // Strings unescaped (one backslash in DOMAIN\\user), and only the password inside the settings is secret.
      "    settings: {Name=corp.example.com, OUPath=OU=Tier0 Servers,OU=Admin,DC=corp,DC=example,DC=com, Options=3, Restart=true, User=corp.example.com\\svc-tier0-join}",
      "    protected settings: {Password=[secret]}",
    ]) {
      expect(text.split("\n")).toContain(line);
    }
    // Hashes mean nothing to a reader: the force-update tag is in the JSON only.
    expect(text).not.toMatch(/force update tag|[0-9a-f]{64}/);
  });
});

describe("planStack on other stack files", () => {
  test("a secure: value and bare keys are accepted; the secret is never shown", async () => {
    const path = stackFile(
      complete(
        "  objectCount: 60000\n  entra-connect-gate:adminPassword:\n    secure: v1:c2VjcmV0\n  entra-connect-gate:domainJoinPassword:\n    secure: v1:eHg=",
      ),
    );
    const { resources } = await planStack({ configFile: path });
    expect(byName(resources, "entra-sync-vm")?.inputs).toMatchObject({
      hardwareProfile: { vmSize: "Standard_D4s_v5" },
      osProfile: { adminPassword: "[secret]", adminUsername: "entraadmin" },
    });
    expect(byName(resources, "entra-sync-vm")?.urn).toMatch(/^urn:pulumi:case\d+::entra-connect-gate::/);
  });

  test.each([
    [
      "LocalDB at 150,000 objects",
      complete("  entra-connect-gate:objectCount: 150000\n  entra-connect-gate:database: localdb"),
      'database is refused: "localdb" cannot hold 150,000 objects (LocalDB holds fewer than 100,000); this breaks requirement sql.localdb-limit: LocalDB only below 100,000 objects (10 GB cap). Fix: set database to "sql" or "auto" (full SQL from 100,000 objects).',
    ],
    [
      "a case-sensitive collation",
      complete("  entra-connect-gate:objectCount: 150000\n  entra-connect-gate:sqlCollation: Latin1_General_CS_AS"),
      'sqlCollation is refused: "Latin1_General_CS_AS" is not a case-insensitive (_CI_) collation; this breaks requirement sql.collation: Case-insensitive (_CI_) SQL collation. Fix: set sqlCollation to "SQL_Latin1_General_CP1_CI_AS" or another _CI_ collation.',
    ],
    [
      "an object count that is not a number",
      complete("  entra-connect-gate:objectCount: lots"),
      'objectCount is refused: "lots" is not a number; this breaks requirement sizing.memory: VM memory meets the sizing tier of the object count. Fix: set objectCount to the forest\'s count of users + groups + contacts + computers.',
    ],
    [
      "no object count",
      complete(""),
      "objectCount is refused: it is not set; this breaks requirement sizing.memory: VM memory meets the sizing tier of the object count. Fix: set entra-connect-gate:objectCount in the stack file.",
    ],
    [
      "an admin prefix list that is a string",
      complete("  entra-connect-gate:objectCount: 100\n  entra-connect-gate:adminAccessPrefixes: 10.0.0.0/24"),
      'adminAccessPrefixes is refused: "10.0.0.0/24" is not a list; this breaks requirement tier0.no-internet-inbound: No inbound access from the internet; admin access only from named admin networks or Bastion. Fix: write adminAccessPrefixes as a YAML list of addresses or CIDRs, such as ["10.0.1.4"].',
    ],
    [
      "Windows Server 2025",
      complete('  entra-connect-gate:objectCount: 100\n  entra-connect-gate:osVersion: "2025"'),
      'osVersion is refused: "2025": Windows Server 2025 is not supported by Entra Connect Sync (Microsoft: known issue that can break synchronisation); this breaks requirement os.supported: Windows Server 2022 (recommended) or 2019 with Desktop Experience. Fix: set osVersion to "2022" or "2019" (2022 recommended).',
    ],
  ])("%s: an InputError carrying the refusal, naming the file", async (_, yaml, refusal) => {
    const path = stackFile(yaml);
    await expect(planStack({ configFile: path })).rejects.toThrow(new InputError(`Stack file ${path}: ${refusal}`));
    await expect(planStack({ configFile: path })).rejects.toBeInstanceOf(InputError);
  });

  // The Pulumi CLI's rule, read in pulumi/pulumi pkg/workspace (validateStackConfigValue): "if projectConfigType.Secret
  // && !stackValue.Secure()" -> "Stack '%v' with configuration key '%v' must be encrypted as it's secret", raised
  // under "validating stack config" before the program runs. The plan must stop where the CLI stops.
  test("a secret: true key held as plain text: exit-2 InputError with the CLI's own message", async () => {
    const path = stackFile(complete("  entra-connect-gate:objectCount: 100\n  entra-connect-gate:adminPassword: hunter2-plain"));
    const stack = /Pulumi\.(case\d+)\.yaml$/.exec(path)?.[1] ?? "";
    const refused = planStack({ configFile: path });
    await expect(refused).rejects.toBeInstanceOf(InputError);
    await expect(planStack({ configFile: path })).rejects.toThrow(
      new InputError(
        `Stack file ${path}: validating stack config: Stack '${stack}' with configuration key 'adminPassword' must be encrypted as it's secret (the Pulumi CLI stops here too: ${path} holds adminPassword as plain text). Fix: remove adminPassword from the stack file and run pulumi config set --secret adminPassword.`,
      ),
    );
    await expect(planStack({ configFile: path })).rejects.not.toThrow(/hunter2/);
  });

  test("a secret: true key with a default in Pulumi.yaml: refused as the CLI refuses it (it writes the default as plain text)", async () => {
    const root = mkdtempSync(join(tmpdir(), "entra-plan-root-"));
    const project = readFileSync(join(__dirname, "..", "..", "Pulumi.yaml"), "utf8").replace(
      "    secret: true\n",
      '    secret: true\n    default: ""\n',
    );
    expect(project).toContain('secret: true\n    default: ""');
    writeFileSync(join(root, "Pulumi.yaml"), project);
    const path = stackFile(complete("  entra-connect-gate:objectCount: 100"));
    const stack = /Pulumi\.(case\d+)\.yaml$/.exec(path)?.[1] ?? "";
    await expect(planStack({ configFile: path, root })).rejects.toThrow(
      new InputError(
        `Stack file ${path}: validating stack config: Stack '${stack}' with configuration key 'adminPassword' must be encrypted as it's secret (the Pulumi CLI stops here too: Pulumi.yaml gives adminPassword a default, which the CLI writes into the stack as plain text). Fix: remove the default of adminPassword from Pulumi.yaml and run pulumi config set --secret adminPassword.`,
      ),
    );
  });

  test("an optional password held as plain text is refused too, without echoing it", async () => {
    const path = stackFile(complete("  entra-connect-gate:objectCount: 100\n  entra-connect-gate:domainJoinPassword: hunter2-plain"));
    const refused = planStack({ configFile: path });
    await expect(refused).rejects.toThrow(
      new InputError(
        `Stack file ${path}: domainJoinPassword is a password held as plain text in the stack file, where anyone who reads the file or the repository sees it. Fix: remove domainJoinPassword from the stack file and run pulumi config set --secret domainJoinPassword.`,
      ),
    );
  });

  test("a missing required key: Pulumi's own message, on one line", async () => {
    const path = stackFile("config:\n  entra-connect-gate:objectCount: 100\n");
    await expect(planStack({ configFile: path })).rejects.toThrow(
      new InputError(
        `Stack file ${path}: Missing required configuration variable 'entra-connect-gate:resourceGroupName'; please set a value using the command \`pulumi config set entra-connect-gate:resourceGroupName <value>\`.`,
      ),
    );
  });

  test.each([
    [
      { stack: "nope" },
      `The stack file ${join(__dirname, "..", "..", "stacks", "Pulumi.nope.yaml")} does not exist: check the path, or use --stack dev or --stack enterprise.`,
    ],
    [{ stack: "../dev" }, '--stack "../dev" is not a stack name: use letters, digits, "-", "_" or ".", such as dev.'],
    [{ stack: "dev", configFile: "x.yaml" }, "--stack and --config-file name the same thing: give one of them."],
  ])("bad options %p", async (options, message) => {
    await expect(planStack(options)).rejects.toThrow(new InputError(message));
  });

  test("a file that is not YAML, or has no config map", async () => {
    const broken = stackFile("config: [unclosed");
    await expect(planStack({ configFile: broken })).rejects.toThrow(InputError);
    await expect(planStack({ configFile: broken })).rejects.toThrow(
      /^The stack file .* is not valid YAML \(.*\): fix the file and run the plan again\.$/,
    );
    const list = stackFile("config:\n  - a\n");
    await expect(planStack({ configFile: list })).rejects.toThrow(
      new InputError(`The stack file ${list} must hold a "config:" map of keys to values, as Pulumi stack files do.`),
    );
  });
});
