/**
 * Which resources a policy looks at: those tagged `entra-connect-role` (whoever wrote the program), and with
 * config `scope: "all-windows-vms"` every Windows VM for the server rules.
 */
import { classifyImage, ROLE_TAG_VALUES } from "../../requirements";
import { readImage } from "./server-shape";
import { asString, readPath, type Read } from "./read";
import { readRole } from "./tags";
import { CLASSIC, NATIVE, SERVER_TYPES } from "./type-tokens";

/**
 * `sync-server` and `sync-database`: the resources of that role; `any-role`: either; `role-tagged`: every
 * resource that carries the role tag, whatever its value; `all`: every resource of the policy's types.
 */
export type PolicyScope = "sync-server" | "sync-database" | "any-role" | "role-tagged" | "all";

/** The `scope` config value that extends the server rules to every Windows VM. */
export const ALL_WINDOWS_VMS = "all-windows-vms";

/** True when a server-type resource runs Windows (classic Windows types always do). */
export function isWindowsServerType(type: string, props: unknown): boolean {
  if (type === CLASSIC.windowsVirtualMachine || type === CLASSIC.windowsVirtualMachineScaleSet) return true;
  const base = type === NATIVE.virtualMachineScaleSet ? "virtualMachineProfile." : "";
  const osType = asString(readPath(props, `${base}storageProfile.osDisk.osType`));
  if (osType.known && osType.value?.toLowerCase() === "windows") return true;
  const windowsConfig = readPath(props, `${base}osProfile.windowsConfiguration`);
  if (!windowsConfig.known || windowsConfig.value !== undefined) return true;
  const image = readImage(type, props);
  return !image.known || (image.value !== undefined && classifyImage(image.value).kind !== "unknown");
}

/**
 * Whether a resource is in a policy's scope: known true/false, or unreadable when the role tag is not known
 * at preview. `allWindowsVms` is the `scope` config of server policies.
 */
export function inScope(scope: PolicyScope, type: string, props: unknown, allWindowsVms: boolean): Read<boolean> {
  if (scope === "all") return { known: true, value: true, path: "tags" };
  const role = readRole(props);
  if (!role.known) return role;
  if (scope === "role-tagged") return { ...role, value: role.value !== undefined };
  const matches =
    scope === "any-role"
      ? role.value === ROLE_TAG_VALUES.syncServer || role.value === ROLE_TAG_VALUES.syncDatabase
      : role.value === ROLE_TAG_VALUES[scope === "sync-server" ? "syncServer" : "syncDatabase"];
  const windows = !matches && scope === "sync-server" && allWindowsVms && SERVER_TYPES.includes(type) && isWindowsServerType(type, props);
  return { ...role, value: matches || windows };
}
