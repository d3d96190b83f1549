/** The cloud preflight through Microsoft Graph. */
export {
  runCloudPreflight,
  validateCloudPreflightOptions,
  UPN_PATTERN,
  type CloudPreflightOptions,
  type CloudPreflightResult,
} from "./run-cloud-preflight";
export { prepareGraphToken, AUTH_METHODS, type AuthMethod, type GraphTokenFetch, type TokenOptions, type TokenSettingNames } from "./token";
export { DEFAULT_GRAPH_URL } from "./graph-client";
export { CLOUD_PREFLIGHT_PERMISSIONS } from "./graph-permissions";
export { checkObjectLimit, type DirectoryQuota, type TenantLicence } from "./object-limit";
