/**
 * The margin of one product group as a kept state: each series' net quantity is set (or replaced)
 * on its own, its exact contributions are added to running sums, and the group's figures are
 * read from the sums. {@link computeKrxMargin} sets every series once and reads; the balance book
 * keeps the state and replaces only the series a change touched. Every sum is exact, so the
 * figures do not depend on the order series were set in.
 */
import { Decimal as ImportedDecimal } from '@kisfo/protocol';
import type { KrxInstrument } from './codes.js';
import type { KrxGroupMargin } from './margin.js';
import type {
  KrxGroupMarginParameters,
  KrxMarginLevel,
  KrxMarginParameters,
} from './margin-params.js';
import {
  type KrxSeriesScan,
  krxOptionAdjustment,
  krxScanIsOption,
  krxScanOffset,
  krxScanValues,
  scanKrxSeries,
} from './margin-scan.js';
import { decimalAt, instrumentKey, type KrxMarketIndex } from './resolve.js';

// Read once: when the code is transformed to CommonJS (tsx, in the tests and benches), every
// use of an imported binding is a getter call through each module that re-exports it.
const Decimal = ImportedDecimal;
type Decimal = ImportedDecimal;

/** What one series at one net quantity adds to its group. */
interface SeriesPart {
  ins: KrxInstrument;
  qty: number;
  scan: KrxSeriesScan;
  /** Float weight (qty × multiplier) of the scan, the scan's largest |P&L| and its error bound. */
  wf: number;
  peak: number;
  tolerance: number;
  /** Exact weight multiplier × qty. */
  w: Decimal;
  som: Decimal;
  optPrice: Decimal;
  delivery: Decimal;
  optionAdjustment: Decimal;
}

/** The kept margin state of one product group at one margin level. */
export class KrxGroupMarginState {
  private readonly half: number;
  private readonly range: Decimal;
  private readonly oaRate: Decimal;
  private readonly base: Decimal;
  private readonly vol: number;
  private readonly deliveryRate: Decimal;
  /** base × short-option-minimum rate, the per-contract factor of every short option's part. */
  private readonly baseTimesSomRate: Decimal;
  private readonly parts = new Map<string, SeriesPart>();
  private som = Decimal.ZERO;
  private optPrice = Decimal.ZERO;
  private delivery = Decimal.ZERO;
  private optionAdjustment = Decimal.ZERO;
  /** Net futures per product code (long +, short −), for the spread. */
  private readonly longs = new Map<string, number>();
  private readonly shorts = new Map<string, number>();
  private readonly mults = new Map<string, Decimal>();
  /** Float Σ w × pnl per scenario, kept up to date; `drift` bounds its rounding since rebuilt. */
  private scen: Float64Array;
  private drift = 0;
  private tolerance = 0;
  /** Exact Σ w × exactTimesHalf(j), kept for each scenario j read so far. */
  private readonly exact = new Map<number, Decimal>();
  private scans: Map<string, KrxSeriesScan>;

  constructor(
    readonly group: string,
    private readonly gp: KrxGroupMarginParameters,
    private readonly lv: KrxMarginLevel,
    private readonly p: KrxMarginParameters,
    private market: KrxMarketIndex,
  ) {
    const n = p.pricePoints;
    this.half = (n - 1) / 2;
    this.range = decimalAt(lv.priceRange, `parameters.groups "${group}".priceRange`);
    this.oaRate = Decimal.parse(String(gp.optionAdjustmentRate));
    const und = market.underlying(group, `group "${group}"`);
    this.vol = und.vol;
    this.base = decimalAt(und.level, `market.underlyings "${group}".level`);
    this.deliveryRate = Decimal.parse(lv.deliveryRate);
    this.baseTimesSomRate = this.base.mul(Decimal.parse(lv.shortOptionMinimumRate));
    this.scans = this.scanTable();
    this.scen = new Float64Array(4 * this.half + 2);
  }

  // Scans depend on the series, this market and these inputs only: kept with the market index.
  private scanTable(): Map<string, KrxSeriesScan> {
    const { p, gp } = this;
    return this.market.derivedTable<KrxSeriesScan>(
      `krx-margin-scan|${this.range.toString()}|${p.pricePoints}|${gp.volShift}|${p.rate}|${p.dividendYield}|${this.vol}|${this.base.toString()}`,
    );
  }

  /** Number of series with a non-zero net quantity. */
  get size(): number {
    return this.parts.size;
  }

  /** Set the net quantity of a series (long +, short −; 0 removes it). */
  set(ins: KrxInstrument, qty: number): void {
    const key = instrumentKey(ins);
    const old = this.parts.get(key);
    if (old !== undefined && old.qty === qty) return;
    if (old !== undefined) this.remove(key, old);
    if (qty !== 0) this.add(key, this.part(ins, qty));
  }

  /**
   * Move to another index of the same underlying quote (a series' quote changed): the series
   * named are repriced from the new index, every other series keeps its scan.
   */
  requote(market: KrxMarketIndex, changed: Iterable<KrxInstrument>): void {
    this.market = market;
    this.scans = this.scanTable();
    for (const ins of changed) {
      const key = instrumentKey(ins);
      const old = this.parts.get(key);
      if (old === undefined) continue;
      this.remove(key, old);
      this.add(key, this.part(ins, old.qty));
    }
  }

  private part(ins: KrxInstrument, qty: number): SeriesPart {
    const key = instrumentKey(ins);
    const { market, half } = this;
    let s = this.scans.get(key);
    if (s === undefined) {
      s = scanKrxSeries(
        ins,
        market,
        this.vol,
        this.base,
        this.range,
        half,
        this.gp.volShift,
        this.p,
      );
      this.scans.set(key, s);
    }
    const wf = qty * Number(ins.spec.multiplier);
    const pnl = krxScanValues(s);
    const at = krxScanOffset(s);
    const count = this.scen.length;
    let peak = 0;
    for (let j = at; j < at + count; j++) if (Math.abs(pnl[j]!) > peak) peak = Math.abs(pnl[j]!);
    const part: SeriesPart = {
      ins,
      qty,
      scan: s,
      wf,
      peak,
      tolerance:
        Math.abs(wf) * (peak * 1e-12 + (krxScanIsOption(s) || s.valueAt !== undefined ? 1e-8 : 0)),
      // multiplier × qty, built from the coefficients (value and scale as `mul` gives them).
      w: Decimal.of(ins.multiplier.coefficient * BigInt(qty), ins.multiplier.scale),
      som: Decimal.ZERO,
      optPrice: Decimal.ZERO,
      delivery: Decimal.ZERO,
      optionAdjustment: Decimal.ZERO,
    };
    const absQ = BigInt(Math.abs(qty));
    if (ins.spec.kind === 'future') {
      if (
        ins.spec.settlement === 'physical' &&
        market.timeToExpiry(ins) * 365 <= this.gp.deliveryWindowDays
      ) {
        part.delivery = s.price.mul(ins.multiplier).mul(absQ).mul(this.deliveryRate);
      }
    } else {
      // −price × multiplier × qty and base × somRate × multiplier × |qty|, each one bigint
      // product at the scale the chained `mul`s give (the sum of the factors' scales).
      const m = ins.multiplier;
      part.optPrice = Decimal.of(
        -(s.price.coefficient * part.w.coefficient),
        s.price.scale + m.scale,
      );
      part.optionAdjustment = krxOptionAdjustment(ins, s, qty, this.oaRate, half);
      if (qty < 0) {
        const bs = this.baseTimesSomRate;
        part.som = Decimal.of(bs.coefficient * m.coefficient * absQ, bs.scale + m.scale);
      }
    }
    return part;
  }

  private add(key: string, x: SeriesPart): void {
    this.parts.set(key, x);
    this.apply(x, 1);
  }

  private remove(key: string, x: SeriesPart): void {
    this.parts.delete(key);
    this.apply(x, -1);
  }

  private apply(x: SeriesPart, sign: 1 | -1): void {
    const plus = sign === 1;
    this.som = accumulate(this.som, x.som, plus);
    this.optPrice = accumulate(this.optPrice, x.optPrice, plus);
    this.delivery = accumulate(this.delivery, x.delivery, plus);
    this.optionAdjustment = accumulate(this.optionAdjustment, x.optionAdjustment, plus);
    if (x.ins.spec.kind === 'future') {
      const pc = x.ins.spec.productCode;
      this.mults.set(pc, x.ins.multiplier);
      const book = x.qty > 0 ? this.longs : this.shorts;
      book.set(pc, (book.get(pc) ?? 0) + sign * Math.abs(x.qty));
    }
    this.tolerance += sign * x.tolerance;
    const scen = this.scen;
    const pnl = krxScanValues(x.scan);
    const at = krxScanOffset(x.scan);
    const wf = sign * x.wf;
    for (let j = 0; j < scen.length; j++) scen[j]! += wf * pnl[at + j]!;
    if (!plus) {
      // A series taken out (to be put back changed): its rounding, and that of putting it back,
      // are beyond what `tolerance` covers (one sum in one pass). Each update rounds the product
      // and the sum once each, at most half an ulp of the larger of them per rounding.
      let big = 0;
      for (let j = 0; j < scen.length; j++) if (Math.abs(scen[j]!) > big) big = Math.abs(scen[j]!);
      this.drift += 4 * 2.3e-16 * (2 * Math.abs(x.wf) * x.peak + big);
    }
    for (const [j, sum] of this.exact) {
      const v = x.w.mul(x.scan.exactTimesHalf(j));
      this.exact.set(j, plus ? sum.add(v) : sum.sub(v));
    }
  }

  /** Exact Σ w × exactTimesHalf(j), computed once per scenario and kept up to date after. */
  private exactAt(j: number): Decimal {
    let sum = this.exact.get(j);
    if (sum === undefined) {
      sum = Decimal.ZERO;
      for (const x of this.parts.values()) sum = sum.add(x.w.mul(x.scan.exactTimesHalf(j)));
      this.exact.set(j, sum);
    }
    return sum;
  }

  /** Sum the float scan and its error bound afresh (after many updates the drift would grow). */
  private rebuild(): void {
    const scen = new Float64Array(this.scen.length);
    let tolerance = 0;
    for (const x of this.parts.values()) {
      const pnl = krxScanValues(x.scan);
      const at = krxScanOffset(x.scan);
      const wf = x.wf;
      for (let j = 0; j < scen.length; j++) scen[j]! += wf * pnl[at + j]!;
      tolerance += x.tolerance;
    }
    this.scen = scen;
    this.tolerance = tolerance;
    this.drift = 0;
  }

  /** The group's figures now. */
  result(): KrxGroupMargin {
    const { half, p, lv } = this;
    // Kept sums are off by at most `drift` more; rebuilt once that passes the scan's own bound.
    if (this.drift > this.tolerance) this.rebuild();
    const scen = this.scen;
    const tolerance = this.tolerance + this.drift;
    // Floats find the worst scenario; every scenario within the float error of it is recomputed
    // exactly, and the exact worst is rounded once.
    let scanLoss = 0;
    for (let j = 0; j < scen.length; j++) if (-scen[j]! > scanLoss) scanLoss = -scen[j]!;
    let worstTimesHalf = Decimal.ZERO;
    let scanScenario = -1;
    const cutoff = scanLoss - 2 * tolerance - 1e-6;
    for (let j = 0; j < scen.length; j++) {
      if (-scen[j]! < cutoff) continue;
      const loss = this.exactAt(j).neg();
      if (loss.gt(worstTimesHalf)) {
        worstTimesHalf = loss;
        scanScenario = j;
      }
    }
    const scanExact = half === 0 ? Decimal.ZERO : worstTimesHalf.div(half, 0, p.rounding);
    const priceVariation = Decimal.max(scanExact, this.optionAdjustment.round(0, p.rounding));
    let futuresSpread = Decimal.ZERO;
    for (const [pc, l] of this.longs) {
      const pairs = Math.min(l, this.shorts.get(pc) ?? 0);
      if (pairs > 0) {
        futuresSpread = futuresSpread.add(
          this.base.mul(this.mults.get(pc)!).mul(pairs).mul(Decimal.parse(lv.spreadRate)),
        );
      }
    }
    const groupMinimum = Decimal.parse(lv.groupMinimum);
    const core = Decimal.max(priceVariation.add(futuresSpread).add(this.delivery), this.som);
    const total = Decimal.max(core.add(this.optPrice), groupMinimum).round(0, p.rounding);
    return {
      group: this.group,
      scanLoss,
      scanScenario,
      optionAdjustment: this.optionAdjustment.toNumber(),
      optionAdjustmentExact: this.optionAdjustment,
      priceVariation,
      futuresSpread,
      delivery: this.delivery,
      shortOptionMinimum: this.som,
      optionPrice: this.optPrice,
      groupMinimum,
      total,
    };
  }
}

/** `a + b` (or `a − b`), skipping the zeros most series add to most sums. */
function accumulate(a: Decimal, b: Decimal, plus: boolean): Decimal {
  return b.isZero() ? a : plus ? a.add(b) : a.sub(b);
}
