/** The Pulumi components of entra-connect-gate and the pure validation the policy pack reuses. */
export * from "./entra-connect-server-args";
export * from "./validate-server-args";
export * from "./entra-connect-server";
export * from "./sync-database-server";
