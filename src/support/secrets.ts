/**
 * Reads a secret from an environment variable, a file, or an interactive prompt. Never from the command line,
 * never printed.
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { InputError } from "./errors";
import { describeBytes, FileTooLargeError, MAX_SECRET_FILE_BYTES, readTextCapped } from "../support/files";

export interface SecretSource {
  /** Name of an environment variable that holds the secret. */
  readonly passwordEnv?: string;
  /** Path of a file whose first line is the secret. */
  readonly passwordFile?: string;
}

/** How messages name the two sources: the flags (e.g. --password-env, --password-file) or a config file's fields. */
export interface SecretSourceNames {
  readonly env: string;
  readonly file: string;
}

/**
 * Reads the secret from the named source; prompts (without echo) on a terminal when no source is given. `names`
 * is a flag prefix ("--password" names --password-env and --password-file) or the two names themselves.
 */
export async function readSecret(source: SecretSource, what: string, names: string | SecretSourceNames = "--password"): Promise<string> {
  const { env, file } = typeof names === "string" ? { env: `${names}-env`, file: `${names}-file` } : names;
  if (source.passwordEnv && source.passwordFile) {
    throw new InputError(`${env} and ${file} were both given: name one source for the ${what}.`);
  }
  if (source.passwordEnv) {
    const value = process.env[source.passwordEnv];
    if (!value) {
      throw new InputError(
        `${env} ${source.passwordEnv}: that environment variable is not set or is empty. Export the ${what} in it, or use ${file}.`,
      );
    }
    return value;
  }
  if (source.passwordFile) {
    let text: string;
    try {
      text = readTextCapped(source.passwordFile, MAX_SECRET_FILE_BYTES);
    } catch (e) {
      if (e instanceof FileTooLargeError)
        throw new InputError(
          `${file} ${source.passwordFile}: the file is larger than ${describeBytes(MAX_SECRET_FILE_BYTES)}, which no ${what} is; it was not read further. Give a file whose first line is the ${what}.`,
        );
      throw new InputError(
        `${file} ${source.passwordFile}: cannot read it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give a readable file whose first line is the ${what}.`,
      );
    }
    const value = text.split(/\r?\n/)[0] ?? "";
    if (!value) throw new InputError(`${file} ${source.passwordFile}: the first line is empty. Put the ${what} on the first line.`);
    return value;
  }
  if (!process.stdin.isTTY) {
    throw new InputError(
      `No ${what} given: use ${env} VAR or ${file} FILE (a ${what} is never taken as an argument), or run on a terminal to be prompted.`,
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
