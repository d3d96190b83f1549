/**
 * The Azure resource tags the component writes on the sync server, its NIC and NSG, and the SQL resources.
 * The policy pack and the gate read the same names and values from here.
 */
import type { DatabaseMode } from "./sizing";

/** Tag names, as written on Azure resources. */
export const TAG_NAMES = {
  /** `sync-server` or `sync-database`. */
  role: "entra-connect-role",
  /** The forest's object count the server was sized for, as a decimal string. */
  objectCount: "entra-connect-object-count",
  /** `localdb` or `sql`. */
  database: "entra-connect-database",
  /** The Entra Connect build the server stages, e.g. 2.5.79.0. */
  version: "entra-connect-version",
  /**
   * On a SQL VM registration (which has no size of its own): the Azure size of its VM, e.g. Standard_E4s_v5, so
   * that the max server memory policy can weigh the cap against the VM's memory one resource at a time.
   */
  vmSize: "entra-connect-vm-size",
} as const;

export type TagName = (typeof TAG_NAMES)[keyof typeof TAG_NAMES];

/** Values of the `entra-connect-role` tag. */
export const ROLE_TAG_VALUES = {
  syncServer: "sync-server",
  syncDatabase: "sync-database",
} as const;

export type RoleTagValue = (typeof ROLE_TAG_VALUES)[keyof typeof ROLE_TAG_VALUES];

/** Values of the `entra-connect-database` tag: the sizing table's database modes. */
export const DATABASE_TAG_VALUES: readonly DatabaseMode[] = ["localdb", "sql"];

export interface EntraConnectTagInput {
  readonly role: RoleTagValue;
  readonly objectCount: number;
  readonly database: DatabaseMode;
  readonly version: string;
}

/** The four entra-connect tags every resource carries (the SQL VM registration adds `entra-connect-vm-size`), keyed by tag name. */
export function entraConnectTags(input: EntraConnectTagInput): Record<Exclude<TagName, typeof TAG_NAMES.vmSize>, string> {
  return {
    [TAG_NAMES.role]: input.role,
    [TAG_NAMES.objectCount]: String(input.objectCount),
    [TAG_NAMES.database]: input.database,
    [TAG_NAMES.version]: input.version,
  };
}
