import type { LedgerWrite } from './types.js';

/**
 * The recent committed changes of one connection, for {@link LedgerStore.changesSince}. Each
 * transaction notes the writes it can name; any other write makes the whole transaction
 * unknown. A bounded window: asking further back than it reaches answers `undefined`.
 *
 * @example
 * ```ts
 * const journal = new ChangeJournal();
 * journal.note({ kind: 'deposit', accountId: '80012345-03' });
 * journal.end(1, true);
 * journal.since(0); // [{ kind: 'deposit', accountId: '80012345-03' }]
 * ```
 */
export class ChangeJournal {
  /** Transaction number → its changes (`undefined`: not all known), consecutive numbers. */
  private readonly ended: { write: number; changes: LedgerWrite[] | undefined }[] = [];
  private pending: LedgerWrite[] | undefined = [];

  constructor(private readonly max = 512) {}

  /** A write of the open transaction that the journal can name. */
  note(change: LedgerWrite): void {
    this.pending?.push(change);
  }

  /** A write of the open transaction that it cannot. */
  unknown(): void {
    this.pending = undefined;
  }

  /** The open transaction's writes so far (the very objects {@link since} will list). */
  get open(): readonly LedgerWrite[] | undefined {
    return this.pending;
  }

  /** The open transaction ended as number `write`; rolled back, it changed nothing. */
  end(write: number, committed: boolean): void {
    this.ended.push({ write, changes: committed ? this.pending : [] });
    if (this.ended.length > this.max) this.ended.shift();
    this.pending = [];
  }

  /** Changes of the transactions after number `write`, or `undefined` when not all known. */
  since(write: number): LedgerWrite[] | undefined {
    const first = this.ended[0];
    const last = this.ended[this.ended.length - 1];
    if (last === undefined || write >= last.write) return [];
    if (first === undefined || first.write > write + 1) return undefined;
    const out: LedgerWrite[] = [];
    for (let i = write + 1 - first.write; i < this.ended.length; i++) {
      const changes = this.ended[i]!.changes;
      if (changes === undefined) return undefined;
      out.push(...changes);
    }
    return out;
  }
}
