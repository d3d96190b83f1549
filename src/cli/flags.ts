/** Flag parsing shared by the commands: repeatable flags and the --format choice. */
import { InputError } from "../support/errors";

/** Commander's accumulator for a repeatable flag: each occurrence appends its value. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * The --format value when it is one of `formats`; otherwise an InputError listing them ("choose text, json or csv.").
 * @param value the --format value as given
 * @param formats the formats the command renders, in the order the message lists them
 */
export function chosenFormat<F extends string>(value: string, formats: readonly [F, ...F[]]): F {
  const format = formats.find((f) => f === value);
  if (format === undefined) {
    const others = formats.slice(0, -1);
    throw new InputError(`--format ${value}: choose ${others.length > 0 ? `${others.join(", ")} or ` : ""}${formats[formats.length - 1]}.`);
  }
  return format;
}
