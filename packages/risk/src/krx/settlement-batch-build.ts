import { Decimal, type DecimalLike, type RoundingMode } from '@kisfo/protocol';
import type { KrxInstrument } from './codes.js';
import {
  checkKrxFill,
  decimalAt,
  instrumentKey,
  KrxInputError,
  KrxMarketIndex,
  qtyAt,
} from './resolve.js';
import { FAST_LIMIT, pow10Number } from './settlement-batch-fixed.js';
import {
  type KrxSettlementParameters,
  SAMPLE_KRX_SETTLEMENT_PARAMETERS,
} from './settlement-params.js';
import type { KrxFill, KrxMarketData, KrxPosition } from './types.js';

/** One account of a batch: the same positions and fills `settleKrxDay` takes. */
export interface KrxBatchAccountInput {
  positions: readonly KrxPosition[];
  fills: readonly KrxFill[];
}

/**
 * Validated, columnar input of {@link settleKrxBatch}: one row per series (resolved once), and
 * positions, fills and legs in flat arrays indexed through `…Start` offsets per account
 * (rows of account `a` are `start[a] ≤ i < start[a + 1]`).
 *
 * Prices are exact integers in units of 10^-`priceScale`, multipliers in 10^-`multiplierScale`,
 * so amounts are integers in 10^-(`priceScale` + `multiplierScale`) won. Quantities are signed
 * (long / buy positive). Every stored value is an integer of magnitude ≤ 2^53 − 1.
 */
export interface KrxSettlementBatch {
  readonly accountCount: number;
  readonly priceScale: number;
  readonly multiplierScale: number;
  readonly amountRounding: RoundingMode;
  readonly feeRounding: RoundingMode;

  /** Canonical code (standard code, or short code for weekly options) per series. */
  readonly seriesKey: readonly string[];
  readonly seriesInstrument: readonly KrxInstrument[];
  /** 1 for futures (daily settled), 0 for options (premium paid). */
  readonly seriesFuture: Uint8Array;
  readonly seriesMultiplier: Float64Array;
  /** Today's settlement price. */
  readonly seriesPrice: Float64Array;
  /** Fee rate coefficient; the fee of a fill is amount × rate ÷ 10^`seriesFeeScale`. */
  readonly seriesFeeRate: Float64Array;
  readonly seriesFeeScale: Int32Array;
  /** 1 when the quote is `final` (last trading day). */
  readonly seriesFinal: Uint8Array;
  /** Exercise value per unit of final options still open somewhere (0 otherwise). */
  readonly seriesFinalValue: Float64Array;

  readonly positionStart: Int32Array;
  readonly positionSeries: Int32Array;
  readonly positionQty: Float64Array;
  /** Prior settlement price (the position's own, else the quote's). */
  readonly positionPrior: Float64Array;

  readonly fillStart: Int32Array;
  readonly fillSeries: Int32Array;
  readonly fillQty: Float64Array;
  readonly fillPrice: Float64Array;
  /** Leg row the fill moves. */
  readonly fillLeg: Int32Array;

  /** One leg per account and series touched (KRX nets, so one side is open at a time). */
  readonly legStart: Int32Array;
  readonly legSeries: Int32Array;
  /** Signed quantity open at the start of the day. */
  readonly legOpenQty: Float64Array;

  /**
   * 1 for accounts whose figures could leave ±(2^53 − 1) in the fixed-point unit: those are
   * settled with bigints instead (same results, slower).
   */
  readonly exactPath: Uint8Array;
}

/** Growable typed column (a few doublings while building, trimmed at the end). */
class Column<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): number {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  /** A right-sized copy, so the batch does not keep the doubling slack alive. */
  trim(): T {
    return this.data.slice(0, this.length) as T;
  }
}
const f64 = (n: number) => new Float64Array(Math.max(16, n));
const i32 = (n: number) => new Int32Array(Math.max(16, n));
const float = (hint: number) => new Column(f64(hint), f64);
const int = (hint: number) => new Column(i32(hint), i32);

/** A normalized decimal as an exact float coefficient and its scale, or a clear error. */
function split(d: Decimal, path: string, scales: Scale): [number, number] {
  const n = d.normalize();
  const c = Number(n.coefficient);
  if (!Number.isSafeInteger(c)) {
    throw new KrxInputError(
      `${path}: ${d.toString()} has more than 15 significant digits; the batch path keeps prices as exact float64 integers (use settleKrxDay)`,
    );
  }
  if (n.scale > scales.max) {
    scales.max = n.scale;
    scales.by = path;
  }
  return [c, n.scale];
}

/** Largest scale seen and the field that set it (named when a rescale no longer fits). */
interface Scale {
  max: number;
  by?: string;
}

interface SeriesRow {
  ins: KrxInstrument;
  key: string;
  price?: Decimal;
  quotePrior?: Decimal;
  final: boolean;
  finalValue?: Decimal;
  rate?: Decimal;
  quotePath: string;
}

/**
 * Validate accounts once and lay them out in columns for {@link settleKrxBatch}. Checks and
 * messages follow `settleKrxDay` (paths start with `accounts[i].`); series are resolved, quoted
 * and given their fee rate once, not per fill.
 *
 * Exactness: prices (with trailing zeros dropped) must have at most 15 significant digits and
 * fit 2^53 − 1 at the batch's common scale, else a `KrxInputError` names the field. Accounts whose
 * amounts, fees or sums could exceed 2^53 − 1 in the fixed-point unit are flagged in `exactPath`
 * and settled with bigints.
 *
 * @throws KrxInputError naming the account and field of a bad position or fill.
 * @example
 * const batch = buildKrxSettlementBatch(
 *   [{ positions: [{ pdno: '101S12', side: 'long', qty: 3, avgPrice: '320.50' }], fills: [] }],
 *   { asOf: '2022-11-01', quotes: [{ pdno: '101S12', price: '307.45', priorSettlement: '309.10' }], underlyings: [] },
 * );
 * settleKrxBatch(batch).rnwl_dfpa[0]; // -1237500
 */
export function buildKrxSettlementBatch(
  accounts: readonly KrxBatchAccountInput[],
  market: KrxMarketData | KrxMarketIndex,
  parameters: KrxSettlementParameters = SAMPLE_KRX_SETTLEMENT_PARAMETERS,
): KrxSettlementBatch {
  const index = market instanceof KrxMarketIndex ? market : new KrxMarketIndex(market);
  const n = accounts.length;
  const series: SeriesRow[] = [];
  const byKey = new Map<string, number>();
  const byCode = new Map<string, number>();
  const priceScale: Scale = { max: 0 };

  const seriesOf = (pdno: unknown, path: string): number => {
    const hit = typeof pdno === 'string' ? byCode.get(pdno) : undefined;
    if (hit !== undefined) return hit;
    const ins = index.resolve(pdno, path);
    const key = instrumentKey(ins);
    let s = byKey.get(key);
    if (s === undefined) {
      s = series.length;
      series.push({ ins, key, final: false, quotePath: '' });
      byKey.set(key, s);
    }
    byCode.set(pdno as string, s);
    return s;
  };
  // Today's price: where settleKrxDay opens a leg (same error when the quote is missing).
  const priceOf = (s: number, path: string): void => {
    const row = series[s]!;
    if (row.price !== undefined) return;
    const q = index.quote(row.ins, path);
    row.price = q.priceD;
    row.final = q.final === true;
    row.quotePath = q.path;
  };
  const priorOf = (s: number, override: DecimalLike | undefined, path: string): Decimal => {
    if (override !== undefined) return decimalAt(override, `${path}.priorSettlement`);
    const row = series[s]!;
    row.quotePrior ??= index.priorSettlement(row.ins, undefined, path);
    return row.quotePrior;
  };
  const rateOf = (s: number, path: string): void => {
    const row = series[s]!;
    if (row.rate !== undefined) return;
    const code = row.ins.spec.productCode;
    const listed = parameters.feeRates[code];
    const text = listed ?? parameters.feeRates.default;
    if (text === undefined)
      throw new KrxInputError(`${path}: no fee rate for product ${code} and no default`);
    row.rate = decimalAt(text, `parameters.feeRates.${listed === undefined ? 'default' : code}`);
  };
  const finalValueOf = (s: number): void => {
    const row = series[s]!;
    if (row.finalValue !== undefined) return;
    const { ins } = row;
    if (ins.spec.kind === 'future') {
      row.finalValue = Decimal.ZERO;
      return;
    }
    const u = index.underlying(ins.spec.group, `${row.quotePath}.final`);
    const level = decimalAt(u.finalLevel ?? u.level, `underlying "${ins.spec.group}".finalLevel`);
    const k = ins.strike!;
    row.finalValue = Decimal.max(0, ins.spec.kind === 'call' ? level.sub(k) : k.sub(level));
  };

  const positionStart = new Int32Array(n + 1);
  const fillStart = new Int32Array(n + 1);
  const legStart = new Int32Array(n + 1);
  const posSeries = int(n);
  const posQty = float(n);
  const posPriorC = float(n);
  const posPriorS = int(n);
  const fillSeries = int(2 * n);
  const fillQty = float(2 * n);
  const fillPriceC = float(2 * n);
  const fillPriceS = int(2 * n);
  const fillLeg = int(2 * n);
  const legSeries = int(2 * n);
  const legOpen = float(2 * n);
  // Per series: the leg of the account being read (stamp = account index + 1) and its net qty.
  let stamp = new Int32Array(64);
  let legOfSeries = new Int32Array(64);
  let net = new Float64Array(64);
  const touch = (s: number, a: number): number => {
    if (s >= stamp.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T, make: (m: number) => T): T => {
        const y = make(x.length * 2);
        y.set(x);
        return y;
      };
      stamp = grow(stamp, (m) => new Int32Array(m));
      legOfSeries = grow(legOfSeries, (m) => new Int32Array(m));
      net = grow(net, (m) => new Float64Array(m));
    }
    if (stamp[s] !== a + 1) {
      stamp[s] = a + 1;
      net[s] = 0;
      legOfSeries[s] = legSeries.push(s);
      legOpen.push(0);
    }
    return legOfSeries[s]!;
  };
  const addNet = (s: number, q: number, path: string): void => {
    const v = net[s]! + q;
    if (!Number.isSafeInteger(v))
      throw new KrxInputError(`${path}: open quantity exceeds 2^53 − 1`);
    net[s] = v;
  };

  for (let a = 0; a < n; a++) {
    const pre = `accounts[${a}].`;
    const acc = accounts[a];
    if (acc === null || typeof acc !== 'object')
      throw new KrxInputError(`accounts[${a}]: must be an object with positions and fills`);
    if (!Array.isArray(acc.positions)) throw new KrxInputError(`${pre}positions: must be an array`);
    if (!Array.isArray(acc.fills)) throw new KrxInputError(`${pre}fills: must be an array`);
    positionStart[a] = posSeries.length;
    fillStart[a] = fillSeries.length;
    legStart[a] = legSeries.length;

    acc.positions.forEach((p, i) => {
      const path = `${pre}positions[${i}]`;
      const s = seriesOf(p.pdno, `${path}.pdno`);
      if (p.side !== 'long' && p.side !== 'short')
        throw new KrxInputError(
          `${path}.side: must be "long" or "short" (got ${JSON.stringify(p.side)})`,
        );
      const qty = qtyAt(p.qty, `${path}.qty`);
      decimalAt(p.avgPrice, `${path}.avgPrice`);
      const prior = priorOf(s, p.priorSettlement, path);
      const long = p.side === 'long';
      if (stamp[s] === a + 1 && (long ? net[s]! < 0 : net[s]! > 0)) {
        throw new KrxInputError(
          `${path}: ${p.side} and the opposite side of "${p.pdno}" are both open (KRX nets positions)`,
        );
      }
      priceOf(s, `${path}.pdno`);
      const leg = touch(s, a);
      const q = long ? qty : -qty;
      addNet(s, q, `${path}.qty`);
      legOpen.data[leg]! += q;
      const [c, sc] = split(prior, `${path}.priorSettlement`, priceScale);
      posSeries.push(s);
      posQty.push(q);
      posPriorC.push(c);
      posPriorS.push(sc);
    });

    acc.fills.forEach((f, i) => {
      const path = `${pre}fills[${i}]`;
      const s = seriesOf(f.pdno, `${path}.pdno`);
      const { qty, price, buy, open } = checkKrxFill(f, path);
      rateOf(s, path);
      priceOf(s, `${path}.pdno`);
      const cur = stamp[s] === a + 1 ? net[s]! : 0;
      if (open) {
        const opp = buy ? Math.max(0, -cur) : Math.max(0, cur);
        if (opp > 0) {
          throw new KrxInputError(
            `${path}: opening ${f.side} of "${f.pdno}" while ${opp} ${buy ? 'short' : 'long'} are open (KRX nets positions; use openClose "close")`,
          );
        }
      } else {
        const have = buy ? Math.max(0, -cur) : Math.max(0, cur);
        if (have < qty) {
          throw new KrxInputError(
            `${path}.qty: closing ${qty} of "${f.pdno}" but only ${have} ${buy ? 'short' : 'long'} open`,
          );
        }
      }
      const leg = touch(s, a);
      const q = buy ? qty : -qty;
      addNet(s, q, `${path}.qty`);
      const [c, sc] = split(price, `${path}.price`, priceScale);
      fillSeries.push(s);
      fillQty.push(q);
      fillPriceC.push(c);
      fillPriceS.push(sc);
      fillLeg.push(leg);
    });

    // Expiring series still open at the close need their exercise value (as settleKrxDay does).
    for (let l = legStart[a]!; l < legSeries.length; l++) {
      const s = legSeries.data[l]!;
      if (series[s]!.final && net[s] !== 0) finalValueOf(s);
    }
  }
  positionStart[n] = posSeries.length;
  fillStart[n] = fillSeries.length;
  legStart[n] = legSeries.length;

  // Series columns at the common scales.
  const S = series.length;
  const multScale: Scale = { max: 0 };
  const seriesPriceC = new Float64Array(S);
  const seriesPriceS = new Int32Array(S);
  const seriesFinalC = new Float64Array(S);
  const seriesFinalS = new Int32Array(S);
  const seriesMultC = new Float64Array(S);
  const seriesMultS = new Int32Array(S);
  const seriesRate = new Float64Array(S);
  const seriesRateS = new Int32Array(S);
  const seriesFuture = new Uint8Array(S);
  const seriesFinal = new Uint8Array(S);
  series.forEach((row, s) => {
    seriesFuture[s] = row.ins.spec.kind === 'future' ? 1 : 0;
    seriesFinal[s] = row.final ? 1 : 0;
    if (row.price !== undefined)
      [seriesPriceC[s], seriesPriceS[s]] = split(row.price, `${row.quotePath}.price`, priceScale);
    if (row.finalValue !== undefined) {
      const path = `underlying "${row.ins.spec.group}".finalLevel`;
      [seriesFinalC[s], seriesFinalS[s]] = split(row.finalValue, path, priceScale);
    }
    [seriesMultC[s], seriesMultS[s]] = split(
      row.ins.multiplier,
      `product ${row.ins.spec.productCode} multiplier`,
      multScale,
    );
    if (row.rate !== undefined) {
      const code = row.ins.spec.productCode;
      [seriesRate[s], seriesRateS[s]] = split(row.rate, `parameters.feeRates.${code}`, {
        max: 0,
      });
    }
  });
  const P = priceScale.max;
  const M = multScale.max;
  // Rescale to the common unit; a value that no longer fits is refused by name.
  const at = (c: number, sc: number, to: Scale, path: () => string): number => {
    const v = c * pow10Number(to.max - sc);
    if (!(Math.abs(v) <= FAST_LIMIT)) {
      throw new KrxInputError(
        `${path()}: exceeds 2^53 − 1 in units of 10^-${to.max}, the batch's common scale (set by ${to.by}); use settleKrxDay`,
      );
    }
    return v;
  };
  const accountOf = (start: Int32Array, row: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (start[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (let s = 0; s < S; s++) {
    const row = series[s]!;
    seriesPriceC[s] = at(
      seriesPriceC[s]!,
      seriesPriceS[s]!,
      priceScale,
      () => `${row.quotePath}.price`,
    );
    seriesFinalC[s] = at(
      seriesFinalC[s]!,
      seriesFinalS[s]!,
      priceScale,
      () => `underlying "${row.ins.spec.group}".finalLevel`,
    );
    seriesMultC[s] = at(
      seriesMultC[s]!,
      seriesMultS[s]!,
      multScale,
      () => `product ${row.ins.spec.productCode} multiplier`,
    );
  }
  const positionPrior = posPriorC.trim();
  const positionPriorScale = posPriorS.trim();
  for (let i = 0; i < positionPrior.length; i++) {
    positionPrior[i] = at(positionPrior[i]!, positionPriorScale[i]!, priceScale, () => {
      const a = accountOf(positionStart, i);
      return `accounts[${a}].positions[${i - positionStart[a]!}].priorSettlement`;
    });
  }
  const fillPrice = fillPriceC.trim();
  const fillPriceScale = fillPriceS.trim();
  for (let i = 0; i < fillPrice.length; i++) {
    fillPrice[i] = at(fillPrice[i]!, fillPriceScale[i]!, priceScale, () => {
      const a = accountOf(fillStart, i);
      return `accounts[${a}].fills[${i - fillStart[a]!}].price`;
    });
  }

  const batch: KrxSettlementBatch = {
    accountCount: n,
    priceScale: P,
    multiplierScale: M,
    amountRounding: parameters.amountRounding,
    feeRounding: parameters.feeRounding,
    seriesKey: series.map((r) => r.key),
    seriesInstrument: series.map((r) => r.ins),
    seriesFuture,
    seriesMultiplier: seriesMultC,
    seriesPrice: seriesPriceC,
    seriesFeeRate: seriesRate,
    seriesFeeScale: seriesRateS.map((r) => r + P + M),
    seriesFinal,
    seriesFinalValue: seriesFinalC,
    positionStart,
    positionSeries: posSeries.trim(),
    positionQty: posQty.trim(),
    positionPrior,
    fillStart,
    fillSeries: fillSeries.trim(),
    fillQty: fillQty.trim(),
    fillPrice,
    fillLeg: fillLeg.trim(),
    legStart,
    legSeries: legSeries.trim(),
    legOpenQty: legOpen.trim(),
    exactPath: new Uint8Array(n),
  };
  flagWideAccounts(batch);
  return batch;
}

/**
 * Mark accounts whose fast-path integers could pass 2^53 − 1: the sum of the magnitudes of all
 * terms bounds every partial sum, and a float sum of non-negative integers only crosses
 * 2^53 − 1 when the exact sum does, so the test is exact, not a heuristic.
 */
function flagWideAccounts(b: KrxSettlementBatch): void {
  const unit = pow10Number(b.priceScale + b.multiplierScale);
  const feeDiv = Array.from(b.seriesFeeScale, pow10Number);
  const carried = new Float64Array(b.legOpenQty);
  for (let a = 0; a < b.accountCount; a++) {
    let amounts = unit;
    let fees = 0;
    let wide = false;
    for (let p = b.positionStart[a]!; p < b.positionStart[a + 1]!; p++) {
      const s = b.positionSeries[p]!;
      if (b.seriesFuture[s] === 1)
        amounts += Math.abs(
          (b.seriesPrice[s]! - b.positionPrior[p]!) * b.seriesMultiplier[s]! * b.positionQty[p]!,
        );
    }
    for (let f = b.fillStart[a]!; f < b.fillStart[a + 1]!; f++) {
      const s = b.fillSeries[f]!;
      const q = Math.abs(b.fillQty[f]!);
      const m = b.seriesMultiplier[s]!;
      const amount = b.fillPrice[f]! * m * q;
      amounts +=
        b.seriesFuture[s] === 1 ? Math.abs((b.seriesPrice[s]! - b.fillPrice[f]!) * m * q) : amount;
      const d = feeDiv[s]!;
      const x = amount * Math.abs(b.seriesFeeRate[s]!);
      if (!(x + d <= FAST_LIMIT)) wide = true;
      fees += Math.floor(x / d) + 1;
      carried[b.fillLeg[f]!]! += b.fillQty[f]!;
    }
    for (let l = b.legStart[a]!; l < b.legStart[a + 1]!; l++) {
      const s = b.legSeries[l]!;
      if (b.seriesFinal[s] === 1)
        amounts += Math.abs(b.seriesFinalValue[s]! * b.seriesMultiplier[s]! * carried[l]!);
    }
    // Won figures are ≤ amounts ÷ unit + 1 each; net cash adds four of them and the fees. The
    // halved limit absorbs the float divisions' rounding in this estimate.
    if (!(amounts <= FAST_LIMIT) || !(amounts / unit + 4 + fees <= FAST_LIMIT / 2)) wide = true;
    if (wide) b.exactPath[a] = 1;
  }
}
