/**
 * How many spreads a set of legs can form — the one rule intra-commodity (tier) spreads and
 * inter-commodity spreads share: the A legs must all carry one sign of delta and the B legs the
 * other, and the count is the smallest |Δ| ÷ delta per spread over the legs. Float (scans) and
 * exact (reported amounts) forms of the same rule.
 */
import { Decimal } from '@kisfo/protocol';
import { spanDivide } from './span-decimal.js';

/** One leg as the count sees it: the delta left to spread, its delta per spread and side. */
export interface SpanSpreadLeg<N> {
  delta: N;
  ratio: N;
  side: 'A' | 'B';
}

/**
 * How many spreads the legs can form (0 when any leg has the wrong sign, no delta or no ratio).
 *
 * @example
 * ```ts
 * spanSpreadCount([{ delta: 3, ratio: 1, side: 'A' }, { delta: -2, ratio: 1, side: 'B' }]); // 2
 * ```
 */
export function spanSpreadCount(legs: readonly SpanSpreadLeg<number>[]): number {
  const a = legs.find((l) => l.side === 'A');
  if (!a || a.delta === 0) return 0;
  const sign = Math.sign(a.delta);
  let n = Number.POSITIVE_INFINITY;
  for (const l of legs) {
    const want = l.side === 'A' ? sign : -sign;
    if (Math.sign(l.delta) !== want || !(l.ratio > 0)) return 0;
    n = Math.min(n, Math.abs(l.delta) / l.ratio);
  }
  return Number.isFinite(n) ? n : 0;
}

/**
 * {@link spanSpreadCount} in Decimal, divisions at `SPAN_EXACT_DIVISION_SCALE` places.
 *
 * @example
 * ```ts
 * spanSpreadCountExact([
 *   { delta: Decimal.from(3), ratio: Decimal.ONE, side: 'A' },
 *   { delta: Decimal.from(-2), ratio: Decimal.ONE, side: 'B' },
 * ]).toString(); // '2'
 * ```
 */
export function spanSpreadCountExact(legs: readonly SpanSpreadLeg<Decimal>[]): Decimal {
  const a = legs.find((l) => l.side === 'A');
  if (!a || a.delta.isZero()) return Decimal.ZERO;
  const sign = a.delta.sign();
  let n: Decimal | undefined;
  for (const l of legs) {
    const want = l.side === 'A' ? sign : -sign;
    if (l.delta.sign() !== want || !l.ratio.isPositive()) return Decimal.ZERO;
    const k = spanDivide(l.delta.abs(), l.ratio);
    n = n === undefined || k.lt(n) ? k : n;
  }
  return n ?? Decimal.ZERO;
}
