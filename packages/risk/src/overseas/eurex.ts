/**
 * EUREX-style margin for one class: futures calendar spreads are taken out and charged the spread
 * rate (futures only, front months paired first); what is left is scanned over the price grid
 * (0 and ±k/steps of the margin interval); the short option minimum sits inside the
 * price-variation margin (max of scan and minimum), as KIS describes it.
 */
import type { Decimal } from '@kisfo/protocol';
import { OVERSEAS_KIND_FUTURE, type OverseasCompiledClass } from './compile.js';
import { spanScanRisk } from './span-class.js';
import { spanShortOptionMinimum } from './span-option-minimum.js';

/** Float and exact parts of an EUREX-style class. */
export interface EurexClassResult {
  /** Scan of the non-spread book over the grid. */
  scan: number;
  /** Futures spreads formed. */
  spreads: number;
  /** Spreads × futures spread rate. */
  spreadCharge: number;
  /** Short option minimum (inside the price-variation margin). */
  shortOptionMinimum: Decimal;
}

/**
 * Pair long and short futures across months (front months first) into calendar spreads and
 * return the count and the quantities left.
 *
 * @example
 * ```ts
 * eurexFuturesSpreads(c, new Float64Array([2, -1])).spreads; // 1
 * ```
 */
export function eurexFuturesSpreads(
  c: OverseasCompiledClass,
  qty: Float64Array,
): { spreads: number; residual: Float64Array } {
  const residual = Float64Array.from(qty);
  const futures: number[] = [];
  let longs = 0;
  let shorts = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.kind[i] !== OVERSEAS_KIND_FUTURE || qty[i] === 0) continue;
    futures.push(i);
    if (qty[i] > 0) longs += qty[i];
    else shorts -= qty[i];
  }
  const spreads = Math.min(longs, shorts);
  futures.sort((a, b) => (c.futuresMonth[a] < c.futuresMonth[b] ? -1 : 1));
  let needLong = spreads;
  let needShort = spreads;
  for (const i of futures) {
    if (residual[i] > 0 && needLong > 0) {
      const take = Math.min(residual[i], needLong);
      residual[i] -= take;
      needLong -= take;
    } else if (residual[i] < 0 && needShort > 0) {
      const take = Math.min(-residual[i], needShort);
      residual[i] += take;
      needShort -= take;
    }
  }
  return { spreads, residual };
}

/**
 * EUREX-style scan, futures spread charge and short option minimum of one class.
 *
 * @example
 * ```ts
 * computeEurexClass(compileOverseasProductClass(fdax), qty).scan;
 * ```
 */
export function computeEurexClass(c: OverseasCompiledClass, qty: Float64Array): EurexClassResult {
  const { spreads, residual } = eurexFuturesSpreads(c, qty);
  const scan = spanScanRisk(residual, c.riskArrays, c.scenarios);
  const rate = c.def.futuresSpreadRate === undefined ? 0 : Number(c.def.futuresSpreadRate);
  return {
    scan,
    spreads,
    spreadCharge: spreads * rate,
    shortOptionMinimum: spanShortOptionMinimum(c, qty),
  };
}
