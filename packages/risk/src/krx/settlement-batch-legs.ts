import { KrxInputError } from './resolve.js';
import { grown, keepShape, type RowRef } from './settlement-batch-columns.js';

/**
 * Legs of a batch: one per account and series touched (KRX nets, so one side is open at a time),
 * with the account's running net quantity per series while its rows are read. Per series it keeps
 * the leg of the account being read, stamped with the account's number, so nothing is cleared
 * between accounts.
 *
 * `count` legs are in use; the leg columns double when full, and so do the per-series arrays.
 * A plain object from {@link batchLegs}, whose shape is kept (see `keepShape`).
 */
export interface BatchLegs {
  series: Int32Array;
  openQty: Float64Array;
  count: number;
  /** Per series: 1 + the account whose leg `legOf` holds (0: none yet). */
  stamp: Int32Array;
  legOf: Int32Array;
  /** Per series: the stamped account's net quantity so far. */
  netQty: Float64Array;
}

/** Empty legs with room for `capacity` to start with. */
export function batchLegs(capacity: number): BatchLegs {
  const room = Math.max(16, capacity);
  return {
    series: new Int32Array(room),
    openQty: new Float64Array(room),
    count: 0,
    stamp: new Int32Array(64),
    legOf: new Int32Array(64),
    netQty: new Float64Array(64),
  };
}

keepShape(batchLegs(0));

/** Net quantity of series `s` so far in account `a` (0 when not touched). */
export function legNet(legs: BatchLegs, s: number, a: number): number {
  return legs.stamp[s] === a + 1 ? legs.netQty[s]! : 0;
}

/** The leg of series `s` in account `a`, opened on first touch. */
export function touchLeg(legs: BatchLegs, s: number, a: number): number {
  ensureLegSeries(legs, s + 1);
  if (legs.stamp[s] !== a + 1) {
    if (legs.count === legs.series.length) {
      legs.series = grown(legs.series, new Int32Array(legs.count * 2));
      legs.openQty = grown(legs.openQty, new Float64Array(legs.count * 2));
    }
    legs.stamp[s] = a + 1;
    legs.netQty[s] = 0;
    legs.series[legs.count] = s;
    legs.legOf[s] = legs.count++;
  }
  return legs.legOf[s]!;
}

/** Add `q` to the net of series `s` (touched in the current account). */
export function addLegNet(legs: BatchLegs, s: number, q: number, at: RowRef): void {
  const v = legs.netQty[s]! + q;
  if (!Number.isSafeInteger(v))
    throw new KrxInputError(`${at.path('.qty')}: open quantity exceeds 2^53 − 1`);
  legs.netQty[s] = v;
}

/** Room in the per-series arrays for series numbers below `seriesCount`. */
export function ensureLegSeries(legs: BatchLegs, seriesCount: number): void {
  if (seriesCount <= legs.stamp.length) return;
  let size = legs.stamp.length * 2;
  while (size < seriesCount) size *= 2;
  legs.stamp = grown(legs.stamp, new Int32Array(size));
  legs.legOf = grown(legs.legOf, new Int32Array(size));
  legs.netQty = grown(legs.netQty, new Float64Array(size));
}
