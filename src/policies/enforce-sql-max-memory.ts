/**
 * SQL Server that holds the sync database must cap `max server memory` so that 4 GB of the VM's memory stay for
 * Windows (and the sync engine when SQL shares the sync server): at most the VM's memory minus 4 GB. The SQL VM
 * registration has no size of its own: the VM's size comes from its `entra-connect-vm-size` tag (the component
 * writes it), else from this policy's config.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { REQUIREMENTS, SQL_RESERVED_MEMORY_GB, TAG_NAMES } from "../requirements";
import { entraPolicy } from "./support/define";
import { asNumber, readPath } from "./support/read";
import { sqlVmShape } from "./support/sql-shape";
import { readTag } from "./support/tags";
import { SQL_VM_TYPES } from "./support/type-tokens";
import { memoryOf, VM_MEMORY_CONFIG, type VmMemoryConfig } from "./support/vm-memory";

interface Config extends VmMemoryConfig {
  /** The SQL VM's size when its registration carries no `entra-connect-vm-size` tag. */
  readonly vmSize?: string;
}

const CONFIG: Record<string, PolicyConfigJSONSchema> = {
  vmSize: {
    type: "string",
    minLength: 1,
    description: `The Azure size of the SQL VM, used when its registration has no ${TAG_NAMES.vmSize} tag, e.g. "Standard_E4s_v5".`,
  },
  ...VM_MEMORY_CONFIG,
};

const fix = (path: string, limit?: number): string =>
  `set ${path} to the VM's memory minus ${SQL_RESERVED_MEMORY_GB} GB, in MB${limit === undefined ? "" : ` (at most ${limit})`}`;

export const enforceSqlMaxMemory = entraPolicy<Config>({
  name: "entra-connect-enforce-sql-max-memory",
  description: `SQL Server of the Entra Connect sync database must cap max server memory at the VM's memory minus ${SQL_RESERVED_MEMORY_GB} GB, so that memory stays for Windows and the sync engine.`,
  enforcementLevel: "mandatory",
  severity: "medium",
  requirement: REQUIREMENTS.sqlMaxMemory,
  remediationSteps: `Set maxServerMemoryMB to at most (VM memory - ${SQL_RESERVED_MEMORY_GB} GB) x 1024 on the SQL VM registration, and tag it ${TAG_NAMES.vmSize}=<the VM's size>.`,
  types: SQL_VM_TYPES,
  scope: "any-role",
  config: CONFIG,
  check(ctx) {
    const max = asNumber(readPath(ctx.props, sqlVmShape(ctx.type).maxServerMemoryMb));
    if (!ctx.known(max, "max server memory")) return;
    if (max.value === undefined) {
      ctx.report("max server memory is not set, so SQL Server takes nearly all of the VM's memory", fix(max.path));
      return;
    }
    const tag = readTag(ctx.props, TAG_NAMES.vmSize);
    if (!ctx.known(tag, `the ${TAG_NAMES.vmSize} tag`)) return;
    const size = tag.value?.trim() || ctx.config.vmSize;
    if (!size) {
      ctx.report(
        `the SQL VM's size is not known (no ${TAG_NAMES.vmSize} tag and no vmSize in the policy config), so max server memory (${max.value} MB) cannot be weighed against its memory`,
        `tag the SQL VM registration ${TAG_NAMES.vmSize}=<the VM's size>, or set "vmSize" in this policy's config`,
      );
      return;
    }
    const memory = memoryOf(size, ctx.config.vmSizeMemoryGib);
    if (memory === undefined) {
      ctx.report(
        `the SQL VM's size ${size} is not known to the pack, so max server memory (${max.value} MB) cannot be weighed against its memory`,
        `use a known size, or declare its memory in this policy's config: {"vmSizeMemoryGib":{"${size}":<GiB>}}`,
      );
      return;
    }
    const limit = Math.floor((memory - SQL_RESERVED_MEMORY_GB) * 1024);
    if (max.value > limit) {
      ctx.report(
        `max server memory is ${max.value} MB on a ${size} with ${memory} GiB; at most ${limit} MB leaves the ${SQL_RESERVED_MEMORY_GB} GB Windows and the sync engine need`,
        fix(max.path, limit),
      );
    }
  },
});
