/**
 * The requirements catalogue: the single source of every figure that the component, the policy pack and the
 * preflight enforce. Nothing outside this folder writes a number such as 100,000 objects or port 3268.
 */
export * from "./requirement-ids";
export * from "./version";
export * from "./sizing";
export * from "./vm-sizes";
export * from "./images";
export * from "./network";
export * from "./sql";
export * from "./tags";
export * from "./entra-tenant";
export * from "./outbound-ports";
export * from "./sql-preflight";
export * from "./server-hardening";
export * from "./directory-data";
export * from "./sql-vm";
export * from "./server-facts";
