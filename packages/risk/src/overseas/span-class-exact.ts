/**
 * Exact SPAN amounts of one class. The float scan finds the worst scenario fast; here the
 * scenarios that could be the worst (within the float error of it) are recomputed in Decimal from
 * the published values — risk arrays and deltas as their decimal text — and so are the tier
 * spreads and the spot charges. Only the caller's one named rounding follows.
 *
 * Divisions (spread counts n = |Δ| ÷ delta per spread, the weighted price risk) are carried at
 * `SPAN_EXACT_DIVISION_SCALE` places, far below any currency's minor unit.
 */
import { Decimal } from '@kisfo/protocol';
import type { OverseasCompiledClass } from './compile.js';
import { type SpanQuantities, spanForEachHeld } from './span-book.js';
import { spanDeltaExact, spanRiskValueExact } from './span-decimal.js';
import { spanIntraSpreadsExact, spanSpotChargeExact } from './span-intra.js';

function held(qty: SpanQuantities): { i: number; q: number }[] {
  const out: { i: number; q: number }[] = [];
  spanForEachHeld(qty, (i, q) => out.push({ i, q }));
  return out;
}

/**
 * Scan risk, exact: max(0, max_j Σ qty × riskArray[j]) with the worst scenario found in floats
 * and every scenario within the float error of it recomputed in Decimal.
 *
 * @example
 * ```ts
 * spanScanExact(compiled, qty).toString(); // '10000'
 * ```
 */
export function spanScanExact(c: OverseasCompiledClass, qty: SpanQuantities): Decimal {
  const sc = c.scenarios;
  const book = held(qty);
  if (book.length === 0) return Decimal.ZERO;
  const acc = new Float64Array(sc);
  let magnitude = 0;
  for (const { i, q } of book) {
    for (let j = 0; j < sc; j++) {
      const v = q * c.riskArrays[i * sc + j]!;
      acc[j]! += v;
      magnitude += Math.abs(v);
    }
  }
  let worst = 0;
  for (let j = 0; j < sc; j++) if (acc[j]! > worst) worst = acc[j]!;
  // Any scenario this close to the float worst could be the exact worst.
  const cutoff = worst - magnitude * 1e-12 - 1e-9;
  let best = Decimal.ZERO;
  for (let j = 0; j < sc; j++) {
    if (acc[j]! < cutoff) continue;
    let s = Decimal.ZERO;
    for (const { i, q } of book) s = s.add(spanRiskValueExact(c, i, j).mul(q));
    if (s.gt(best)) best = s;
  }
  return best;
}

/** Exact intra-commodity, spot and delta figures of one SPAN class. */
export interface SpanClassExact {
  scan: Decimal;
  intra: Decimal;
  spot: Decimal;
  netDelta: Decimal;
  remainingDelta: Decimal;
}

/**
 * Scan, intra-commodity (tier) spread charge, spot charge and deltas of one SPAN class, exact.
 * Same rules as `computeSpanClassFloat`.
 *
 * @example
 * ```ts
 * spanClassExact(compiled, qty).intra.toString();
 * ```
 */
export function spanClassExact(c: OverseasCompiledClass, qty: SpanQuantities): SpanClassExact {
  const book = held(qty);
  const tierDelta = c.tiers.map(() => Decimal.ZERO);
  let netDelta = Decimal.ZERO;
  const deltaOf = new Map<number, Decimal>();
  for (const { i, q } of book) {
    const d = spanDeltaExact(c, i).mul(q);
    deltaOf.set(i, d);
    netDelta = netDelta.add(d);
    const t = c.tierIndex[i]!;
    if (t >= 0) tierDelta[t] = tierDelta[t]!.add(d);
  }
  const { charge, remaining } = spanIntraSpreadsExact(
    c.tierNumbers,
    tierDelta,
    c.def.intraSpreads ?? [],
  );
  let spot = Decimal.ZERO;
  for (const s of c.def.spotCharges ?? []) {
    let monthDelta = Decimal.ZERO;
    let tier = -1;
    for (const { i } of book) {
      if (c.futuresMonth[i] !== s.month) continue;
      monthDelta = monthDelta.add(deltaOf.get(i)!);
      tier = c.tierIndex[i]!;
    }
    spot = spot.add(spanSpotChargeExact(s, monthDelta, tier, tierDelta, remaining));
  }
  return {
    scan: spanScanExact(c, qty),
    intra: charge,
    spot,
    netDelta,
    remainingDelta: Decimal.sum(remaining),
  };
}
