/**
 * The thirteen server checks: pure functions from the collector's facts to a result. Every rule and figure comes
 * from the catalogue; a warn or fail cites its requirement and says how to fix it; a fact that was not read makes
 * the check `not-checked`, never a pass.
 */
import {
  ADMINISTRATOR_RID,
  BROAD_PRINCIPAL_SIDS,
  DOMAIN_ADMINS_RID,
  DOMAIN_USERS_RID,
  DOTNET_MINIMUM_RELEASE,
  DOTNET_RECOMMENDED_RELEASE,
  ESSENTIALS_EDITION_IDS,
  FULL_SQL_RECOMMENDED_FROM,
  INSTALLATION_TYPES,
  KNOWN_ENTRA_ROOT_ISSUERS,
  LAPS_BACKUP_DIRECTORY_NAMES,
  LAPS_POLICY_ROOTS,
  LATEST_KNOWN_ENTRA_CONNECT_VERSION,
  LOCALDB_SERVER_PREFIX,
  LOCALDB_SIZE_CAP_GB,
  LOCALDB_SIZE_FAIL_GB,
  LOCALDB_SIZE_WARN_GB,
  MFA_TRUSTED_SITE,
  MINIMUM_ENTRA_CONNECT_VERSION,
  NTLM_INCOMING_AUDIT_DOMAIN_ACCOUNTS,
  NTLM_INCOMING_DENY_DOMAIN_ACCOUNTS,
  NTLM_OUTGOING_AUDIT,
  NTLM_OUTGOING_DENY,
  PENDING_REBOOT_FACTS,
  PERMISSIVE_EXECUTION_POLICIES,
  REQUIRED_EXECUTION_POLICY,
  REQUIREMENTS,
  SQL_RESERVED_MEMORY_GB,
  TLS12_REGISTRY_VALUES,
  TLS_PROBE_HOST,
  TRUSTED_SITES_ZONE,
  TRUSTED_SITE_LOCATIONS,
  WELL_KNOWN_SIDS,
  WINDOWS_SERVER_BUILDS,
  WINDOWS_SERVER_DEFAULT_EXECUTION_POLICY,
  EVENT_LOG_READ_CAP,
  compareVersions,
  isVersionString,
  maxServerMemoryMbFor,
  osVerdict,
  tlsFactId,
  type CategoryId,
  type Requirement,
} from "../../requirements";
import type { CheckStatus } from "../../report/check-result";
import { requirementCheck } from "../requirement-check";
import { isUnread, type GroupFact, type Principal, type RegistryValueFact, type ServerFacts, type Unread } from "./server-facts";

/** The check ids, in report order (a contract: pipelines match on them). */
export const SERVER_CHECK_IDS = [
  "server-os",
  "dotnet",
  "tls12",
  "execution-policy",
  "trusted-sites",
  "ntlm",
  "laps",
  "local-admins",
  "entra-connect-version",
  "localdb-size",
  "sql-co-located",
  "pending-reboot",
  "tls-inspection",
] as const;
export type ServerCheckId = (typeof SERVER_CHECK_IDS)[number];

/** `not-checked`: a fact the check needs could not be read on the server. */
export type ServerCheckStatus = CheckStatus | "not-checked";

export interface ServerCheckResult {
  readonly id: ServerCheckId;
  readonly status: ServerCheckStatus;
  /** What was found and, when not `pass`, what to do about it. */
  readonly message: string;
  readonly requirement: string;
  readonly category: CategoryId;
}

/** What the caller knows that the server cannot say. */
export interface ServerCheckContext {
  /** Groups (DOMAIN\name, name or SID) allowed in Administrators, Remote Desktop Users and the Remote Desktop right. */
  readonly tier0Groups: readonly string[];
  /** The forest's object count, when known (AD preflight, gate.yaml, --object-count). */
  readonly objectCount?: number;
}

function result(id: ServerCheckId, requirement: Requirement, status: ServerCheckStatus, message: string): ServerCheckResult {
  return { ...requirementCheck(id, requirement, status, message), id };
}

/** A not-checked result naming the facts that were not read. */
function notChecked(id: ServerCheckId, requirement: Requirement, what: string, reason: string): ServerCheckResult {
  return result(
    id,
    requirement,
    "not-checked",
    `Not checked: ${what} could not be read on the server (${reason}). Run the collector as a local administrator and give its whole output`,
  );
}

/** The first unread fact among `values`, as its reason. */
function firstUnread(...values: readonly unknown[]): string | undefined {
  const u = values.find(isUnread) as Unread | undefined;
  return u?.error;
}

const NOT_COLLECTED: Unread = { error: "not in the facts document" };

function reg(facts: ServerFacts, id: string): RegistryValueFact {
  return id in facts.registry ? (facts.registry[id] ?? null) : NOT_COLLECTED;
}

function asNumber(value: RegistryValueFact): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

function asText(value: RegistryValueFact): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

function serverOsCheck(f: ServerFacts): ServerCheckResult {
  const product = reg(f, "os.productName");
  const build = reg(f, "os.currentBuild");
  const edition = reg(f, "os.editionId");
  const installation = reg(f, "os.installationType");
  const why = firstUnread(product, build, edition, installation);
  if (why !== undefined) return notChecked("server-os", REQUIREMENTS.osSupported, "the product, build or installation type", why);
  const name = `${asText(product) ?? "Windows"} (build ${asText(build) ?? "unknown"}, ${asText(edition) ?? "no EditionID"}, InstallationType ${asText(installation) ?? "not set"})`;
  const type = asText(installation);
  if (type === undefined) {
    return notChecked("server-os", REQUIREMENTS.osDesktopExperience, "InstallationType", "the value is not set");
  }
  if (type === INSTALLATION_TYPES.client) {
    return result(
      "server-os",
      REQUIREMENTS.osSupported,
      "fail",
      `${name} is a Windows client, not a server. Install Entra Connect on Windows Server 2022 with Desktop Experience`,
    );
  }
  const core = type === INSTALLATION_TYPES.core;
  const nano = type === INSTALLATION_TYPES.nano;
  if (!core && !nano && type !== INSTALLATION_TYPES.server) {
    return result(
      "server-os",
      REQUIREMENTS.osSupported,
      "fail",
      `${name}: InstallationType "${type}" is not a Windows Server installation. Use Windows Server 2022 with Desktop Experience`,
    );
  }
  const version = WINDOWS_SERVER_BUILDS[asText(build) ?? ""];
  if (version === undefined) {
    return result(
      "server-os",
      REQUIREMENTS.osSupported,
      "fail",
      `${name}: build ${asText(build) ?? "unknown"} is not a Windows Server release Entra Connect supports. Use Windows Server 2022 with Desktop Experience`,
    );
  }
  const essentials =
    ESSENTIALS_EDITION_IDS.some((e) => e.toLowerCase() === (asText(edition) ?? "").toLowerCase()) ||
    /small business|essentials/i.test(asText(product) ?? "");
  const verdict = osVerdict({
    kind: "windows-server",
    windowsVersion: version,
    installation: nano ? "nano" : core ? "core" : "desktop",
    channel: "ltsc",
    azureEdition: false,
    gen2: false,
    essentials,
  });
  const requirement = core || nano ? REQUIREMENTS.osDesktopExperience : REQUIREMENTS.osSupported;
  if (verdict.status === "refused") {
    return result(
      "server-os",
      requirement,
      "fail",
      `${name}: ${verdict.reason}. Move the sync server to Windows Server 2022 with Desktop Experience`,
    );
  }
  if (verdict.status === "warn") return result("server-os", requirement, "warn", `${name}: ${verdict.reason}`);
  return result("server-os", requirement, "pass", `${name}${verdict.note ? `: ${verdict.note}` : ""}.`);
}

function dotnetCheck(f: ServerFacts): ServerCheckResult {
  const r = REQUIREMENTS.dotnet;
  const value = reg(f, "dotnet.release");
  if (isUnread(value)) return notChecked("dotnet", r, "the .NET Framework 4 Release value", value.error);
  const release = asNumber(value);
  if (release === undefined) {
    return result(
      "dotnet",
      r,
      "fail",
      `No .NET Framework 4.x Release value on the server. Install .NET Framework 4.8 (Release ${DOTNET_RECOMMENDED_RELEASE} or later)`,
    );
  }
  if (release < DOTNET_MINIMUM_RELEASE) {
    return result(
      "dotnet",
      r,
      "fail",
      `.NET Framework Release ${release} is older than 4.7.2 (Release ${DOTNET_MINIMUM_RELEASE}). Install .NET Framework 4.8 and restart`,
    );
  }
  const advice = release < DOTNET_RECOMMENDED_RELEASE ? `; 4.8 (Release ${DOTNET_RECOMMENDED_RELEASE}) is recommended` : "";
  return result("dotnet", r, "pass", `.NET Framework Release ${release} (4.7.2 or later${advice}).`);
}

function tls12Check(f: ServerFacts): ServerCheckResult {
  const r = REQUIREMENTS.tls12;
  const rows = TLS12_REGISTRY_VALUES.map((v) => ({ v, id: tlsFactId(v.key, v.name), value: reg(f, tlsFactId(v.key, v.name)) }));
  const why = firstUnread(...rows.map((row) => row.value));
  if (why !== undefined) return notChecked("tls12", r, "the TLS 1.2 registry values", why);
  const show = (row: (typeof rows)[number]): string =>
    `${row.v.key}\\${row.v.name} = ${row.value === null ? "not set" : String(row.value)} (needs ${row.v.dword})`;
  const wrong = rows.filter((row) => row.value !== null && asNumber(row.value) !== row.v.dword);
  const missing = rows.filter((row) => row.value === null);
  const fix = "Set every value to the listed data (reference-connect-tls-enforcement), then restart the server";
  const netfxMissing = missing.filter((row) => !row.id.startsWith("tls.schannel"));
  if (wrong.length > 0 || netfxMissing.length > 0) {
    return result("tls12", r, "fail", `TLS 1.2 is not fully enabled: ${[...wrong, ...netfxMissing].map(show).join("; ")}. ${fix}`);
  }
  if (missing.length > 0) {
    return result(
      "tls12",
      r,
      "warn",
      `SCHANNEL leaves TLS 1.2 to the Windows default (enabled on Windows Server 2016 and later), but Microsoft's TLS 1.2 settings set it explicitly: ${missing.map(show).join("; ")}. ${fix}`,
    );
  }
  return result(
    "tls12",
    r,
    "pass",
    "TLS 1.2 enabled for SCHANNEL (client and server) and for .NET (SchUseStrongCrypto and SystemDefaultTlsVersions, both registry views).",
  );
}

const UNDEFINED_POLICY = "Undefined";

function executionPolicyCheck(f: ServerFacts): ServerCheckResult {
  const r = REQUIREMENTS.executionPolicy;
  const list = f.executionPolicy;
  if (isUnread(list)) return notChecked("execution-policy", r, "the execution policy list", list.error);
  const machinePolicy = list.MachinePolicy;
  const localMachine = list.LocalMachine;
  const byGpo = machinePolicy !== undefined && machinePolicy !== UNDEFINED_POLICY;
  const effective = byGpo
    ? machinePolicy
    : localMachine !== undefined && localMachine !== UNDEFINED_POLICY
      ? localMachine
      : WINDOWS_SERVER_DEFAULT_EXECUTION_POLICY;
  const where = byGpo
    ? `set by Group Policy (MachinePolicy scope; LocalMachine is ${localMachine ?? UNDEFINED_POLICY})`
    : localMachine === undefined || localMachine === UNDEFINED_POLICY
      ? "the Windows Server default (no scope sets one)"
      : "set in the LocalMachine scope";
  const fix = byGpo
    ? `Set the GPO "Turn on Script Execution" to "Allow local scripts and remote signed scripts", or unlink it from this server`
    : `Run Set-ExecutionPolicy ${REQUIRED_EXECUTION_POLICY} -Scope LocalMachine`;
  if (effective.toLowerCase() === REQUIRED_EXECUTION_POLICY.toLowerCase()) {
    return result("execution-policy", r, "pass", `Execution policy ${effective}, ${where}.`);
  }
  const permissive = PERMISSIVE_EXECUTION_POLICIES.some((p) => p.toLowerCase() === effective.toLowerCase());
  return result(
    "execution-policy",
    r,
    permissive ? "warn" : "fail",
    `Execution policy ${effective}, ${where}: ${permissive ? "the installer's scripts run, but unsigned downloaded scripts would too" : "the installer's PowerShell scripts cannot run"}. ${fix}`,
  );
}

function trustedSitesCheck(f: ServerFacts): ServerCheckResult {
  const r = REQUIREMENTS.mfaTrustedSite;
  const machine = TRUSTED_SITE_LOCATIONS.map((l) => ({ id: l.id, value: reg(f, `trustedSite.${l.id}`) }));
  const why = firstUnread(...machine.map((m) => m.value));
  const hit = machine.find((m) => asNumber(m.value) === TRUSTED_SITES_ZONE);
  if (hit)
    return result(
      "trusted-sites",
      r,
      "pass",
      `${MFA_TRUSTED_SITE} is in Trusted Sites machine-wide (${hit.id === "policy" || hit.id === "policy-host" ? "Site to Zone Assignment List policy" : `ZoneMap ${hit.id}`}).`,
    );
  if (why !== undefined) return notChecked("trusted-sites", r, "the machine's Trusted Sites", why);
  const users = f.trustedSiteUsers;
  if (isUnread(users)) return notChecked("trusted-sites", r, "the signed-in users' Trusted Sites", users.error);
  if (users.length > 0) {
    return result(
      "trusted-sites",
      r,
      "pass",
      `${MFA_TRUSTED_SITE} is in Trusted Sites for ${users.map((u) => `${u.sid} (${u.location})`).join(", ")}: install as that admin, or add it machine-wide.`,
    );
  }
  return result(
    "trusted-sites",
    r,
    "fail",
    `${MFA_TRUSTED_SITE} is not in Trusted Sites, neither machine-wide nor for a signed-in admin: the wizard's MFA prompt cannot load. Add it to the Site to Zone Assignment List (zone ${TRUSTED_SITES_ZONE}) by Group Policy, or in Internet Options of the installing admin`,
  );
}

function ntlmCheck(f: ServerFacts): ServerCheckResult {
  const r = REQUIREMENTS.ntlmRestricted;
  const sending = reg(f, "ntlm.restrictSending");
  const receiving = reg(f, "ntlm.restrictReceiving");
  const audit = reg(f, "ntlm.auditReceiving");
  const why = firstUnread(sending, receiving, audit);
  if (why !== undefined) return notChecked("ntlm", r, "the Restrict NTLM values", why);
  const out = asNumber(sending) ?? 0;
  const inDeny = (asNumber(receiving) ?? 0) >= NTLM_INCOMING_DENY_DOMAIN_ACCOUNTS;
  const inAudit = (asNumber(audit) ?? 0) >= NTLM_INCOMING_AUDIT_DOMAIN_ACCOUNTS;
  const outgoing = out >= NTLM_OUTGOING_DENY ? "denied" : out === NTLM_OUTGOING_AUDIT ? "audited" : "allowed";
  const incoming = inDeny ? "denied" : inAudit ? "audited" : "allowed";
  const state = `outgoing NTLM ${outgoing} (RestrictSendingNTLMTraffic ${sending ?? "not set"}), incoming NTLM ${incoming} (RestrictReceivingNTLMTraffic ${receiving ?? "not set"}, AuditReceivingNTLMTraffic ${audit ?? "not set"})`;
  if (outgoing === "denied" && incoming === "denied") return result("ntlm", r, "pass", `NTLM denied: ${state}.`);
  if (outgoing === "allowed" || incoming === "allowed") {
    return result(
      "ntlm",
      r,
      "fail",
      `NTLM is not restricted: ${state}. Set "Network security: Restrict NTLM" to audit (outgoing: Audit all; incoming: audit all accounts), read the NTLM Operational log, then deny`,
    );
  }
  const events = f.ntlmAuditEvents;
  const count = isUnread(events)
    ? `the NTLM Operational log could not be read (${events.error})`
    : `${events >= EVENT_LOG_READ_CAP ? `${EVENT_LOG_READ_CAP} or more` : events} NTLM audit event${events === 1 ? "" : "s"} in the NTLM Operational log`;
  return result(
    "ntlm",
    r,
    "warn",
    `NTLM in audit: ${state}; ${count}. Once the log shows no NTLM the sync needs, deny it (ntlmMode deny: RestrictSendingNTLMTraffic ${NTLM_OUTGOING_DENY}, RestrictReceivingNTLMTraffic ${NTLM_INCOMING_DENY_DOMAIN_ACCOUNTS}, so the LAPS-managed local administrator still signs in)`,
  );
}

function lapsCheck(f: ServerFacts): ServerCheckResult {
  const r = REQUIREMENTS.windowsLaps;
  const roots = LAPS_POLICY_ROOTS.map((root) => ({
    source: root.source,
    values: reg(f, `laps.${root.source}`),
    backup: reg(f, `laps.${root.source}.BackupDirectory`),
  }));
  const legacy = reg(f, "laps.legacy.AdmPwdEnabled");
  for (const root of roots) {
    const why = firstUnread(root.values, root.backup);
    if (why !== undefined) return notChecked("laps", r, `the Windows LAPS ${root.source} policy`, why);
    if (!(typeof root.values === "number" && root.values > 0)) continue;
    // A root with any value is the active policy; BackupDirectory not set there means 0 (disabled).
    const backup = asNumber(root.backup) ?? 0;
    const directory = LAPS_BACKUP_DIRECTORY_NAMES[backup] ?? `unknown value ${backup}`;
    if (backup !== 1 && backup !== 2) {
      return result(
        "laps",
        r,
        "fail",
        `The active Windows LAPS policy (${root.source}) has BackupDirectory ${backup} (${directory}): no password is managed. Set BackupDirectory to 2 (Active Directory) or 1 (Microsoft Entra ID)`,
      );
    }
    const last = f.lapsLastBackup;
    if (last === null) {
      return result(
        "laps",
        r,
        "warn",
        `Windows LAPS policy (${root.source}) backs up to ${directory}, but the LAPS log records no password backup yet (events 10018/10029). Run Invoke-LapsPolicyProcessing and read the LAPS Operational log for the error`,
      );
    }
    const when = isUnread(last) ? `the last rotation could not be read (${last.error})` : `last password backup ${last}`;
    return result("laps", r, "pass", `Windows LAPS policy (${root.source}) backs up the password to ${directory}; ${when}.`);
  }
  if (isUnread(legacy)) return notChecked("laps", r, "the legacy LAPS policy", legacy.error);
  if (asNumber(legacy) === 1) {
    return result(
      "laps",
      r,
      "warn",
      "Only legacy Microsoft LAPS (AdmPwd) manages the password. Move to Windows LAPS (BackupDirectory 1 or 2) and remove the legacy LAPS client",
    );
  }
  return result(
    "laps",
    r,
    "fail",
    "No Windows LAPS policy on the server: the local administrator password is not managed. Configure Windows LAPS by Group Policy or Intune (BackupDirectory 2 for Active Directory, 1 for Microsoft Entra ID)",
  );
}

/** The relative id of a domain or machine SID (S-1-5-21-a-b-c-RID), or undefined. */
function ridOf(sid: string): number | undefined {
  const m = /^S-1-5-21-\d+-\d+-\d+-(\d+)$/i.exec(sid);
  return m ? Number(m[1]) : undefined;
}

function sameName(a: string, b: string): boolean {
  const bare = (s: string): string => s.toLowerCase().replace(/^.*\\/, "");
  return a.toLowerCase() === b.toLowerCase() || (!b.includes("\\") && bare(a) === bare(b));
}

type Judgement = "broad" | "allowed" | "outside";

function judgePrincipal(p: Principal, allowedGroups: readonly string[], context: ServerCheckContext): Judgement {
  if (BROAD_PRINCIPAL_SIDS.some((s) => s === p.sid.toUpperCase()) || ridOf(p.sid) === DOMAIN_USERS_RID) return "broad";
  const rid = ridOf(p.sid);
  if (rid === ADMINISTRATOR_RID || rid === DOMAIN_ADMINS_RID || allowedGroups.includes(p.sid.toUpperCase())) return "allowed";
  if (context.tier0Groups.some((g) => g.toUpperCase() === p.sid.toUpperCase() || sameName(p.name, g))) return "allowed";
  return "outside";
}

function localAdminsCheck(f: ServerFacts, context: ServerCheckContext): ServerCheckResult {
  const r = REQUIREMENTS.localAdmins;
  const sets: { what: string; fact: GroupFact | readonly Principal[] | Unread; allowed: readonly string[] }[] = [
    { what: "Administrators", fact: f.administrators, allowed: [] },
    { what: "Remote Desktop Users", fact: f.remoteDesktopUsers, allowed: [] },
    {
      what: 'the right "Allow log on through Remote Desktop Services"',
      fact: f.remoteLogonRight,
      allowed: [WELL_KNOWN_SIDS.administrators, WELL_KNOWN_SIDS.remoteDesktopUsers],
    },
  ];
  const findings: string[] = [];
  const unreadParts: string[] = [];
  let broad = false;
  for (const set of sets) {
    if (isUnread(set.fact)) {
      unreadParts.push(`${set.what} (${set.fact.error})`);
      continue;
    }
    const members = Array.isArray(set.fact) ? (set.fact as readonly Principal[]) : (set.fact as GroupFact).members;
    const count = Array.isArray(set.fact) ? members.length : (set.fact as GroupFact).count;
    const bad = members.map((m) => ({ m, j: judgePrincipal(m, set.allowed, context) })).filter((x) => x.j !== "allowed");
    if (bad.some((x) => x.j === "broad")) broad = true;
    if (bad.length > 0)
      findings.push(`${set.what}: ${bad.map((x) => `${x.m.name} (${x.m.sid})${x.j === "broad" ? " [everyone-like]" : ""}`).join(", ")}`);
    if (count > members.length) unreadParts.push(`${set.what} (${count - members.length} of ${count} members not listed)`);
  }
  const allowed = context.tier0Groups.length > 0 ? `--tier0-group ${context.tier0Groups.join(", ")}` : "no --tier0-group given";
  if (findings.length > 0) {
    return result(
      "local-admins",
      r,
      "fail",
      `${broad ? "Broad principals hold administration or Remote Desktop access" : "Members outside the Tier-0 groups"} (allowed: the built-in Administrator, Domain Admins and ${allowed}): ${findings.join("; ")}. Remove them, or name their Tier-0 group with --tier0-group`,
    );
  }
  if (unreadParts.length > 0) {
    return result(
      "local-admins",
      r,
      "not-checked",
      `Not checked: ${unreadParts.join("; ")}. Run the collector as a local administrator and give its whole output`,
    );
  }
  return result(
    "local-admins",
    r,
    "pass",
    `Administrators, Remote Desktop Users and the Remote Desktop logon right hold only the built-in Administrator, Domain Admins and ${allowed}.`,
  );
}

function entraConnectVersionCheck(f: ServerFacts): ServerCheckResult {
  const r = REQUIREMENTS.minimumVersion;
  const uninstall = f.entraConnectUninstall;
  const service = f.adSyncServiceVersion;
  const found = [
    ...(isUnread(uninstall) ? [] : uninstall.map((u) => ({ where: `uninstall entry "${u.name}"`, version: u.version }))),
    ...(isUnread(service) || service === null ? [] : [{ where: "ADSync service binary", version: service }]),
  ];
  const unreadWhy = firstUnread(uninstall, service);
  if (found.length === 0) {
    if (unreadWhy !== undefined) return notChecked("entra-connect-version", r, "the installed Entra Connect build", unreadWhy);
    return result(
      "entra-connect-version",
      r,
      "pass",
      `Entra Connect is not installed yet (no uninstall entry, no ADSync service): install ${LATEST_KNOWN_ENTRA_CONNECT_VERSION} or later (at least ${MINIMUM_ENTRA_CONNECT_VERSION}).`,
    );
  }
  const invalid = found.filter((x) => !isVersionString(x.version));
  const old = found.filter((x) => isVersionString(x.version) && compareVersions(x.version, MINIMUM_ENTRA_CONNECT_VERSION) < 0);
  const list = found.map((x) => `${x.where}: ${x.version}`).join("; ");
  if (old.length > 0) {
    return result(
      "entra-connect-version",
      r,
      "fail",
      `Installed Entra Connect is older than ${MINIMUM_ENTRA_CONNECT_VERSION} (${list}): sync has stopped for it. Upgrade to ${LATEST_KNOWN_ENTRA_CONNECT_VERSION} or later from the Microsoft Entra admin center`,
    );
  }
  if (invalid.length > 0 || unreadWhy !== undefined) {
    return notChecked(
      "entra-connect-version",
      r,
      "every source of the installed build",
      unreadWhy ?? `unreadable version in ${invalid.map((x) => x.where).join(", ")}`,
    );
  }
  const newest = found.every((x) => compareVersions(x.version, LATEST_KNOWN_ENTRA_CONNECT_VERSION) >= 0);
  return result(
    "entra-connect-version",
    r,
    "pass",
    `Entra Connect ${list}: at or above ${MINIMUM_ENTRA_CONNECT_VERSION}${newest ? "" : `; upgrade to ${LATEST_KNOWN_ENTRA_CONNECT_VERSION}, the newest build this tool knows`}.`,
  );
}

const GIB = 1024 ** 3;

function localDbSizeCheck(f: ServerFacts, context: ServerCheckContext): ServerCheckResult {
  const r = REQUIREMENTS.localDbLimit;
  const server = reg(f, "adsync.sqlServer");
  if (isUnread(server)) return notChecked("localdb-size", r, "the ADSync service's SQL Server parameter", server.error);
  const name = asText(server);
  if (name === undefined)
    return result(
      "localdb-size",
      r,
      "pass",
      "Entra Connect is not installed yet (no ADSync service parameters): no sync database to measure.",
    );
  if (!name.toLowerCase().startsWith(LOCALDB_SERVER_PREFIX)) {
    return result(
      "localdb-size",
      r,
      "pass",
      `The sync database is on full SQL Server ${name}, not LocalDB: no ${LOCALDB_SIZE_CAP_GB} GB cap.`,
    );
  }
  const files = f.localDbFiles;
  if (isUnread(files)) return notChecked("localdb-size", r, "the ADSync LocalDB files", files.error);
  if (files.length === 0)
    return notChecked("localdb-size", r, "the ADSync LocalDB files", `the service uses ${name}, but no ADSync .mdf/.ldf file was found`);
  const bytes = files.reduce((n, file) => n + file.bytes, 0);
  const size = `${(bytes / GIB).toFixed(2)} GB (${files.map((file) => file.name).join(" + ")})`;
  const move =
    "Move the sync database to full SQL Server (a new install with full SQL, or a swing migration), or shrink it and shorten the run history retention (tshoot-connect-recover-from-localdb-10gb-limit)";
  if (bytes >= LOCALDB_SIZE_FAIL_GB * GIB) {
    return result(
      "localdb-size",
      r,
      "fail",
      `The ADSync LocalDB database is ${size}, at or above ${LOCALDB_SIZE_FAIL_GB} GB of the ${LOCALDB_SIZE_CAP_GB} GB cap: sync stops at the cap. ${move}`,
    );
  }
  if (bytes >= LOCALDB_SIZE_WARN_GB * GIB) {
    return result(
      "localdb-size",
      r,
      "warn",
      `The ADSync LocalDB database is ${size}, at or above ${LOCALDB_SIZE_WARN_GB} GB of the ${LOCALDB_SIZE_CAP_GB} GB cap. ${move}`,
    );
  }
  if (context.objectCount !== undefined && context.objectCount >= FULL_SQL_RECOMMENDED_FROM) {
    return result(
      "localdb-size",
      r,
      "warn",
      `The ADSync LocalDB database is ${size}, but the forest holds ${context.objectCount.toLocaleString("en-US")} objects (full SQL recommended from ${FULL_SQL_RECOMMENDED_FROM.toLocaleString("en-US")}). Plan the move to full SQL Server`,
    );
  }
  return result(
    "localdb-size",
    r,
    "pass",
    `The ADSync LocalDB database is ${size}, below ${LOCALDB_SIZE_WARN_GB} GB of the ${LOCALDB_SIZE_CAP_GB} GB cap.`,
  );
}

function sqlCoLocatedCheck(f: ServerFacts): ServerCheckResult {
  const r = REQUIREMENTS.sqlMaxMemory;
  const instances = f.sqlInstances;
  if (isUnread(instances)) return notChecked("sql-co-located", r, "the SQL Server services", instances.error);
  if (instances.length === 0)
    return result("sql-co-located", r, "pass", "No SQL Server instance runs on the sync server (LocalDB or a remote SQL Server).");
  if (isUnread(f.memoryMb)) return notChecked("sql-co-located", r, "the server's physical memory", f.memoryMb.error);
  const memoryMb = f.memoryMb;
  const limitMb = maxServerMemoryMbFor(memoryMb / 1024);
  const over = instances.filter((i) => !isUnread(i.maxServerMemoryMb) && i.maxServerMemoryMb > limitMb);
  const show = (i: (typeof instances)[number]): string =>
    `${i.service} max server memory ${isUnread(i.maxServerMemoryMb) ? "unread" : `${i.maxServerMemoryMb} MB`}`;
  if (over.length > 0) {
    return result(
      "sql-co-located",
      r,
      "fail",
      `SQL Server shares the sync server (${Math.round(memoryMb)} MB RAM) and leaves less than ${SQL_RESERVED_MEMORY_GB} GB for Windows and the sync engine: ${over.map(show).join("; ")}. Set max server memory to at most ${limitMb} MB: EXEC sp_configure 'max server memory (MB)', ${limitMb}; RECONFIGURE`,
    );
  }
  const unreadOne = instances.find((i) => isUnread(i.maxServerMemoryMb));
  if (unreadOne && isUnread(unreadOne.maxServerMemoryMb)) {
    return notChecked("sql-co-located", r, `max server memory of ${unreadOne.service}`, unreadOne.maxServerMemoryMb.error);
  }
  return result(
    "sql-co-located",
    r,
    "pass",
    `${instances.map(show).join("; ")} on ${Math.round(memoryMb)} MB RAM: at least ${SQL_RESERVED_MEMORY_GB} GB stay for Windows and the sync engine.`,
  );
}

function pendingRebootCheck(f: ServerFacts): ServerCheckResult {
  const r = REQUIREMENTS.noPendingRestart;
  const facts = PENDING_REBOOT_FACTS.map((id) => ({ id, value: reg(f, id) }));
  const pending = facts.filter((x) => x.value !== null && !isUnread(x.value));
  const what: Record<(typeof PENDING_REBOOT_FACTS)[number], string> = {
    "reboot.cbs": "Component Based Servicing RebootPending",
    "reboot.windowsUpdate": "Windows Update RebootRequired",
    "reboot.fileRenames": "PendingFileRenameOperations",
  };
  if (pending.length > 0) {
    return result(
      "pending-reboot",
      r,
      "warn",
      `A restart is pending (${pending.map((x) => what[x.id]).join(", ")}). Restart the server before installing, so that updates and registry changes apply`,
    );
  }
  const why = firstUnread(...facts.map((x) => x.value));
  if (why !== undefined) return notChecked("pending-reboot", r, "the pending-restart markers", why);
  return result(
    "pending-reboot",
    r,
    "pass",
    "No restart pending (Component Based Servicing, Windows Update, PendingFileRenameOperations).",
  );
}

function tlsInspectionCheck(f: ServerFacts): ServerCheckResult {
  const r = REQUIREMENTS.noTlsInspection;
  const chain = f.tlsChain;
  if (isUnread(chain)) return notChecked("tls-inspection", r, `the certificate chain of ${TLS_PROBE_HOST}`, chain.error);
  const root = chain[chain.length - 1];
  if (root === undefined) return notChecked("tls-inspection", r, `the certificate chain of ${TLS_PROBE_HOST}`, "the chain is empty");
  const known: readonly string[] = KNOWN_ENTRA_ROOT_ISSUERS;
  if (known.includes(root))
    return result("tls-inspection", r, "pass", `${TLS_PROBE_HOST} presents a chain to ${root}, one of Microsoft's public roots.`);
  return result(
    "tls-inspection",
    r,
    "fail",
    `${TLS_PROBE_HOST} presents a chain ending in "${root}" (${chain.join(" <- ")}), not one of Microsoft's public roots: a proxy or firewall inspects TLS on this path. Exempt the Entra endpoints from TLS inspection`,
  );
}

/** All thirteen checks, in SERVER_CHECK_IDS order. */
export function serverChecks(facts: ServerFacts, context: ServerCheckContext): ServerCheckResult[] {
  return [
    serverOsCheck(facts),
    dotnetCheck(facts),
    tls12Check(facts),
    executionPolicyCheck(facts),
    trustedSitesCheck(facts),
    ntlmCheck(facts),
    lapsCheck(facts),
    localAdminsCheck(facts, context),
    entraConnectVersionCheck(facts),
    localDbSizeCheck(facts, context),
    sqlCoLocatedCheck(facts),
    pendingRebootCheck(facts),
    tlsInspectionCheck(facts),
  ];
}
