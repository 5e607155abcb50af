import type { Decimal } from '@kisfo/protocol';
import { decimalAt, KrxInputError, qtyAt } from './resolve.js';
import {
  type Fixed,
  grown,
  keepShape,
  noteScale,
  RowRef,
  scanPlainDecimal,
  splitDecimal,
} from './settlement-batch-columns.js';
import {
  addLegNet,
  type BatchLegs,
  ensureLegSeries,
  legNet,
  touchLeg,
} from './settlement-batch-legs.js';
import type { BatchSeries } from './settlement-batch-series.js';
import type { KrxFill, KrxPosition } from './types.js';

// The general reader of one row into the batch columns, with the checks and messages of
// settleKrxDay: every form of input, every error. The one-pass reader (`readAccounts`)
// hands it every row that is not plain. Paths (`accounts[3].fills[1].qty`) are built only when
// something is wrong.

// Read once: called per row, and an imported binding may be read through a getter.
const scanPlain = scanPlainDecimal;
const fixed: Fixed = { c: 0, s: 0 };
const ignored: Fixed = { c: 0, s: 0 };
const at = new RowRef();
const priorPath = () => at.path('.priorSettlement');
const pricePath = () => at.path('.price');

/**
 * The position and fill columns of a batch, before rescaling to the common price scale: `p` and
 * `f` rows in use, room doubled when full (the batch gets views of the rows in use, no copies).
 * A plain object from {@link batchRows}, whose shape is kept (see `keepShape`).
 */
export interface BatchRows {
  posSeries: Int32Array;
  posQty: Float64Array;
  /** Prior settlement coefficients at the scales in `posPriorS` (rescaled in place later). */
  posPriorC: Float64Array;
  posPriorS: Int32Array;
  fillSeries: Int32Array;
  fillQty: Float64Array;
  fillPriceC: Float64Array;
  fillPriceS: Int32Array;
  fillLeg: Int32Array;
  /** Position rows written. */
  p: number;
  /** Fill rows written. */
  f: number;
}

/** Empty columns with room for `positions` and `fills` rows to start with. */
export function batchRows(positions: number, fills: number): BatchRows {
  const p = Math.max(16, positions);
  const f = Math.max(16, fills);
  return {
    posSeries: new Int32Array(p),
    posQty: new Float64Array(p),
    posPriorC: new Float64Array(p),
    posPriorS: new Int32Array(p),
    fillSeries: new Int32Array(f),
    fillQty: new Float64Array(f),
    fillPriceC: new Float64Array(f),
    fillPriceS: new Int32Array(f),
    fillLeg: new Int32Array(f),
    p: 0,
    f: 0,
  };
}

keepShape(batchRows(0, 0));

/** The next position row, doubling the position columns when they are full. */
function nextPosition(rows: BatchRows): number {
  if (rows.p === rows.posSeries.length) {
    const size = rows.p * 2;
    rows.posSeries = grown(rows.posSeries, new Int32Array(size));
    rows.posQty = grown(rows.posQty, new Float64Array(size));
    rows.posPriorC = grown(rows.posPriorC, new Float64Array(size));
    rows.posPriorS = grown(rows.posPriorS, new Int32Array(size));
  }
  return rows.p++;
}

/** The next fill row, doubling the fill columns when they are full. */
function nextFill(rows: BatchRows): number {
  if (rows.f === rows.fillSeries.length) {
    const size = rows.f * 2;
    rows.fillSeries = grown(rows.fillSeries, new Int32Array(size));
    rows.fillQty = grown(rows.fillQty, new Float64Array(size));
    rows.fillPriceC = grown(rows.fillPriceC, new Float64Array(size));
    rows.fillPriceS = grown(rows.fillPriceS, new Int32Array(size));
    rows.fillLeg = grown(rows.fillLeg, new Int32Array(size));
  }
  return rows.f++;
}

/** A positive safe-integer quantity, or the `qtyAt` error. */
function quantity(value: unknown): number {
  if (typeof value === 'number' && value > 0 && Number.isSafeInteger(value)) return value;
  return qtyAt(value, at.path('.qty'));
}

/**
 * Read position `i` of account `a`: validated, netted into its leg, prior as fixed point.
 * Returns its signed quantity.
 */
export function readPosition(
  a: number,
  i: number,
  p: KrxPosition,
  series: BatchSeries,
  legs: BatchLegs,
  out: BatchRows,
): number {
  at.a = a;
  at.kind = 'positions';
  at.i = i;
  const s = series.of(p.pdno, at);
  ensureLegSeries(legs, series.rows.length);
  const long = p.side === 'long';
  if (!long && p.side !== 'short')
    throw new KrxInputError(
      `${at.path('.side')}: must be "long" or "short" (got ${JSON.stringify(p.side)})`,
    );
  const qty = quantity(p.qty);
  // The average price is not settled on, but a malformed one is refused as settleKrxDay does.
  const avg = p.avgPrice;
  if (typeof avg !== 'string' || !scanPlain(avg, ignored)) decimalAt(avg, at.path('.avgPrice'));
  const slowPrior = series.prior(s, p.priorSettlement, at, fixed);
  const net = legNet(legs, s, a);
  if (long ? net < 0 : net > 0) {
    throw new KrxInputError(
      `${at.path()}: ${p.side} and the opposite side of "${p.pdno}" are both open (KRX nets positions)`,
    );
  }
  series.needPrice(s, at);
  const leg = touchLeg(legs, s, a);
  const q = long ? qty : -qty;
  addLegNet(legs, s, q, at);
  legs.openQty[leg]! += q;
  if (slowPrior === undefined) {
    if (fixed.s > series.priceScale.max) noteScale(fixed.s, series.priceScale, priorPath);
  } else {
    [fixed.c, fixed.s] = splitDecimal(slowPrior, priorPath, series.priceScale);
    if (p.priorSettlement === undefined) series.rememberQuotePrior(s, fixed.c, fixed.s);
  }
  const r = nextPosition(out);
  out.posSeries[r] = s;
  out.posQty[r] = q;
  out.posPriorC[r] = fixed.c;
  out.posPriorS[r] = fixed.s;
  return q;
}

/**
 * Read fill `i` of account `a`: validated against its open legs, price as fixed point. Returns
 * its signed quantity.
 */
export function readFill(
  a: number,
  i: number,
  f: KrxFill,
  series: BatchSeries,
  legs: BatchLegs,
  out: BatchRows,
): number {
  at.a = a;
  at.kind = 'fills';
  at.i = i;
  const s = series.of(f.pdno, at);
  ensureLegSeries(legs, series.rows.length);
  // The checks of checkKrxFill, in its order and with its messages.
  if (f.side !== 'buy' && f.side !== 'sell') {
    throw new KrxInputError(
      `${at.path('.side')}: must be "buy" or "sell" (got ${JSON.stringify(f.side)})`,
    );
  }
  if (f.openClose !== 'open' && f.openClose !== 'close') {
    throw new KrxInputError(
      `${at.path('.openClose')}: must be "open" or "close" (got ${JSON.stringify(f.openClose)})`,
    );
  }
  const qty = quantity(f.qty);
  // A plain price string is read in one pass; anything else goes through the Decimal path.
  let slowPrice: Decimal | undefined;
  if (typeof f.price !== 'string' || !scanPlain(f.price, fixed))
    slowPrice = decimalAt(f.price, at.path('.price'));
  if (slowPrice === undefined ? fixed.c < 0 : slowPrice.isNegative()) {
    const shown = (slowPrice ?? decimalAt(f.price, at.path('.price'))).toString();
    throw new KrxInputError(`${at.path('.price')}: must be ≥ 0 (got ${shown})`);
  }
  const buy = f.side === 'buy';
  series.needRate(s, at);
  series.needPrice(s, at);
  const cur = legNet(legs, s, a);
  if (f.openClose === 'open') {
    const opp = buy ? Math.max(0, -cur) : Math.max(0, cur);
    if (opp > 0) {
      throw new KrxInputError(
        `${at.path()}: opening ${f.side} of "${f.pdno}" while ${opp} ${buy ? 'short' : 'long'} are open (KRX nets positions; use openClose "close")`,
      );
    }
  } else {
    const have = buy ? Math.max(0, -cur) : Math.max(0, cur);
    if (have < qty) {
      throw new KrxInputError(
        `${at.path('.qty')}: closing ${qty} of "${f.pdno}" but only ${have} ${buy ? 'short' : 'long'} open`,
      );
    }
  }
  const leg = touchLeg(legs, s, a);
  const q = buy ? qty : -qty;
  addLegNet(legs, s, q, at);
  if (slowPrice === undefined) {
    if (fixed.s > series.priceScale.max) noteScale(fixed.s, series.priceScale, pricePath);
  } else [fixed.c, fixed.s] = splitDecimal(slowPrice, pricePath, series.priceScale);
  const r = nextFill(out);
  out.fillSeries[r] = s;
  out.fillQty[r] = q;
  out.fillPriceC[r] = fixed.c;
  out.fillPriceS[r] = fixed.s;
  out.fillLeg[r] = leg;
  return q;
}
