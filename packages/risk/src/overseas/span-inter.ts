/**
 * Inter-commodity spread credits across SPAN classes, in priority order. Each class enters with
 * its price risk, net delta and the delta its intra spreads left; WPR = price risk ÷ |net delta|,
 * and per leg credit = spreads × delta ratio × WPR × credit rate, the legs' deltas consumed.
 * Float and exact forms of the same rule (the exact one feeds the reported amounts).
 */
import { Decimal } from '@kisfo/protocol';
import { spanDecimalOf, spanDivide } from './span-decimal.js';
import { spanSpreadCount, spanSpreadCountExact } from './span-spread-count.js';
import type { SpanInterSpread } from './types.js';

/** A class taking part in inter-commodity spreading. */
export interface SpanInterInput {
  key: string;
  /** Price risk used for the weighted price risk (kisfo: the class's scan risk). */
  priceRisk: number;
  netDelta: number;
  remainingDelta: number;
}

/**
 * Inter-commodity credits in priority order. WPR = price risk ÷ |net delta|; per leg
 * credit = spreads × delta ratio × WPR × credit rate; legs' deltas are consumed.
 * Returns the credit per class key (class currency).
 *
 * @example
 * ```ts
 * spanInterCredits(
 *   [{ key: 'CME:ES', priceRisk: 1000, netDelta: 1, remainingDelta: 1 },
 *    { key: 'CME:NQ', priceRisk: 1200, netDelta: -1, remainingDelta: -1 }],
 *   [{ creditRate: '0.5', legs: [
 *     { exchange: 'CME', classCode: 'ES', deltaPerSpread: 1, side: 'A' },
 *     { exchange: 'CME', classCode: 'NQ', deltaPerSpread: 1, side: 'B' }] }],
 * ).get('CME:ES'); // 500
 * ```
 */
export function spanInterCredits(
  classes: readonly SpanInterInput[],
  spreads: readonly SpanInterSpread[],
): Map<string, number> {
  const byKey = new Map(classes.map((c) => [c.key, { ...c, rem: c.remainingDelta }]));
  const credits = new Map<string, number>();
  for (const s of spreads) {
    const legs = s.legs.map((l) => ({ leg: l, c: byKey.get(`${l.exchange}:${l.classCode}`) }));
    if (legs.some((l) => !l.c)) continue;
    const n = spanSpreadCount(
      legs.map(({ leg, c }) => ({ delta: c!.rem, ratio: leg.deltaPerSpread, side: leg.side })),
    );
    if (n <= 0) continue;
    const rate = Number(s.creditRate);
    for (const { leg, c } of legs) {
      const cls = c!;
      const wpr = cls.netDelta !== 0 ? cls.priceRisk / Math.abs(cls.netDelta) : 0;
      const credit = n * leg.deltaPerSpread * wpr * rate;
      credits.set(cls.key, (credits.get(cls.key) ?? 0) + credit);
      cls.rem -= Math.sign(cls.rem) * n * leg.deltaPerSpread;
    }
  }
  return credits;
}

/** A class taking part in inter-commodity spreading, exact. */
export interface SpanInterInputExact {
  key: string;
  priceRisk: Decimal;
  netDelta: Decimal;
  remainingDelta: Decimal;
}

/**
 * Inter-commodity credits in priority order, exact (same rule as {@link spanInterCredits}):
 * WPR = price risk ÷ |net delta|, credit per leg = spreads × delta ratio × WPR × credit rate.
 *
 * @example
 * ```ts
 * spanInterCreditsExact(classes, parameters.interSpreads ?? []).get('CME:ES')?.toString();
 * ```
 */
export function spanInterCreditsExact(
  classes: readonly SpanInterInputExact[],
  spreads: readonly SpanInterSpread[],
): Map<string, Decimal> {
  const byKey = new Map(classes.map((c) => [c.key, { ...c, rem: c.remainingDelta }]));
  const credits = new Map<string, Decimal>();
  for (const s of spreads) {
    const legs = s.legs.map((l) => ({ leg: l, c: byKey.get(`${l.exchange}:${l.classCode}`) }));
    if (legs.some((l) => !l.c)) continue;
    const n = spanSpreadCountExact(
      legs.map(({ leg, c }) => ({
        delta: c!.rem,
        ratio: spanDecimalOf(leg.deltaPerSpread),
        side: leg.side,
      })),
    );
    if (!n.isPositive()) continue;
    const rate = Decimal.parse(s.creditRate);
    for (const { leg, c } of legs) {
      const cls = c!;
      const ratio = spanDecimalOf(leg.deltaPerSpread);
      const wpr = cls.netDelta.isZero()
        ? Decimal.ZERO
        : spanDivide(cls.priceRisk, cls.netDelta.abs());
      const credit = n.mul(ratio).mul(wpr).mul(rate);
      credits.set(cls.key, (credits.get(cls.key) ?? Decimal.ZERO).add(credit));
      cls.rem = cls.rem.sub(n.mul(ratio).mul(cls.rem.sign()));
    }
  }
  return credits;
}
