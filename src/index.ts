/**
 * The Pulumi stack program (Pulumi.yaml `main`): one EntraConnectServer built from the stack config. Its outputs
 * are the stack outputs. `npx entra-gate plan` runs the same program offline (src/plan).
 */
import { entraConnectStack } from "./components/stack-config";

const server = entraConnectStack();

export const vmId = server.vmId;
export const privateIp = server.privateIp;
export const sizing = server.sizing;
export const sqlHost = server.sqlHost;
