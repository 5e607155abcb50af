import { Decimal } from '@kisfo/protocol';
import type { KrxInstrument } from './codes.js';
import { KrxGroupMarginState } from './margin-group.js';
import type {
  KrxGroupMarginParameters,
  KrxMarginLevel,
  KrxMarginParameters,
} from './margin-params.js';
import { krxPricePoints } from './margin-scan.js';
import { keepKrxMarginShapes } from './margin-shapes.js';
import { instrumentKey, KrxInputError, KrxMarketIndex } from './resolve.js';
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
  krxPricePoints(p);
  keepKrxMarginShapes();
  // KRX nets a series: a long and a short in the same series are one net position. Netting
  // first also keeps an exact offset exactly zero in the float scan and out of the spread and
  // short-option-minimum counts.
  const net = new Map<string, { instrument: KrxInstrument; qty: number }>();
  for (const pos of input.positions) {
    const key = instrumentKey(pos.instrument);
    const held = net.get(key);
    // One entry per series, added to in place (the caller's positions are never written).
    if (held === undefined) net.set(key, { instrument: pos.instrument, qty: pos.qty });
    else held.qty += pos.qty;
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
  return krxMarginRollUp(level, groups, p);
}

/** The requirement of a level from its groups (sorted by name): Σ totals, split cash/substitute. */
export function krxMarginRollUp(
  level: 'initial' | 'maintenance',
  groups: KrxGroupMargin[],
  p: KrxMarginParameters,
): KrxMarginResult {
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
  const state = new KrxGroupMarginState(group, gp, lv, p, market);
  for (const pos of list) state.set(pos.instrument, pos.qty);
  return state.result();
}
