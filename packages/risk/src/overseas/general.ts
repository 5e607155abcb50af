/**
 * General (non-SPAN) margin of one class, exact: futures open interest × per-contract rate
 * (calendar spreads, when the class defines a spread rate, at the spread rate instead), short
 * options × the exchange's per-contract worst case, long options × one tick.
 */
import { Decimal } from '@kisfo/protocol';
import { OVERSEAS_KIND_FUTURE, type OverseasCompiledClass } from './compile.js';
import { OverseasInputError, overseasDecimal } from './errors.js';
import { eurexFuturesSpreads } from './eurex.js';
import { roundOverseasAmount } from './fx.js';

/** General margin of one class in its currency. */
export interface OverseasGeneralMargin {
  /** 선물미결제증거금 (initial, outright futures). */
  futures: Decimal;
  /** 매도옵션미결제증거금. */
  shortOptions: Decimal;
  /** 매수옵션미결제증거금 (one tick per contract). */
  longOptions: Decimal;
  /** 스프레드미결제증거금. */
  spread: Decimal;
  /** AVG할인증거금: no public rule; kisfo reports 0. */
  averageDiscount: Decimal;
  /** 일반위탁증거금 = futures + shortOptions + longOptions + spread − averageDiscount. */
  initial: Decimal;
  /** 선물유지증거금 (outrights and spreads at maintenance rates). */
  futuresMaintenance: Decimal;
  /** 옵션유지증거금 (short options at maintenance, long options one tick). */
  optionsMaintenance: Decimal;
  /** 일반유지증거금 = futuresMaintenance + optionsMaintenance. */
  maintenance: Decimal;
}

/** Initial and maintenance per-contract rates of contract `i` of a general class. */
export function overseasGeneralRates(
  c: OverseasCompiledClass,
  i: number,
  path = 'class',
): { initial: Decimal; maintenance: Decimal } {
  const p = c.def.contracts[i];
  const field = `${path}.contracts[${i}]`;
  if (p.generalInitial === undefined) {
    throw new OverseasInputError(`${field}.generalInitial`, 'required for the general method');
  }
  const initial = overseasDecimal(p.generalInitial, `${field}.generalInitial`);
  const maintenance =
    p.generalMaintenance === undefined
      ? roundOverseasAmount(initial.div(c.ratio, 8, 'half-up'), c.def.currency)
      : overseasDecimal(p.generalMaintenance, `${field}.generalMaintenance`);
  return { initial, maintenance };
}

/**
 * General margin for net quantities `qty`.
 *
 * @example
 * ```ts
 * computeOverseasGeneralMargin(compiled, qty).initial.toString();
 * ```
 */
export function computeOverseasGeneralMargin(
  c: OverseasCompiledClass,
  qty: Float64Array,
  path = 'class',
): OverseasGeneralMargin {
  const ccy = c.def.currency;
  const spreadRates = c.def.generalSpread;
  const { spreads, residual } = spreadRates
    ? eurexFuturesSpreads(c, qty)
    : { spreads: 0, residual: qty };
  let futures = Decimal.ZERO;
  let futuresM = Decimal.ZERO;
  let shortOptions = Decimal.ZERO;
  let shortOptionsM = Decimal.ZERO;
  let longs = 0;
  for (let i = 0; i < c.n; i++) {
    const q = residual[i];
    if (q === 0) continue;
    if (c.kind[i] === OVERSEAS_KIND_FUTURE) {
      const r = overseasGeneralRates(c, i, path);
      futures = futures.add(r.initial.mul(Math.abs(q)));
      futuresM = futuresM.add(r.maintenance.mul(Math.abs(q)));
    } else if (q < 0) {
      const r = overseasGeneralRates(c, i, path);
      shortOptions = shortOptions.add(r.initial.mul(-q));
      shortOptionsM = shortOptionsM.add(r.maintenance.mul(-q));
    } else {
      longs += q;
    }
  }
  const spreadI = spreadRates
    ? overseasDecimal(spreadRates.initial, `${path}.generalSpread.initial`).mul(spreads)
    : Decimal.ZERO;
  const spreadM = spreadRates
    ? overseasDecimal(spreadRates.maintenance, `${path}.generalSpread.maintenance`).mul(spreads)
    : Decimal.ZERO;
  const r = (d: Decimal) => roundOverseasAmount(d, ccy);
  const longOptions = r(c.tickValue.mul(longs));
  const out = {
    futures: r(futures),
    shortOptions: r(shortOptions),
    longOptions,
    spread: r(spreadI),
    averageDiscount: Decimal.ZERO,
    futuresMaintenance: r(futuresM.add(spreadM)),
    optionsMaintenance: r(shortOptionsM).add(longOptions),
  };
  return {
    ...out,
    initial: out.futures.add(out.shortOptions).add(out.longOptions).add(out.spread),
    maintenance: out.futuresMaintenance.add(out.optionsMaintenance),
  };
}
