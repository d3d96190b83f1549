/** The shape every probe shares: one socket exchange that settles once, by its own result or by the timeout. */

/** Something a probe opens and must release when it settles (a socket, a request). */
export interface Releasable {
  release(): void;
}

/**
 * Starts an exchange and resolves with the first result it passes to `finish`, or with `onTimeout()` after
 * `timeoutMs`; what `start` returns is released either way. Never rejects: probes report failures as results.
 */
export function settleOnce<T>(timeoutMs: number, onTimeout: () => T, start: (finish: (result: T) => void) => Releasable): Promise<T> {
  return new Promise((resolve) => {
    let done = false;
    const held: { resource?: Releasable } = {};
    const finish = (result: T): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      held.resource?.release();
      resolve(result);
    };
    const timer = setTimeout(() => finish(onTimeout()), timeoutMs);
    held.resource = start(finish);
    if (done) held.resource.release();
  });
}
