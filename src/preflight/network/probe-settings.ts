/** Settings of the network probes: how long one probe may wait, and how many run at once. */
import { InputError } from "../../support/errors";

/** How long one probe waits for a connect, a reply or a handshake, unless --timeout-ms says otherwise. */
export const DEFAULT_PROBE_TIMEOUT_MS = 3000;
/** The bounds --timeout-ms accepts: below the lower one, a healthy WAN link looks filtered. */
export const MIN_PROBE_TIMEOUT_MS = 100;
export const MAX_PROBE_TIMEOUT_MS = 60_000;
/** How many probes run at the same time. */
export const PROBE_CONCURRENCY = 32;

function timeoutError(value: string | number): InputError {
  return new InputError(
    `--timeout-ms ${value}: give a whole number of milliseconds from ${MIN_PROBE_TIMEOUT_MS} to ${MAX_PROBE_TIMEOUT_MS} ` +
      `(default ${DEFAULT_PROBE_TIMEOUT_MS}) for how long each probe waits.`,
  );
}

/** Validates a timeout in milliseconds (an integer within the bounds); throws InputError naming --timeout-ms. */
export function validateTimeoutMs(value: number): number {
  if (!Number.isInteger(value) || value < MIN_PROBE_TIMEOUT_MS || value > MAX_PROBE_TIMEOUT_MS) throw timeoutError(value);
  return value;
}

/** Parses the text of --timeout-ms (digits only) and validates it. */
export function parseTimeoutMs(text: string): number {
  if (!/^\d+$/.test(text)) throw timeoutError(text);
  return validateTimeoutMs(Number(text));
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the order of `items`. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
