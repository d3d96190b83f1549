/**
 * An overall deadline for one outside call. A driver's own timeouts are not enough: a driver can time out and
 * still leave its promise unsettled (tedious 19 awaiting a half-read PRELOGIN message), and then nothing keeps
 * Node's event loop alive. The deadline's timer does, until the call settles or the deadline rejects it.
 */

/** What to do when a deadline passes. */
export interface DeadlineExpiry {
  /** The error the call is rejected with: it names what did not finish, and the fix. */
  readonly error: () => Error;
  /** Releases what the abandoned call still holds (sockets, connections); its failures are ignored. */
  readonly abandon?: () => unknown;
}

/**
 * Settles like `work`, or rejects with `expiry.error()` after `ms` milliseconds, whichever comes first; on expiry,
 * `expiry.abandon` runs so the abandoned call holds no socket open.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, expiry: DeadlineExpiry): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      try {
        const abandoned = expiry.abandon?.();
        if (abandoned instanceof Promise) abandoned.catch(() => undefined);
      } catch {
        // Releasing is best effort; the caller gets the deadline's error either way.
      }
      reject(expiry.error());
    }, ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
