/**
 * Order margins and the exercise-reservation margin of one class, exact in the class currency.
 *
 * - Opening futures orders (buy or sell) and opening short-option orders: quantity × per-contract
 *   margin (계약당 증거금, initial).
 * - Opening long-option orders: quantity × max(tick value, 10) as margin, plus the premium at the
 *   limit price (market orders: current price + 50 ticks) × multiplier as order amount.
 * - Exercise reservation: reserved long options × the underlying future's per-contract margin.
 * Closing orders carry no margin.
 */
import { Decimal } from '@kisfo/protocol';
import { OVERSEAS_KIND_FUTURE, type OverseasCompiledClass } from './compile.js';
import { overseasDecimal } from './errors.js';
import { overseasMinorUnits, roundOverseasAmount } from './fx.js';
import { overseasGeneralRates } from './general.js';

/** Floor of the long-option order margin per contract, in the class currency (KIS: 10). */
export const OVERSEAS_LONG_OPTION_ORDER_FLOOR = Decimal.from(10);

/** Ticks added to the current price for a market buy order on an option. */
export const OVERSEAS_MARKET_ORDER_TICKS = 50;

/**
 * Initial margin per contract (계약당 증거금) of contract `i`: the contract's override, else the
 * general rate, else (SPAN/EUREX) the worst loss of one contract (futures: long; options: short,
 * at least the short option minimum) × the initial/maintenance ratio.
 *
 * @example
 * ```ts
 * overseasPerContractMargin(compiled, 0).toString();
 * ```
 */
export function overseasPerContractMargin(
  c: OverseasCompiledClass,
  i: number,
  path = 'class',
): Decimal {
  const p = c.def.contracts[i];
  const ccy = c.def.currency;
  if (p.perContractMargin !== undefined) {
    return overseasDecimal(p.perContractMargin, `${path}.contracts[${i}].perContractMargin`);
  }
  if (c.def.method === 'general') return overseasGeneralRates(c, i, path).initial;
  const s = c.scenarios;
  const future = c.kind[i] === OVERSEAS_KIND_FUTURE;
  let worst = 0;
  for (let j = 0; j < s; j++) {
    const loss = future ? c.riskArrays[i * s + j] : -c.riskArrays[i * s + j];
    if (loss > worst) worst = loss;
  }
  let m = Decimal.fromFloat(worst, overseasMinorUnits(ccy), 'half-up');
  if (!future) m = Decimal.max(m, c.shortOptionMinimum[i]);
  return roundOverseasAmount(m.mul(c.ratio), ccy);
}

/** An order resolved to its contract. */
export interface OverseasResolvedOrder {
  contract: number;
  side: 'buy' | 'sell';
  quantity: number;
  priceType: 'limit' | 'market';
  price?: Decimal;
  currentPrice?: Decimal;
  open: boolean;
}

/** Order figures of one class (class currency). */
export interface OverseasOrderMargin {
  /** 선물주문증거금. */
  futures: Decimal;
  /** 옵션매도주문증거금. */
  shortOptions: Decimal;
  /** Long-option order minimum (max(tick value, 10) per contract). */
  longOptionMinimum: Decimal;
  /** 옵션매수주문금액 (premium). */
  longOptionPremium: Decimal;
  /** 행사예약증거금. */
  exerciseReservation: Decimal;
}

/**
 * Order and exercise-reservation margins of one class.
 *
 * @param reservations `[underlying future contract index, reserved quantity]` pairs
 * @example
 * ```ts
 * computeOverseasOrderMargin(compiled, [{ contract: 0, side: 'buy', quantity: 1, priceType: 'market', open: true }], []);
 * ```
 */
export function computeOverseasOrderMargin(
  c: OverseasCompiledClass,
  orders: readonly OverseasResolvedOrder[],
  reservations: readonly (readonly [number, number])[],
  path = 'class',
): OverseasOrderMargin {
  const ccy = c.def.currency;
  let futures = Decimal.ZERO;
  let shortOptions = Decimal.ZERO;
  let longMin = Decimal.ZERO;
  let premium = Decimal.ZERO;
  const perLong = Decimal.max(c.tickValue, OVERSEAS_LONG_OPTION_ORDER_FLOOR);
  for (const o of orders) {
    if (!o.open) continue;
    if (c.kind[o.contract] === OVERSEAS_KIND_FUTURE) {
      futures = futures.add(overseasPerContractMargin(c, o.contract, path).mul(o.quantity));
    } else if (o.side === 'sell') {
      shortOptions = shortOptions.add(
        overseasPerContractMargin(c, o.contract, path).mul(o.quantity),
      );
    } else {
      longMin = longMin.add(perLong.mul(o.quantity));
      const price =
        o.priceType === 'limit'
          ? (o.price as Decimal)
          : (o.currentPrice ?? c.settlement[o.contract]).add(
              c.tickSize.mul(OVERSEAS_MARKET_ORDER_TICKS),
            );
      premium = premium.add(price.mul(o.quantity).mul(c.multiplier));
    }
  }
  let exercise = Decimal.ZERO;
  for (const [future, q] of reservations) {
    exercise = exercise.add(overseasPerContractMargin(c, future, path).mul(q));
  }
  const r = (d: Decimal) => roundOverseasAmount(d, ccy);
  return {
    futures: r(futures),
    shortOptions: r(shortOptions),
    longOptionMinimum: r(longMin),
    longOptionPremium: r(premium),
    exerciseReservation: r(exercise),
  };
}
