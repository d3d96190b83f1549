/**
 * `runAdPreflight`: bind, read the forest facts, stream the paged scan through the data rules, and return the
 * report. Any fault (bind, TLS, unreachable, not AD, missing base, limits, connection lost) throws a
 * CheckFailedError: a partial scan never becomes a report.
 */
import { exitCodeForChecks, summariseChecks } from "../../report/check-result";
import { CHECKED_ATTRIBUTES, LDAP_PAGE_SIZE, type CheckedAttribute } from "../../requirements";
import { DirectoryDataRules } from "./data-rules";
import { checkDirectoryData } from "./directory-data-check";
import { forestChecks, readForestFacts } from "./forest-checks";
import { domainPortUrl, openAdSession, type AdConnectionOptions } from "./ldap-session";
import { checkObjectCount, sizingFor } from "./object-count";
import { pagedScan } from "./paged-scan";
import type { AdPreflightReport } from "./report";
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
}

/** The LDAP filter of the scan: users (and inetOrgPersons, computers), contacts and groups. */
export const SCAN_FILTER = "(|(objectClass=user)(objectClass=contact)(objectClass=group))";

/** Runs every AD check and returns the report (see docs/preflight-ad.md for its shape). */
export async function runAdPreflight(options: AdPreflightOptions): Promise<AdPreflightReport> {
  const session = await openAdSession(options);
  try {
    const facts = await readForestFacts(session);
    const coverage = await readSchemaCoverage(session, facts.schemaNamingContext);
    const unchecked: CheckedAttribute[] = [...coverage.notInSchema, ...coverage.notInGlobalCatalog];
    const baseDn = options.baseDn ?? (session.endpoint.globalCatalog ? "" : facts.defaultNamingContext);
    const rules = new DirectoryDataRules({ verifiedDomains: options.verifiedDomains ?? [], uncheckedAttributes: unchecked });
    let seen = 0;
    const pageSize = options.pageSize ?? LDAP_PAGE_SIZE;
    for await (const entry of pagedScan(session, {
      baseDn,
      filter: SCAN_FILTER,
      attributes: CHECKED_ATTRIBUTES.filter((a) => !unchecked.includes(a)),
      pageSize,
    })) {
      rules.add(entry);
      if (++seen % pageSize === 0) options.onProgress?.(seen);
    }
    options.onProgress?.(seen);
    session.assertConnected("finish the scan");
    const data = rules.finish();
    const checks = [
      ...forestChecks(facts),
      checkObjectCount(data.counts),
      checkDirectoryData(data.findings, data.summary, coverage.notInGlobalCatalog, domainPortUrl(session.endpoint)),
    ];
    return {
      checks,
      counts: data.counts,
      sizing: sizingFor(data.counts),
      findings: data.findings,
      summary: {
        ...data.summary,
        url: session.endpoint.url,
        baseDn,
        globalCatalog: session.endpoint.globalCatalog,
        checks: summariseChecks(checks),
        ready: exitCodeForChecks(checks) === 0,
      },
    };
  } finally {
    await session.close();
  }
}
