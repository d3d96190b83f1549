/**
 * The stack program: reads the stack config (`entra-connect-gate:<key>`, declared with types and
 * descriptions in Pulumi.yaml) into EntraConnectServer args and builds the component. src/index.ts runs it
 * under `pulumi up`; src/plan runs it offline under Pulumi's mocks.
 */
import * as pulumi from "@pulumi/pulumi";
import { REQUIREMENTS, type Requirement } from "../requirements";
import type { EntraConnectServerArgs } from "./entra-connect-server-args";
import { EntraConnectServer } from "./entra-connect-server";
import { refusal } from "./validate-server-args";

/** The component name when the stack sets no serverName: also the computer name (at most 15 characters). */
export const DEFAULT_SERVER_NAME = "entra-sync";

/** Every key the program reads, by kind. Pulumi.yaml declares exactly these (a test keeps them in step). */
export const STACK_CONFIG_KEYS = {
  string: [
    "serverName",
    "resourceGroupName",
    "location",
    "subnetId",
    "osVersion",
    "imageSku",
    "vmSize",
    "database",
    "sqlVersion",
    "sqlCollation",
    "sqlVmSize",
    "adminUsername",
    "domainJoinDomain",
    "domainJoinOuPath",
    "domainJoinAccount",
    "entraConnectVersion",
    "installerUrl",
    "installerSha256",
    "ntlmMode",
    "lapsBackupDirectory",
  ],
  integer: ["objectCount", "osDiskSizeGb", "sqlPort"],
  array: ["domainControllers", "adminAccessPrefixes", "dnsServers", "ntlmAllowedServers"],
  boolean: ["restrictOutbound"],
  /** Declared `secret: true` in Pulumi.yaml, so without a default (the CLI requires them). */
  secret: ["adminPassword"],
  /**
   * Passwords that are optional: declared as plain strings with an empty default, because the CLI would refuse
   * a `secret: true` key's default (it writes it as plain text). Set only with `pulumi config set --secret`.
   */
  optionalSecret: ["domainJoinPassword", "sqlAdminPassword"],
} as const;

type StringKey = (typeof STACK_CONFIG_KEYS.string)[number];

/** A config value, with "" read as not set (Pulumi.yaml's default for keys whose default is the catalogue's). */
function text(config: pulumi.Config, key: StringKey | "objectCount" | "osDiskSizeGb" | "sqlPort"): string | undefined {
  const value = config.get(key)?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/** A whole number, or undefined when not set (0 counts as not set for the optional ones). */
function integer(
  config: pulumi.Config,
  key: "objectCount" | "osDiskSizeGb" | "sqlPort",
  requirement: Requirement,
  fix: string,
): number | undefined {
  const raw = text(config, key);
  if (raw === undefined) return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(raw)) throw refusal(key, `${JSON.stringify(raw)} is not a number`, requirement, fix);
  const value = Number(raw);
  return value === 0 && key !== "objectCount" ? undefined : value;
}

function stringList(
  config: pulumi.Config,
  key: (typeof STACK_CONFIG_KEYS.array)[number],
  requirement: Requirement,
  example = 'addresses or CIDRs, such as ["10.0.1.4"]',
): string[] | undefined {
  const raw = config.get(key);
  if (raw === undefined) return undefined;
  const fix = `write ${key} as a YAML list of ${example}`;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw refusal(key, `${JSON.stringify(raw)} is not a list`, requirement, fix);
  }
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string")) {
    throw refusal(key, `${raw} is not a list of strings`, requirement, fix);
  }
  return value;
}

/** true or false (as the stack file's YAML boolean reaches the program: "true" or "false"), or undefined when not set. */
function flag(config: pulumi.Config, key: (typeof STACK_CONFIG_KEYS.boolean)[number], requirement: Requirement): boolean | undefined {
  const raw = config.get(key);
  if (raw === undefined) return undefined;
  const value = raw.trim().toLowerCase();
  if (value === "true" || value === "false") return value === "true";
  throw refusal(key, `${JSON.stringify(raw)} is not true or false`, requirement, `set ${key} to true or false`);
}

/** EntraConnectServer args from the stack config; unset optional keys are left out so the component defaults apply. */
export function readServerArgs(config: pulumi.Config): EntraConnectServerArgs {
  const objectCount = integer(
    config,
    "objectCount",
    REQUIREMENTS.sizingMemory,
    "set objectCount to the forest's count of users + groups + contacts + computers",
  );
  if (objectCount === undefined) {
    throw refusal("objectCount", "it is not set", REQUIREMENTS.sizingMemory, "set entra-connect-gate:objectCount in the stack file");
  }
  const optional: Partial<Record<keyof EntraConnectServerArgs, unknown>> = {};
  for (const key of STACK_CONFIG_KEYS.string) {
    if (key === "serverName") continue;
    const value = text(config, key);
    if (value !== undefined) optional[key] = value;
  }
  const osDiskSizeGb = integer(config, "osDiskSizeGb", REQUIREMENTS.sizingDisk, "set osDiskSizeGb to a whole number of GB");
  const sqlPort = integer(config, "sqlPort", REQUIREMENTS.sqlTransport, "set sqlPort to a TCP port number");
  const adminAccessPrefixes = stringList(config, "adminAccessPrefixes", REQUIREMENTS.noInternetInbound);
  const dnsServers = stringList(config, "dnsServers", REQUIREMENTS.domainJoined, 'IP addresses, such as ["10.0.1.4"]');
  const restrictOutbound = flag(config, "restrictOutbound", REQUIREMENTS.entraEndpoints);
  const ntlmAllowedServers = stringList(config, "ntlmAllowedServers", REQUIREMENTS.ntlmRestricted, 'server names, such as ["FILESRV01"]');
  // Read as secrets, but "" (Pulumi.yaml's default) counts as not set.
  const optionalSecret = (key: (typeof STACK_CONFIG_KEYS.optionalSecret)[number]): pulumi.Output<string> | undefined =>
    (config.get(key) ?? "") === "" ? undefined : config.requireSecret(key);
  const domainJoinPassword = optionalSecret("domainJoinPassword");
  const sqlAdminPassword = optionalSecret("sqlAdminPassword");
  return {
    ...(optional as Partial<EntraConnectServerArgs>),
    objectCount,
    resourceGroupName: config.require("resourceGroupName"),
    subnetId: config.require("subnetId"),
    domainControllers: stringList(config, "domainControllers", REQUIREMENTS.dcPorts) ?? [],
    ...(adminAccessPrefixes === undefined ? {} : { adminAccessPrefixes }),
    ...(ntlmAllowedServers === undefined || ntlmAllowedServers.length === 0 ? {} : { ntlmAllowedServers }),
    ...(dnsServers === undefined || dnsServers.length === 0 ? {} : { dnsServers }),
    ...(restrictOutbound === undefined ? {} : { restrictOutbound }),
    ...(osDiskSizeGb === undefined ? {} : { osDiskSizeGb }),
    ...(sqlPort === undefined ? {} : { sqlPort }),
    adminPassword: config.requireSecret("adminPassword"),
    ...(domainJoinPassword === undefined ? {} : { domainJoinPassword }),
    ...(sqlAdminPassword === undefined ? {} : { sqlAdminPassword }),
  };
}

/** Builds the stack: one EntraConnectServer named by `serverName`. */
export function entraConnectStack(): EntraConnectServer {
  const config = new pulumi.Config();
  return new EntraConnectServer(text(config, "serverName") ?? DEFAULT_SERVER_NAME, readServerArgs(config));
}
