/**
 * Time as the client sees it. Tests inject a fake clock so that backoff, token expiry and the
 * one-issuance-a-minute rule run without real waits.
 *
 * @example
 * ```ts
 * const clock: Clock = { now: () => fakeNow, sleep: async (ms) => { fakeNow += ms; }, random: () => 0.5 };
 * new KisClient({ ...options, clock });
 * ```
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolve after `ms`; reject with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1) for jitter. */
  random(): number;
}

/** Abort-aware sleep on `setTimeout`: no timer at all for a zero wait. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now(), sleep, random: () => Math.random() };
