import type { LedgerStore } from '../store/types.js';

/** One change of the ledger as the dashboard sees it. */
export interface LedgerChange {
  /** When the change was seen (ISO 8601, UTC). */
  changedAt: string;
  businessDate: string;
  /** Accounts whose version moved (every account after a market-data or business-day write). */
  accounts: string[];
  /** Every account's version after the change. */
  versions: Record<string, string>;
}

/** Options of {@link LedgerWatch}. */
export interface LedgerWatchOptions {
  /** How often the ledger is looked at while someone listens (default 200 ms). */
  intervalMs?: number;
  now?: () => Date;
}

interface Snapshot {
  businessDate: string;
  versions: Record<string, string>;
}

/**
 * Notices ledger changes (admin API writes, imports, business-day advances, another server on a
 * shared database) by comparing the business date and the account version counters, which every
 * write bumps. It polls only while a listener is subscribed.
 *
 * @example
 * ```ts
 * const watch = new LedgerWatch(store);
 * const stop = watch.subscribe((change) => console.log(change.accounts));
 * stop();
 * ```
 */
export class LedgerWatch {
  private readonly listeners = new Set<(c: LedgerChange) => void>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private last: Snapshot | undefined;
  private lastChangeAt: string;
  private readonly intervalMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly store: LedgerStore,
    options: LedgerWatchOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 200;
    this.now = options.now ?? (() => new Date());
    this.lastChangeAt = this.now().toISOString();
  }

  /** When the ledger last changed as far as this watch knows (start time before any change). */
  get changedAt(): string {
    return this.lastChangeAt;
  }

  /** Call `listener` on every change from now on; returns the unsubscribe function. */
  subscribe(listener: (c: LedgerChange) => void): () => void {
    this.listeners.add(listener);
    if (this.timer === undefined) {
      this.last = this.snapshot();
      this.timer = setInterval(() => this.check(), this.intervalMs);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Look now (the timer calls this); returns the change, if any, after telling the listeners. */
  check(): LedgerChange | undefined {
    const next = this.snapshot();
    const prev = this.last ?? next;
    this.last = next;
    const moved = Object.keys(next.versions).filter(
      (id) => prev.versions[id] !== next.versions[id],
    );
    const gone = Object.keys(prev.versions).filter((id) => next.versions[id] === undefined);
    if (moved.length === 0 && gone.length === 0 && prev.businessDate === next.businessDate)
      return undefined;
    this.lastChangeAt = this.now().toISOString();
    const change: LedgerChange = {
      changedAt: this.lastChangeAt,
      businessDate: next.businessDate,
      accounts: [...moved, ...gone],
      versions: next.versions,
    };
    for (const l of this.listeners) l(change);
    return change;
  }

  /** Stop polling and drop every listener. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private snapshot(): Snapshot {
    const versions: Record<string, string> = {};
    for (const a of this.store.listAccounts())
      versions[a.id] = this.store.accountVersion(a.id).toString();
    return { businessDate: this.store.businessDate() ?? '', versions };
  }
}
