/** When SQL Server shares the sync server, `max server memory` must be capped so memory stays for Windows and the sync engine. */
import { REQUIREMENTS, SQL_MAX_MEMORY_UNCAPPED_MB, SQL_RESERVED_MEMORY_GB } from "../requirements";
import { entraPolicy } from "./support/define";
import { asNumber, readPath } from "./support/read";
import { sqlVmShape } from "./support/sql-shape";
import { SQL_VM_TYPES } from "./support/type-tokens";

const fix = (path: string): string => `set ${path} to the VM's memory minus ${SQL_RESERVED_MEMORY_GB} GB, in MB`;

export const enforceSqlMaxMemory = entraPolicy({
  name: "entra-connect-enforce-sql-max-memory",
  description: `SQL Server on the Entra Connect Sync server must cap max server memory so ${SQL_RESERVED_MEMORY_GB} GB stay for Windows and the sync engine.`,
  enforcementLevel: "mandatory",
  severity: "medium",
  requirement: REQUIREMENTS.sqlMaxMemory,
  remediationSteps: `Set maxServerMemoryMB to (VM memory - ${SQL_RESERVED_MEMORY_GB} GB) x 1024 on the SQL VM registration.`,
  types: SQL_VM_TYPES,
  scope: "sync-server",
  check(ctx) {
    const max = asNumber(readPath(ctx.props, sqlVmShape(ctx.type).maxServerMemoryMb));
    if (!ctx.known(max, "max server memory")) return;
    if (max.value === undefined) {
      ctx.report("SQL Server shares the sync server but max server memory is not set", fix(max.path));
    } else if (max.value >= SQL_MAX_MEMORY_UNCAPPED_MB) {
      ctx.report(`SQL Server shares the sync server with max server memory uncapped (${max.value} MB)`, fix(max.path));
    }
  },
});
