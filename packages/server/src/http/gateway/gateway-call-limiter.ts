import type { EpochClock } from '../epoch-clock.js';
import type { CallLimiter } from './call-limiter.js';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * The gateway's call limiter in this process: a token bucket per key (app key), `perSecond` calls
 * a second, bursts up to `perSecond`. KIS counts per app key, so both hosts share one limiter
 * without clashing (an app key lives in one env).
 *
 * @example
 * ```ts
 * const limiter = new GatewayCallLimiter(clock);
 * if (!limiter.take(appKey, 20)) return kisError('EGW00201');
 * ```
 */
export class GatewayCallLimiter implements CallLimiter {
  readonly #clock: EpochClock;
  readonly #buckets = new Map<string, Bucket>();

  constructor(clock: EpochClock) {
    this.#clock = clock;
  }

  /** Take one call for `key`; `false` when the bucket is empty. */
  take(key: string, perSecond: number): boolean {
    const now = this.#clock();
    const b = this.#buckets.get(key) ?? { tokens: perSecond, at: now };
    const refill = (Math.max(0, now - b.at) / 1000) * perSecond;
    b.tokens = Math.min(perSecond, b.tokens + refill);
    b.at = now;
    this.#buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
