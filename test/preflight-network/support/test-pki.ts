/**
 * Certificate chains for the TLS inspection tests, made with openssl in a temporary folder: a "public-looking"
 * chain (root -> issuing CA -> leaf) and an "inspection" chain (a private proxy CA -> leaf), both for
 * localhost and 127.0.0.1.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A server's key and certificate chain (leaf first), and the root that chain ends in. */
export interface TestChain {
  readonly key: string;
  /** The leaf and any intermediate, as a TLS server sends them. */
  readonly certChain: string;
  readonly rootPem: string;
  readonly rootName: string;
}

const CA_EXTENSIONS = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n";
const LEAF_EXTENSIONS = "basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n";

/** Makes certificates under one temporary folder; `dispose` removes it. */
export class TestPki {
  private readonly dir = mkdtempSync(join(tmpdir(), "entra-gate-pki-"));
  private serial = 1;

  private openssl(args: readonly string[]): void {
    execFileSync("openssl", args, { cwd: this.dir, stdio: "pipe" });
  }

  private newKeyAndCsr(name: string, cn: string): void {
    this.openssl([
      "req",
      "-new",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-subj",
      `/CN=${cn}`,
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.csr`,
    ]);
  }

  private sign(name: string, issuer: string, extensions: string): void {
    writeFileSync(join(this.dir, `${name}.ext`), extensions);
    const serial = String(this.serial++);
    const signer =
      name === issuer ? ["-signkey", `${name}.key`] : ["-CA", `${issuer}.pem`, "-CAkey", `${issuer}.key`, "-set_serial", serial];
    this.openssl(["x509", "-req", "-in", `${name}.csr`, ...signer, "-days", "30", "-extfile", `${name}.ext`, "-out", `${name}.pem`]);
  }

  private read(file: string): string {
    return readFileSync(join(this.dir, file), "utf8");
  }

  /** A chain of CAs named `caNames` (root first) ending in a localhost leaf. */
  chain(label: string, caNames: readonly string[]): TestChain {
    let issuer = "";
    caNames.forEach((cn, i) => {
      const name = `${label}-ca${i}`;
      this.newKeyAndCsr(name, cn);
      this.sign(name, i === 0 ? name : issuer, CA_EXTENSIONS);
      issuer = name;
    });
    this.newKeyAndCsr(`${label}-leaf`, "localhost");
    this.sign(`${label}-leaf`, issuer, LEAF_EXTENSIONS);
    const intermediates = caNames.slice(1).map((_, i) => this.read(`${label}-ca${caNames.length - 1 - i}.pem`));
    return {
      key: this.read(`${label}-leaf.key`),
      certChain: [this.read(`${label}-leaf.pem`), ...intermediates].join(""),
      rootPem: this.read(`${label}-ca0.pem`),
      rootName: caNames[0] ?? "",
    };
  }

  /** Writes a file in the folder and returns its path. */
  file(name: string, content: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
