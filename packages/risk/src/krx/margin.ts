import { Decimal } from '@kisfo/protocol';
import type { KrxInstrument } from './codes.js';
import type {
  KrxGroupMarginParameters,
  KrxMarginLevel,
  KrxMarginParameters,
} from './margin-params.js';
import { type KrxSeriesScan, krxOptionAdjustment, scanKrxSeries } from './margin-scan.js';
import { decimalAt, instrumentKey, KrxInputError, KrxMarketIndex } from './resolve.js';
import type { KrxMarketData } from './types.js';

/** One position as the margin sees it: signed quantity (long +, short −) of a series. */
export interface KrxMarginPosition {
  instrument: KrxInstrument;
  qty: number;
}

/** Margin items of one product group, KRW. Item numbers follow KIS's Σ MAX[{MAX(1+2+3,4)+5},6]. */
export interface KrxGroupMargin {
  group: string;
  /** Worst scan loss before rounding (float; for diagnostics and scaling checks). */
  scanLoss: number;
  /** Index of the worst scenario (2 × (k + half) + 0 vol up | 1 vol down), −1 when none loses. */
  scanScenario: number;
  /** Option adjustment (OA) floor before rounding (float, for diagnostics). */
  optionAdjustment: number;
  /** Option adjustment (OA), exact, before rounding. */
  optionAdjustmentExact: Decimal;
  /**
   * 1: price-variation margin = max(worst scan loss, option adjustment): the worst scenario is
   * found with floats, recomputed exactly, and rounded once with `parameters.rounding`.
   */
  priceVariation: Decimal;
  /** 2: futures spread margin. */
  futuresSpread: Decimal;
  /** 3: delivery margin of physically settled futures. */
  delivery: Decimal;
  /** 4: short-option minimum. */
  shortOptionMinimum: Decimal;
  /** 5: option price margin = short option value − long option value (negative is a credit). */
  optionPrice: Decimal;
  /** 6: the group floor. */
  groupMinimum: Decimal;
  /** MAX[{MAX(1+2+3, 4) + 5}, 6], rounded once. */
  total: Decimal;
}

/** A KRX-style customer margin requirement. */
export interface KrxMarginResult {
  level: 'initial' | 'maintenance';
  groups: KrxGroupMargin[];
  total: Decimal;
  /** Cash part: at least `cashRatio` of the total. */
  cash: Decimal;
  /** The rest, which substitute securities may cover. */
  substitute: Decimal;
}

/** Input of {@link computeKrxMargin}. */
export interface KrxMarginInput {
  positions: readonly KrxMarginPosition[];
  market: KrxMarketData | KrxMarketIndex;
  parameters: KrxMarginParameters;
  level: 'initial' | 'maintenance';
}

/**
 * KRX-style customer margin per product group and its roll-up Σ MAX[{MAX(1+2+3, 4) + 5}, 6]:
 * 1 price variation (scan of `pricePoints` prices across ± priceRange × volatility up/down,
 * options repriced with Black–Scholes or Black-76, floored by the option adjustment),
 * 2 futures spread, 3 delivery, 4 short-option minimum, 5 option price margin, 6 group floor.
 *
 * @example
 * const m = computeKrxMargin({
 *   positions: [{ instrument: parseKrxCode('101S12', 2022), qty: 1 }],
 *   market: { asOf: '2022-11-01', quotes: [{ pdno: '101S12', price: '307.45' }],
 *     underlyings: [{ group: 'KOSPI200', level: '306.90', vol: 0.2 }] },
 *   parameters: SAMPLE_KRX_MARGIN_PARAMETERS, level: 'initial',
 * });
 * m.total.toString(); // '6214725' (8.1 % × the underlying's 306.90 × 250,000, rounded up)
 */
export function computeKrxMargin(input: KrxMarginInput): KrxMarginResult {
  const { parameters: p, level } = input;
  const market =
    input.market instanceof KrxMarketIndex ? input.market : new KrxMarketIndex(input.market);
  const n = p.pricePoints;
  if (!Number.isInteger(n) || n < 1 || n % 2 === 0) {
    throw new KrxInputError('parameters.pricePoints', `must be a positive odd integer (got ${n})`);
  }
  // KRX nets a series: a long and a short in the same series are one net position. Netting
  // first also keeps an exact offset exactly zero in the float scan and out of the spread and
  // short-option-minimum counts.
  const net = new Map<string, KrxMarginPosition>();
  for (const pos of input.positions) {
    const key = instrumentKey(pos.instrument);
    const held = net.get(key);
    net.set(key, { instrument: pos.instrument, qty: (held?.qty ?? 0) + pos.qty });
  }
  const byGroup = new Map<string, KrxMarginPosition[]>();
  for (const pos of net.values()) {
    if (pos.qty === 0) continue;
    const g = pos.instrument.spec.group;
    const list = byGroup.get(g);
    if (list === undefined) byGroup.set(g, [pos]);
    else list.push(pos);
  }
  const groups: KrxGroupMargin[] = [];
  for (const [group, list] of [...byGroup.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const gp = p.groups.find((x) => x.group === group);
    if (gp === undefined)
      throw new KrxInputError('parameters.groups', `no margin parameters for group "${group}"`);
    groups.push(
      groupMargin(group, list, gp, level === 'initial' ? gp.initial : gp.maintenance, p, market),
    );
  }
  const total = Decimal.sum(groups.map((g) => g.total));
  const cash = total.mul(Decimal.parse(p.cashRatio)).round(0, 'ceil');
  return { level, groups, total, cash, substitute: total.sub(cash) };
}

function groupMargin(
  group: string,
  list: readonly KrxMarginPosition[],
  gp: KrxGroupMarginParameters,
  lv: KrxMarginLevel,
  p: KrxMarginParameters,
  market: KrxMarketIndex,
): KrxGroupMargin {
  const n = p.pricePoints;
  const half = (n - 1) / 2;
  const range = decimalAt(lv.priceRange, `parameters.groups "${group}".priceRange`);
  const oaRate = Decimal.parse(String(gp.optionAdjustmentRate));
  const und = market.underlying(group, `group "${group}"`);
  const base = decimalAt(und.level, `market.underlyings "${group}".level`);
  const scen = new Float64Array(2 * n);
  // Scans depend on the series, this market and these inputs only: kept with the market index.
  const series = market.derivedTable<KrxSeriesScan>(
    `krx-margin-scan|${range.toString()}|${n}|${gp.volShift}|${p.rate}|${p.dividendYield}|${und.vol}|${base.toString()}`,
  );
  const held: { scan: KrxSeriesScan; w: Decimal }[] = [];
  let som = Decimal.ZERO;
  let optPrice = Decimal.ZERO;
  let delivery = Decimal.ZERO;
  let optionAdjustment = Decimal.ZERO;
  // Float error bound of the scan, to know which scenarios could be the exact worst.
  let tolerance = 0;
  const longs = new Map<string, number>();
  const shorts = new Map<string, number>();
  const mults = new Map<string, Decimal>();

  for (const pos of list) {
    const ins = pos.instrument;
    const key = instrumentKey(ins);
    let s = series.get(key);
    if (s === undefined) {
      s = scanKrxSeries(ins, market, und.vol, base, range, half, gp.volShift, p);
      series.set(key, s);
    }
    const m = Number(ins.spec.multiplier);
    const w = pos.qty * m;
    const pnl = s.pnl;
    let peak = 0;
    for (let j = 0; j < pnl.length; j++) {
      scen[j]! += w * pnl[j]!;
      if (Math.abs(pnl[j]!) > peak) peak = Math.abs(pnl[j]!);
    }
    tolerance += Math.abs(w) * (peak * 1e-12 + (s.valueAt ? 1e-8 : 0));
    held.push({ scan: s, w: ins.multiplier.mul(pos.qty) });
    const absQ = BigInt(Math.abs(pos.qty));
    if (ins.spec.kind === 'future') {
      const pc = ins.spec.productCode;
      mults.set(pc, ins.multiplier);
      if (pos.qty > 0) longs.set(pc, (longs.get(pc) ?? 0) + pos.qty);
      else shorts.set(pc, (shorts.get(pc) ?? 0) - pos.qty);
      if (
        ins.spec.settlement === 'physical' &&
        market.timeToExpiry(ins) * 365 <= gp.deliveryWindowDays
      ) {
        delivery = delivery.add(
          s.price.mul(ins.multiplier).mul(absQ).mul(Decimal.parse(lv.deliveryRate)),
        );
      }
    } else {
      optPrice = optPrice.sub(s.price.mul(ins.multiplier).mul(BigInt(pos.qty)));
      optionAdjustment = optionAdjustment.add(krxOptionAdjustment(ins, s, pos.qty, oaRate, half));
      if (pos.qty < 0) {
        som = som.add(
          base.mul(ins.multiplier).mul(absQ).mul(Decimal.parse(lv.shortOptionMinimumRate)),
        );
      }
    }
  }
  // Floats find the worst scenario; every scenario within the float error of it is recomputed
  // exactly, and the exact worst is rounded once.
  let scanLoss = 0;
  for (let j = 0; j < scen.length; j++) if (-scen[j]! > scanLoss) scanLoss = -scen[j]!;
  let worstTimesHalf = Decimal.ZERO;
  let scanScenario = -1;
  const cutoff = scanLoss - 2 * tolerance - 1e-6;
  for (let j = 0; j < scen.length; j++) {
    if (-scen[j]! < cutoff) continue;
    let loss = Decimal.ZERO;
    for (const h of held) loss = loss.sub(h.w.mul(h.scan.exactTimesHalf(j)));
    if (loss.gt(worstTimesHalf)) {
      worstTimesHalf = loss;
      scanScenario = j;
    }
  }
  const scanExact = half === 0 ? Decimal.ZERO : worstTimesHalf.div(half, 0, p.rounding);
  const priceVariation = Decimal.max(scanExact, optionAdjustment.round(0, p.rounding));
  let futuresSpread = Decimal.ZERO;
  for (const [pc, l] of longs) {
    const pairs = Math.min(l, shorts.get(pc) ?? 0);
    if (pairs > 0) {
      futuresSpread = futuresSpread.add(
        base.mul(mults.get(pc)!).mul(pairs).mul(Decimal.parse(lv.spreadRate)),
      );
    }
  }
  const groupMinimum = Decimal.parse(lv.groupMinimum);
  const core = Decimal.max(priceVariation.add(futuresSpread).add(delivery), som);
  const total = Decimal.max(core.add(optPrice), groupMinimum).round(0, p.rounding);
  return {
    group,
    scanLoss,
    scanScenario,
    optionAdjustment: optionAdjustment.toNumber(),
    optionAdjustmentExact: optionAdjustment,
    priceVariation,
    futuresSpread,
    delivery,
    shortOptionMinimum: som,
    optionPrice: optPrice,
    groupMinimum,
    total,
  };
}
