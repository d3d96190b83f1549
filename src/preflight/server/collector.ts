/**
 * The collector script of `entra-gate server-script`: the readable PowerShell file in ./collector/, with its data
 * block (every registry path, value name, event id and figure it needs) generated from the catalogue and embedded
 * in place of a placeholder line, so the script is one self-contained file to copy to a server or send to Run Command.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../components/package-root";
import {
  COLLECTOR_TIMEOUT_MS,
  ENTRA_CONNECT_UNINSTALL_NAMES,
  EVENT_LOG_READ_CAP,
  FACT_TEXT_CAP,
  GROUP_MEMBERS_CAP,
  LAPS_OPERATIONAL_LOG,
  LAPS_PASSWORD_BACKED_UP_EVENT_IDS,
  ADSYNC_DATA_FOLDER,
  NTLM_AUDIT_EVENT_IDS,
  NTLM_OPERATIONAL_LOG,
  REMOTE_LOGON_RIGHT,
  RUN_COMMAND_OUTPUT_LIMIT_BYTES,
  SERVER_FACTS_SCHEMA_VERSION,
  SERVER_FACTS_TOOL,
  SERVER_REGISTRY_FACTS,
  SQL_MAX_MEMORY_CONFIG_NAME,
  SQL_SERVICE_NAME_PATTERN,
  TLS_PROBE_HOST,
  TLS_PROBE_PORT,
  TRUSTED_SITES_ZONE,
  TRUSTED_SITE_LOCATIONS,
  UNINSTALL_KEYS,
  WELL_KNOWN_SIDS,
  type RegistryFact,
} from "../../requirements";

/** The script, relative to the package root (it is not compiled, so dist/ has no copy). */
export const COLLECTOR_SCRIPT = join("src", "preflight", "server", "collector", "entra-gate-server-facts.ps1");
/** The line of the script that the data block replaces. */
export const COLLECTOR_DATA_PLACEHOLDER = "__ENTRA_GATE_COLLECTOR_DATA__";
/** The registry fact whose value is the ADSync service's binary. */
const ADSYNC_IMAGE_PATH_FACT = "adsync.imagePath";
/** ADSync*.mdf and ADSync*.ldf. */
const LOCALDB_FILE_PATTERN = "^ADSync.*\\.(mdf|ldf)$";

/** The data block the collector reads ($Config). */
export interface CollectorConfig {
  readonly schemaVersion: number;
  readonly tool: string;
  readonly outputLimitBytes: number;
  readonly textCap: number;
  readonly timeoutMs: number;
  readonly eventReadCap: number;
  readonly groupMembersCap: number;
  readonly registry: Readonly<Record<string, RegistryFact>>;
  readonly trustedSiteLocations: readonly { readonly id: string; readonly key: string; readonly name: string }[];
  readonly trustedSitesZone: number;
  readonly ntlm: { readonly log: string; readonly auditEventIds: readonly number[] };
  readonly laps: { readonly log: string; readonly backupEventIds: readonly number[] };
  readonly groups: { readonly administrators: string; readonly remoteDesktopUsers: string };
  readonly remoteLogonRight: string;
  readonly entraConnect: { readonly names: readonly string[]; readonly uninstallKeys: readonly string[]; readonly imagePathFact: string };
  readonly localDb: { readonly folder: string; readonly pattern: string };
  readonly sql: { readonly servicePattern: string; readonly maxMemoryConfigName: string };
  readonly tls: { readonly host: string; readonly port: number };
}

export function collectorConfig(): CollectorConfig {
  return {
    schemaVersion: SERVER_FACTS_SCHEMA_VERSION,
    tool: SERVER_FACTS_TOOL,
    outputLimitBytes: RUN_COMMAND_OUTPUT_LIMIT_BYTES,
    textCap: FACT_TEXT_CAP,
    timeoutMs: COLLECTOR_TIMEOUT_MS,
    eventReadCap: EVENT_LOG_READ_CAP,
    groupMembersCap: GROUP_MEMBERS_CAP,
    registry: SERVER_REGISTRY_FACTS,
    trustedSiteLocations: TRUSTED_SITE_LOCATIONS,
    trustedSitesZone: TRUSTED_SITES_ZONE,
    ntlm: { log: NTLM_OPERATIONAL_LOG, auditEventIds: NTLM_AUDIT_EVENT_IDS },
    laps: { log: LAPS_OPERATIONAL_LOG, backupEventIds: LAPS_PASSWORD_BACKED_UP_EVENT_IDS },
    groups: { administrators: WELL_KNOWN_SIDS.administrators, remoteDesktopUsers: WELL_KNOWN_SIDS.remoteDesktopUsers },
    remoteLogonRight: REMOTE_LOGON_RIGHT,
    entraConnect: { names: ENTRA_CONNECT_UNINSTALL_NAMES, uninstallKeys: UNINSTALL_KEYS, imagePathFact: ADSYNC_IMAGE_PATH_FACT },
    localDb: { folder: ADSYNC_DATA_FOLDER, pattern: LOCALDB_FILE_PATTERN },
    sql: { servicePattern: SQL_SERVICE_NAME_PATTERN, maxMemoryConfigName: SQL_MAX_MEMORY_CONFIG_NAME },
    tls: { host: TLS_PROBE_HOST, port: TLS_PROBE_PORT },
  };
}

/** The collector's source as the repository holds it (LF line endings), placeholder included. */
export function readCollectorSource(root: string = packageRoot()): string {
  return readFileSync(join(root, COLLECTOR_SCRIPT), "utf8").replace(/\r\n?/g, "\n");
}

/**
 * The collector with its data block: the JSON sits on one line inside a single-quoted here-string, which nothing
 * in JSON can end (only a line starting with '@ does).
 */
export function collectorScript(source: string = readCollectorSource()): string {
  const lines = source.split("\n");
  const at = lines.indexOf(COLLECTOR_DATA_PLACEHOLDER);
  if (at < 0 || lines.lastIndexOf(COLLECTOR_DATA_PLACEHOLDER) !== at) {
    throw new Error(`${COLLECTOR_SCRIPT} must hold the line ${COLLECTOR_DATA_PLACEHOLDER} exactly once.`);
  }
  lines[at] = JSON.stringify(collectorConfig());
  return lines.join("\n");
}
