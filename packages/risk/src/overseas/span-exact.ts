/**
 * Exact SPAN amounts. The float SPAN scan finds the worst scenario fast; here the scenarios
 * that could be the worst (within the float error of it) are recomputed in Decimal from the
 * published values — risk arrays and deltas as their decimal text — and so are the tier spreads,
 * the spot charges and the inter-commodity credits. Only the caller's one named rounding follows.
 *
 * Divisions (spread counts n = |Δ| ÷ delta per spread, the weighted price risk) are carried at
 * {@link SPAN_EXACT_DIVISION_SCALE} places, far below any currency's minor unit.
 */
import { Decimal } from '@kisfo/protocol';
import type { OverseasCompiledClass } from './compile.js';
import { isSpanBook, type SpanQuantities } from './span.js';
import type { SpanInterSpread, SpanIntraSpread } from './types.js';

/** Places of the few divisions SPAN needs (spread counts, weighted price risk). */
export const SPAN_EXACT_DIVISION_SCALE = 20;

interface ExactCache {
  ra: (Decimal | undefined)[];
  delta: (Decimal | undefined)[];
}
const exactCache = new WeakMap<OverseasCompiledClass, ExactCache>();
const small = new Map<number, Decimal>();

/** A float parameter as the decimal it was published as (its shortest round-trip text). */
export function spanDecimalOf(x: number): Decimal {
  const hit = small.get(x);
  if (hit !== undefined) return hit;
  const text = String(x);
  const d = /e/i.test(text)
    ? Decimal.fromFloat(x, 24, 'half-even').normalize()
    : Decimal.parse(text);
  // Integers and the few ratios SPAN files use repeat: keep them.
  if (small.size < 4096 && Number.isInteger(x)) small.set(x, d);
  return d;
}

function cacheOf(c: OverseasCompiledClass): ExactCache {
  let e = exactCache.get(c);
  if (e === undefined) {
    e = { ra: new Array(c.n * c.scenarios), delta: new Array(c.n) };
    exactCache.set(c, e);
  }
  return e;
}

function raExact(c: OverseasCompiledClass, i: number, j: number): Decimal {
  const e = cacheOf(c);
  const k = i * c.scenarios + j;
  let v = e.ra[k];
  if (v === undefined) {
    v = spanDecimalOf(c.riskArrays[k]!);
    e.ra[k] = v;
  }
  return v;
}

/** Exact delta of contract i: composite delta × delta scaling factor, as published. */
export function spanDeltaExact(c: OverseasCompiledClass, i: number): Decimal {
  const e = cacheOf(c);
  let v = e.delta[i];
  if (v === undefined) {
    const p = c.def.contracts[i]!;
    const d = p.compositeDelta ?? (p.kind === 'future' ? 1 : 0);
    v = spanDecimalOf(d).mul(spanDecimalOf(p.deltaScalingFactor ?? 1));
    e.delta[i] = v;
  }
  return v;
}

function held(qty: SpanQuantities): { i: number; q: number }[] {
  const out: { i: number; q: number }[] = [];
  if (isSpanBook(qty)) {
    for (let h = 0; h < qty.contract.length; h++)
      out.push({ i: qty.contract[h]!, q: qty.quantity[h]! });
  } else {
    for (let i = 0; i < qty.length; i++) if (qty[i] !== 0) out.push({ i, q: qty[i]! });
  }
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
  const cutoff = worst - magnitude * 1e-12 - 1e-9;
  let best = Decimal.ZERO;
  for (let j = 0; j < sc; j++) {
    if (acc[j]! < cutoff) continue;
    let s = Decimal.ZERO;
    for (const { i, q } of book) s = s.add(raExact(c, i, j).mul(q));
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

const div = (a: Decimal, b: Decimal) => a.div(b, SPAN_EXACT_DIVISION_SCALE, 'half-even');

/** How many spreads the legs can form (A legs one sign, B legs the other), exact. */
function spreadCountExact(legs: { delta: Decimal; ratio: Decimal; side: 'A' | 'B' }[]): Decimal {
  const a = legs.find((l) => l.side === 'A');
  if (!a || a.delta.isZero()) return Decimal.ZERO;
  const sign = a.delta.sign();
  let n: Decimal | undefined;
  for (const l of legs) {
    const want = l.side === 'A' ? sign : -sign;
    if (l.delta.sign() !== want || !l.ratio.isPositive()) return Decimal.ZERO;
    const k = div(l.delta.abs(), l.ratio);
    n = n === undefined || k.lt(n) ? k : n;
  }
  return n ?? Decimal.ZERO;
}

function intraExact(
  tierNumbers: readonly number[],
  tierDelta: Decimal[],
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
    const n = spreadCountExact(legs);
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
  const { charge, remaining } = intraExact(c.tierNumbers, tierDelta, c.def.intraSpreads ?? []);
  let spot = Decimal.ZERO;
  for (const s of c.def.spotCharges ?? []) {
    let monthDelta = Decimal.ZERO;
    let tier = -1;
    for (const { i } of book) {
      if (c.futuresMonth[i] !== s.month) continue;
      monthDelta = monthDelta.add(deltaOf.get(i)!);
      tier = c.tierIndex[i]!;
    }
    const abs = monthDelta.abs();
    if (abs.isZero()) continue;
    let consumed = Decimal.ZERO;
    if (tier >= 0 && !tierDelta[tier]!.isZero()) {
      const frac = Decimal.ONE.sub(div(remaining[tier]!.abs(), tierDelta[tier]!.abs()));
      consumed = Decimal.min(abs, abs.mul(Decimal.max(0, frac)));
    }
    spot = spot
      .add(consumed.mul(Decimal.parse(s.spreadRate)))
      .add(abs.sub(consumed).mul(Decimal.parse(s.outrightRate)));
  }
  return {
    scan: spanScanExact(c, qty),
    intra: charge,
    spot,
    netDelta,
    remainingDelta: Decimal.sum(remaining),
  };
}

/** A class taking part in inter-commodity spreading, exact. */
export interface SpanInterInputExact {
  key: string;
  priceRisk: Decimal;
  netDelta: Decimal;
  remainingDelta: Decimal;
}

/**
 * Inter-commodity credits in priority order, exact (same rule as `spanInterCredits`):
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
    const n = spreadCountExact(
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
      const wpr = cls.netDelta.isZero() ? Decimal.ZERO : div(cls.priceRisk, cls.netDelta.abs());
      const credit = n.mul(ratio).mul(wpr).mul(rate);
      credits.set(cls.key, (credits.get(cls.key) ?? Decimal.ZERO).add(credit));
      cls.rem = cls.rem.sub(n.mul(ratio).mul(cls.rem.sign()));
    }
  }
  return credits;
}
