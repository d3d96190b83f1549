/**
 * Gate adapter for the AD preflight: section `ad:` of gate.yaml. The password comes from passwordEnv or
 * passwordFile; the tenant's verified domains (from the cloud source, or listed here) enable the
 * unverifieddomain rule; the forest's object count becomes the gate's, and is checked against the tenant object
 * limit when the cloud source ran without it.
 */
import { parseAdUrl } from "../../preflight/ad/ldap-session";
import { runAdPreflight, type AdPreflightOptions } from "../../preflight/ad/run";
import { checkObjectLimit } from "../../preflight/cloud";
import type { DirectoryFinding } from "../../report/gate-report";
import type { GateSource } from "../source";
import { NON_EMPTY_STRING } from "./schema-parts";
import { PASSWORD_REFERENCE, readPasswordReference, type PasswordReference } from "./password-reference";
import { readableSectionFile } from "./section-files";

/** The `ad:` section: the preflight's options, with the password as a reference. */
export interface AdSection extends Omit<AdPreflightOptions, "password" | "onProgress">, PasswordReference {}

export const adSource: GateSource = {
  name: "ad",
  section: "ad",
  evidence: "observed",
  categories: ["active-directory"],
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["url", "bindDn"],
    oneOf: PASSWORD_REFERENCE.oneOf,
    properties: {
      ...PASSWORD_REFERENCE.properties,
      url: { type: "string", pattern: "^ldaps?://", description: "ldaps://dc01.corp.example.com (Global Catalog by default)" },
      bindDn: { ...NON_EMPTY_STRING, description: "bind DN or user@domain" },
      caFile: NON_EMPTY_STRING,
      allowInsecureBind: { type: "boolean" },
      connectTimeoutMs: { type: "integer", minimum: 1 },
      timeoutMs: { type: "integer", minimum: 1 },
      baseDn: { type: "string" },
      verifiedDomains: { type: "array", items: NON_EMPTY_STRING, description: "default: the cloud source's verified domains" },
      pageSize: { type: "integer", minimum: 1 },
    },
  },
  async prepare(section, configDir) {
    const { passwordEnv, passwordFile, ...s } = section as AdSection;
    parseAdUrl(s.url);
    const caFile = s.caFile ? readableSectionFile(s.caFile, "ad.caFile", configDir) : undefined;
    const password = await readPasswordReference({ passwordEnv, passwordFile }, configDir, "AD bind password", "ad");
    return async ({ facts }) => {
      const verifiedDomains = s.verifiedDomains ?? facts.verifiedDomains;
      const report = await runAdPreflight({
        ...s,
        password,
        ...(caFile === undefined ? {} : { caFile }),
        ...(verifiedDomains ? { verifiedDomains } : {}),
      });
      const directoryFindings: DirectoryFinding[] = report.findings.map((f) => ({
        distinguishedName: f.dn,
        objectClass: f.objectClass,
        attribute: f.attribute,
        value: f.value,
        kinds: f.errors,
        ...(f.suggestion === null ? {} : { fix: f.suggestion }),
      }));
      // The cloud source ran before the forest was counted (or with another count): check the limit with this one.
      // Sizing counts every object in AD; the tenant limit counts what the default sync rules would sync.
      const tenant = facts.tenantLimit;
      const total = report.counts.total;
      const syncing = report.counts.wouldSync.total;
      const limit = tenant && tenant.checkedObjectCount !== syncing ? [checkObjectLimit({ objectCount: syncing, ...tenant })] : [];
      return { checks: [...report.checks, ...limit], facts: { objectCount: total, objectCountSource: "ad" }, directoryFindings };
    };
  },
};
