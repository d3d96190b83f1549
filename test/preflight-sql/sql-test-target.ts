/** Starts a TDS test server for a scenario and gives the preflight options that reach it. */
import type { SqlPreflightOptions } from "../../src/preflight/sql";
import { COMPLIANT_SCENARIO, type TdsScenario } from "./tds/scenario";
import { startTdsServer, type TdsServerOptions, type TdsTestServer } from "./tds/tds-server";

export interface SqlTestTarget {
  readonly server: TdsTestServer;
  readonly options: SqlPreflightOptions;
}

/** A scenario: the compliant one with `changes` applied. */
export function scenarioWith(changes: Partial<TdsScenario> = {}): TdsScenario {
  return { ...COMPLIANT_SCENARIO, ...changes };
}

/** Runs `body` against a fresh test server for `scenario`, closing it afterwards. */
export async function withSqlTestTarget<T>(
  scenario: TdsScenario,
  body: (target: SqlTestTarget) => Promise<T>,
  serverOptions: TdsServerOptions = {},
): Promise<T> {
  const server = await startTdsServer(scenario, serverOptions);
  try {
    const options: SqlPreflightOptions = {
      // TLS negotiated in PRELOGIN goes through tedious 19's MessageIO.startTls, which puts the host in the TLS
      // ServerName: an IP address there is what RFC 6066 forbids (Node's DEP0123). The certificate names
      // localhost, so these servers are reached by name (tedious 20 omits the SNI for an address; it needs Node 22).
      host: serverOptions.preloginTls ? "localhost" : "127.0.0.1",
      port: server.port,
      user: scenario.login.user,
      password: scenario.login.password,
      encryption: serverOptions.tls ? "strict" : serverOptions.preloginTls ? "mandatory" : "off",
      timeoutSeconds: 5,
    };
    return await body({ server, options });
  } finally {
    await server.close();
  }
}
