import {
  computeDomesticBalance,
  type DomesticBalance,
  DomesticBalanceBook,
  type DomesticBalanceInput,
} from '@kisfo/risk';
import { isOverseasInstrument } from '../instrument-key.js';
import type { LedgerAccount, LedgerStore, LedgerWrite } from '../store/types.js';
import { assertBalanceFitsWire } from './balance-wire-fit.js';
import { domesticBalanceInput, domesticCashOf, krxQuoteOf } from './domestic-input.js';
import { krxFillOf } from './krx-rows.js';
import { Lru } from './lru.js';

/** Counters of {@link KeptDomesticBalances} (tests and benchmarks read them). */
export interface KeptBalanceStats {
  /** Books built from a full read of the account (first inquiry, or a change they cannot apply). */
  booksBuilt: number;
  /** Answers from a kept book brought up to date by applying the ledger's changes. */
  booksUpdated: number;
  /** Fills, prices and deposits applied to kept books. */
  changesApplied: number;
}

/** One kept book and the ledger state it reflects. */
interface Kept {
  book: DomesticBalanceBook;
  /** The store's revision the book is at. */
  revision: string;
  businessDate: string;
  /** Price codes the book's market was read with: a price under another code rebuilds. */
  quoted: Set<string>;
  /**
   * Writes of a transaction that was open when the book was checked ({@link
   * KeptDomesticBalances.check}), already in the book: once it commits, the store lists them
   * first after `revision`; if it rolled back, it does not, and the book is built again.
   */
  ahead?: readonly LedgerWrite[];
}

/** What a domestic balance depends on besides the ledger: margin basis and settlement status. */
export interface BalanceQuery {
  mgnaDvsn: '01' | '02';
  exccStatCd: '1' | '2';
}

const CHECKED: BalanceQuery = { mgnaDvsn: '01', exccStatCd: '1' };

/** The changes after those the book already has, or undefined when they do not follow. */
function afterAhead(
  kept: Kept,
  changes: readonly LedgerWrite[],
): readonly LedgerWrite[] | undefined {
  const ahead = kept.ahead;
  if (ahead === undefined) return changes;
  if (changes.length < ahead.length) return undefined;
  for (let i = 0; i < ahead.length; i++) if (changes[i] !== ahead[i]) return undefined;
  return changes.slice(ahead.length);
}

/**
 * Domestic balances kept between ledger writes: one {@link DomesticBalanceBook} per account,
 * margin basis and settlement status (the last `max` used). An inquiry after a write asks the
 * store what changed since the book's revision ({@link LedgerStore.changesSince}); fills of the
 * account's business date, prices of that date under codes the book knows and the account's
 * deposits are applied to the book, which settles only the series they touch. Anything else
 * (positions, orders, underlyings, parameters, masters, the business date, another
 * connection's write) builds the book again from a full read, and a change the book refuses
 * falls back to a fresh `computeDomesticBalance`, so answers and errors are a fresh compute's.
 *
 * @example
 * ```ts
 * const kept = new KeptDomesticBalances(store, 8, stats);
 * kept.balance(account, { mgnaDvsn: '01', exccStatCd: '1' }); // built
 * store.addFill(fill);
 * kept.balance(account, { mgnaDvsn: '01', exccStatCd: '1' }); // one series settled again
 * ```
 */
export class KeptDomesticBalances {
  private readonly books: Lru<Kept>;
  /** Rows of kept books known to fit the wire (a changed series gets new row objects). */
  private readonly fitted = new WeakSet<object>();

  constructor(
    private readonly store: LedgerStore,
    private readonly max: number,
    readonly stats: KeptBalanceStats = { booksBuilt: 0, booksUpdated: 0, changesApplied: 0 },
  ) {
    this.books = new Lru(Math.max(1, max));
  }

  /** The balance of `account` now: what `computeDomesticBalance` of its ledger input returns. */
  balance(account: LedgerAccount, query: BalanceQuery): DomesticBalance {
    const store = this.store;
    // Inside a transaction the ledger's state is not a revision yet: computed afresh.
    if (!this.keeps() || store.openTransaction?.() !== undefined) {
      return this.fresh(account, query);
    }
    return this.sync(account, query, [])?.balance() ?? this.fresh(account, query);
  }

  /**
   * Inside a write's transaction, check that `account` still answers its balance (01, 1) with
   * the transaction's writes, through the kept book when they are fills, prices and deposits
   * (the book keeps them, and drops them if the transaction rolls back). Otherwise, or when
   * the book refuses them, a fresh compute throws the error an inquiry would answer. The
   * balance must also fit the inquiry's wire fields ({@link assertBalanceFitsWire}); rows of
   * a kept book are encoded once, so after a change only the changed series' rows are.
   *
   * With `keep` false an account with no usable kept book is computed afresh, not given one:
   * books are kept for the accounts being asked (the last `max`), and a write reaching many
   * accounts (a price held everywhere) would otherwise push theirs out. A write to the account
   * itself (a fill) keeps one: the next inquiry is likely of that account.
   */
  check(account: LedgerAccount, keep = true): void {
    const writes = this.store.openTransaction?.()?.writes;
    const book =
      !this.keeps() || writes === undefined ? undefined : this.sync(account, CHECKED, writes, keep);
    if (book === undefined) assertBalanceFitsWire(this.fresh(account, CHECKED));
    else assertBalanceFitsWire(book.balance(), this.fitted);
  }

  private keeps(): boolean {
    const store = this.store;
    return this.max > 0 && store.changesSince !== undefined && store.revision !== undefined;
  }

  /** A fresh compute of what no book could answer (its answer, or the error it throws). */
  private fresh(account: LedgerAccount, query: BalanceQuery): DomesticBalance {
    return computeDomesticBalance(domesticBalanceInput(this.store, account, query));
  }

  /**
   * The kept book of `account` and `query` brought up to the store's state (and `open`, the
   * writes of the open transaction, if any), or built again (unless `build` is false);
   * undefined when no book can be had.
   */
  private sync(
    account: LedgerAccount,
    query: BalanceQuery,
    open: readonly LedgerWrite[],
    build = true,
  ): DomesticBalanceBook | undefined {
    const store = this.store;
    const key = `${account.id}|${query.mgnaDvsn}|${query.exccStatCd}`;
    // Read before the changes: a write of another connection in between rebuilds next time.
    const revision = store.revision!();
    const ahead = open.length === 0 ? undefined : open.slice();
    const kept = this.books.get(key);
    if (kept !== undefined) {
      const committed = store.changesSince!(kept.revision);
      const rest = committed === undefined ? undefined : afterAhead(kept, committed);
      if (rest !== undefined && this.apply(kept, account.id, [...rest, ...open])) {
        kept.revision = revision;
        kept.ahead = ahead;
        return kept.book;
      }
      this.books.delete(key);
    }
    if (!build) return undefined;
    const input = domesticBalanceInput(store, account, query);
    const built = this.build(input);
    if (built === undefined) return undefined;
    this.stats.booksBuilt++;
    const entry: Kept = {
      book: built,
      revision,
      businessDate: store.businessDate() ?? '',
      quoted: new Set(input.market.quotes.map((q) => q.pdno)),
    };
    if (ahead !== undefined) entry.ahead = ahead;
    this.books.set(key, entry);
    return built;
  }

  /** A book of `input`, or undefined when it refuses it (the fresh compute then answers). */
  private build(input: DomesticBalanceInput): DomesticBalanceBook | undefined {
    try {
      return new DomesticBalanceBook(input);
    } catch {
      return undefined;
    }
  }

  /** Apply `changes` to the kept book; false when it must be built again. */
  private apply(kept: Kept, accountId: string, changes: readonly LedgerWrite[]): boolean {
    const { book, businessDate } = kept;
    let applied = 0;
    let cash = false;
    try {
      for (const c of changes) {
        if (c.kind === 'fill') {
          const f = c.fill;
          if (f.accountId !== accountId || f.businessDate !== businessDate) continue;
          book.addFill(krxFillOf(f));
        } else if (c.kind === 'price') {
          const p = c.price;
          if (p.date !== businessDate || isOverseasInstrument(p.instrument)) continue;
          // A new price row is a quote the fresh input lists in its own place: read it afresh.
          if (!kept.quoted.has(p.instrument)) return false;
          book.setQuote(krxQuoteOf(p));
        } else if (c.kind === 'deposit') {
          if (c.accountId !== accountId) continue;
          cash = true;
        } else {
          continue; // a name: applied to the rows after the book (see the back office)
        }
        applied++;
      }
      if (cash) book.setCash(domesticCashOf(this.store, accountId, businessDate));
    } catch {
      // Refused (the book changed nothing of that change, but maybe of earlier ones): rebuild.
      return false;
    }
    if (applied > 0) {
      this.stats.booksUpdated++;
      this.stats.changesApplied += applied;
    }
    return true;
  }
}
