/** A password in a gate.yaml section: exactly one of `passwordEnv` (a variable name) or `passwordFile` (a path). */
import { resolve } from "node:path";
import { readSecret } from "../../support/secrets";
import { NON_EMPTY_STRING } from "./schema-parts";

export interface PasswordReference {
  readonly passwordEnv?: string;
  /** Relative to gate.yaml. */
  readonly passwordFile?: string;
}

/** Schema keywords a section spreads into its schema (its own `properties` spread `PASSWORD_REFERENCE.properties`). */
export const PASSWORD_REFERENCE = {
  oneOf: [{ required: ["passwordEnv"] }, { required: ["passwordFile"] }],
  properties: { passwordEnv: NON_EMPTY_STRING, passwordFile: NON_EMPTY_STRING },
} as const;

/** Reads the referenced password; messages name the section's fields (e.g. "gate.yaml sql.passwordEnv"). */
export function readPasswordReference(ref: PasswordReference, configDir: string, what: string, section: string): Promise<string> {
  return readSecret({ passwordEnv: ref.passwordEnv, passwordFile: ref.passwordFile && resolve(configDir, ref.passwordFile) }, what, {
    env: `gate.yaml ${section}.passwordEnv`,
    file: `gate.yaml ${section}.passwordFile`,
  });
}
