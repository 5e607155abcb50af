import { KrxInputError } from './resolve.js';
import { type Fixed, keepShape, scanPlainDecimal } from './settlement-batch-columns.js';
import type { BatchLegs } from './settlement-batch-legs.js';
import { type BatchRows, readFill, readPosition } from './settlement-batch-rows.js';
import {
  type BatchSeries,
  SERIES_FINAL,
  SERIES_PRICED,
  SERIES_QUOTE_PRIOR,
  SERIES_RATED,
  type SeriesState,
} from './settlement-batch-series.js';
import type { KrxFill, KrxPosition } from './types.js';

// Read once: called per row, and an imported binding may be read through a getter.
const scanPlain = scanPlainDecimal;
const readPositionRow = readPosition;
const readFillRow = readFill;
const fixed: Fixed = { c: 0, s: 0 };
// Out of line: the reader's code then checks no BatchSeries shape.
const needFinalValue = (series: BatchSeries, s: number) => series.needFinalValue(s);
const PRICED_AND_RATED = SERIES_PRICED | SERIES_RATED;

/** One account as the reader takes it (checked to be an object with two arrays). */
interface AccountRows {
  positions: readonly KrxPosition[];
  fills: readonly KrxFill[];
}

/** Where each account's rows start (`n + 1` entries each), filled by {@link readAccounts}. */
export interface AccountStarts {
  positionStart: Int32Array;
  fillStart: Int32Array;
  legStart: Int32Array;
}

/** Starts for `n` accounts (always made here: one kept shape, see `keepShape`). */
export function accountStarts(n: number): AccountStarts {
  return {
    positionStart: new Int32Array(n + 1),
    fillStart: new Int32Array(n + 1),
    legStart: new Int32Array(n + 1),
  };
}
keepShape(accountStarts(0));

/**
 * Read every account's rows into `rows` and `legs`, in order, with the checks and errors of
 * `settleKrxDay` (the first bad field of the first bad row is named). Returns the largest sum of
 * |quantity| over one account's positions and fills (the wide-account bound uses it).
 *
 * One pass: a row whose fields are all plain (a known code, `long`/`short` or `buy`/`sell` and
 * `open`/`close`, a positive safe-integer quantity, plain decimal strings for prices, a series
 * already quoted and rated, legal against the account's open legs, and no new price scale) is
 * checked and written right here, making no object or string (its one call, the decimal scanner,
 * is inlined); any other row goes to the general reader (`readPosition` / `readFill`), which
 * takes every form and names every error. The two write exactly the same columns.
 * `onePass: false` sends every row to the general reader (what the tests compare the one pass
 * with).
 */
export function readAccounts(
  accounts: readonly unknown[],
  series: BatchSeries,
  st: SeriesState,
  legs: BatchLegs,
  rows: BatchRows,
  starts: AccountStarts,
  onePass = true,
): number {
  const n = accounts.length;
  const { positionStart, fillStart, legStart } = starts;
  // Only objects of kept shapes are read here (see `keepShape`); `st` is `series.state`.
  const priceScale = st.priceScale;
  const byCode = st.byCode;
  // Arrays the general reader may replace (growing them): read again after each of its calls.
  // A full column sends the row to the general reader, which grows it.
  let { posSeries, posQty, posPriorC, posPriorS } = rows;
  let { fillSeries, fillQty, fillPriceC, fillPriceS, fillLeg } = rows;
  let legSeries = legs.series;
  let legOpen = legs.openQty;
  let posRoom = posSeries.length;
  let fillRoom = fillSeries.length;
  let legRoom = legSeries.length;
  let ready = st.ready;
  let quotePriorC = st.quotePriorC;
  let quotePriorS = st.quotePriorS;
  let stamp = legs.stamp;
  let legOf = legs.legOf;
  let netQty = legs.netQty;
  let scaleMax = priceScale.max;
  let pr = 0;
  let fr = 0;
  let lr = 0;
  let most = 0;

  for (let a = 0; a < n; a++) {
    const acc = accounts[a] as AccountRows;
    if (acc === null || typeof acc !== 'object')
      throw new KrxInputError(`accounts[${a}]: must be an object with positions and fills`);
    const positions = acc.positions;
    if (!Array.isArray(positions))
      throw new KrxInputError(`accounts[${a}].positions: must be an array`);
    const fills = acc.fills;
    if (!Array.isArray(fills)) throw new KrxInputError(`accounts[${a}].fills: must be an array`);
    positionStart[a] = pr;
    fillStart[a] = fr;
    legStart[a] = lr;
    const mark = a + 1;
    let qtySum = 0;

    for (let i = 0; i < positions.length; i++) {
      const p = positions[i] as KrxPosition;
      // biome-ignore lint/suspicious/noConfusingLabels: any check that fails leaves with `break plain` for the general reader.
      plain: {
        if (!onePass || pr >= posRoom || lr >= legRoom) break plain;
        const pdno = p.pdno;
        if (typeof pdno !== 'string') break plain;
        const s = byCode.get(pdno);
        if (s === undefined) break plain;
        const side = p.side;
        const long = side === 'long';
        if (!long && side !== 'short') break plain;
        const qty = p.qty;
        if (typeof qty !== 'number' || !(qty > 0) || !Number.isSafeInteger(qty)) break plain;
        const avg = p.avgPrice;
        if (typeof avg !== 'string' || !scanPlain(avg, fixed)) break plain;
        const prior = p.priorSettlement;
        let c: number;
        let scale: number;
        if (typeof prior === 'string') {
          if (!scanPlain(prior, fixed)) break plain;
          c = fixed.c;
          scale = fixed.s;
        } else if (prior === undefined && (ready[s]! & SERIES_QUOTE_PRIOR) !== 0) {
          c = quotePriorC[s]!;
          scale = quotePriorS[s]!;
        } else break plain;
        const touched = stamp[s] === mark;
        const net = touched ? netQty[s]! : 0;
        if (long ? net < 0 : net > 0) break plain;
        if ((ready[s]! & SERIES_PRICED) === 0) break plain;
        const q = long ? qty : -qty;
        const next = net + q;
        if (!Number.isSafeInteger(next)) break plain;
        // A new largest scale is noted (with the row's path) by the general reader.
        if (scale > scaleMax) break plain;
        let leg: number;
        if (touched) leg = legOf[s]!;
        else {
          stamp[s] = mark;
          leg = lr++;
          legSeries[leg] = s;
          legOf[s] = leg;
        }
        netQty[s] = next;
        legOpen[leg]! += q;
        posSeries[pr] = s;
        posQty[pr] = q;
        posPriorC[pr] = c;
        posPriorS[pr++] = scale;
        qtySum += qty;
        continue;
      }
      rows.p = pr;
      legs.count = lr;
      qtySum += Math.abs(readPositionRow(a, i, p, series, legs, rows));
      pr = rows.p;
      lr = legs.count;
      ({ posSeries, posQty, posPriorC, posPriorS } = rows);
      posRoom = posSeries.length;
      legSeries = legs.series;
      legOpen = legs.openQty;
      legRoom = legSeries.length;
      ready = st.ready;
      quotePriorC = st.quotePriorC;
      quotePriorS = st.quotePriorS;
      stamp = legs.stamp;
      legOf = legs.legOf;
      netQty = legs.netQty;
      scaleMax = priceScale.max;
    }

    for (let i = 0; i < fills.length; i++) {
      const f = fills[i] as KrxFill;
      // biome-ignore lint/suspicious/noConfusingLabels: any check that fails leaves with `break plain` for the general reader.
      plain: {
        if (!onePass || fr >= fillRoom || lr >= legRoom) break plain;
        const pdno = f.pdno;
        if (typeof pdno !== 'string') break plain;
        const s = byCode.get(pdno);
        if (s === undefined) break plain;
        const side = f.side;
        const buy = side === 'buy';
        if (!buy && side !== 'sell') break plain;
        const openClose = f.openClose;
        const open = openClose === 'open';
        if (!open && openClose !== 'close') break plain;
        const qty = f.qty;
        if (typeof qty !== 'number' || !(qty > 0) || !Number.isSafeInteger(qty)) break plain;
        const price = f.price;
        if (typeof price !== 'string' || !scanPlain(price, fixed)) break plain;
        const c = fixed.c;
        const scale = fixed.s;
        if (c < 0) break plain;
        if ((ready[s]! & PRICED_AND_RATED) !== PRICED_AND_RATED) break plain;
        const touched = stamp[s] === mark;
        const cur = touched ? netQty[s]! : 0;
        // Opening against an open opposite side, or closing more than is open.
        if (open ? (buy ? cur < 0 : cur > 0) : (buy ? -cur : cur) < qty) break plain;
        const q = buy ? qty : -qty;
        const next = cur + q;
        if (!Number.isSafeInteger(next)) break plain;
        if (scale > scaleMax) break plain;
        let leg: number;
        if (touched) leg = legOf[s]!;
        else {
          stamp[s] = mark;
          leg = lr++;
          legSeries[leg] = s;
          legOf[s] = leg;
        }
        netQty[s] = next;
        fillSeries[fr] = s;
        fillQty[fr] = q;
        fillPriceC[fr] = c;
        fillPriceS[fr] = scale;
        fillLeg[fr++] = leg;
        qtySum += qty;
        continue;
      }
      rows.f = fr;
      legs.count = lr;
      qtySum += Math.abs(readFillRow(a, i, f, series, legs, rows));
      fr = rows.f;
      lr = legs.count;
      ({ fillSeries, fillQty, fillPriceC, fillPriceS, fillLeg } = rows);
      fillRoom = fillSeries.length;
      legSeries = legs.series;
      legOpen = legs.openQty;
      legRoom = legSeries.length;
      ready = st.ready;
      quotePriorC = st.quotePriorC;
      quotePriorS = st.quotePriorS;
      stamp = legs.stamp;
      legOf = legs.legOf;
      netQty = legs.netQty;
      scaleMax = priceScale.max;
    }

    // Expiring series still open at the close need their exercise value (as settleKrxDay does).
    if (st.anyFinal) {
      for (let l = legStart[a]!; l < lr; l++) {
        const s = legSeries[l]!;
        if ((ready[s]! & SERIES_FINAL) !== 0 && netQty[s] !== 0) needFinalValue(series, s);
      }
    }
    if (qtySum > most) most = qtySum;
  }
  positionStart[n] = pr;
  fillStart[n] = fr;
  legStart[n] = lr;
  rows.p = pr;
  rows.f = fr;
  legs.count = lr;
  return most;
}
