/**
 * The option figures of a SPAN class, exact: the short option minimum (per-contract rate × net
 * short option contracts), the long option minimum (one tick per long option) and the net option
 * value the option price margin may credit. Dense vector or `SpanBook` alike.
 */
import { Decimal } from '@kisfo/protocol';
import { OVERSEAS_KIND_FUTURE, OVERSEAS_KIND_PUT, type OverseasCompiledClass } from './compile.js';
import { type SpanQuantities, spanForEachHeld } from './span-book.js';

/**
 * Short option minimum (exact): per-contract rates × net short option contracts, short calls and
 * short puts summed (`sum`) or the larger of the two (`max`). Dense vector or `SpanBook`.
 *
 * @example
 * ```ts
 * spanShortOptionMinimum(c, qty).toString();
 * ```
 */
export function spanShortOptionMinimum(c: OverseasCompiledClass, qty: SpanQuantities): Decimal {
  let calls = Decimal.ZERO;
  let puts = Decimal.ZERO;
  spanForEachHeld(qty, (i, q) => {
    if (q >= 0 || c.kind[i] === OVERSEAS_KIND_FUTURE) return;
    const charge = c.shortOptionMinimum[i].mul(-q);
    if (c.kind[i] === OVERSEAS_KIND_PUT) puts = puts.add(charge);
    else calls = calls.add(charge);
  });
  return c.somMethod === 'max' ? Decimal.max(calls, puts) : calls.add(puts);
}

/**
 * Long option minimum (exact): one tick value per long option contract.
 *
 * @example
 * ```ts
 * spanLongOptionMinimum(c, qty).toString();
 * ```
 */
export function spanLongOptionMinimum(c: OverseasCompiledClass, qty: SpanQuantities): Decimal {
  let longs = 0;
  spanForEachHeld(qty, (i, q) => {
    if (q > 0 && c.kind[i] !== OVERSEAS_KIND_FUTURE) longs += q;
  });
  return c.tickValue.mul(longs);
}

/**
 * Net option value (exact): Σ option qty × settlement price × multiplier (long − short).
 *
 * @example
 * ```ts
 * spanNetOptionValue(c, qty).toString();
 * ```
 */
export function spanNetOptionValue(c: OverseasCompiledClass, qty: SpanQuantities): Decimal {
  let v = Decimal.ZERO;
  spanForEachHeld(qty, (i, q) => {
    if (c.kind[i] !== OVERSEAS_KIND_FUTURE) v = v.add(c.settlement[i].mul(q));
  });
  return v.mul(c.multiplier);
}
