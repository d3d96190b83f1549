/** A throw-away self-signed certificate for localhost and 127.0.0.1, made with openssl for one test run. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PemPair {
  readonly key: string;
  readonly cert: string;
}

/** Generates an EC P-256 key and a one-day certificate whose names are `names` (DNS or IP). */
export function makeSelfSignedCert(commonName: string, names: readonly string[]): PemPair {
  const dir = mkdtempSync(join(tmpdir(), "tds-cert-"));
  try {
    const san = names.map((n) => (/^[\d.]+$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(",");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        `/CN=${commonName}`,
        "-addext",
        `subjectAltName=${san}`,
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(join(dir, "key.pem"), "utf8"), cert: readFileSync(join(dir, "cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
