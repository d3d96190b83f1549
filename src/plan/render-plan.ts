/** Renders planned resources: text with each resource's key settings, or the JSON document `{"resources":[...]}`. */
import type { PlannedStack } from "./plan-stack";
import { SIZING_TIERS } from "../requirements";
import { isRecord } from "./is-record";

type Inputs = Record<string, unknown>;

/** The value at a dotted path, or undefined. */
function at(inputs: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, key) => (isRecord(v) ? v[key] : undefined), inputs);
}

/** A short text of a value: strings as they are (unescaped), lists joined, maps as "key=value" pairs. */
function show(value: unknown): string {
  if (value === undefined) return "-";
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (isRecord(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${show(v)}`)
      .join(", ")}}`;
  return typeof value === "string" ? value : String(value);
}

/** "label: value" lines for the paths that hold a value. */
function fields(inputs: Inputs, entries: readonly (readonly [string, string])[]): string[] {
  return entries.filter(([, path]) => at(inputs, path) !== undefined).map(([label, path]) => `${label}: ${show(at(inputs, path))}`);
}

function virtualMachine(inputs: Inputs): string[] {
  const image = at(inputs, "storageProfile.imageReference");
  const imageText = isRecord(image)
    ? [image["publisher"], image["offer"], image["sku"], image["version"]].map(show).join(" / ")
    : show(image);
  const security = at(inputs, "securityProfile");
  const securityText = isRecord(security)
    ? `${show(security["securityType"])}, secure boot ${show(at(security, "uefiSettings.secureBootEnabled"))}, vTPM ${show(at(security, "uefiSettings.vTpmEnabled"))}, encryption at host ${show(security["encryptionAtHost"])}`
    : show(security);
  const dataDisks = at(inputs, "storageProfile.dataDisks");
  const os = at(inputs, "osProfile");
  return [
    `image: ${imageText}`,
    ...fields(inputs, [["size", "hardwareProfile.vmSize"]]),
    `os disk: ${show(at(inputs, "storageProfile.osDisk.diskSizeGB"))} GB ${show(at(inputs, "storageProfile.osDisk.managedDisk.storageAccountType"))}`,
    ...(Array.isArray(dataDisks)
      ? dataDisks.map(
          (d) => `data disk: LUN ${show(at(d, "lun"))}, ${show(at(d, "diskSizeGB"))} GB ${show(at(d, "managedDisk.storageAccountType"))}`,
        )
      : []),
    `security: ${securityText}`,
    ...fields(inputs, [["boot diagnostics", "diagnosticsProfile.bootDiagnostics.enabled"]]),
    ...(typeof os === "string"
      ? [`os profile: ${os}`]
      : fields(inputs, [
          ["computer name", "osProfile.computerName"],
          ["admin user", "osProfile.adminUsername"],
          ["admin password", "osProfile.adminPassword"],
          ["patch mode", "osProfile.windowsConfiguration.patchSettings.patchMode"],
        ])),
  ];
}

function securityRule(rule: unknown): string {
  const source = at(rule, "sourceApplicationSecurityGroups")
    ? `asg ${show((at(rule, "sourceApplicationSecurityGroups") as unknown[]).map((g) => at(g, "id")))}`
    : show(at(rule, "sourceAddressPrefixes") ?? at(rule, "sourceAddressPrefix"));
  const destination = show(at(rule, "destinationAddressPrefixes") ?? at(rule, "destinationAddressPrefix"));
  const ports = show(at(rule, "destinationPortRanges") ?? at(rule, "destinationPortRange"));
  const cells = [at(rule, "priority"), at(rule, "direction"), at(rule, "access"), at(rule, "protocol")].map(show);
  // Every address and every port is named on its own: "to 10.0.1.4, 10.0.1.5 port 53" (not "10.0.1.5:53").
  return `${cells.join(" ")} from ${source} to ${destination} port ${ports} (${show(at(rule, "name"))})`;
}

function networkSecurityGroup(inputs: Inputs): string[] {
  const rules = at(inputs, "securityRules");
  return Array.isArray(rules) ? ["rules:", ...rules.map((r) => `  ${securityRule(r)}`)] : [];
}

function networkInterface(inputs: Inputs): string[] {
  const configs = at(inputs, "ipConfigurations");
  const ipConfigs = Array.isArray(configs) ? configs : [];
  return [
    ...ipConfigs.map(
      (c) =>
        `ip configuration ${show(at(c, "name"))}: subnet ${show(at(c, "subnet.id"))}, ${show(at(c, "privateIPAllocationMethod"))} private IP, public IP ${at(c, "publicIPAddress") === undefined ? "none" : show(at(c, "publicIPAddress"))}`,
    ),
    ...fields(inputs, [["network security group", "networkSecurityGroup.id"]]),
  ];
}

/** The SQL storage settings the plan shows, by label. */
const SQL_STORAGE = [
  ["data files", "sqlDataSettings"],
  ["log files", "sqlLogSettings"],
  ["tempdb", "sqlTempDbSettings"],
] as const;

/** "data files: F:\\data on LUN 0" for each SQL storage setting (data, log, tempdb) the registration holds. */
function sqlStorage(inputs: Inputs): string[] {
  return SQL_STORAGE.flatMap(([label, key]) => {
    const settings = at(inputs, `storageConfigurationSettings.${key}`);
    return isRecord(settings) ? [`${label}: ${show(at(settings, "defaultFilePath"))} on LUN ${show(at(settings, "luns"))}`] : [];
  });
}

function sqlVirtualMachine(inputs: Inputs): string[] {
  return fields(inputs, [
    ["sql image", "sqlImageOffer"],
    ["edition", "sqlImageSku"],
    ["licence", "sqlServerLicenseType"],
  ]).concat(
    sqlStorage(inputs),
    fields(inputs, [
      ["collation", "serverConfigurationsManagementSettings.sqlInstanceSettings.collation"],
      ["max server memory (MB)", "serverConfigurationsManagementSettings.sqlInstanceSettings.maxServerMemoryMB"],
      ["connectivity", "serverConfigurationsManagementSettings.sqlConnectivityUpdateSettings.connectivityType"],
      ["port", "serverConfigurationsManagementSettings.sqlConnectivityUpdateSettings.port"],
      ["virtual machine", "virtualMachineResourceId"],
    ]),
  );
}

function extension(inputs: Inputs): string[] {
  return fields(inputs, [
    ["extension", "type"],
    ["handler version", "typeHandlerVersion"],
    ["settings", "settings"],
    ["protected settings", "protectedSettings"],
  ]);
}

/** " needs at least 16 GB RAM and 100 GB disk (tier minimum)" for a tier id the catalogue knows. */
function tierMinimum(tier: unknown): string {
  const t = SIZING_TIERS.find((x) => x.tier === tier);
  return t ? ` needs at least ${t.ramGb} GB RAM and ${t.diskGb} GB disk (tier minimum)` : "";
}

function component(inputs: Inputs): string[] {
  const s = at(inputs, "sizing");
  const sizing = isRecord(s)
    ? [
        `sizing: tier ${show(s["tier"])}${tierMinimum(s["tier"])}; chosen: ${show(s["vmSize"])} (${show(s["memoryGib"])} GiB), OS disk ${show(s["osDiskSizeGb"])} GB; database ${show(s["database"])}`,
        `tenant: ${show(s["licenceNote"])}`,
      ]
    : [];
  return [...fields(inputs, [["object count", "objectCount"]]), ...sizing];
}

const RENDERERS: Readonly<Record<string, (inputs: Inputs) => string[]>> = {
  "azure-native:compute:VirtualMachine": virtualMachine,
  "azure-native:network:NetworkSecurityGroup": networkSecurityGroup,
  "azure-native:network:NetworkInterface": networkInterface,
  "azure-native:sqlvirtualmachine:SqlVirtualMachine": sqlVirtualMachine,
  "azure-native:compute:VirtualMachineExtension": extension,
  "entra-connect-gate:index:EntraConnectServer": component,
};

/** The text plan: one block per resource, its key settings indented below, then the warnings. */
export function renderPlanText(plan: PlannedStack, title: string): string {
  const { resources, warnings } = plan;
  const blocks = resources.map((r) => {
    const settings = RENDERERS[r.type]?.(r.inputs) ?? [];
    const tags = isRecord(r.inputs["tags"])
      ? [
          `tags: ${Object.entries(r.inputs["tags"])
            .map(([k, v]) => `${k}=${show(v)}`)
            .join(", ")}`,
        ]
      : [];
    return [`+ ${r.type}  ${r.name}`, ...[...settings, ...tags].map((line) => `    ${line}`)].join("\n");
  });
  const places = [
    ...new Set(
      resources.flatMap((r) =>
        typeof r.inputs["resourceGroupName"] === "string"
          ? [
              `resource group ${r.inputs["resourceGroupName"]}${typeof r.inputs["location"] === "string" ? ` in ${r.inputs["location"]}` : ""}`,
            ]
          : [],
      ),
    ),
  ];
  const where = places.length > 0 ? `${places.join("; ")}\n` : "";
  const warned = warnings.length === 0 ? "" : `\nwarnings:\n${warnings.map((w) => `  ! ${w}`).join("\n")}\n`;
  return `${title}: ${resources.length} resources to create\n${where}\n${blocks.join("\n\n")}\n${warned}`;
}

/** The JSON plan: `{"stack","warnings":[...],"resources":[{"type","name","urn","inputs"}]}`, secrets already "[secret]". */
export function renderPlanJson(plan: PlannedStack): string {
  const resources = plan.resources.map(({ type, name, urn, inputs }) => ({ type, name, urn, inputs }));
  return `${JSON.stringify({ stack: plan.stack, warnings: plan.warnings, resources }, null, 2)}\n`;
}
