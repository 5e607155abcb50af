import type { CallLimiter, EpochClock, TokenState } from '../http/index.js';
import { type LedgerStore, PgLedgerStore } from '../ledger/index.js';
import { PostgresCallLimiter } from './postgres-call-limiter.js';
import { PostgresTokenState, sharedTokenSecret } from './postgres-token-state.js';

/** What the instances of a shared deployment keep in their database instead of in memory. */
export interface SharedServerState {
  tokenState: TokenState;
  /** Signing secret of tokens (and, derived, of continuation keys) common to all instances. */
  tokenSecret: Buffer;
  limiter(clock: EpochClock): CallLimiter;
}

/**
 * The shared state of a ledger that several instances can serve (PostgreSQL); `undefined` for a
 * SQLite ledger, which one process serves with in-memory state.
 *
 * @example
 * ```ts
 * const shared = sharedStateOf(openLedgerStore('postgres://kisfo@db/kisfo'));
 * ```
 */
export function sharedStateOf(store: LedgerStore): SharedServerState | undefined {
  if (!(store instanceof PgLedgerStore)) return undefined;
  const db = store.db;
  return {
    tokenState: new PostgresTokenState(db),
    tokenSecret: sharedTokenSecret(db),
    limiter: (clock) => new PostgresCallLimiter(db, clock),
  };
}
