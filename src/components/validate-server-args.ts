/**
 * The pure check of EntraConnectServer args against the requirements catalogue. It runs before any resource
 * registers: it throws an EntraConnectConfigError for the first refused key, and otherwise returns every decision
 * the component (and the policy pack) needs, with the warnings to log.
 */
import { isIP } from "node:net";
import {
  DEFAULT_SQL_COLLATION,
  FULL_SQL_RECOMMENDED_FROM,
  LOCALDB_MAX_OBJECTS,
  LOCALDB_SIZE_CAP_GB,
  LAPS_BACKUP_DIRECTORIES,
  LATEST_KNOWN_ENTRA_CONNECT_VERSION,
  MINIMUM_ENTRA_CONNECT_VERSION,
  NTLM_MODES,
  INSTALLER_URL_MAX_LENGTH,
  NTLM_ALLOWED_SERVERS_MAX,
  NTLM_SERVER_NAME_MAX_LENGTH,
  RECOMMENDED_SQL_VERSION,
  REQUIREMENTS,
  SERVER_IMAGES,
  SQL_IMAGES,
  SQL_MAJOR_VERSIONS,
  SQL_PORT,
  SUPPORTED_SERVER_VERSIONS,
  SUPPORTED_SQL_VERSIONS,
  cite,
  classifyImage,
  defaultVmSizeFor,
  fullSqlRecommended,
  isCaseInsensitiveCollation,
  isVersionString,
  lookupVmSize,
  maxServerMemoryMbFor,
  meetsMinimumEntraConnectVersion,
  objectCountProblem,
  osVerdict,
  premiumDiskSizeFor,
  sizingTierFor,
  sqlServerSizingFor,
  sqlVersionVerdict,
  tenantLimitFor,
  type DatabaseMode,
  type ImageReference,
  type LapsBackupDirectory,
  type NtlmMode,
  type Requirement,
  type SizingTier,
  type SqlServerVersion,
  type VmSize,
  type WindowsServerVersion,
  INTERNET_PREFIXES,
  PRIVATE_ADDRESS_RANGES,
  addressRangeOf,
  isPrivateRange,
} from "../requirements";
import { isAddressOrCidr } from "./address-prefix";
import type { InstallerSource } from "./bootstrap-command";
import type { EntraConnectServerArgs } from "./entra-connect-server-args";

/** A refused component arg: names the key (also the stack config key) and the requirement it breaks. */
export class EntraConnectConfigError extends Error {
  constructor(
    readonly key: string,
    readonly requirement: Requirement,
    message: string,
  ) {
    super(message);
    this.name = "EntraConnectConfigError";
  }
}

/** The sizing decision, also a component output. */
export interface SizingDecision {
  readonly tier: SizingTier["tier"];
  readonly vmSize: string;
  readonly memoryGib: number;
  readonly osDiskSizeGb: number;
  readonly database: DatabaseMode;
  /** The tenant object limit that applies to this many objects. */
  readonly licenceNote: string;
}

/** The SQL Server VM that holds the sync database (full SQL only). */
export interface SqlDecision {
  readonly version: SqlServerVersion;
  readonly image: ImageReference;
  readonly collation: string;
  readonly vmSize: string;
  readonly memoryGib: number;
  readonly dataDiskGb: number;
  readonly port: number;
  readonly maxServerMemoryMb: number;
}

export interface DomainJoinDecision {
  readonly domain: string;
  readonly account: string;
  readonly ouPath?: string;
}

export interface ValidatedServerArgs {
  readonly objectCount: number;
  readonly image: ImageReference;
  readonly windowsVersion: WindowsServerVersion;
  readonly sizing: SizingDecision;
  /** Set when the database is full SQL. */
  readonly sql?: SqlDecision;
  readonly entraConnectVersion: string;
  readonly domainControllers: readonly string[];
  readonly adminAccessPrefixes: readonly string[];
  /** The NICs' DNS servers; empty: the virtual network's DNS settings. */
  readonly dnsServers: readonly string[];
  /** Both NSGs end their outbound rules with a deny-all (and the allows the servers need before it). */
  readonly restrictOutbound: boolean;
  readonly ntlmMode: NtlmMode;
  /** Outbound NTLM exceptions (deny only); empty when none. */
  readonly ntlmAllowedServers: readonly string[];
  /** The customer's installer; undefined: nothing is downloaded. */
  readonly installer?: InstallerSource;
  readonly lapsBackupDirectory: LapsBackupDirectory;
  readonly domainJoin?: DomainJoinDecision;
  /** Allowed but not recommended: the component logs each with pulumi.log.warn. */
  readonly warnings: readonly string[];
}

const show = (value: unknown): string => (typeof value === "number" ? String(value) : JSON.stringify(value));
const count = (n: number): string => n.toLocaleString("en-US");
/** `"a", "b" or "c"` */
function quoted(values: readonly string[]): string {
  const q = values.map((v) => `"${v}"`);
  return q.length > 1 ? `${q.slice(0, -1).join(", ")} or ${q[q.length - 1]}` : q.join("");
}

/** The one-paragraph refusal of `key`: what is wrong, the requirement it breaks, and the fix. */
export function refusal(key: string, reason: string, requirement: Requirement, fix: string): EntraConnectConfigError {
  return new EntraConnectConfigError(key, requirement, `${key} is refused: ${reason}; this breaks ${cite(requirement)}. Fix: ${fix}.`);
}

function refuse(key: string, reason: string, requirement: Requirement, fix: string): never {
  throw refusal(key, reason, requirement, fix);
}

/** `value` when it is one of `allowed`, else a refusal naming the allowed values. */
function oneOf<T extends string>(key: string, value: string, allowed: readonly T[], requirement: Requirement): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) refuse(key, `${show(value)} is not one of ${quoted(allowed)}`, requirement, `set ${key} to ${quoted(allowed)}`);
  return found;
}

function checkObjectCount(value: unknown): number {
  const problem = objectCountProblem(value);
  if (problem !== undefined) {
    refuse(
      "objectCount",
      `it ${problem}`,
      REQUIREMENTS.sizingMemory,
      "set objectCount to the forest's count of users + groups + contacts + computers, a whole number of 0 or more",
    );
  }
  return value as number;
}

function checkImage(args: EntraConnectServerArgs, warnings: string[]): { image: ImageReference; windowsVersion: WindowsServerVersion } {
  const recommended = SUPPORTED_SERVER_VERSIONS[0];
  const key = args.imageSku === undefined ? "osVersion" : "imageSku";
  const osVersion = args.osVersion ?? recommended;
  const known = Object.entries(SERVER_IMAGES).find(([version]) => version === osVersion)?.[1];
  const base = SERVER_IMAGES[recommended];
  // An unknown osVersion is classified as the Gen2 Datacenter SKU of that name, so 2025 or 2012-r2 get the OS matrix's reason.
  const sku = args.imageSku ?? known?.sku ?? `${osVersion}-datacenter-g2`;
  const image: ImageReference = { publisher: base.publisher, offer: base.offer, sku, version: base.version };
  const fix =
    key === "osVersion"
      ? `set osVersion to ${quoted(SUPPORTED_SERVER_VERSIONS)} (${recommended} recommended)`
      : `remove imageSku or set it to a Gen2 Desktop Experience SKU such as "${base.sku}"`;
  const c = classifyImage(image);
  const verdict = osVerdict(c);
  if (verdict.status === "refused" || c.kind !== "windows-server") {
    const reason = verdict.status === "refused" ? verdict.reason : `${show(sku)} is not a Windows Server image`;
    const requirement =
      c.kind === "windows-server" && c.installation !== "desktop" ? REQUIREMENTS.osDesktopExperience : REQUIREMENTS.osSupported;
    refuse(key, `${show(args.imageSku ?? osVersion)}: ${reason}`, requirement, fix);
  }
  if (!c.gen2) refuse(key, `${show(sku)} is a Generation 1 image, and Trusted Launch needs Generation 2`, REQUIREMENTS.trustedLaunch, fix);
  if (verdict.status === "warn") warnings.push(`${key} ${show(args.imageSku ?? osVersion)}: ${verdict.reason}.`);
  return { image, windowsVersion: c.windowsVersion };
}

/** A VM size from the catalogue's table that has at least `ramGb`; `key` names the arg in refusals. */
function checkVmSize(key: string, name: string, ramGb: number, suggestion: string): VmSize {
  const fix = `set ${key} to a D, E or F size (v3 to v6) with at least ${ramGb} GB of memory, such as "${suggestion}", or remove it`;
  const size = lookupVmSize(name);
  if (size === undefined)
    refuse(key, `${show(name)} is not in the catalogue's VM size table, so its memory cannot be checked`, REQUIREMENTS.sizingMemory, fix);
  if (size.burstable)
    refuse(key, `${size.name} is a burstable B-series size, not for a Tier-0 sync server`, REQUIREMENTS.sizingMemory, fix);
  if (size.memoryGib < ramGb) {
    refuse(
      key,
      `${size.name} has ${size.memoryGib} GB of memory, below the ${ramGb} GB the object count needs`,
      REQUIREMENTS.sizingMemory,
      fix,
    );
  }
  return size;
}

function checkSizing(args: EntraConnectServerArgs, objectCount: number, warnings: string[]): SizingDecision {
  const tier = sizingTierFor(objectCount);
  const suggested = defaultVmSizeFor(tier.ramGb);
  const size = args.vmSize === undefined ? suggested : checkVmSize("vmSize", args.vmSize, tier.ramGb, suggested.name);
  const disk = args.osDiskSizeGb;
  if (disk !== undefined && (!Number.isInteger(disk) || disk < tier.diskGb)) {
    refuse(
      "osDiskSizeGb",
      Number.isInteger(disk)
        ? `${disk} GB is below the ${tier.diskGb} GB OS disk that ${count(objectCount)} objects need`
        : `${show(disk)} is not a whole number of GB`,
      REQUIREMENTS.sizingDisk,
      `set osDiskSizeGb to a whole number of at least ${tier.diskGb}, or remove it for ${premiumDiskSizeFor(tier.diskGb)} GB`,
    );
  }
  const choice = oneOf("database", args.database ?? "auto", ["auto", "localdb", "sql"], REQUIREMENTS.localDbLimit);
  const database = choice === "auto" ? tier.database : choice;
  if (database === "localdb" && tier.database === "sql") {
    refuse(
      "database",
      `"localdb" cannot hold ${count(objectCount)} objects (LocalDB holds fewer than ${count(LOCALDB_MAX_OBJECTS)})`,
      REQUIREMENTS.localDbLimit,
      `set database to "sql" or "auto" (full SQL from ${count(LOCALDB_MAX_OBJECTS)} objects)`,
    );
  }
  if (database === "localdb" && fullSqlRecommended(objectCount)) {
    warnings.push(
      `database: ${count(objectCount)} objects on LocalDB come close to its ${LOCALDB_SIZE_CAP_GB} GB cap; full SQL is recommended from ${count(FULL_SQL_RECOMMENDED_FROM)} objects (set database to "sql").`,
    );
  }
  return {
    tier: tier.tier,
    vmSize: size.name,
    memoryGib: size.memoryGib,
    osDiskSizeGb: disk ?? premiumDiskSizeFor(tier.diskGb),
    database,
    licenceNote: tenantLimitFor(objectCount).note,
  };
}

function checkSql(args: EntraConnectServerArgs, objectCount: number, warnings: string[]): SqlDecision {
  const value = args.sqlVersion ?? RECOMMENDED_SQL_VERSION;
  const fix = `set sqlVersion to ${quoted(SUPPORTED_SQL_VERSIONS)} (${RECOMMENDED_SQL_VERSION} recommended)`;
  const version = Object.values(SQL_MAJOR_VERSIONS).find((v) => v === value);
  if (version === undefined) refuse("sqlVersion", `${show(value)} is not a SQL Server version`, REQUIREMENTS.sqlVersion, fix);
  const verdict = sqlVersionVerdict(version);
  const image = Object.entries(SQL_IMAGES).find(([v]) => v === version)?.[1];
  if (verdict.status === "refused" || image === undefined) refuse("sqlVersion", verdict.reason, REQUIREMENTS.sqlVersion, fix);
  if (verdict.status === "warn")
    warnings.push(
      `sqlVersion ${version} is allowed but not recommended: ${verdict.reason}. Fix: set sqlVersion to "${RECOMMENDED_SQL_VERSION}" (the default). (${cite(REQUIREMENTS.sqlVersion)})`,
    );
  const collation = args.sqlCollation ?? DEFAULT_SQL_COLLATION;
  if (!/^[A-Za-z0-9_]+$/.test(collation) || !isCaseInsensitiveCollation(collation)) {
    refuse(
      "sqlCollation",
      `${show(collation)} is not a case-insensitive (_CI_) collation`,
      REQUIREMENTS.sqlCollation,
      `set sqlCollation to "${DEFAULT_SQL_COLLATION}" or another _CI_ collation`,
    );
  }
  const sizing = sqlServerSizingFor(objectCount);
  const ramGb = sizingTierFor(objectCount).ramGb;
  const size = args.sqlVmSize === undefined ? lookupVmSize(sizing.vmSize) : checkVmSize("sqlVmSize", args.sqlVmSize, ramGb, sizing.vmSize);
  if (size === undefined) throw new Error(`The catalogue's SQL size ${sizing.vmSize} is missing from its VM size table.`);
  const port = args.sqlPort ?? SQL_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    refuse(
      "sqlPort",
      `${show(port)} is not a TCP port`,
      REQUIREMENTS.sqlTransport,
      `set sqlPort to a port from 1 to 65535, or remove it for ${SQL_PORT}`,
    );
  }
  return {
    version,
    image,
    collation,
    vmSize: size.name,
    memoryGib: size.memoryGib,
    dataDiskGb: sizing.dataDiskGb,
    port,
    maxServerMemoryMb: maxServerMemoryMbFor(size.memoryGib),
  };
}

function checkVersion(value: string | undefined): string {
  const version = value ?? LATEST_KNOWN_ENTRA_CONNECT_VERSION;
  const fix = `set entraConnectVersion to ${MINIMUM_ENTRA_CONNECT_VERSION} or later, or remove it for ${LATEST_KNOWN_ENTRA_CONNECT_VERSION}`;
  if (!isVersionString(version))
    refuse("entraConnectVersion", `${show(version)} is not a dotted build number`, REQUIREMENTS.minimumVersion, fix);
  if (!meetsMinimumEntraConnectVersion(version)) {
    refuse("entraConnectVersion", `${version} is below the minimum ${MINIMUM_ENTRA_CONNECT_VERSION}`, REQUIREMENTS.minimumVersion, fix);
  }
  return version.trim();
}

/**
 * DNS servers for the NICs: IP addresses, or "AzureProvidedDNS" alone (azure-native NetworkInterfaceDnsSettings:
 * "'AzureProvidedDNS' value cannot be combined with other IPs, it must be the only value in dnsServers collection").
 */
/** The value that selects Azure-provided DNS instead of listed servers. */
const AZURE_PROVIDED_DNS = "AzureProvidedDNS";

function checkDnsServers(args: EntraConnectServerArgs): string[] {
  const servers = (args.dnsServers ?? []).map((s) => (typeof s === "string" ? s.trim() : s));
  const fix =
    'set dnsServers to the IP addresses of DNS servers that resolve the AD domain (usually the DCs), or to ["AzureProvidedDNS"] alone';
  for (const server of servers) {
    if (typeof server !== "string" || (server !== AZURE_PROVIDED_DNS && isIP(server) === 0))
      refuse("dnsServers", `${show(server)} is not an IP address`, REQUIREMENTS.domainJoined, fix);
  }
  if (servers.includes(AZURE_PROVIDED_DNS) && servers.length > 1)
    refuse("dnsServers", `${AZURE_PROVIDED_DNS} cannot be combined with other addresses`, REQUIREMENTS.domainJoined, fix);
  return servers as string[];
}

/**
 * restrictOutbound: a boolean. Without dnsServers the deny-all lets DNS through only to the DCs (the DC port table) and
 * to Azure DNS, which no NSG filters (https://learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16):
 * a warning, since a virtual network whose DNS servers are other machines would lose name resolution.
 */
function checkRestrictOutbound(args: EntraConnectServerArgs, dnsServers: readonly string[], warnings: string[]): boolean {
  const value: unknown = args.restrictOutbound ?? false;
  if (typeof value !== "boolean")
    refuse("restrictOutbound", `${show(value)} is not true or false`, REQUIREMENTS.entraEndpoints, "set restrictOutbound to true or false");
  if (value && dnsServers.length === 0) {
    warnings.push(
      "restrictOutbound is on without dnsServers: the outbound deny-all lets DNS through only to the domain controllers and to Azure DNS; if the virtual network's DNS servers are other machines, set dnsServers to them.",
    );
  }
  return value;
}

function checkPrefixes(args: EntraConnectServerArgs): { domainControllers: string[]; adminAccessPrefixes: string[] } {
  const dcs = args.domainControllers;
  if (!Array.isArray(dcs) || dcs.length === 0) {
    refuse(
      "domainControllers",
      "no domain controller is given",
      REQUIREMENTS.dcPorts,
      'list the DC addresses or CIDRs, such as ["10.0.1.4", "10.0.1.5"]',
    );
  }
  for (const dc of dcs) {
    if (typeof dc !== "string" || !isAddressOrCidr(dc)) {
      refuse(
        "domainControllers",
        `${show(dc)} is not an IP address or CIDR`,
        REQUIREMENTS.dcPorts,
        'list the DC addresses or CIDRs, such as ["10.0.1.4", "10.0.1.5"]',
      );
    }
  }
  const admin = args.adminAccessPrefixes ?? [];
  const ranges = PRIVATE_ADDRESS_RANGES.map((r) => `${r.cidr} (${r.standard})`).join(", ");
  for (const prefix of admin) {
    const fix = `list only CIDRs of your admin network or Bastion subnet inside the private ranges ${ranges}, such as ["10.0.9.0/26"]`;
    if (typeof prefix !== "string") refuse("adminAccessPrefixes", `${show(prefix)} is not a CIDR`, REQUIREMENTS.noInternetInbound, fix);
    if ((INTERNET_PREFIXES as readonly string[]).includes(prefix.trim().toLowerCase()))
      refuse("adminAccessPrefixes", `${show(prefix)} opens RDP to the internet`, REQUIREMENTS.noInternetInbound, fix);
    const range = addressRangeOf(prefix);
    if (range === undefined)
      refuse("adminAccessPrefixes", `${show(prefix)} is not an IP address or CIDR`, REQUIREMENTS.noInternetInbound, fix);
    if (!isPrivateRange(range)) {
      refuse(
        "adminAccessPrefixes",
        `${show(prefix)} reaches outside the private ranges, so it admits RDP from the internet`,
        REQUIREMENTS.noInternetInbound,
        fix,
      );
    }
  }
  return { domainControllers: dcs.map((d) => d.trim()), adminAccessPrefixes: admin.map((p) => p.trim()) };
}

function checkDomainJoin(args: EntraConnectServerArgs, warnings: string[]): DomainJoinDecision | undefined {
  const { domainJoinDomain: domain, domainJoinAccount: account, domainJoinOuPath: ouPath, domainJoinPassword: password } = args;
  if (domain === undefined) {
    const stray = (["domainJoinAccount", "domainJoinOuPath"] as const).find((k) => args[k] !== undefined);
    if (stray !== undefined)
      refuse(stray, "it is set but domainJoinDomain is not", REQUIREMENTS.domainJoined, "set domainJoinDomain too, or remove " + stray);
    warnings.push("domainJoinDomain is not set: join the server to the domain before running the Entra Connect wizard.");
    return undefined;
  }
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(domain)) {
    refuse(
      "domainJoinDomain",
      `${show(domain)} is not a DNS domain name`,
      REQUIREMENTS.domainJoined,
      'set domainJoinDomain to the AD DNS domain, such as "corp.example.com"',
    );
  }
  if (account === undefined || account.trim() === "") {
    refuse(
      "domainJoinAccount",
      "it is missing",
      REQUIREMENTS.domainJoined,
      "set domainJoinAccount to an account allowed to join computers to " + domain,
    );
  }
  if (password === undefined) {
    refuse(
      "domainJoinPassword",
      "it is missing",
      REQUIREMENTS.domainJoined,
      "set it as a secret: pulumi config set --secret domainJoinPassword",
    );
  }
  return { domain, account: account.trim(), ...(ouPath === undefined ? {} : { ouPath }) };
}

function checkInstaller(args: EntraConnectServerArgs): InstallerSource | undefined {
  const { installerUrl: url, installerSha256: sha256 } = args;
  const fix =
    "upload the MSI downloaded from the Microsoft Entra admin center to a location the server reads over https, and set installerUrl to its URL and installerSha256 to its SHA-256 (Get-FileHash), or remove both";
  if (url === undefined && sha256 === undefined) return undefined;
  if (url === undefined || sha256 === undefined) {
    const [set, missing] = url === undefined ? ["installerSha256", "installerUrl"] : ["installerUrl", "installerSha256"];
    refuse(set, `it is set but ${missing} is not (both are required together)`, REQUIREMENTS.installerVerified, fix);
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url.trim());
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol !== "https:") {
    // Shown without its query (a SAS token) and without user info (a password).
    const shown = (url.split(/[?#]/)[0] ?? "").replace(/\/\/[^/]*@/, "//");
    refuse("installerUrl", `${show(shown)} is not an https URL`, REQUIREMENTS.installerVerified, fix);
  }
  if (parsed.username !== "" || parsed.password !== "") {
    refuse("installerUrl", "it carries a user name or password", REQUIREMENTS.installerVerified, fix);
  }
  if (url.trim().length > INSTALLER_URL_MAX_LENGTH) {
    refuse(
      "installerUrl",
      `it is ${url.trim().length} characters long, above ${INSTALLER_URL_MAX_LENGTH} (the bootstrap's command line must stay below cmd.exe's 8,191)`,
      REQUIREMENTS.installerVerified,
      fix,
    );
  }
  if (/['"\s]/.test(url.trim())) {
    refuse("installerUrl", "it holds a quote or a space (encode it as %27, %22 or %20)", REQUIREMENTS.installerVerified, fix);
  }
  if (!/^[0-9A-Fa-f]{64}$/.test(sha256.trim())) {
    refuse("installerSha256", `${show(sha256)} is not 64 hexadecimal digits`, REQUIREMENTS.installerVerified, fix);
  }
  return { url: url.trim(), sha256: sha256.trim().toUpperCase() };
}

/** A NetBIOS or DNS name, with at most one `*` wildcard (ClientAllowedNTLMServers). */
const NTLM_SERVER_NAME = /^(?=[^*]*\*?[^*]*$)[A-Za-z0-9*]([A-Za-z0-9*-]*[A-Za-z0-9*])?(\.[A-Za-z0-9*]([A-Za-z0-9*-]*[A-Za-z0-9*])?)*$/;

function checkNtlmAllowedServers(args: EntraConnectServerArgs, mode: NtlmMode): string[] {
  const servers = args.ntlmAllowedServers ?? [];
  const key = "ntlmAllowedServers";
  const fix =
    'list the NetBIOS or DNS names of the servers that still need NTLM from this server, such as ["FILESRV01", "app*.corp.example.com"]';
  if (!Array.isArray(servers)) refuse(key, `${show(servers)} is not a list`, REQUIREMENTS.ntlmRestricted, fix);
  if (servers.length > 0 && mode !== "deny") {
    refuse(
      key,
      `it has no effect while ntlmMode is "${mode}" (audit refuses no NTLM)`,
      REQUIREMENTS.ntlmRestricted,
      `set ntlmMode to "deny", or remove ${key}`,
    );
  }
  if (servers.length > NTLM_ALLOWED_SERVERS_MAX) {
    refuse(
      key,
      `it lists ${servers.length} servers, above ${NTLM_ALLOWED_SERVERS_MAX} (the bootstrap's command line must stay below cmd.exe's 8,191 characters)`,
      REQUIREMENTS.ntlmRestricted,
      'list the servers with a * wildcard, such as "app*.corp.example.com"',
    );
  }
  for (const server of servers) {
    if (typeof server !== "string" || server.trim().length > NTLM_SERVER_NAME_MAX_LENGTH || !NTLM_SERVER_NAME.test(server.trim())) {
      refuse(
        key,
        `${show(server)} is not a server name of at most ${NTLM_SERVER_NAME_MAX_LENGTH} characters with one * wildcard at most`,
        REQUIREMENTS.ntlmRestricted,
        fix,
      );
    }
    if (server.trim() === "*") refuse(key, `"*" allows NTLM to every server, which undoes deny`, REQUIREMENTS.ntlmRestricted, fix);
  }
  return servers.map((s) => s.trim());
}

const JOIN_FIX = "set domainJoinDomain, domainJoinAccount and domainJoinPassword (pulumi config set --secret domainJoinPassword)";

/**
 * What does nothing, or cannot work, on servers that are never joined to the domain: full SQL (the wizard reaches a
 * remote SQL Server with Windows authentication, which needs both servers in the domain) and Windows LAPS backing
 * up to Active Directory. The SQL VM also needs its own administrator password.
 */
function checkWhatNeedsTheDomain(
  args: EntraConnectServerArgs,
  database: DatabaseMode,
  laps: LapsBackupDirectory,
  join: DomainJoinDecision | undefined,
): void {
  if (database === "sql" && join === undefined) {
    refuse(
      "database",
      `full SQL on its own VM needs a domain join: Entra Connect reaches a remote SQL Server with Windows authentication (the installing admin and the ADSync service account), which needs both servers in the domain and the SQL VM reached by its FQDN`,
      REQUIREMENTS.domainJoined,
      JOIN_FIX,
    );
  }
  if (laps === "active-directory" && join === undefined) {
    refuse(
      "lapsBackupDirectory",
      `"active-directory" on a server that is never joined to the domain does nothing: Windows LAPS backs up to the computer's own AD object`,
      REQUIREMENTS.windowsLaps,
      `${JOIN_FIX}, or set lapsBackupDirectory to "entra-id" on a server joined to Entra ID`,
    );
  }
  if (database === "sql" && args.sqlAdminPassword === undefined) {
    refuse(
      "sqlAdminPassword",
      "it is missing, and the SQL VM never shares the sync server's administrator password",
      REQUIREMENTS.windowsLaps,
      "set it as a secret: pulumi config set --secret sqlAdminPassword",
    );
  }
}

/**
 * Checks EntraConnectServer args against the catalogue, in the order a reader fixes them, and returns the
 * decisions. Throws EntraConnectConfigError for a refused key; never touches Pulumi inputs that are not plain.
 */
export function validateEntraConnectServerArgs(args: EntraConnectServerArgs): ValidatedServerArgs {
  const warnings: string[] = [];
  const objectCount = checkObjectCount(args.objectCount);
  const { image, windowsVersion } = checkImage(args, warnings);
  const sizing = checkSizing(args, objectCount, warnings);
  const sql = sizing.database === "sql" ? checkSql(args, objectCount, warnings) : undefined;
  const entraConnectVersion = checkVersion(args.entraConnectVersion);
  const prefixes = checkPrefixes(args);
  const dnsServers = checkDnsServers(args);
  const restrictOutbound = checkRestrictOutbound(args, dnsServers, warnings);
  const installer = checkInstaller(args);
  const ntlmMode = oneOf("ntlmMode", args.ntlmMode ?? "audit", NTLM_MODES, REQUIREMENTS.ntlmRestricted);
  const ntlmAllowedServers = checkNtlmAllowedServers(args, ntlmMode);
  const lapsBackupDirectory = oneOf(
    "lapsBackupDirectory",
    args.lapsBackupDirectory ?? "active-directory",
    LAPS_BACKUP_DIRECTORIES,
    REQUIREMENTS.windowsLaps,
  );
  const domainJoin = checkDomainJoin(args, warnings);
  checkWhatNeedsTheDomain(args, sizing.database, lapsBackupDirectory, domainJoin);
  return {
    objectCount,
    image,
    windowsVersion,
    sizing,
    ...(sql === undefined ? {} : { sql }),
    entraConnectVersion,
    ...prefixes,
    dnsServers,
    restrictOutbound,
    ntlmMode,
    ntlmAllowedServers,
    ...(installer === undefined ? {} : { installer }),
    lapsBackupDirectory,
    ...(domainJoin === undefined ? {} : { domainJoin }),
    warnings,
  };
}
