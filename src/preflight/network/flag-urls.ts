/** Parsing of the URL flags (--endpoint, --proxy): scheme, host and port, never echoing credentials. */
import { InputError } from "../../support/errors";
import { OUTBOUND_HTTP_PORT, OUTBOUND_HTTPS_PORT } from "../../requirements";

export type UrlScheme = "https" | "http";

/** A URL flag's value: its scheme, host (IPv6 without brackets) and port (the scheme's default when absent). */
export interface FlagUrl {
  readonly scheme: UrlScheme;
  readonly host: string;
  readonly port: number;
}

/** What a URL flag accepts, in the words of its refusals. */
export interface UrlFlagRule {
  /** e.g. "--proxy". */
  readonly flag: string;
  readonly schemes: readonly UrlScheme[];
  /** e.g. "an http:// URL of a proxy". */
  readonly what: string;
  /** The fix for a malformed value. */
  readonly fix: string;
  /** The fix for a value that carries credentials. */
  readonly credentialsFix: string;
}

/** The default port of a scheme, from the catalogue. */
export function defaultPort(scheme: UrlScheme): number {
  return scheme === "https" ? OUTBOUND_HTTPS_PORT : OUTBOUND_HTTP_PORT;
}

/** Parses a URL flag; throws InputError naming the flag and the fix, without repeating a user name or password. */
export function parseFlagUrl(raw: string, rule: UrlFlagRule): FlagUrl {
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (parsed && (parsed.username || parsed.password)) {
    throw new InputError(
      `${rule.flag} carries a user name or password (not repeated here): credentials are never taken on the command line. ${rule.credentialsFix}`,
    );
  }
  const scheme = rule.schemes.find((s) => parsed?.protocol === `${s}:`);
  if (!parsed || !scheme || !parsed.hostname) throw new InputError(`${rule.flag} "${raw}" is not ${rule.what}. ${rule.fix}`);
  return { scheme, host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"), port: parsed.port ? Number(parsed.port) : defaultPort(scheme) };
}
