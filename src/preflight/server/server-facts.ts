/**
 * The facts document the collector prints (schema version 1): its type, and the reader that validates it. Every
 * fact is either its value, `null` (read, and not there: a registry value not set, a product not installed), or
 * `{"error": "..."}` (could not be read): a check whose facts were not read is `not checked`, never a pass.
 */
import { gunzipSync } from "node:zlib";
import Ajv, { type ErrorObject } from "ajv";
import { InputError } from "../../support/errors";
import { SERVER_FACTS_SCHEMA_VERSION, SERVER_FACTS_TOOL } from "../../requirements";

/** A fact the collector could not read, with the reason it gave. */
export interface Unread {
  readonly error: string;
}

/** A registry value as read: a DWORD, a string, a multi-string, a value count (key facts), or null when absent. */
export type RegistryValueFact = number | string | readonly string[] | null | Unread;

export interface Principal {
  /** DOMAIN\name, BUILTIN\name or the bare SID when it does not resolve. */
  readonly name: string;
  readonly sid: string;
}

export interface GroupFact {
  /** How many members the group has; `members` lists the first few (the document stays compact). */
  readonly count: number;
  readonly members: readonly Principal[];
}

export interface ServerFacts {
  readonly schemaVersion: number;
  readonly tool: string;
  readonly collectedAt: string;
  readonly computer: string;
  /** By fact id of SERVER_REGISTRY_FACTS. An id that is missing was not collected (not checked). */
  readonly registry: Readonly<Record<string, RegistryValueFact>>;
  /** `Get-ExecutionPolicy -List`: scope to policy (MachinePolicy, UserPolicy, Process, CurrentUser, LocalMachine). */
  readonly executionPolicy: Readonly<Record<string, string>> | Unread;
  /** Loaded user hives that hold the MFA site in Trusted Sites: the user's SID and the location (TRUSTED_SITE_LOCATIONS id). */
  readonly trustedSiteUsers: readonly { readonly sid: string; readonly location: string }[] | Unread;
  /** NTLM audit events in the NTLM Operational log (capped at EVENT_LOG_READ_CAP). */
  readonly ntlmAuditEvents: number | Unread;
  /** Time of the last "password backed up" event of Windows LAPS, or null when the log has none. */
  readonly lapsLastBackup: string | null | Unread;
  readonly administrators: GroupFact | Unread;
  readonly remoteDesktopUsers: GroupFact | Unread;
  /** Principals holding SeRemoteInteractiveLogonRight. */
  readonly remoteLogonRight: readonly Principal[] | Unread;
  /** Uninstall entries of Entra Connect (DisplayName and DisplayVersion). */
  readonly entraConnectUninstall: readonly { readonly name: string; readonly version: string }[] | Unread;
  /** ProductVersion of the ADSync service's binary (miiserver.exe), null when the service does not exist. */
  readonly adSyncServiceVersion: string | null | Unread;
  /** ADSync*.mdf and ADSync*.ldf files under ADSYNC_DATA_FOLDER, with their sizes in bytes. */
  readonly localDbFiles: readonly { readonly name: string; readonly bytes: number }[] | Unread;
  /** Physical memory of the server in MB. */
  readonly memoryMb: number | Unread;
  /** Full SQL Server instances on this server (services MSSQLSERVER / MSSQL$NAME) and their max server memory. */
  readonly sqlInstances: readonly { readonly service: string; readonly maxServerMemoryMb: number | Unread }[] | Unread;
  /** The chain login.microsoftonline.com presented to the server, leaf first, as subject common names. */
  readonly tlsChain: readonly string[] | Unread;
}

/** True when the fact could not be read. */
export function isUnread(value: unknown): value is Unread {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as Unread).error === "string";
}

/** An object with exactly these properties, every one required. */
const record = (properties: Record<string, object>): object => ({
  type: "object",
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});
const unread = record({ error: { type: "string" } });
const orUnread = (schema: object): object => ({ anyOf: [schema, unread] });
/** A list of records, or the error that kept it from being read. */
const recordsOrUnread = (properties: Record<string, object>): object => orUnread({ type: "array", items: record(properties) });
const principal = record({ name: { type: "string" }, sid: { type: "string" } });
const group = record({ count: { type: "integer", minimum: 0 }, members: { type: "array", items: principal } });

/** The JSON schema of a facts document (also in docs/preflight-server.md). */
export const SERVER_FACTS_JSON_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "entra-gate server facts",
  type: "object",
  required: [
    "schemaVersion",
    "tool",
    "collectedAt",
    "computer",
    "registry",
    "executionPolicy",
    "trustedSiteUsers",
    "ntlmAuditEvents",
    "lapsLastBackup",
    "administrators",
    "remoteDesktopUsers",
    "remoteLogonRight",
    "entraConnectUninstall",
    "adSyncServiceVersion",
    "localDbFiles",
    "memoryMb",
    "sqlInstances",
    "tlsChain",
  ],
  properties: {
    schemaVersion: { const: SERVER_FACTS_SCHEMA_VERSION },
    tool: { const: SERVER_FACTS_TOOL },
    collectedAt: { type: "string" },
    computer: { type: "string" },
    registry: {
      type: "object",
      additionalProperties: {
        anyOf: [{ type: ["number", "string", "null"] }, { type: "array", items: { type: "string" } }, unread],
      },
    },
    executionPolicy: orUnread({ type: "object", additionalProperties: { type: "string" } }),
    trustedSiteUsers: recordsOrUnread({ sid: { type: "string" }, location: { type: "string" } }),
    ntlmAuditEvents: orUnread({ type: "integer", minimum: 0 }),
    lapsLastBackup: orUnread({ type: ["string", "null"] }),
    administrators: orUnread(group),
    remoteDesktopUsers: orUnread(group),
    remoteLogonRight: orUnread({ type: "array", items: principal }),
    entraConnectUninstall: recordsOrUnread({ name: { type: "string" }, version: { type: "string" } }),
    adSyncServiceVersion: orUnread({ type: ["string", "null"] }),
    localDbFiles: recordsOrUnread({ name: { type: "string" }, bytes: { type: "number", minimum: 0 } }),
    memoryMb: orUnread({ type: "number", minimum: 0 }),
    sqlInstances: recordsOrUnread({ service: { type: "string" }, maxServerMemoryMb: orUnread({ type: "number", minimum: 0 }) }),
    tlsChain: orUnread({ type: "array", items: { type: "string" } }),
  },
} as const;

let validate: ReturnType<Ajv["compile"]> | undefined;

function describeError(e: ErrorObject): string {
  const field = e.instancePath === "" ? "the document" : e.instancePath.slice(1).replace(/\//g, ".");
  return `${field} ${e.message ?? "is invalid"}`;
}

/**
 * The collector prints the document itself, or, when it would not fit Run Command's output, this wrapper:
 * {"tool": "entra-gate-server-facts", "gzipBase64": "..."} (the document gzipped, base64-encoded).
 */
export interface PackedFacts {
  readonly tool: string;
  readonly gzipBase64: string;
}

function unpack(value: unknown, source: string): unknown {
  if (typeof value !== "object" || value === null || typeof (value as PackedFacts).gzipBase64 !== "string") return value;
  try {
    return JSON.parse(gunzipSync(Buffer.from((value as PackedFacts).gzipBase64, "base64")).toString("utf8"));
  } catch (e) {
    throw new InputError(
      `${source}: gzipBase64 does not hold a gzipped JSON document (${(e as Error).message}). Run the collector of \`entra-gate server-script\` again and give its whole output.`,
    );
  }
}

/**
 * Parses and validates a facts document (plain or packed). Throws InputError naming the field and the fix; a
 * document of another schema version is refused.
 * @param text the collector's output
 * @param source what to call it in messages, e.g. the file name
 */
export function parseServerFacts(text: string, source: string): ServerFacts {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new InputError(
      `${source}: not a JSON document (${(e as Error).message}). Give the output of the collector that \`entra-gate server-script\` writes, unchanged.`,
    );
  }
  value = unpack(value, source);
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(SERVER_FACTS_JSON_SCHEMA);
  if (!validate(value)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== "anyOf");
    const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
    const hint =
      version !== SERVER_FACTS_SCHEMA_VERSION
        ? ` This tool reads schema version ${SERVER_FACTS_SCHEMA_VERSION}: run the collector of this version's \`entra-gate server-script\`.`
        : " Run the collector of `entra-gate server-script` again and give its output unchanged.";
    throw new InputError(`${source}: not a facts document: ${errors.slice(0, 5).map(describeError).join("; ")}.${hint}`);
  }
  return value as ServerFacts;
}
