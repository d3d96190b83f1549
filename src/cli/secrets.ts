/**
 * Reads a secret from an environment variable, a file, or an interactive prompt. Never from the command line,
 * never printed.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { InputError } from "./errors";

export interface SecretSource {
  /** Name of an environment variable that holds the secret. */
  readonly passwordEnv?: string;
  /** Path of a file whose first line is the secret. */
  readonly passwordFile?: string;
}

/** Reads the secret from the named source; prompts (without echo) on a terminal when no source is given. */
export async function readSecret(source: SecretSource, what: string, flagPrefix = "--password"): Promise<string> {
  if (source.passwordEnv && source.passwordFile) {
    throw new InputError(`${flagPrefix}-env and ${flagPrefix}-file were both given: name one source for the ${what}.`);
  }
  if (source.passwordEnv) {
    const value = process.env[source.passwordEnv];
    if (!value) {
      throw new InputError(
        `${flagPrefix}-env ${source.passwordEnv}: that environment variable is not set or is empty. Export the ${what} in it, or use ${flagPrefix}-file.`,
      );
    }
    return value;
  }
  if (source.passwordFile) {
    let text: string;
    try {
      text = readFileSync(source.passwordFile, "utf8");
    } catch (e) {
      throw new InputError(
        `${flagPrefix}-file ${source.passwordFile}: cannot read it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give a readable file whose first line is the ${what}.`,
      );
    }
    const value = text.split(/\r?\n/)[0] ?? "";
    if (!value)
      throw new InputError(`${flagPrefix}-file ${source.passwordFile}: the first line is empty. Put the ${what} on the first line.`);
    return value;
  }
  if (!process.stdin.isTTY) {
    throw new InputError(
      `No ${what} given: use ${flagPrefix}-env VAR or ${flagPrefix}-file FILE (a ${what} is never taken as an argument), or run on a terminal to be prompted.`,
    );
  }
  return prompt(`${what[0]?.toUpperCase()}${what.slice(1)}: `);
}

function prompt(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}
