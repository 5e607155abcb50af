/**
 * The KRX price-variation scan of one series, kept in two forms: float P&L per scenario for the
 * fast search of the worst scenario, and the exact P&L of any scenario for the amount reported.
 *
 * Scenario j = 2 × (k + half) + (0 vol up | 1 vol down), k = −half … +half, price move
 * range × k / half. Exact values are carried multiplied by `half`, so a futures move
 * price × range × k / half stays an exact decimal (price × range × k) and the one division by
 * `half` happens with the rounding the rule names.
 */
import { Decimal } from '@kisfo/protocol';
import { blackScholesPrice } from '../pricing/black-scholes.js';
import { black76Price } from '../pricing/black76.js';
import type { KrxInstrument } from './codes.js';
import type { KrxMarginParameters } from './margin-params.js';
import { instrumentKey, KrxInputError, type KrxMarketIndex } from './resolve.js';

/**
 * Decimal places at which a model (theoretical) option price enters money: KIS's price scale.
 * The model is a float; its price is quantised once, half-up, to this many places, and every
 * amount built from it is exact from there on.
 */
export const KRX_THEORETICAL_PRICE_SCALE = 8;

/** One series' scan. */
export interface KrxSeriesScan {
  /** Per-contract P&L in price units at each of the 2n scenarios (float). */
  readonly pnl: Float64Array;
  /** The series' price on the margin's base day (quote price). */
  readonly price: Decimal;
  /**
   * Options: the theoretical price at scenario j, quantised (see
   * {@link KRX_THEORETICAL_PRICE_SCALE}); computed on first use. Undefined for futures.
   */
  readonly valueAt?: (j: number) => Decimal;
  /** Exact per-contract P&L × half at scenario j (price units). */
  exactTimesHalf(j: number): Decimal;
}

/**
 * Scan one series. Futures move by base × range × k / half (base = the group's underlying level).
 * Options are repriced with Black–Scholes (index) or Black-76 (futures) at
 * base × (1 + range × k / half) under vol up and vol down, and measured from the series' prior
 * close (its quoted price on the margin's base day), as KRX measures the option scan and the
 * option adjustment: a scenario's loss is what the position would lose against the price it is
 * marked at, model error included. Source: KRX 순위험위탁증거금 as brokers publish it —
 * "(증거금구간수치상의 최대옵션이론가격 − 전일의 옵션종가) × 미결제약정수량 × 승수", floored by OA.
 */
export function scanKrxSeries(
  ins: KrxInstrument,
  market: KrxMarketIndex,
  groupVol: number,
  baseD: Decimal,
  range: Decimal,
  half: number,
  volShift: number,
  p: KrxMarginParameters,
): KrxSeriesScan {
  const q = market.quote(ins, `positions "${instrumentKey(ins)}"`);
  const count = 4 * half + 2;
  const pnl = new Float64Array(count);
  const rangeF = range.toNumber();
  const base = baseD.toNumber();
  if (ins.spec.kind === 'future') {
    // KRX scans the underlying's base-day close ± the margin rate; a future moves with it
    // (broker example: 249.00 × 250,000 × 8.25 % = 5,135,625 for one KOSPI200 future).
    const price = base;
    for (let k = -half; k <= half; k++) {
      const d = half === 0 ? 0 : (price * rangeF * k) / half;
      pnl[2 * (k + half)] = d;
      pnl[2 * (k + half) + 1] = d;
    }
    const step = baseD.mul(range);
    return {
      pnl,
      price: q.priceD,
      exactTimesHalf: (j) => step.mul((j >> 1) - half),
    };
  }
  const vol = q.vol ?? groupVol;
  if (!(vol >= 0)) throw new KrxInputError(`${q.path}.vol`, `must be ≥ 0 (got ${vol})`);
  const isCall = ins.spec.kind === 'call';
  const k0 = ins.strike!.toNumber();
  const t = market.timeToExpiry(ins);
  const value =
    ins.spec.optionModel === 'black-76'
      ? (u: number, v: number) => black76Price(isCall, u, k0, t, v, p.rate)
      : (u: number, v: number) => blackScholesPrice(isCall, u, k0, t, v, p.rate, p.dividendYield);
  const close = q.priceD;
  const closeF = close.toNumber();
  const up = vol * (1 + volShift);
  const down = vol * Math.max(0, 1 - volShift);
  const raw = new Float64Array(count);
  for (let k = -half; k <= half; k++) {
    const u = base * (1 + (half === 0 ? 0 : (rangeF * k) / half));
    raw[2 * (k + half)] = value(u, up);
    raw[2 * (k + half) + 1] = value(u, down);
  }
  for (let j = 0; j < count; j++) pnl[j] = raw[j]! - closeF;
  const quant = (x: number) => Decimal.fromFloat(x, KRX_THEORETICAL_PRICE_SCALE, 'half-up');
  // Quantised lazily: only the worst scenario's candidates and the OA extremes are ever read.
  const cache: (Decimal | undefined)[] = new Array(count);
  const valueAt = (j: number): Decimal => {
    let v = cache[j];
    if (v === undefined) {
      v = quant(raw[j]!);
      cache[j] = v;
    }
    return v;
  };
  return {
    pnl,
    price: close,
    valueAt,
    exactTimesHalf: (j) => valueAt(j).sub(close).mul(half),
  };
}

/**
 * KRX option adjustment (OA) of one option position, exact, before rounding:
 * short call (put) = rate × (theoretical price at the extreme up (down) move − prior close);
 * long call (put) = rate × (prior close − theoretical price at the extreme down (up) move);
 * × |qty| × multiplier, never below 0. "Prior close" is the series' price on the margin's base day
 * (the quote); the theoretical price takes the volatility scenario that is worse for the position
 * (the higher value for a short, the lower for a long).
 *
 * @example
 * // short 1 call, extreme-up theoretical 12.40, close 5.00, rate 0.3, mult 250,000:
 * // 0.3 × (12.40 − 5.00) × 1 × 250,000 = 555,000
 */
export function krxOptionAdjustment(
  ins: KrxInstrument,
  scan: KrxSeriesScan,
  qty: number,
  rate: Decimal,
  half: number,
): Decimal {
  const at = scan.valueAt;
  if (at === undefined || qty === 0 || rate.isZero()) return Decimal.ZERO;
  const upHi = at(4 * half);
  const upLo = at(4 * half + 1);
  const downHi = at(0);
  const downLo = at(1);
  const isCall = ins.spec.kind === 'call';
  const short = qty < 0;
  // A short loses when its option gains; a long loses when its option falls.
  const extremeUpMove = isCall === short;
  const hi = extremeUpMove ? Decimal.max(upHi, upLo) : Decimal.max(downHi, downLo);
  const lo = extremeUpMove ? Decimal.min(upHi, upLo) : Decimal.min(downHi, downLo);
  const perContract = short ? hi.sub(scan.price) : scan.price.sub(lo);
  if (!perContract.isPositive()) return Decimal.ZERO;
  return rate.mul(perContract).mul(ins.multiplier).mul(Math.abs(qty));
}
