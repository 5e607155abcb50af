import type { Decimal } from '@kisfo/protocol';
import { decimalAt, KrxInputError, qtyAt } from './resolve.js';
import {
  type Fixed,
  floatColumn,
  intColumn,
  noteScale,
  RowRef,
  scanPlainDecimal,
  splitDecimal,
} from './settlement-batch-columns.js';
import type { BatchLegs } from './settlement-batch-legs.js';
import type { BatchSeries } from './settlement-batch-series.js';
import type { KrxFill, KrxPosition } from './types.js';

// Reading one account's rows into the batch columns, with the checks and messages of
// settleKrxDay. Paths (`accounts[3].fills[1].qty`) are built only when something is wrong.

// Read once: called per row, and an imported binding may be read through a getter.
const scanPlain = scanPlainDecimal;
const fixed: Fixed = { c: 0, s: 0 };
const ignored: Fixed = { c: 0, s: 0 };
const at = new RowRef();
const priorPath = () => at.path('.priorSettlement');
const pricePath = () => at.path('.price');

/** The position and fill columns of a batch, before rescaling to the common price scale. */
export class BatchRows {
  readonly posSeries;
  readonly posQty;
  readonly posPriorC;
  readonly posPriorS;
  readonly fillSeries;
  readonly fillQty;
  readonly fillPriceC;
  readonly fillPriceS;
  readonly fillLeg;

  /** Room for `positions` and `fills` rows (exact when counted beforehand: no copy at the end). */
  constructor(positions: number, fills: number) {
    this.posSeries = intColumn(positions);
    this.posQty = floatColumn(positions);
    this.posPriorC = floatColumn(positions);
    this.posPriorS = intColumn(positions);
    this.fillSeries = intColumn(fills);
    this.fillQty = floatColumn(fills);
    this.fillPriceC = floatColumn(fills);
    this.fillPriceS = intColumn(fills);
    this.fillLeg = intColumn(fills);
  }
}

/** A positive safe-integer quantity, or the `qtyAt` error. */
function quantity(value: unknown): number {
  if (typeof value === 'number' && value > 0 && Number.isSafeInteger(value)) return value;
  return qtyAt(value, at.path('.qty'));
}

/** Read account `a`'s positions: validated, netted into its legs, priors as fixed point. */
export function readPositions(
  a: number,
  positions: readonly KrxPosition[],
  series: BatchSeries,
  legs: BatchLegs,
  out: BatchRows,
): void {
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    at.a = a;
    at.kind = 'positions';
    at.i = i;
    const s = series.of(p.pdno, at);
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
    const net = legs.net(s, a);
    if (long ? net < 0 : net > 0) {
      throw new KrxInputError(
        `${at.path()}: ${p.side} and the opposite side of "${p.pdno}" are both open (KRX nets positions)`,
      );
    }
    series.needPrice(s, at);
    const leg = legs.touch(s, a);
    const q = long ? qty : -qty;
    legs.addNet(s, q, at);
    legs.openQty.data[leg]! += q;
    if (slowPrior === undefined) {
      if (fixed.s > series.priceScale.max) noteScale(fixed.s, series.priceScale, priorPath);
    } else {
      [fixed.c, fixed.s] = splitDecimal(slowPrior, priorPath, series.priceScale);
      if (p.priorSettlement === undefined) series.rememberQuotePrior(s, fixed.c, fixed.s);
    }
    out.posSeries.push(s);
    out.posQty.push(q);
    out.posPriorC.push(fixed.c);
    out.posPriorS.push(fixed.s);
  }
}

/** Read account `a`'s fills: validated against its open legs, prices as fixed point. */
export function readFills(
  a: number,
  fills: readonly KrxFill[],
  series: BatchSeries,
  legs: BatchLegs,
  out: BatchRows,
): void {
  for (let i = 0; i < fills.length; i++) {
    const f = fills[i]!;
    at.a = a;
    at.kind = 'fills';
    at.i = i;
    const s = series.of(f.pdno, at);
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
    const cur = legs.net(s, a);
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
    const leg = legs.touch(s, a);
    const q = buy ? qty : -qty;
    legs.addNet(s, q, at);
    if (slowPrice === undefined) {
      if (fixed.s > series.priceScale.max) noteScale(fixed.s, series.priceScale, pricePath);
    } else [fixed.c, fixed.s] = splitDecimal(slowPrice, pricePath, series.priceScale);
    out.fillSeries.push(s);
    out.fillQty.push(q);
    out.fillPriceC.push(fixed.c);
    out.fillPriceS.push(fixed.s);
    out.fillLeg.push(leg);
  }
}
