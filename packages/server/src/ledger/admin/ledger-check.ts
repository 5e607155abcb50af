import type { AccountKind, LedgerStore } from '../store/types.js';
import { answerProblem } from './answerable.js';

/** What {@link checkLedger} found. */
export interface LedgerCheck {
  businessDate: string;
  /** Accounts checked: every account of the ledger. */
  accounts: number;
  /** The accounts whose inquiry would not answer now, each with why (empty: every one answers). */
  unanswerable: { account: string; kind: AccountKind; problem: string }[];
}

/**
 * Check every account of a ledger as the admin API checks the accounts a write touches: a
 * domestic balance must compute and fit its KIS wire fields, an overseas margin detail in every
 * currency view. Writes through the admin API cannot leave an account unanswerable; a ledger
 * written before those checks, imported, or written to the store directly can, and each such
 * account's inquiry answers `EGW00002`. Reads only.
 *
 * @example
 * ```ts
 * checkLedger(store); // { businessDate: '20250320', accounts: 4, unanswerable: [] }
 * ```
 */
export function checkLedger(store: LedgerStore): LedgerCheck {
  const unanswerable: LedgerCheck['unanswerable'] = [];
  const accounts = store.listAccounts();
  for (const a of accounts) {
    const problem = answerProblem(store, a);
    if (problem !== undefined) unanswerable.push({ account: a.id, kind: a.kind, problem });
  }
  return { businessDate: store.businessDate() ?? '', accounts: accounts.length, unanswerable };
}
