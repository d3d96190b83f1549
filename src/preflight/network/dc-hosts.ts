/** The domain controllers given with --dc: validated, resolved to an address, and their AD domain guessed from the FQDN. */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { CheckFailedError, InputError } from "../../support/errors";

/** A DC ready to probe. */
export interface ResolvedDc {
  readonly host: string;
  readonly address: string;
  /** The AD DNS domain: the one given, else the FQDN without its first label, else undefined. */
  readonly domain: string | undefined;
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$/;

/** Throws InputError unless `host` is an IP address or a DNS host name (no scheme, no port). */
export function validateDcHost(host: string): string {
  if (isIP(host) || HOST_NAME.test(host)) return host;
  throw new InputError(
    `--dc "${host}" is not a host name or an IP address. Pass the domain controller's FQDN (e.g. dc1.corp.example.com) ` +
      `or its address, without a scheme or a port; repeat --dc for each DC.`,
  );
}

/** Throws InputError unless `domain` is a DNS name (the AD domain for the DNS and Kerberos probes). */
export function validateDomain(domain: string): string {
  if (!isIP(domain) && HOST_NAME.test(domain)) return domain;
  throw new InputError(`--domain "${domain}" is not a DNS domain name. Pass the AD DNS domain, e.g. corp.example.com.`);
}

/** The AD domain of a DC: `given` if set, else the FQDN without its first label ("dc1.corp.example.com" -> "corp.example.com"). */
export function domainOf(host: string, given: string | undefined): string | undefined {
  if (given) return given;
  if (isIP(host)) return undefined;
  const labels = host.replace(/\.$/, "").split(".");
  return labels.length >= 2 ? labels.slice(1).join(".") : undefined;
}

/** Resolves a DC's name within the timeout; throws CheckFailedError naming the --dc value when it does not resolve. */
export async function resolveDc(host: string, domain: string | undefined, timeoutMs: number): Promise<ResolvedDc> {
  const resolved = { host, domain: domainOf(host, domain) };
  if (isIP(host)) return { ...resolved, address: host };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const { address } = await Promise.race([lookup(host), timeout]);
    return { ...resolved, address };
  } catch (e) {
    throw new CheckFailedError(
      `--dc ${host}: the name does not resolve from this server (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}), ` +
        `so its ports could not be checked. Point this server's DNS at AD DNS, or pass the DC's address.`,
    );
  } finally {
    clearTimeout(timer);
  }
}
