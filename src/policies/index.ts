/**
 * Every Entra Connect policy, in the order the pack lists them. The CrossGuard pack (policy-pack/index.ts) and
 * `entra-gate check` both run exactly this list.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { disallowAzureSqlDatabase } from "./disallow-azure-sql-database";
import { disallowInternetInbound } from "./disallow-internet-inbound";
import { disallowLocalDbAboveLimit } from "./disallow-localdb-above-limit";
import { disallowPublicIp } from "./disallow-public-ip";
import { disallowServerCore } from "./disallow-server-core";
import { disallowSqlServer2019 } from "./disallow-sql-server-2019";
import { disallowTlsInspection } from "./disallow-tls-inspection";
import { disallowUnknownTaggedType } from "./disallow-unknown-tagged-type";
import { disallowWindowsServer2016 } from "./disallow-windows-server-2016";
import { enableEncryptionAtHost } from "./enable-encryption-at-host";
import { enforceDcPortsOutbound } from "./enforce-dc-ports-outbound";
import { enforceMemorySizing } from "./enforce-memory-sizing";
import { enforceMinimumVersion } from "./enforce-minimum-version";
import { enforceOsDiskSizing } from "./enforce-os-disk-sizing";
import { enforceSqlCollation } from "./enforce-sql-collation";
import { enforceSqlMaxMemory } from "./enforce-sql-max-memory";
import { enforceSqlVersion } from "./enforce-sql-version";
import { enforceSupportedWindowsServer } from "./enforce-supported-windows-server";
import { enforceTrustedLaunch } from "./enforce-trusted-launch";

export const POLICIES: readonly ResourceValidationPolicy[] = [
  enforceMinimumVersion,
  enforceSupportedWindowsServer,
  disallowServerCore,
  disallowWindowsServer2016,
  enforceMemorySizing,
  enforceOsDiskSizing,
  disallowLocalDbAboveLimit,
  enforceSqlVersion,
  disallowSqlServer2019,
  enforceSqlCollation,
  disallowAzureSqlDatabase,
  enforceSqlMaxMemory,
  disallowPublicIp,
  disallowInternetInbound,
  enforceTrustedLaunch,
  enableEncryptionAtHost,
  enforceDcPortsOutbound,
  disallowTlsInspection,
  disallowUnknownTaggedType,
];

/** The pack's name, as `pulumi policy publish` registers it. */
export const POLICY_PACK_NAME = "entra-connect-gate";
