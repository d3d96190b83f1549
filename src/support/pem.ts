/** Recognising a PEM certificate file (for every --ca-file and extra root the tool takes). */

/** True when the text holds at least one PEM certificate block. */
export function holdsPemCertificate(text: string): boolean {
  return /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(text);
}
