import {
  black76Price,
  blackScholesPrice,
  type DomesticBalanceInput,
  KrxMarketIndex,
  SAMPLE_KRX_MARGIN_PARAMETERS,
} from '@kisfo/risk';

/** A held series as the payoff needs it. */
export interface PayoffLeg {
  pdno: string;
  /** Signed open quantity (long +, short −). */
  qty: number;
}

/** The book's P&L across its underlying's levels, today and at expiry (KRW, floats). */
export interface PayoffCurve {
  group: string;
  /** Today's underlying level. */
  base: number;
  levels: number[];
  /** Repriced today (options by the margin's model, vol and rate), relative to now. */
  today: number[];
  /** At each series' expiry (options at intrinsic value), relative to today's prices. */
  atExpiry: number[];
}

/**
 * The payoff of the held book per product group across ± `range` of the underlying's level
 * (`points` levels): futures move with the underlying (F × S / S₀); options are repriced with
 * the margin's model today and at intrinsic value at expiry. Relative to the book's value now,
 * so `today` is 0 at the current level.
 *
 * @example
 * ```ts
 * payoffCurves(input, [{ pdno: '101W06', qty: 3 }])[0].today; // 3 × 250,000 × F₀ × (S/S₀ − 1)
 * ```
 */
export function payoffCurves(
  input: DomesticBalanceInput,
  legs: readonly PayoffLeg[],
  range = 0.15,
  points = 61,
): PayoffCurve[] {
  const market = new KrxMarketIndex(input.market);
  const p = input.marginParameters ?? SAMPLE_KRX_MARGIN_PARAMETERS;
  const groups = new Map<string, PayoffLeg[]>();
  for (const l of legs) {
    if (l.qty === 0) continue;
    const g = market.resolve(l.pdno, l.pdno).spec.group;
    groups.set(g, [...(groups.get(g) ?? []), l]);
  }
  const out: PayoffCurve[] = [];
  for (const [group, list] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const und = market.underlying(group, group);
    const base = Number(und.level);
    const levels = Array.from(
      { length: points },
      (_, i) => base * (1 - range + (2 * range * i) / (points - 1)),
    );
    const today = new Array<number>(points).fill(0);
    const atExpiry = new Array<number>(points).fill(0);
    for (const leg of list) {
      const ins = market.resolve(leg.pdno, leg.pdno);
      const q = market.quote(ins, leg.pdno);
      const price = Number(q.price);
      const w = leg.qty * Number(ins.spec.multiplier);
      if (ins.spec.kind === 'future') {
        levels.forEach((s, i) => {
          const d = w * price * (s / base - 1);
          today[i]! += d;
          atExpiry[i]! += d;
        });
        continue;
      }
      const call = ins.spec.kind === 'call';
      const k = ins.strike!.toNumber();
      const t = market.timeToExpiry(ins);
      const vol = q.vol ?? und.vol;
      const value = (s: number) =>
        ins.spec.optionModel === 'black-76'
          ? black76Price(call, s, k, t, vol, p.rate)
          : blackScholesPrice(call, s, k, t, vol, p.rate, p.dividendYield);
      const v0 = value(base);
      levels.forEach((s, i) => {
        today[i]! += w * (value(s) - v0);
        atExpiry[i]! += w * (Math.max(0, call ? s - k : k - s) - price);
      });
    }
    out.push({ group, base, levels, today, atExpiry });
  }
  return out;
}
