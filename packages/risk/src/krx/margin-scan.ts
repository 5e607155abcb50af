/**
 * The KRX price-variation scan of one series, kept in two forms: float P&L per scenario for the
 * fast search of the worst scenario, and the exact P&L of any scenario for the amount reported.
 *
 * Scenario j = 2 × (k + half) + (0 vol up | 1 vol down), k = −half … +half, price move
 * range × k / half. Exact values are carried multiplied by `half`, so a futures move
 * price × range × k / half stays an exact decimal (price × range × k) and the one division by
 * `half` happens with the rounding the rule names.
 */
import { Decimal as ImportedDecimal } from '@kisfo/protocol';
import { blackScholesPrice as importedBlackScholes } from '../pricing/black-scholes.js';
import { black76Price as importedBlack76 } from '../pricing/black76.js';
import type { KrxInstrument } from './codes.js';
import type { KrxMarginParameters } from './margin-params.js';
import { krxQuantisedPrice } from './margin-quantise.js';
import { instrumentKey, KrxInputError, type KrxMarketIndex } from './resolve.js';

// Read once: when the code is transformed to CommonJS (tsx, in the tests and benches), every
// use of an imported binding is a getter call through each module that re-exports it.
const Decimal = ImportedDecimal;
type Decimal = ImportedDecimal;
const blackScholesPrice = importedBlackScholes;
const black76Price = importedBlack76;

export { KRX_THEORETICAL_PRICE_SCALE } from './margin-quantise.js';

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
 * The scan's price points per volatility, checked once for every path that scans (margin,
 * scenarios, the kept balance book): a positive odd integer, so the grid has a middle point.
 *
 * @example
 * ```ts
 * krxPricePoints(SAMPLE_KRX_MARGIN_PARAMETERS); // 31
 * ```
 */
export function krxPricePoints(p: KrxMarginParameters): number {
  const n = p.pricePoints;
  if (!Number.isInteger(n) || n < 1 || n % 2 === 0) {
    throw new KrxInputError('parameters.pricePoints', `must be a positive odd integer (got ${n})`);
  }
  return n;
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
  const q = market.knownQuote(ins) ?? market.quote(ins, `positions "${instrumentKey(ins)}"`);
  const count = 4 * half + 2;
  const rangeF = numberOf(range);
  const base = numberOf(baseD);
  if (ins.spec.kind === 'future') {
    // KRX scans the underlying's base-day close ± the margin rate; a future moves with it
    // (broker example: 249.00 × 250,000 × 8.25 % = 5,135,625 for one KOSPI200 future).
    const price = base;
    const at = scenarioSlot(count);
    const pnl = block;
    for (let k = -half; k <= half; k++) {
      const d = half === 0 ? 0 : (price * rangeF * k) / half;
      pnl[at + 2 * (k + half)] = d;
      pnl[at + 2 * (k + half) + 1] = d;
    }
    return new FutureScan(pnl, at, count, q.priceD, baseD.mul(range), half);
  }
  const vol = q.vol ?? groupVol;
  if (!(vol >= 0)) throw new KrxInputError(`${q.path}.vol`, `must be ≥ 0 (got ${vol})`);
  const isCall = ins.spec.kind === 'call';
  const k0 = numberOf(ins.strike!);
  const t = market.timeToExpiry(ins);
  const b76 = ins.spec.optionModel === 'black-76';
  const { rate, dividendYield } = p;
  const close = q.priceD;
  const closeF = numberOf(close);
  const up = vol * (1 + volShift);
  const down = vol * Math.max(0, 1 - volShift);
  // P&L then model prices, side by side in one slot of the shared block.
  const at = scenarioSlot(2 * count);
  const values = block;
  const rawAt = at + count;
  // One small loop per model, so the pricer is inlined and its floats stay unboxed.
  if (b76) priceBlack76(values, rawAt, isCall, base, rangeF, half, k0, t, up, down, rate);
  else {
    priceBlackScholes(
      values,
      rawAt,
      isCall,
      base,
      rangeF,
      half,
      k0,
      t,
      up,
      down,
      rate,
      dividendYield,
    );
  }
  for (let j = 0; j < count; j++) values[at + j] = values[rawAt + j]! - closeF;
  return new OptionScan(values, at, count, close, half);
}

/**
 * A slot of `count` zeroed floats in the shared block (`block`, read after the call: a full
 * block is replaced). A scan keeps the block and its offset, not a typed array of its own: a
 * few hundred small typed arrays per margin would each get a buffer, and even views of one
 * buffer are objects of ~100 bytes each that a kept index holds through every scavenge. A
 * block lives as long as any scan in it.
 */
function scenarioSlot(count: number): number {
  if (blockUsed + count > block.length) {
    block = new Float64Array(Math.max(BLOCK_SIZE, count));
    blockUsed = 0;
  }
  const at = blockUsed;
  blockUsed += count;
  return at;
}
const BLOCK_SIZE = 16_384;
let block = new Float64Array(0);
let blockUsed = 0;

/** Model prices at each scenario, vol up then vol down (Black–Scholes on the index). */
function priceBlackScholes(
  raw: Float64Array,
  at: number,
  isCall: boolean,
  base: number,
  rangeF: number,
  half: number,
  k0: number,
  t: number,
  up: number,
  down: number,
  rate: number,
  dividendYield: number,
): void {
  for (let k = -half; k <= half; k++) {
    const u = base * (1 + (half === 0 ? 0 : (rangeF * k) / half));
    const j = at + 2 * (k + half);
    raw[j] = blackScholesPrice(isCall, u, k0, t, up, rate, dividendYield);
    raw[j + 1] = blackScholesPrice(isCall, u, k0, t, down, rate, dividendYield);
  }
}

/** Model prices at each scenario, vol up then vol down (Black-76 on a future). */
function priceBlack76(
  raw: Float64Array,
  at: number,
  isCall: boolean,
  base: number,
  rangeF: number,
  half: number,
  k0: number,
  t: number,
  up: number,
  down: number,
  rate: number,
): void {
  for (let k = -half; k <= half; k++) {
    const u = base * (1 + (half === 0 ? 0 : (rangeF * k) / half));
    const j = at + 2 * (k + half);
    raw[j] = black76Price(isCall, u, k0, t, up, rate);
    raw[j + 1] = black76Price(isCall, u, k0, t, down, rate);
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** 10^0 … 10^22: every one an exact double. */
const POW10_FLOAT = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A decimal's float value, bit for bit `d.toNumber()` (which goes through text): when the
 * coefficient and 10^scale are both exact doubles, one IEEE division rounds their exact quotient
 * to the nearest double, ties to even, as parsing its text does.
 *
 * @example
 * ```ts
 * krxDecimalToNumber(Decimal.parse('0.081')) === 0.081; // true
 * ```
 */
export function krxDecimalToNumber(d: Decimal): number {
  const c = d.coefficient;
  const s = d.scale;
  if (s <= 22 && c <= MAX_SAFE && c >= -MAX_SAFE) return Number(c) / POW10_FLOAT[s]!;
  return d.toNumber();
}
const numberOf = krxDecimalToNumber;

/** A model price quantised once, half-up, to {@link KRX_THEORETICAL_PRICE_SCALE} places. */
function quantised(x: number): Decimal {
  return krxQuantisedPrice(x);
}

/** What both scan classes share: the P&L kept in a slot of a shared block. */
abstract class BlockScan {
  private view: Float64Array | undefined;

  constructor(
    /** The shared block and the offset of this scan's P&L in it. */
    readonly values: Float64Array,
    readonly at: number,
    readonly count: number,
    readonly price: Decimal,
  ) {}

  /** The P&L as a typed array of its own (a view, made on first use). */
  get pnl(): Float64Array {
    if (this.view === undefined) this.view = this.values.subarray(this.at, this.at + this.count);
    return this.view;
  }
}

/** A future's scan: the exact move is the step (base × range) × k. */
class FutureScan extends BlockScan implements KrxSeriesScan {
  constructor(
    values: Float64Array,
    at: number,
    count: number,
    price: Decimal,
    private readonly step: Decimal,
    private readonly half: number,
  ) {
    super(values, at, count, price);
  }

  exactTimesHalf(j: number): Decimal {
    return this.step.mul((j >> 1) - this.half);
  }
}

/** An option's scan: model prices kept as floats (after the P&L), quantised only when read. */
class OptionScan extends BlockScan implements KrxSeriesScan {
  // Quantised values of the scenarios read so far: usually two (the option adjustment's
  // extreme and the worst scenario), kept in fields; a map only past those.
  private j0 = -1;
  private v0: Decimal = Decimal.ZERO;
  private j1 = -1;
  private v1: Decimal = Decimal.ZERO;
  private more: Map<number, Decimal> | undefined;
  private bound: ((j: number) => Decimal) | undefined;

  constructor(
    values: Float64Array,
    at: number,
    count: number,
    price: Decimal,
    private readonly half: number,
  ) {
    super(values, at, count, price);
  }

  /** The model price at scenario j (float), or `undefined` past the grid. */
  rawAt(j: number): number | undefined {
    return j >= 0 && j < this.count ? this.values[this.at + this.count + j] : undefined;
  }

  /** The quantised model price at scenario j, as a function of its own (made on first use). */
  get valueAt(): (j: number) => Decimal {
    if (this.bound === undefined) this.bound = (j) => this.quantisedAt(j);
    return this.bound;
  }

  /** Quantised lazily: only the worst scenario's candidates and the OA extremes are ever read. */
  quantisedAt(j: number): Decimal {
    const x = this.rawAt(j);
    if (x === undefined) throw new RangeError(`scenario ${j} out of range`);
    if (j === this.j0) return this.v0;
    if (j === this.j1) return this.v1;
    const kept = this.more?.get(j);
    if (kept !== undefined) return kept;
    const v = quantised(x);
    if (this.j0 < 0) {
      this.j0 = j;
      this.v0 = v;
    } else if (this.j1 < 0) {
      this.j1 = j;
      this.v1 = v;
    } else {
      if (this.more === undefined) this.more = new Map();
      this.more.set(j, v);
    }
    return v;
  }

  exactTimesHalf(j: number): Decimal {
    return this.quantisedAt(j).sub(this.price).mul(this.half);
  }
}

/**
 * The block holding a scan's P&L and the offset of scenario 0 in it: `values[at + j]` is
 * `pnl[j]`, read without making a view (any other scan: its own `pnl` at offset 0).
 */
export function krxScanValues(scan: KrxSeriesScan): Float64Array {
  return scan instanceof BlockScan ? scan.values : scan.pnl;
}

/** See {@link krxScanValues}. */
export function krxScanOffset(scan: KrxSeriesScan): number {
  return scan instanceof BlockScan ? scan.at : 0;
}

/** The quantised model price of an option scan at scenario j (no bound function made). */
function quantisedValue(scan: KrxSeriesScan, j: number): Decimal {
  return scan instanceof OptionScan ? scan.quantisedAt(j) : scan.valueAt!(j);
}

/** Whether a scan is an option's (model prices, quantised on use) rather than a future's. */
export function krxScanIsOption(scan: KrxSeriesScan): boolean {
  return scan instanceof OptionScan;
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
  if (qty === 0 || rate.isZero() || !(scan instanceof OptionScan || scan.valueAt)) {
    return Decimal.ZERO;
  }
  const isCall = ins.spec.kind === 'call';
  const short = qty < 0;
  // A short loses when its option gains; a long loses when its option falls.
  const extremeUpMove = isCall === short;
  const j = extremeUpMove ? 4 * half : 0;
  let theoretical: Decimal;
  const a = scan instanceof OptionScan ? scan.rawAt(j) : undefined;
  const b = scan instanceof OptionScan ? scan.rawAt(j + 1) : undefined;
  if (a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b)) {
    // Quantising is monotone (the shortest decimal of a float grows with it, and rounding it
    // half-up keeps the order), so the extreme of the two quantised values is the quantised
    // value of the extreme float: one quantisation instead of two.
    theoretical = quantisedValue(scan, (short ? b > a : b < a) ? j + 1 : j);
  } else {
    const x = quantisedValue(scan, j);
    const y = quantisedValue(scan, j + 1);
    theoretical = short ? Decimal.max(x, y) : Decimal.min(x, y);
  }
  const perContract = short ? theoretical.sub(scan.price) : scan.price.sub(theoretical);
  if (!perContract.isPositive()) return Decimal.ZERO;
  return rate.mul(perContract).mul(ins.multiplier).mul(Math.abs(qty));
}
