import { type CallLimiter, type EpochClock, GatewayCallLimiter } from '../http/index.js';
import type { PgBridge } from '../ledger/index.js';

/**
 * The per-app-key rate limit for all instances together: one token bucket per app key in
 * PostgreSQL, taken from atomically by `take_call()` (the bucket row is locked for the update,
 * so concurrent instances queue on it and never both spend the last call).
 *
 * A slow database delays the call by its round trip (the instance waits; each statement is bounded
 * by the connection's `statement_timeout`). When the database cannot answer at all the limiter
 * falls back to this instance's own bucket at the app's full rate: the limit then holds per
 * instance (at most N times the rate across N instances) until the database answers again, and
 * `fallbacks` counts such calls.
 *
 * @example
 * ```ts
 * const limiter = new PostgresCallLimiter(store.db, Date.now);
 * limiter.take(appKey, 20); // true while the app key's bucket has a call left
 * ```
 */
export class PostgresCallLimiter implements CallLimiter {
  readonly #local: GatewayCallLimiter;
  fallbacks = 0;

  constructor(
    private readonly db: PgBridge,
    private readonly clock: EpochClock,
  ) {
    this.#local = new GatewayCallLimiter(clock);
  }

  take(key: string, perSecond: number): boolean {
    try {
      const rows = this.db.query<{ ok: boolean }>(
        'SELECT take_call($1, $2, $3) AS ok',
        [key, perSecond, Math.floor(this.clock())],
        'kisfo_take_call',
      );
      return rows[0]?.ok === true;
    } catch {
      this.fallbacks++;
      return this.#local.take(key, perSecond);
    }
  }
}
