import { KrxInputError } from './resolve.js';
import { type Column, floatColumn, intColumn, type RowRef } from './settlement-batch-columns.js';

/**
 * Legs of a batch: one per account and series touched (KRX nets, so one side is open at a time),
 * with the account's running net quantity per series while its rows are read. Per series it keeps
 * the leg of the account being read, stamped with the account's number, so nothing is cleared
 * between accounts.
 */
export class BatchLegs {
  readonly series: Column<Int32Array>;
  readonly openQty: Column<Float64Array>;
  #stamp = new Int32Array(64);
  #legOf = new Int32Array(64);
  #net = new Float64Array(64);

  constructor(hint: number) {
    this.series = intColumn(hint);
    this.openQty = floatColumn(hint);
  }

  /** Net quantity of series `s` so far in account `a` (0 when not touched). */
  net(s: number, a: number): number {
    return this.#stamp[s] === a + 1 ? this.#net[s]! : 0;
  }

  /** The leg of series `s` in account `a`, opened on first touch. */
  touch(s: number, a: number): number {
    if (s >= this.#stamp.length) this.#grow();
    if (this.#stamp[s] !== a + 1) {
      this.#stamp[s] = a + 1;
      this.#net[s] = 0;
      this.#legOf[s] = this.series.push(s);
      this.openQty.push(0);
    }
    return this.#legOf[s]!;
  }

  /** Add `q` to the net of series `s` (touched in the current account). */
  addNet(s: number, q: number, at: RowRef): void {
    const v = this.#net[s]! + q;
    if (!Number.isSafeInteger(v))
      throw new KrxInputError(`${at.path('.qty')}: open quantity exceeds 2^53 − 1`);
    this.#net[s] = v;
  }

  #grow(): void {
    const grow = <T extends Int32Array | Float64Array>(x: T, make: (m: number) => T): T => {
      const y = make(x.length * 2);
      y.set(x);
      return y;
    };
    this.#stamp = grow(this.#stamp, (m) => new Int32Array(m));
    this.#legOf = grow(this.#legOf, (m) => new Int32Array(m));
    this.#net = grow(this.#net, (m) => new Float64Array(m));
  }
}
