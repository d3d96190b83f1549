/**
 * Typed failures of the CLI. Every command throws one of these for bad input or an environment it cannot
 * check; `main` maps them to an exit code and a one-paragraph message in one place.
 */
import { EXIT_COULD_NOT_CHECK } from "./exit-codes";

/** Base class: a message written for the user, and the exit code. */
export class GateError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_COULD_NOT_CHECK,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags, a bad config file, an unreadable input file: names the field and the fix. Exit 2. */
export class InputError extends GateError {}

/** The environment could not be checked (unreachable host, wrong password, timeout). Exit 2. */
export class CheckFailedError extends GateError {}
