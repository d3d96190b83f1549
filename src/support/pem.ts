/** Recognising a PEM certificate file (for every --ca-file and extra root the tool takes). */
import { InputError } from "./errors";
import { describeBytes, FileTooLargeError, MAX_CONFIG_FILE_BYTES, readTextCapped } from "./files";

/** True when the text holds at least one PEM certificate block. */
export function holdsPemCertificate(text: string): boolean {
  return /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(text);
}

/**
 * The text of a PEM file of CA certificates, read with a cap; throws InputError naming `field` (a flag such as
 * "--ca-file", or "gate.yaml sql.caFile") and the fix when it cannot be read, is too large or holds no
 * certificate. `issued` says what the CA issued, e.g. "the server's certificate".
 */
export function readCaPemFile(path: string, field: string, issued: string): string {
  let text: string;
  try {
    text = readTextCapped(path, MAX_CONFIG_FILE_BYTES);
  } catch (e) {
    if (e instanceof FileTooLargeError) {
      throw new InputError(
        `${field} ${path}: larger than ${describeBytes(e.limitBytes)}, not a PEM file of CA certificates. Give the CA that issued ${issued}.`,
      );
    }
    throw new InputError(
      `${field} ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? "error"}). Give a readable PEM file with the CA that issued ${issued}.`,
    );
  }
  if (!holdsPemCertificate(text)) {
    throw new InputError(
      `${field} ${path}: no PEM certificate in it. Give the CA that issued ${issued} as a PEM file (-----BEGIN CERTIFICATE-----).`,
    );
  }
  return text;
}
