/** The verdict of a generated plan: which policies, at which level, fire on which logical part of the stack. */
import { evaluatePlan } from "../../src/check/check";
import { resolvePackConfig } from "../../src/check/policy-config";
import { parsePlanText, type InputFormat } from "../../src/check/readers/plan-file";
import type { Violation } from "../../src/check/runner";
import { POLICIES } from "../../src/policies";
import { COMPLIANT, type Generated, type ServerModel } from "./terraform-arm-model";

/** Runs the whole pack (default levels, plus `config`) on a generated document read by the real readers. */
export async function violationsOf(g: Generated, format: InputFormat, config: Record<string, unknown> = {}): Promise<Violation[]> {
  const resources = parsePlanText(JSON.stringify(g.doc), `plan.${format}.json`, format);
  return evaluatePlan(resources, `plan.${format}.json`, resolvePackConfig(config, POLICIES, "config.json"));
}

/** "part policy level" lines, sorted and de-duplicated: what a reviewer compares across formats. */
export async function verdictOf(g: Generated, format: InputFormat, config: Record<string, unknown> = {}): Promise<string[]> {
  const violations = await violationsOf(g, format, config);
  const lines = violations.map((v) => `${g.parts.get(v.urn) ?? `unmapped ${v.urn}`} ${v.policy} ${v.enforcementLevel}`);
  return [...new Set(lines)].sort();
}

/** One mutation per rule of each policy: [label, change, the verdict lines it must produce]. */
export const MUTATIONS: readonly [string, Partial<ServerModel>, readonly string[]][] = [
  ["compliant", {}, []],
  ["build below the minimum", { version: "2.4.129.0" }, ["vm entra-connect-enforce-minimum-version mandatory"]],
  ["Server 2025", { sku: "2025-datacenter-azure-edition" }, ["vm entra-connect-enforce-supported-windows-server mandatory"]],
  ["Server Core", { sku: "2022-datacenter-core-g2" }, ["vm entra-connect-disallow-server-core mandatory"]],
  ["Server 2016", { sku: "2016-datacenter-gensecond" }, ["vm entra-connect-disallow-windows-server-2016 advisory"]],
  ["memory below the tier", { objectCount: 60_000 }, ["vm entra-connect-enforce-memory-sizing mandatory"]],
  ["OS disk below the tier", { osDiskGb: 64 }, ["vm entra-connect-enforce-os-disk-sizing mandatory"]],
  ["OS disk not set", { osDiskGb: undefined }, ["vm entra-connect-enforce-os-disk-sizing mandatory"]],
  ["OS disk unknown at plan", { osDiskGb: "unknown" }, ["vm entra-connect-enforce-os-disk-sizing mandatory"]],
  [
    "LocalDB above 100,000 objects",
    { objectCount: 150_000, vmSize: "Standard_D8s_v5", osDiskGb: 512 },
    ["vm entra-connect-disallow-localdb-above-limit mandatory"],
  ],
  ["SQL Server 2017", { sql: { ...COMPLIANT.sql!, offer: "sql2017-ws2019" } }, ["sqlhost entra-connect-enforce-sql-version mandatory"]],
  ["SQL Server 2019", { sql: { ...COMPLIANT.sql!, offer: "sql2019-ws2022" } }, ["sqlhost entra-connect-disallow-sql-server-2019 advisory"]],
  [
    "case-sensitive collation",
    { sql: { ...COMPLIANT.sql!, collation: "Latin1_General_CS_AS" } },
    ["sqlvm entra-connect-enforce-sql-collation mandatory"],
  ],
  ["Azure SQL database", { azureSqlDatabase: true }, ["db entra-connect-disallow-azure-sql-database mandatory"]],
  [
    "shared SQL without max memory",
    { sql: { ...COMPLIANT.sql!, shared: true, maxServerMemoryMb: undefined } },
    ["sqlvm entra-connect-enforce-sql-max-memory mandatory"],
  ],
  ["public IP on the NIC", { publicIp: true }, ["nic entra-connect-disallow-public-ip mandatory"]],
  ["RDP from the internet (inline)", { rdpSource: "Internet" }, ["nsg entra-connect-disallow-internet-inbound mandatory"]],
  ["HTTPS from * (standalone)", { standaloneSource: "*" }, ["rule-in entra-connect-disallow-internet-inbound mandatory"]],
  ["no secure boot", { secureBoot: false }, ["vm entra-connect-enforce-trusted-launch mandatory"]],
  ["no vTPM", { vTpm: false }, ["vm entra-connect-enforce-trusted-launch mandatory"]],
  ["no encryption at host", { encryptionAtHost: false }, ["vm entra-connect-enable-encryption-at-host advisory"]],
  ["standalone deny ahead of the DC ports", { denyOutbound: true }, ["nsg entra-connect-enforce-dc-ports-outbound advisory"]],
  ["TLS inspection of Entra", { terminateTls: true }, ["fw entra-connect-disallow-tls-inspection mandatory"]],
  ["tagged resource of a type the pack does not know", { taggedDisk: true }, ["disk entra-connect-disallow-unknown-tagged-type mandatory"]],
];
