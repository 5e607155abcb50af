/**
 * Intra-commodity (tier) spreads of one SPAN class, and the spot-month charge that depends on
 * them. Spreads are formed in priority order between tiers: n = the legs' spread count, charge
 * n × rate, and n × ratio of each leg's delta consumed. One float algorithm
 * ({@link spanFormIntraSpreads}) serves the class scan and {@link spanIntraSpreads}; the exact
 * twin recomputes the reported amounts in Decimal.
 */
import { Decimal } from '@kisfo/protocol';
import { spanDecimalOf, spanDivide } from './span-decimal.js';
import { spanSpreadCount, spanSpreadCountExact } from './span-spread-count.js';
import type { SpanIntraSpread, SpanIntraSpreadLeg, SpanSpotCharge } from './types.js';

/** An intra spread with its tier indices and rate resolved once. */
export interface SpanIntraStep {
  readonly legs: readonly SpanIntraSpreadLeg[];
  /** Tier index per leg; `missing` when any is −1. */
  readonly idx: readonly number[];
  readonly missing: boolean;
  readonly rate: number;
}

/**
 * Resolve a class's spreads against its tiers once, for {@link spanFormIntraSpreads}.
 *
 * @example
 * ```ts
 * const steps = spanIntraSteps(compiled.tierNumbers, compiled.def.intraSpreads ?? []);
 * ```
 */
export function spanIntraSteps(
  tierNumbers: readonly number[],
  spreads: readonly SpanIntraSpread[],
): SpanIntraStep[] {
  return spreads.map((s) => {
    const idx = s.legs.map((l) => tierNumbers.indexOf(l.tier));
    return { legs: s.legs, idx, missing: idx.some((k) => k < 0), rate: Number(s.rate) };
  });
}

/**
 * Form the spreads on `remaining` (net delta per tier, consumed in place) and return the charge.
 *
 * @example
 * ```ts
 * const remaining = Float64Array.from(tierDelta);
 * spanFormIntraSpreads(steps, remaining); // Σ spreads × rate; remaining now holds what is left
 * ```
 */
export function spanFormIntraSpreads(
  steps: readonly SpanIntraStep[],
  remaining: Float64Array,
): number {
  let charge = 0;
  for (const s of steps) {
    if (s.missing) continue;
    const legs = s.legs;
    // Fast path for the usual two-leg spread on two tiers with an A leg: no allocation, the
    // same count and consumption as the general rule below (and the exact twin). Degenerate
    // definitions (two B legs, one tier twice) take the general rule.
    if (
      legs.length === 2 &&
      s.idx[0] !== s.idx[1] &&
      (legs[0].side === 'A' || legs[1].side === 'A')
    ) {
      const a = s.idx[0];
      const b = s.idx[1];
      const da = remaining[a];
      const db = remaining[b];
      const opposite = legs[0].side !== legs[1].side;
      if (da === 0 || db === 0 || (Math.sign(da) !== Math.sign(db)) !== opposite) continue;
      const ra = legs[0].deltaPerSpread;
      const rb = legs[1].deltaPerSpread;
      if (!(ra > 0 && rb > 0)) continue;
      const n = Math.min(Math.abs(da) / ra, Math.abs(db) / rb);
      charge += n * s.rate;
      remaining[a] -= Math.sign(da) * n * ra;
      remaining[b] -= Math.sign(db) * n * rb;
      continue;
    }
    const idx = s.idx;
    const n = spanSpreadCount(
      legs.map((l, k) => ({ delta: remaining[idx[k]], ratio: l.deltaPerSpread, side: l.side })),
    );
    if (n <= 0) continue;
    charge += n * s.rate;
    legs.forEach((l, k) => {
      remaining[idx[k]] -= Math.sign(remaining[idx[k]]) * n * l.deltaPerSpread;
    });
  }
  return charge;
}

/** Result of intra-commodity spreading. */
export interface SpanIntraResult {
  /** Σ spreads × rate. */
  charge: number;
  /** Net delta per tier before spreading. */
  tierDelta: Float64Array;
  /** Net delta per tier left after spreading (signed). */
  remaining: Float64Array;
}

/**
 * Form intra-commodity spreads in priority order between opposite-signed tiers:
 * n = min(|Δ_leg| / ratio_leg), charge n × rate, and consume n × ratio of each leg's delta.
 *
 * @param tierDelta net delta per tier (index = position in `tierNumbers`)
 * @param tierNumbers the tier number at each index
 * @example
 * ```ts
 * spanIntraSpreads(new Float64Array([1, -1]), [1, 2], [
 *   { rate: '200', legs: [{ tier: 1, deltaPerSpread: 1, side: 'A' }, { tier: 2, deltaPerSpread: 1, side: 'B' }] },
 * ]).charge; // 200
 * ```
 */
export function spanIntraSpreads(
  tierDelta: Float64Array,
  tierNumbers: readonly number[],
  spreads: readonly SpanIntraSpread[],
): SpanIntraResult {
  const remaining = Float64Array.from(tierDelta);
  const charge = spanFormIntraSpreads(spanIntraSteps(tierNumbers, spreads), remaining);
  return { charge, tierDelta, remaining };
}

/**
 * {@link spanIntraSpreads} in Decimal (the reported amounts): every leg through the general
 * spread count, divisions at `SPAN_EXACT_DIVISION_SCALE` places.
 *
 * @example
 * ```ts
 * spanIntraSpreadsExact(compiled.tierNumbers, tierDelta, compiled.def.intraSpreads ?? []).charge;
 * ```
 */
export function spanIntraSpreadsExact(
  tierNumbers: readonly number[],
  tierDelta: readonly Decimal[],
  spreads: readonly SpanIntraSpread[],
): { charge: Decimal; remaining: Decimal[] } {
  const remaining = [...tierDelta];
  let charge = Decimal.ZERO;
  for (const s of spreads) {
    const idx = s.legs.map((l) => tierNumbers.indexOf(l.tier));
    if (idx.some((k) => k < 0)) continue;
    const legs = s.legs.map((l, k) => ({
      delta: remaining[idx[k]!]!,
      ratio: spanDecimalOf(l.deltaPerSpread),
      side: l.side,
    }));
    const n = spanSpreadCountExact(legs);
    if (!n.isPositive()) continue;
    charge = charge.add(n.mul(Decimal.parse(s.rate)));
    legs.forEach((l, k) => {
      const t = idx[k]!;
      remaining[t] = remaining[t]!.sub(n.mul(l.ratio).mul(remaining[t]!.sign()));
    });
  }
  return { charge, remaining };
}

/**
 * Spot-month charge: the spot month's |delta| splits into the part its tier consumed in spreads
 * (pro rata to the tier's consumption — kisfo's choice) × spread rate and the rest × outright rate.
 *
 * @param tier the spot month's tier index (−1: none)
 * @example
 * ```ts
 * spanSpotCharge(s, monthDelta, tier, tierDelta, remaining);
 * ```
 */
export function spanSpotCharge(
  s: SpanSpotCharge,
  monthDelta: number,
  tier: number,
  tierDelta: Float64Array,
  remaining: Float64Array,
): number {
  const abs = Math.abs(monthDelta);
  if (abs === 0) return 0;
  let consumed = 0;
  if (tier >= 0 && tierDelta[tier] !== 0) {
    const frac = 1 - Math.abs(remaining[tier]) / Math.abs(tierDelta[tier]);
    consumed = Math.min(abs, abs * Math.max(0, frac));
  }
  return consumed * Number(s.spreadRate) + (abs - consumed) * Number(s.outrightRate);
}

/**
 * {@link spanSpotCharge} in Decimal.
 *
 * @example
 * ```ts
 * spanSpotChargeExact(s, monthDelta, tier, tierDelta, remaining).toString();
 * ```
 */
export function spanSpotChargeExact(
  s: SpanSpotCharge,
  monthDelta: Decimal,
  tier: number,
  tierDelta: readonly Decimal[],
  remaining: readonly Decimal[],
): Decimal {
  const abs = monthDelta.abs();
  if (abs.isZero()) return Decimal.ZERO;
  let consumed = Decimal.ZERO;
  if (tier >= 0 && !tierDelta[tier]!.isZero()) {
    const frac = Decimal.ONE.sub(spanDivide(remaining[tier]!.abs(), tierDelta[tier]!.abs()));
    consumed = Decimal.min(abs, abs.mul(Decimal.max(0, frac)));
  }
  return consumed
    .mul(Decimal.parse(s.spreadRate))
    .add(abs.sub(consumed).mul(Decimal.parse(s.outrightRate)));
}
