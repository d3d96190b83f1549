/**
 * The forest checks: functional level, writable DC, NetBIOS names and Recycle Bin. `readForestFacts` reads what
 * they need over LDAP (rootDSE, the DC's NTDS Settings, the crossRefs and the Partitions container); the
 * `check*` functions judge plain data, so they are tested without a server.
 */
import type { CheckResult } from "../../report/check-result";
import { FOREST_FUNCTIONAL_LEVEL_NAMES, MINIMUM_FOREST_FUNCTIONAL_LEVEL, RECYCLE_BIN_FEATURE_RDN, REQUIREMENTS } from "../../requirements";
import { CheckFailedError } from "../../support/errors";
import { requirementCheck } from "../requirement-check";
import { describeLdapFailure, type AdSession } from "./ldap-session";

/** What the forest checks read from the directory. */
export interface ForestFacts {
  /** rootDSE forestFunctionality, undefined when absent. */
  readonly forestFunctionality?: number;
  /** rootDSE dsServiceName: the DN of the DC's NTDS Settings object. */
  readonly dsServiceName: string;
  /**
   * Whether the DC is read-only, and the evidence: the rootDSE's supportedCapabilities RODC marker, the
   * nTDSDSARO class of its NTDS Settings object, or msDS-isRODC. Undefined when none of them was readable.
   */
  readonly isRodc?: boolean;
  readonly rodcEvidence?: string;
  /** nCName of every domain crossRef (the forest's domains). */
  readonly domainNamingContexts: readonly string[];
  /** Every domain crossRef: its DN and nETBIOSName. */
  readonly netbiosNames: readonly { readonly dn: string; readonly nETBIOSName: string }[];
  /** msDS-EnabledFeature of CN=Partitions: DNs of enabled optional features. */
  readonly enabledFeatures: readonly string[];
  readonly defaultNamingContext: string;
  readonly rootDomainNamingContext: string;
  readonly configurationNamingContext: string;
  readonly schemaNamingContext: string;
}

function levelName(level: number): string {
  return FOREST_FUNCTIONAL_LEVEL_NAMES[level] ?? `level ${level}`;
}

/** forest-functional-level: rootDSE forestFunctionality >= 2 (Windows Server 2003). */
export function checkForestFunctionalLevel(level: number | undefined): CheckResult {
  const req = REQUIREMENTS.forestFunctionalLevel;
  if (level === undefined) {
    return requirementCheck(
      "forest-functional-level",
      req,
      "fail",
      "The rootDSE does not report forestFunctionality: cannot confirm the forest functional level. Connect to a domain controller of the forest.",
    );
  }
  if (level < MINIMUM_FOREST_FUNCTIONAL_LEVEL) {
    return requirementCheck(
      "forest-functional-level",
      req,
      "fail",
      `Forest functional level is ${levelName(level)} (${level}); Entra Connect needs ${levelName(MINIMUM_FOREST_FUNCTIONAL_LEVEL)} (${MINIMUM_FOREST_FUNCTIONAL_LEVEL}) or later. Raise the forest functional level (Active Directory Domains and Trusts, or Set-ADForestMode).`,
    );
  }
  return requirementCheck("forest-functional-level", req, "pass", `Forest functional level is ${levelName(level)} (${level}).`);
}

/**
 * LDAP_CAP_ACTIVE_DIRECTORY_PARTIAL_SECRETS_OID: an RODC lists it in the rootDSE's supportedCapabilities
 * (MS-ADTS 3.1.1.3.4.3.6), readable on any port; msDS-isRODC is constructed and not in the GC.
 */
export const RODC_CAPABILITY_OID = "1.2.840.113556.1.4.1920";
/** The object class of an RODC's NTDS Settings object (MS-ADTS 6.1.1.2.2.1.2.1.1). */
export const RODC_NTDS_SETTINGS_CLASS = "nTDSDSARO";

/** writable-dc: the DC is not read-only (supportedCapabilities, nTDSDSARO, msDS-isRODC). */
export function checkWritableDc(dsServiceName: string, isRodc: boolean | undefined, evidence = "msDS-isRODC TRUE"): CheckResult {
  const req = REQUIREMENTS.writableDc;
  const dc = dsServiceName.replace(/^CN=NTDS Settings,/i, "");
  if (isRodc === undefined) {
    return requirementCheck(
      "writable-dc",
      req,
      "warn",
      `${dc} did not report msDS-isRODC on its NTDS Settings object: confirm it is a writable DC, or point --url at one.`,
    );
  }
  if (isRodc) {
    return requirementCheck(
      "writable-dc",
      req,
      "fail",
      `${dc} is a read-only domain controller (${evidence}). Point Entra Connect and --url at a writable DC.`,
    );
  }
  return requirementCheck("writable-dc", req, "pass", `${dc} is a writable domain controller.`);
}

/** netbios-name: every domain's crossRef nETBIOSName is without a dot. */
export function checkNetbiosNames(crossRefs: ForestFacts["netbiosNames"]): CheckResult {
  const req = REQUIREMENTS.netbiosName;
  if (crossRefs.length === 0) {
    return requirementCheck(
      "netbios-name",
      req,
      "warn",
      "No crossRef with a nETBIOSName was readable under CN=Partitions: cannot confirm the NetBIOS domain names.",
    );
  }
  const dotted = crossRefs.filter((c) => c.nETBIOSName.includes("."));
  if (dotted.length > 0) {
    const list = dotted.map((c) => `"${c.nETBIOSName}" (${c.dn})`).join(", ");
    return requirementCheck(
      "netbios-name",
      req,
      "fail",
      `NetBIOS domain name with a dot: ${list}. Entra Connect does not support it; such a domain must be renamed (rendom) or left out of sync.`,
    );
  }
  return requirementCheck(
    "netbios-name",
    req,
    "pass",
    `NetBIOS domain names without a dot: ${crossRefs.map((c) => c.nETBIOSName).join(", ")}.`,
  );
}

/** recycle-bin: the Recycle Bin Feature is among CN=Partitions' msDS-EnabledFeature (warn when not). */
export function checkRecycleBin(enabledFeatures: readonly string[]): CheckResult {
  const req = REQUIREMENTS.recycleBin;
  const on = enabledFeatures.some((dn) => dn.toUpperCase().startsWith(`${RECYCLE_BIN_FEATURE_RDN.toUpperCase()},`));
  if (!on) {
    return requirementCheck(
      "recycle-bin",
      req,
      "warn",
      "AD Recycle Bin is not enabled: an object deleted by mistake cannot be restored with its attributes, and its cloud twin is deleted at the next sync. Enable it (it needs forest functional level Windows Server 2008 R2 or later): Enable-ADOptionalFeature 'Recycle Bin Feature' -Scope ForestOrConfigurationSet -Target <forest>.",
    );
  }
  return requirementCheck("recycle-bin", req, "pass", "AD Recycle Bin is enabled.");
}

function first(entry: Record<string, unknown> | undefined, attribute: string): string | undefined {
  const v = entry?.[attribute];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : String(one);
}

function all(entry: Record<string, unknown> | undefined, attribute: string): string[] {
  const v = entry?.[attribute];
  return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String);
}

/**
 * Reads the rootDSE (on `session`, any port) and the configuration objects the forest checks judge (on
 * `configSession`, a domain port: nETBIOSName, msDS-isRODC and msDS-EnabledFeature are not in the GC's partial
 * attribute set). A server that is not AD fails here.
 */
export async function readForestFacts(session: AdSession, configSession: AdSession = session): Promise<ForestFacts> {
  const read = async (on: AdSession, doing: string, base: string, scope: "base" | "one", filter: string, attributes: string[]) => {
    try {
      return (await on.client.search(base, { scope, filter, attributes })).searchEntries;
    } catch (e) {
      throw describeLdapFailure(e, on.endpoint, doing);
    }
  };
  const { endpoint } = session;
  const rootDse = (
    await read(session, "read the rootDSE", "", "base", "(objectClass=*)", [
      "forestFunctionality",
      "dsServiceName",
      "defaultNamingContext",
      "rootDomainNamingContext",
      "configurationNamingContext",
      "schemaNamingContext",
      "supportedCapabilities",
    ])
  )[0];
  const dsServiceName = first(rootDse, "dsServiceName");
  const configurationNamingContext = first(rootDse, "configurationNamingContext");
  const level = first(rootDse, "forestFunctionality");
  if (!dsServiceName || !configurationNamingContext || level === undefined) {
    throw new CheckFailedError(
      `${endpoint.url} is not an Active Directory domain controller: its rootDSE has no ${!dsServiceName ? "dsServiceName" : !configurationNamingContext ? "configurationNamingContext" : "forestFunctionality"}. Point --url at a DC or Global Catalog of the forest.`,
    );
  }
  if (!/^\d+$/.test(level.trim())) {
    throw new CheckFailedError(
      `${endpoint.url} is not an Active Directory domain controller: its rootDSE's forestFunctionality "${level}" is not a whole number. Point --url at a DC or Global Catalog of the forest.`,
    );
  }
  const ntds = (
    await read(configSession, "read the DC's NTDS Settings", dsServiceName, "base", "(objectClass=*)", ["msDS-isRODC", "objectClass"])
  )[0];
  const rodc = rodcOf(all(rootDse, "supportedCapabilities"), all(ntds, "objectClass"), first(ntds, "msDS-isRODC"));
  const partitions = `CN=Partitions,${configurationNamingContext}`;
  const crossRefs = await read(configSession, "read the crossRefs", partitions, "one", "(&(objectClass=crossRef)(nETBIOSName=*))", [
    "nETBIOSName",
    "nCName",
  ]);
  const partitionsEntry = (
    await read(configSession, "read CN=Partitions", partitions, "base", "(objectClass=*)", ["msDS-EnabledFeature"])
  )[0];
  return {
    forestFunctionality: Number(level),
    dsServiceName,
    ...rodc,
    netbiosNames: crossRefs.map((c) => ({ dn: c.dn, nETBIOSName: first(c, "nETBIOSName") ?? "" })),
    domainNamingContexts: crossRefs.map((c) => first(c, "nCName") ?? "").filter((nc) => nc !== ""),
    enabledFeatures: all(partitionsEntry, "msDS-EnabledFeature"),
    defaultNamingContext: first(rootDse, "defaultNamingContext") ?? "",
    rootDomainNamingContext: first(rootDse, "rootDomainNamingContext") ?? "",
    configurationNamingContext,
    schemaNamingContext: first(rootDse, "schemaNamingContext") ?? `CN=Schema,${configurationNamingContext}`,
  };
}

/** Whether the DC is read-only, from the first evidence found (the RODC capability, nTDSDSARO, msDS-isRODC). */
function rodcOf(
  capabilities: readonly string[],
  ntdsClasses: readonly string[],
  isRodc: string | undefined,
): Pick<ForestFacts, "isRodc" | "rodcEvidence"> {
  if (capabilities.includes(RODC_CAPABILITY_OID))
    return { isRodc: true, rodcEvidence: `rootDSE supportedCapabilities lists ${RODC_CAPABILITY_OID}` };
  if (ntdsClasses.some((c) => c.toLowerCase() === RODC_NTDS_SETTINGS_CLASS.toLowerCase()))
    return { isRodc: true, rodcEvidence: `its NTDS Settings object is of class ${RODC_NTDS_SETTINGS_CLASS}` };
  if (isRodc === undefined) return {};
  return isRodc.toUpperCase() === "TRUE" ? { isRodc: true, rodcEvidence: "msDS-isRODC TRUE" } : { isRodc: false };
}

/** The four forest checks, in report order. */
export function forestChecks(facts: ForestFacts): CheckResult[] {
  return [
    checkForestFunctionalLevel(facts.forestFunctionality),
    checkWritableDc(facts.dsServiceName, facts.isRodc, facts.rodcEvidence),
    checkNetbiosNames(facts.netbiosNames),
    checkRecycleBin(facts.enabledFeatures),
  ];
}
