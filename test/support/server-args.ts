/** The compliant EntraConnectServer args the component tests start from, and the refusal a change brings. */
import { EntraConnectConfigError, validateEntraConnectServerArgs, type EntraConnectServerArgs } from "../../src/components";

/** A compliant fixture: every case changes one thing. */
export const COMPLIANT_ARGS: EntraConnectServerArgs = {
  objectCount: 12_000,
  resourceGroupName: "rg",
  subnetId: "/subnets/s",
  domainControllers: ["10.0.1.4"],
  adminPassword: "pw",
  domainJoinDomain: "corp.example.com",
  domainJoinAccount: "svc-join",
  domainJoinPassword: "pw2",
  sqlAdminPassword: "pw3",
};

/** The refusal of the compliant args with `change` applied; throws when they are accepted. */
export function refusalOf(change: Record<string, unknown>): EntraConnectConfigError {
  try {
    validateEntraConnectServerArgs({ ...COMPLIANT_ARGS, ...change } as EntraConnectServerArgs);
  } catch (e) {
    if (e instanceof EntraConnectConfigError) return e;
    throw e;
  }
  throw new Error(`not refused: ${JSON.stringify(change)}`);
}
