/**
 * Per-class risk margin (SPAN or EUREX-style) as exact amounts in the class currency, with the
 * KIS roll-up: total = max(price variation + spread, option minimum) + option price margin.
 *
 * Rounding: every float component is rounded once to the currency's minor unit, `half-up`.
 * Initial (위탁) components = maintenance (유지) components × the initial/maintenance ratio, each
 * rounded the same way, and combined by the same rule.
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
import { computeEurexClass } from './eurex.js';
import { overseasMinorUnits, roundOverseasAmount } from './fx.js';
import {
  computeSpanClassFloat,
  isSpanBook,
  type SpanBook,
  type SpanQuantities,
  spanBookToQuantities,
  spanLongOptionMinimum,
  spanNetOptionValue,
  spanShortOptionMinimum,
} from './span.js';

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
 * Multiply every component by `ratio` (initial = maintenance × ratio), rounding each.
 *
 * @example
 * ```ts
 * scaleOverseasRisk(m, Decimal.parse('1.1'), 'USD');
 * ```
 */
export function scaleOverseasRisk(
  c: OverseasRiskComponents,
  ratio: Decimal,
  currency: string,
): OverseasRiskComponents {
  const r = (d: Decimal) => roundOverseasAmount(d.mul(ratio), currency);
  return {
    priceVariation: r(c.priceVariation),
    spread: r(c.spread),
    optionMinimum: r(c.optionMinimum),
    optionValue: r(c.optionValue),
  };
}

function fromFloat(x: number, currency: string): Decimal {
  return Decimal.fromFloat(x, overseasMinorUnits(currency), 'half-up');
}

/**
 * Maintenance components of one SPAN or EUREX class for net quantities `qty` (dense vector or
 * {@link SpanBook}; EUREX expands a book to a dense vector).
 *
 * @param interCredit SPAN inter-commodity credit for this class (class currency)
 * @example
 * ```ts
 * overseasRiskComponents(compiled, qty).priceVariation.toString();
 * ```
 */
export function overseasRiskComponents(
  c: OverseasCompiledClass,
  qty: SpanQuantities,
  interCredit = 0,
): OverseasRiskComponents {
  const ccy = c.def.currency;
  const nov = roundOverseasAmount(Decimal.max(spanNetOptionValue(c, qty), 0), ccy);
  const longMin = spanLongOptionMinimum(c, qty);
  if (c.def.method === 'eurex') {
    const e = computeEurexClass(c, isSpanBook(qty) ? spanBookToQuantities(c, qty) : qty);
    return {
      priceVariation: Decimal.max(
        fromFloat(e.scan, ccy),
        roundOverseasAmount(e.shortOptionMinimum, ccy),
      ),
      spread: fromFloat(e.spreadCharge, ccy),
      optionMinimum: roundOverseasAmount(longMin, ccy),
      optionValue: nov,
    };
  }
  const s = computeSpanClassFloat(c, qty);
  return {
    priceVariation: fromFloat(s.scan, ccy),
    spread: fromFloat(s.intra + s.spot - interCredit, ccy),
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

/** Maintenance and initial margin of one SPAN/EUREX class and the book that set it. */
export interface OverseasClassRisk {
  basis: OverseasOneSideBasis;
  maintenance: OverseasRiskBreakdown;
  initial: OverseasRiskBreakdown;
}

/**
 * Margin of one SPAN/EUREX class in its currency, for a dense vector or a {@link SpanBook} (the
 * book costs O(held contracts)). With `oneSide`, each side is computed alone
 * (no inter-commodity credit) and the larger replaces the netted figure when it exceeds it.
 *
 * @example
 * ```ts
 * computeOverseasClassRisk(compiled, qty).initial.total.toString();
 * ```
 */
export function computeOverseasClassRisk(
  c: OverseasCompiledClass,
  qty: SpanQuantities,
  interCredit = 0,
  oneSide = true,
): OverseasClassRisk {
  let basis: OverseasOneSideBasis = 'netted';
  let comps = overseasRiskComponents(c, qty, interCredit);
  if (oneSide) {
    let best = combineOverseasRisk(comps).total;
    for (const side of ['rising', 'falling'] as const) {
      const sq = overseasOneSideQuantities(c, qty, side);
      const sc = overseasRiskComponents(c, sq);
      const t = combineOverseasRisk(sc).total;
      if (t.gt(best)) {
        best = t;
        comps = sc;
        basis = side;
      }
    }
  }
  const initial = scaleOverseasRisk(comps, c.ratio, c.def.currency);
  return {
    basis,
    maintenance: combineOverseasRisk(comps),
    initial: combineOverseasRisk(initial),
  };
}
