/**
 * Per-class risk margin (SPAN or EUREX-style) as exact amounts in the class currency, with the
 * KIS roll-up: total = max(price variation + spread, option minimum) + option price margin.
 *
 * Rounding: every component is exact (floats only find the worst scenario) and rounded once to
 * the currency's minor unit, `half-up`. Initial (위탁) = round(ratio × maintenance (유지)), field by
 * field, in the class currency here and again in each view (see computeOverseasMarginDetail).
 * Option price margin = −min(max(0, NOV), max(pv + spread, minimum) − minimum): the credit for a
 * positive liquidation value, capped so the total never falls below the option minimum.
 */
import { Decimal } from '@kisfo/protocol';
import {
  OVERSEAS_KIND_CALL,
  OVERSEAS_KIND_FUTURE,
  OVERSEAS_KIND_PUT,
  type OverseasCompiledClass,
} from './compile.js';
import { computeEurexClass, eurexFuturesSpreads } from './eurex.js';
import { roundOverseasAmount } from './fx.js';
import {
  isSpanBook,
  type SpanBook,
  type SpanQuantities,
  spanBookToQuantities,
} from './span-book.js';
import { type SpanClassExact, spanClassExact, spanScanExact } from './span-class-exact.js';
import { spanDecimalOf } from './span-decimal.js';
import {
  spanLongOptionMinimum,
  spanNetOptionValue,
  spanShortOptionMinimum,
} from './span-option-minimum.js';

/** The independent inputs of the roll-up (class or view currency). */
export interface OverseasRiskComponents {
  /** Price-variation margin (가격변동증거금). */
  priceVariation: Decimal;
  /** Term spread margin (기간스프레드증거금): intra + spot − inter-commodity credit. */
  spread: Decimal;
  /** Option minimum (옵션최소증거금): SPAN short + long minimum; EUREX long minimum only. */
  optionMinimum: Decimal;
  /** max(0, net option value): what the option price margin may credit. */
  optionValue: Decimal;
}

/** Components plus the derived option price margin and total risk margin. */
export interface OverseasRiskBreakdown extends OverseasRiskComponents {
  /** Option price margin (옵션가격증거금), ≤ 0. */
  optionPrice: Decimal;
  /** Total risk margin (총위험증거금) = max(pv + spread, minimum) + option price. */
  total: Decimal;
}

/**
 * Apply the roll-up to components.
 *
 * @example
 * ```ts
 * combineOverseasRisk({ priceVariation: Decimal.from(100), spread: Decimal.from(20),
 *   optionMinimum: Decimal.from(30), optionValue: Decimal.from(50) }).total.toString(); // '70'
 * ```
 */
export function combineOverseasRisk(c: OverseasRiskComponents): OverseasRiskBreakdown {
  const base = Decimal.max(c.priceVariation.add(c.spread), c.optionMinimum, 0);
  const room = Decimal.max(base.sub(c.optionMinimum), 0);
  const credit = Decimal.min(Decimal.max(c.optionValue, 0), room);
  return { ...c, optionPrice: credit.neg(), total: base.sub(credit) };
}

/**
 * Maintenance components of one SPAN or EUREX class for net quantities `qty` (dense vector or
 * {@link SpanBook}; EUREX expands a book to a dense vector). Every amount is exact before its
 * one rounding to the currency's minor unit (the worst scenario recomputed in Decimal).
 *
 * @param interCredit SPAN inter-commodity credit for this class (class currency)
 * @param exact the class's exact SPAN figures when already computed for this `qty`
 * @example
 * ```ts
 * overseasRiskComponents(compiled, qty).priceVariation.toString();
 * ```
 */
export function overseasRiskComponents(
  c: OverseasCompiledClass,
  qty: SpanQuantities,
  interCredit: Decimal | number = 0,
  exact?: SpanClassExact,
): OverseasRiskComponents {
  const ccy = c.def.currency;
  const nov = roundOverseasAmount(Decimal.max(spanNetOptionValue(c, qty), 0), ccy);
  const longMin = spanLongOptionMinimum(c, qty);
  if (c.def.method === 'eurex') {
    const dense = isSpanBook(qty) ? spanBookToQuantities(c, qty) : qty;
    const e = computeEurexClass(c, dense);
    const scan = spanScanExact(c, eurexFuturesSpreads(c, dense).residual);
    const rate = Decimal.parse(c.def.futuresSpreadRate ?? '0');
    return {
      priceVariation: Decimal.max(
        roundOverseasAmount(scan, ccy),
        roundOverseasAmount(e.shortOptionMinimum, ccy),
      ),
      spread: roundOverseasAmount(rate.mul(e.spreads), ccy),
      optionMinimum: roundOverseasAmount(longMin, ccy),
      optionValue: nov,
    };
  }
  const s = exact ?? spanClassExact(c, qty);
  const credit = typeof interCredit === 'number' ? spanDecimalOf(interCredit) : interCredit;
  return {
    priceVariation: roundOverseasAmount(s.scan, ccy),
    spread: roundOverseasAmount(s.intra.add(s.spot).sub(credit), ccy),
    optionMinimum: roundOverseasAmount(spanShortOptionMinimum(c, qty).add(longMin), ccy),
    optionValue: nov,
  };
}

/** Which book governs a class's margin. */
export type OverseasOneSideBasis = 'netted' | 'rising' | 'falling';

/**
 * The rising-price side (long futures, short puts) or falling-price side (short futures, short
 * calls) of a book, each taken alone. Returns the same form it is given (dense or {@link SpanBook}).
 *
 * @example
 * ```ts
 * overseasOneSideQuantities(c, qty, 'rising');
 * ```
 */
export function overseasOneSideQuantities(
  c: OverseasCompiledClass,
  qty: Float64Array,
  side: 'rising' | 'falling',
): Float64Array;
export function overseasOneSideQuantities(
  c: OverseasCompiledClass,
  qty: SpanBook,
  side: 'rising' | 'falling',
): SpanBook;
export function overseasOneSideQuantities(
  c: OverseasCompiledClass,
  qty: SpanQuantities,
  side: 'rising' | 'falling',
): SpanQuantities;
export function overseasOneSideQuantities(
  c: OverseasCompiledClass,
  qty: SpanQuantities,
  side: 'rising' | 'falling',
): SpanQuantities {
  const keep = (k: number, q: number) =>
    side === 'rising'
      ? (k === OVERSEAS_KIND_FUTURE && q > 0) || (k === OVERSEAS_KIND_PUT && q < 0)
      : (k === OVERSEAS_KIND_FUTURE && q < 0) || (k === OVERSEAS_KIND_CALL && q < 0);
  if (isSpanBook(qty)) {
    const ks = qty.contract;
    const qs = qty.quantity;
    const contract: number[] = [];
    const quantity: number[] = [];
    for (let h = 0; h < ks.length; h++) {
      if (!keep(c.kind[ks[h]], qs[h])) continue;
      contract.push(ks[h]);
      quantity.push(qs[h]);
    }
    return { contract, quantity };
  }
  const out = new Float64Array(c.n);
  for (let i = 0; i < c.n; i++) if (keep(c.kind[i], qty[i])) out[i] = qty[i];
  return out;
}

/**
 * Initial (위탁) figures from maintenance (유지) ones: each field is ratio × the maintenance field,
 * rounded once to `currency`'s minor unit, so initial = round(ratio × maintenance) holds for
 * every field (kisfo's rounding order: per component, then the ratio once per view).
 *
 * @example
 * ```ts
 * overseasInitialFromMaintenance(m, Decimal.parse('1.1'), 'KRW').total; // round(1.1 × m.total)
 * ```
 */
export function overseasInitialFromMaintenance(
  m: OverseasRiskBreakdown,
  ratio: Decimal,
  currency: string,
): OverseasRiskBreakdown {
  const r = (d: Decimal) => roundOverseasAmount(d.mul(ratio), currency);
  return {
    priceVariation: r(m.priceVariation),
    spread: r(m.spread),
    optionMinimum: r(m.optionMinimum),
    optionValue: r(m.optionValue),
    optionPrice: r(m.optionPrice),
    total: r(m.total),
  };
}

/** One book's figures: maintenance components rolled up, and initial from them. */
export interface OverseasRiskFigures {
  maintenance: OverseasRiskBreakdown;
  initial: OverseasRiskBreakdown;
  /** The maintenance components before the roll-up (to convert for a view). */
  components: OverseasRiskComponents;
}

/** Maintenance and initial margin of one SPAN/EUREX class and the book that set it. */
export interface OverseasClassRisk extends OverseasRiskFigures {
  /** Which book the applied figures come from (`netted` unless one-side liquidation raised it). */
  basis: OverseasOneSideBasis;
  /** Standard SPAN / EUREX-style figures of the netted book. */
  netted: OverseasRiskFigures;
  /**
   * With the one-side liquidation policy on: the larger side's figures (rising or falling, each
   * taken alone, no inter-commodity credit), reported beside the netted ones.
   */
  oneSide?: OverseasRiskFigures & { side: 'rising' | 'falling' };
}

function figures(
  c: OverseasCompiledClass,
  components: OverseasRiskComponents,
): OverseasRiskFigures {
  const maintenance = combineOverseasRisk(components);
  return {
    components,
    maintenance,
    initial: overseasInitialFromMaintenance(maintenance, c.ratio, c.def.currency),
  };
}

/**
 * Margin of one SPAN/EUREX class in its currency, for a dense vector or a {@link SpanBook} (the
 * book costs O(held contracts)). Standard exchange figures by default. With `oneSide` (a broker
 * policy, off by default), each side is also computed alone (no inter-commodity credit) and
 * reported in `oneSide`; the larger side applies when it exceeds the netted figure.
 *
 * @example
 * ```ts
 * computeOverseasClassRisk(compiled, qty).initial.total.toString();
 * ```
 */
export function computeOverseasClassRisk(
  c: OverseasCompiledClass,
  qty: SpanQuantities,
  interCredit: Decimal | number = 0,
  oneSide = false,
  exact?: SpanClassExact,
): OverseasClassRisk {
  const netted = figures(c, overseasRiskComponents(c, qty, interCredit, exact));
  if (!oneSide) return { basis: 'netted', ...netted, netted };
  let side: OverseasRiskFigures & { side: 'rising' | 'falling' } = {
    side: 'rising',
    ...figures(c, overseasRiskComponents(c, overseasOneSideQuantities(c, qty, 'rising'))),
  };
  const falling = figures(
    c,
    overseasRiskComponents(c, overseasOneSideQuantities(c, qty, 'falling')),
  );
  if (falling.maintenance.total.gt(side.maintenance.total)) side = { side: 'falling', ...falling };
  const applied = side.maintenance.total.gt(netted.maintenance.total);
  const { components, maintenance, initial } = applied ? side : netted;
  return {
    basis: applied ? side.side : 'netted',
    components,
    maintenance,
    initial,
    netted,
    oneSide: side,
  };
}
