/** Reads --extra-root-ca files: PEM roots to trust and accept as Entra roots besides the bundled store and the catalogue. */
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { InputError } from "../../support/errors";

/** The roots read, and their subject CNs (added to the known root issuers). */
export interface ExtraRootCas {
  readonly pems: string[];
  readonly names: string[];
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The CN of an X.509 subject as Node prints it ("C=US\nO=...\nCN=Name"), else the whole subject on one line. */
function commonName(cert: X509Certificate): string {
  const cn = cert.subject.split("\n").find((line) => line.startsWith("CN="));
  return cn ? cn.slice("CN=".length) : cert.subject.replace(/\n/g, ", ");
}

/** Reads every certificate of every file; throws InputError naming --extra-root-ca and the file when one is unusable. */
export function readExtraRootCas(files: readonly string[]): ExtraRootCas {
  const result: ExtraRootCas = { pems: [], names: [] };
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new InputError(
        `--extra-root-ca ${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? "error"}). Pass a readable PEM file.`,
      );
    }
    const blocks = text.match(PEM_BLOCK) ?? [];
    if (blocks.length === 0) {
      throw new InputError(
        `--extra-root-ca ${file}: no PEM certificate (-----BEGIN CERTIFICATE-----) in the file. Pass the root CA in PEM form.`,
      );
    }
    for (const pem of blocks) {
      let cert: X509Certificate;
      try {
        cert = new X509Certificate(pem);
      } catch (e) {
        throw new InputError(
          `--extra-root-ca ${file}: a certificate in the file does not parse (${(e as Error).message}). Pass the root CA in PEM form.`,
        );
      }
      result.pems.push(pem);
      result.names.push(commonName(cert));
    }
  }
  return result;
}
