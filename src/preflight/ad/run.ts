/**
 * `runAdPreflight`: bind, read the forest facts, stream the paged scan through the data rules, and return the
 * report. Any fault (bind, TLS, unreachable, not AD, missing base, limits, connection lost) throws a
 * CheckFailedError: a partial scan never becomes a report.
 */
import { exitCodeForChecks, summariseChecks } from "../../report/check-result";
import { CHECKED_ATTRIBUTES, LDAP_PAGE_SIZE } from "../../requirements";
import { DirectoryDataRules } from "./data-rules";
import { checkDirectoryData } from "./directory-data-check";
import { forestChecks, readForestFacts } from "./forest-checks";
import { domainPortUrl, openAdSession, type AdConnectionOptions, type AdSession } from "./ldap-session";
import { checkObjectCount, sizingFor } from "./object-count";
import { pagedScan } from "./paged-scan";
import type { AdPreflightReport, DomainPortScan } from "./report";
import { readSchemaCoverage } from "./schema-coverage";

export interface AdPreflightOptions extends AdConnectionOptions {
  /** Search base; default: the whole forest through the GC (""), or the DC's domain on 389/636. */
  readonly baseDn?: string;
  /** The tenant's verified domains: enables the `unverifieddomain` rule. */
  readonly verifiedDomains?: readonly string[];
  /** Entries per page (default 1,000). */
  readonly pageSize?: number;
  /** Called after each page with the number of objects read so far. */
  readonly onProgress?: (objects: number) => void;
  /**
   * The same DC's domain port, for what a Global Catalog does not return (the schema's
   * isMemberOfPartialAttributeSet, nETBIOSName, msDS-EnabledFeature, attributes outside the partial attribute
   * set). Default: ldaps://host:636 after ldaps://, ldap://host:389 (StartTLS) after ldap://.
   */
  readonly domainUrl?: string;
}

/** `dn` is `base` or below it (case-insensitive; "" is the root of everything). */
function isUnder(dn: string, base: string): boolean {
  if (base === "") return true;
  const d = dn.length - base.length;
  return d >= 0 && dn.slice(d).toLowerCase() === base.toLowerCase() && (d === 0 || dn[d - 1] === ",");
}

/**
 * Where the domain port scan runs: the part of the base inside the DC's own domain, or undefined when the base
 * lies in another domain.
 */
function domainScanBase(baseDn: string, ownDomain: string): string | undefined {
  if (isUnder(ownDomain, baseDn)) return ownDomain;
  return isUnder(baseDn, ownDomain) ? baseDn : undefined;
}

/** A test built once: the entry is in `base` but not in one of `excluded` (child domains, configuration). */
function subtreeTest(base: string, excluded: readonly string[]): (dn: string) => boolean {
  const escape = (dn: string): string => dn.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const inBase = new RegExp(`(?:^|,)${escape(base)}$`, "i");
  const out = excluded.length ? new RegExp(`(?:^|,)(?:${excluded.map(escape).join("|")})$`, "i") : undefined;
  return (dn) => inBase.test(dn) && !(out?.test(dn) ?? false);
}

/** The LDAP filter of the scan: users (and inetOrgPersons, computers), contacts and groups. */
export const SCAN_FILTER = "(|(objectClass=user)(objectClass=contact)(objectClass=group))";

/** Runs every AD check and returns the report (see docs/preflight-ad.md for its shape). */
export async function runAdPreflight(options: AdPreflightOptions): Promise<AdPreflightReport> {
  const session = await openAdSession(options);
  let domain: AdSession = session;
  try {
    // A GC answers only with its partial attribute set, also for schema and configuration objects (MS-ADTS
    // 3.1.1.3.1.1.1): those are read over a second bind to the same DC's domain port.
    if (session.endpoint.globalCatalog)
      domain = await openAdSession({ ...options, url: options.domainUrl ?? domainPortUrl(session.endpoint) });
    const facts = await readForestFacts(session, domain);
    const coverage = await readSchemaCoverage(domain, facts.schemaNamingContext, session.endpoint.globalCatalog);
    const notInGc = coverage.notInGlobalCatalog;
    const baseDn = options.baseDn ?? (session.endpoint.globalCatalog ? "" : facts.defaultNamingContext);
    const rules = new DirectoryDataRules({ verifiedDomains: options.verifiedDomains ?? [], uncheckedAttributes: coverage.notInSchema });
    const attributes = CHECKED_ATTRIBUTES.filter((a) => !coverage.notInSchema.includes(a));
    const pageSize = options.pageSize ?? LDAP_PAGE_SIZE;
    let seen = 0;
    const scan = async (on: AdSession, base: string, inScope: ((dn: string) => boolean) | undefined, names: readonly string[]) => {
      for await (const entry of pagedScan(on, { baseDn: base, filter: SCAN_FILTER, attributes: names, pageSize })) {
        if (inScope !== undefined && !inScope(entry.dn)) continue;
        rules.add(entry);
        if (++seen % pageSize === 0) options.onProgress?.(seen);
      }
      on.assertConnected("finish the scan");
    };
    let domainPortScan: DomainPortScan | undefined;
    const ownDomain = facts.defaultNamingContext;
    const portBase = notInGc.length > 0 ? domainScanBase(baseDn, ownDomain) : undefined;
    if (portBase === undefined) {
      await scan(session, baseDn, undefined, attributes);
    } else {
      // The DC's own domain (within the base) is read whole on the domain port; the rest of the base through the GC.
      const others = [...facts.domainNamingContexts, facts.configurationNamingContext].filter(
        (nc) => nc.toLowerCase() !== ownDomain.toLowerCase() && isUnder(nc, portBase),
      );
      const onPort = subtreeTest(portBase, others);
      const gcCoversMore = portBase.toLowerCase() !== baseDn.toLowerCase() || others.length > 0;
      if (gcCoversMore) await scan(session, baseDn, (dn) => !onPort(dn), attributes);
      await scan(domain, portBase, others.length ? onPort : undefined, attributes);
    }
    if (notInGc.length > 0) {
      const inScope = facts.domainNamingContexts.filter((nc) => isUnder(nc, baseDn) || isUnder(baseDn, nc));
      const scanned = portBase === undefined ? [] : [portBase];
      domainPortScan = {
        attributes: notInGc,
        url: domain.endpoint.url,
        scannedDomains: scanned,
        notScannedDomains: inScope.filter((nc) => portBase === undefined || nc.toLowerCase() !== ownDomain.toLowerCase()),
      };
    }
    options.onProgress?.(seen);
    const data = rules.finish();
    const checks = [...forestChecks(facts), checkObjectCount(data.counts), checkDirectoryData(data.findings, data.summary, domainPortScan)];
    const unchecked = domainPortScan?.notScannedDomains.length
      ? CHECKED_ATTRIBUTES.filter((a) => data.summary.uncheckedAttributes.includes(a) || notInGc.includes(a))
      : data.summary.uncheckedAttributes;
    return {
      checks,
      counts: data.counts,
      sizing: sizingFor(data.counts),
      findings: data.findings,
      summary: {
        ...data.summary,
        uncheckedAttributes: unchecked,
        url: session.endpoint.url,
        baseDn,
        globalCatalog: session.endpoint.globalCatalog,
        ...(domainPortScan ? { domainPortScan } : {}),
        checks: summariseChecks(checks),
        ready: exitCodeForChecks(checks) === 0,
      },
    };
  } finally {
    if (domain !== session) await domain.close();
    await session.close();
  }
}
