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
      host: "127.0.0.1",
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
