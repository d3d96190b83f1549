/** directory-data: the verdict over the findings of the data rules. */
import type { CheckResult } from "../../report/check-result";
import { REQUIREMENTS, TOLERATED_DIRECTORY_ERROR_KINDS } from "../../requirements";
import { requirementCheck } from "../requirement-check";
import { outOfScopeList } from "./object-count";
import type { DirectoryDataSummary, DirectoryFinding, DomainPortScan } from "./report";

/** The address attributes whose unroutable or unverified domain Entra tolerates (the value is not usable in the tenant). */
const ADDRESS_ATTRIBUTES: ReadonlySet<string> = new Set(["mail", "proxyAddresses", "targetAddress"]);

/**
 * What the tolerated findings cost and how to fix them, by the attributes they are on: a UPN falls back to an
 * onmicrosoft.com sign-in name, an address in an unroutable or unverified domain is not usable in the tenant, a
 * blank displayName is to be set.
 */
function toleratedAdvice(findings: readonly DirectoryFinding[]): string {
  const count = (test: (f: DirectoryFinding) => boolean): number => findings.filter(test).length;
  const upn = count((f) => f.attribute === "userPrincipalName");
  const addresses = count((f) => ADDRESS_ATTRIBUTES.has(f.attribute));
  const displayNames = count((f) => f.attribute === "displayName");
  const nicknames = count((f) => UNENFORCED_UNIQUE.has(f.attribute) && f.errors.some((e) => DUPLICATE_KINDS.has(e)));
  const parts = [
    upn > 0
      ? `${upn} userPrincipalName: those users sign in with an onmicrosoft.com name; fix the UPN suffixes or add the domains to the tenant`
      : "",
    addresses > 0
      ? `${addresses} mail, proxyAddresses or targetAddress: an address in an unroutable or unverified domain is not usable in the tenant; fix the addresses or add the domains to the tenant`
      : "",
    displayNames > 0 ? `${displayNames} displayName: set a display name (the proposed fix is the cn)` : "",
    nicknames > 0
      ? `${nicknames} duplicate mailNickname or targetAddress: Entra does not enforce their uniqueness and syncs them, but Exchange Online may route or resolve them ambiguously; make them unique`
      : "",
  ];
  return parts.filter((p) => p !== "").join("; ");
}

/** What the domain-port scan of non-GC attributes covered, and whether some domains stayed unchecked. */
function domainScanNote(scan: DomainPortScan | undefined): { note: string; incomplete: boolean } {
  if (!scan || scan.attributes.length === 0) return { note: "", incomplete: false };
  const attrs = scan.attributes.join(", ");
  const scanned = scan.scannedDomains.length
    ? ` ${attrs} (not in the Global Catalog's partial attribute set) scanned on the domain port ${scan.url} in: ${scan.scannedDomains.join("; ")}.`
    : "";
  if (scan.notScannedDomains.length === 0) return { note: scanned, incomplete: false };
  return {
    note:
      `${scanned} Could not check ${attrs} in: ${scan.notScannedDomains.join("; ")} (not in the Global Catalog, and this DC holds no writable copy of those domains), so the data is not known to be ready.` +
      ` Run again with --url ldaps://<a DC of that domain>:636 and --base-dn <that domain> for each.`,
    incomplete: true,
  };
}

const DUPLICATE_KINDS: ReadonlySet<string> = new Set(["duplicate", "conflict"]);
/** Duplicates Entra does not enforce: the object syncs with the value (a warning). */
const UNENFORCED_UNIQUE: ReadonlySet<string> = new Set(["mailNickname", "targetAddress"]);
/** Duplicates of these are dropped from the object by duplicate attribute resiliency. */
const DROPPED_ADDRESS_ATTRIBUTES: ReadonlySet<string> = new Set(["mail", "proxyAddresses"]);

/**
 * How Entra handles each blocking finding, after duplicate attribute resiliency (on for every tenant, cannot
 * be disabled; learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-syncservice-duplicate-attribute-resiliency):
 * a duplicate UPN is quarantined (the user gets <prefix>+NNNN@<tenant>.onmicrosoft.com and cannot sign in with
 * its UPN); a duplicate proxy address or mail is dropped from the object; every other kind stops the object.
 */
function blockingAdvice(blocking: readonly DirectoryFinding[]): string {
  let stops = 0;
  let upn = 0;
  let dropped = 0;
  for (const f of blocking) {
    const onlyDuplicate = f.errors.every((e) => DUPLICATE_KINDS.has(e) || TOLERATED_DIRECTORY_ERROR_KINDS.includes(e));
    if (onlyDuplicate && f.attribute === "userPrincipalName") upn++;
    else if (onlyDuplicate && DROPPED_ADDRESS_ATTRIBUTES.has(f.attribute)) dropped++;
    else stops++;
  }
  const parts = [
    stops > 0 ? `${stops} of them stop their objects from syncing` : "",
    upn > 0
      ? `${upn} duplicate userPrincipalName: Entra quarantines the duplicate UPN and gives the user <prefix>+NNNN@<tenant>.onmicrosoft.com, so the user cannot sign in with its UPN`
      : "",
    dropped > 0
      ? `${dropped} duplicate mail or proxy addresses: Entra drops the duplicate address from the object, so mail to it does not reach that object`
      : "",
  ];
  return parts.filter((p) => p !== "").join("; ");
}

/** True for a finding Entra does not hold against the object: tolerated kinds, and mailNickname/targetAddress duplicates. */
function isBlocking(f: DirectoryFinding): boolean {
  const unenforced = UNENFORCED_UNIQUE.has(f.attribute);
  return f.errors.some((e) => !TOLERATED_DIRECTORY_ERROR_KINDS.includes(e) && !(unenforced && DUPLICATE_KINDS.has(e)));
}

/**
 * Fails when a finding has a kind that stops the object from syncing, or when attributes could not be checked in
 * some domain (could not check is never ready); warns when the findings only have kinds Entra tolerates
 * (onmicrosoft.com fallback).
 */
export function checkDirectoryData(
  findings: readonly DirectoryFinding[],
  summary: DirectoryDataSummary,
  domainPortScan?: DomainPortScan,
): CheckResult {
  const req = REQUIREMENTS.directoryData;
  const blocking = findings.filter(isBlocking);
  const kinds = Object.entries(summary.findingsByKind)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const reasons = outOfScopeList(summary.skippedBy);
  const scanned = `${summary.objectsScanned} users, contacts and groups read (${summary.skipped} skipped${reasons ? `, out of the default sync scope: ${reasons}` : ""})`;
  const { note, incomplete } = domainScanNote(domainPortScan);
  const status = blocking.length > 0 || incomplete ? "fail" : findings.length > 0 ? "warn" : "pass";
  const message =
    findings.length === 0
      ? `${scanned}: no findings.${note}`
      : `${scanned}: ${summary.findings} findings on ${summary.objectsWithFindings} objects (${kinds})` +
        (blocking.length > 0
          ? `; ${blockingAdvice(blocking)}. Fix them in AD before the first sync (the findings list each value and a proposed fix; --out-ldif writes the fixes for review).`
          : `; none stops its object from syncing (${toleratedAdvice(findings)}).`) +
        note;
  return requirementCheck("directory-data", req, status, message);
}
