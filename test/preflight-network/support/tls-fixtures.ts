/** Two local TLS servers for the endpoint tests: a "public-looking" chain and an inspecting proxy's private-CA chain. */
import { tlsServer, type Running } from "./loopback-servers";
import { TestPki, type TestChain } from "./test-pki";

export const PUBLIC_ROOT = "Test Public Root G1";
export const PUBLIC_ISSUING = "Test Public Issuing CA 01";
export const PROXY_CA = "Corp TLS Inspection CA";

/** The servers, the public chain (its root as PEM and as a file), and how to stop it all. */
export interface TlsFixtures {
  readonly publicChain: TestChain;
  /** A PEM file holding the public chain's root, for --extra-root-ca. */
  readonly publicRootFile: string;
  /** Presents localhost <- PUBLIC_ISSUING <- PUBLIC_ROOT. */
  readonly publicServer: Running;
  /** Presents localhost <- PROXY_CA (the leaf only, as a re-signing proxy does). */
  readonly inspectingServer: Running;
  close(): Promise<void>;
}

/** Makes the chains with openssl and starts both servers on 127.0.0.1. */
export async function startTlsFixtures(): Promise<TlsFixtures> {
  const pki = new TestPki();
  const publicChain = pki.chain("public", [PUBLIC_ROOT, PUBLIC_ISSUING]);
  const proxyChain = pki.chain("proxy", [PROXY_CA]);
  const publicServer = await tlsServer(publicChain.key, publicChain.certChain);
  const inspectingServer = await tlsServer(proxyChain.key, proxyChain.certChain);
  return {
    publicChain,
    publicRootFile: pki.file("public-root.pem", publicChain.rootPem),
    publicServer,
    inspectingServer,
    close: async () => {
      await Promise.all([publicServer.close(), inspectingServer.close()]);
      pki.dispose();
    },
  };
}
