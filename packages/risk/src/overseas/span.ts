/**
 * SPAN for one combined commodity: scan risk, intra-commodity (tier) spreads, spot charges,
 * short option minimum; and inter-commodity credits across classes. Float math inside; the
 * caller rounds once (see class-risk.ts).
 */
import { Decimal } from '@kisfo/protocol';
import { OVERSEAS_KIND_FUTURE, OVERSEAS_KIND_PUT, type OverseasCompiledClass } from './compile.js';
import type { SpanInterSpread, SpanIntraSpread } from './types.js';

/**
 * Scan risk: max(0, max_j Σ_i qty_i × ra_i[j]) over contracts with a non-zero quantity.
 *
 * @param qty net quantity per contract (long > 0)
 * @param riskArrays contract-major risk arrays (`riskArrays[i * scenarios + j]`), loss positive
 * @example
 * ```ts
 * spanScanRisk(new Float64Array([1]), new Float64Array([0, 0, 10, -10]), 4); // 10
 * ```
 */
export function spanScanRisk(
  qty: Float64Array,
  riskArrays: Float64Array,
  scenarios: number,
): number {
  const acc = new Float64Array(scenarios);
  const n = qty.length;
  for (let i = 0; i < n; i++) {
    const q = qty[i];
    if (q === 0) continue;
    const base = i * scenarios;
    for (let j = 0; j < scenarios; j++) acc[j] += q * riskArrays[base + j];
  }
  let worst = 0;
  for (let j = 0; j < scenarios; j++) if (acc[j] > worst) worst = acc[j];
  return worst;
}

/**
 * Sum position quantities into a net quantity per contract.
 *
 * @example
 * ```ts
 * spanNetQuantities(new Int32Array([0, 0, 1]), new Float64Array([2, -1, 3]), 2); // [1, 3]
 * ```
 */
export function spanNetQuantities(
  contractIndex: Int32Array,
  quantity: Float64Array,
  contracts: number,
): Float64Array {
  const net = new Float64Array(contracts);
  for (let p = 0; p < contractIndex.length; p++) net[contractIndex[p]] += quantity[p];
  return net;
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
  let charge = 0;
  for (const s of spreads) {
    const legs = s.legs;
    // Fast path for the usual two-leg spread: no allocation.
    if (legs.length === 2) {
      const a = tierNumbers.indexOf(legs[0].tier);
      const b = tierNumbers.indexOf(legs[1].tier);
      if (a < 0 || b < 0) continue;
      const da = remaining[a];
      const db = remaining[b];
      const opposite = legs[0].side !== legs[1].side;
      if (da === 0 || db === 0 || (Math.sign(da) !== Math.sign(db)) !== opposite) continue;
      const ra = legs[0].deltaPerSpread;
      const rb = legs[1].deltaPerSpread;
      if (!(ra > 0 && rb > 0)) continue;
      const n = Math.min(Math.abs(da) / ra, Math.abs(db) / rb);
      charge += n * Number(s.rate);
      remaining[a] -= Math.sign(da) * n * ra;
      remaining[b] -= Math.sign(db) * n * rb;
      continue;
    }
    const idx = legs.map((l) => tierNumbers.indexOf(l.tier));
    if (idx.some((k) => k < 0)) continue;
    const n = spreadCount(
      legs.map((l, k) => ({ delta: remaining[idx[k]], ratio: l.deltaPerSpread, side: l.side })),
    );
    if (n <= 0) continue;
    charge += n * Number(s.rate);
    legs.forEach((l, k) => {
      remaining[idx[k]] -= Math.sign(remaining[idx[k]]) * n * l.deltaPerSpread;
    });
  }
  return { charge, tierDelta, remaining };
}

/** How many spreads the legs can form: A legs share one sign, B legs the other. */
function spreadCount(legs: { delta: number; ratio: number; side: 'A' | 'B' }[]): number {
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

/** Float components of one SPAN class before inter-commodity credits. */
export interface SpanClassFloat {
  scan: number;
  intra: number;
  spot: number;
  /** Net delta of the class before spreading. */
  netDelta: number;
  /** Delta left after intra spreads (input to inter-commodity spreads). */
  remainingDelta: number;
}

/**
 * Scan, intra-commodity and spot charges of one SPAN class for net quantities `qty`.
 *
 * Spot charge: the spot month's delta splits into the part its tier consumed in spreads
 * (pro rata to the tier's consumption — kisfo's choice) × spread rate and the rest × outright rate.
 *
 * @example
 * ```ts
 * const c = compileOverseasProductClass(cls);
 * computeSpanClassFloat(c, new Float64Array(c.n)).scan; // 0 for an empty book
 * ```
 */
export function computeSpanClassFloat(c: OverseasCompiledClass, qty: Float64Array): SpanClassFloat {
  // One pass over the book: scenario sums and tier deltas together.
  const sc = c.scenarios;
  const acc = new Float64Array(sc);
  const ra = c.riskArrays;
  const nt = c.tiers.length;
  const tierDelta = new Float64Array(nt);
  let netDelta = 0;
  for (let i = 0; i < c.n; i++) {
    const q = qty[i];
    if (q === 0) continue;
    const base = i * sc;
    for (let j = 0; j < sc; j++) acc[j] += q * ra[base + j];
    const d = q * c.delta[i];
    netDelta += d;
    const t = c.tierIndex[i];
    if (t >= 0) tierDelta[t] += d;
  }
  let scan = 0;
  for (let j = 0; j < sc; j++) if (acc[j] > scan) scan = acc[j];
  const intra = spanIntraSpreads(tierDelta, c.tierNumbers, c.def.intraSpreads ?? []);
  let spot = 0;
  for (const sc of c.def.spotCharges ?? []) {
    let monthDelta = 0;
    let tier = -1;
    for (let i = 0; i < c.n; i++) {
      if (qty[i] !== 0 && c.futuresMonth[i] === sc.month) {
        monthDelta += qty[i] * c.delta[i];
        tier = c.tierIndex[i];
      }
    }
    const abs = Math.abs(monthDelta);
    if (abs === 0) continue;
    let consumed = 0;
    if (tier >= 0 && intra.tierDelta[tier] !== 0) {
      const frac = 1 - Math.abs(intra.remaining[tier]) / Math.abs(intra.tierDelta[tier]);
      consumed = Math.min(abs, abs * Math.max(0, frac));
    }
    spot += consumed * Number(sc.spreadRate) + (abs - consumed) * Number(sc.outrightRate);
  }
  let remainingDelta = 0;
  for (let t = 0; t < nt; t++) remainingDelta += intra.remaining[t];
  return { scan, intra: intra.charge, spot, netDelta, remainingDelta };
}

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
    const n = spreadCount(
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

/**
 * Short option minimum (exact): per-contract rates × net short option contracts, short calls and
 * short puts summed (`sum`) or the larger of the two (`max`).
 *
 * @example
 * ```ts
 * spanShortOptionMinimum(c, qty).toString();
 * ```
 */
export function spanShortOptionMinimum(c: OverseasCompiledClass, qty: Float64Array): Decimal {
  let calls = Decimal.ZERO;
  let puts = Decimal.ZERO;
  for (let i = 0; i < c.n; i++) {
    const q = qty[i];
    if (q >= 0 || c.kind[i] === OVERSEAS_KIND_FUTURE) continue;
    const charge = c.shortOptionMinimum[i].mul(-q);
    if (c.kind[i] === OVERSEAS_KIND_PUT) puts = puts.add(charge);
    else calls = calls.add(charge);
  }
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
export function spanLongOptionMinimum(c: OverseasCompiledClass, qty: Float64Array): Decimal {
  let longs = 0;
  for (let i = 0; i < c.n; i++)
    if (qty[i] > 0 && c.kind[i] !== OVERSEAS_KIND_FUTURE) longs += qty[i];
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
export function spanNetOptionValue(c: OverseasCompiledClass, qty: Float64Array): Decimal {
  let v = Decimal.ZERO;
  for (let i = 0; i < c.n; i++) {
    if (qty[i] === 0 || c.kind[i] === OVERSEAS_KIND_FUTURE) continue;
    v = v.add(c.settlement[i].mul(qty[i]));
  }
  return v.mul(c.multiplier);
}
