/**
 * SPAN for one combined commodity: scan risk, intra-commodity (tier) spreads, spot charges,
 * short option minimum; and inter-commodity credits across classes. Float math inside; the
 * caller rounds once (see `combineOverseasRisk`).
 */
import { Decimal } from '@kisfo/protocol';
import { OVERSEAS_KIND_FUTURE, OVERSEAS_KIND_PUT, type OverseasCompiledClass } from './compile.js';
import type {
  SpanInterSpread,
  SpanIntraSpread,
  SpanIntraSpreadLeg,
  SpanSpotCharge,
} from './types.js';

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

/**
 * Whether a class with `positions` position entries is cheaper to margin as a dense vector than as
 * a {@link SpanBook}: once a fair share of the class is held, one typed-array walk beats netting
 * into a sorted book. Both give bit-identical results; this only picks the faster.
 */
export function spanPrefersDense(c: OverseasCompiledClass, positions: number): boolean {
  return positions * 8 >= c.n;
}

/**
 * Net positions into whichever form margins faster (see {@link spanPrefersDense}): the dense
 * vector for large books, a {@link SpanBook} for small ones.
 *
 * @example
 * ```ts
 * computeSpanClassFloat(c, spanNet(c, new Int32Array([0, 3]), new Float64Array([2, -1]))).scan;
 * ```
 */
export function spanNet(
  c: OverseasCompiledClass,
  contractIndex: Int32Array,
  quantity: Float64Array,
): SpanQuantities {
  return spanPrefersDense(c, contractIndex.length)
    ? spanNetQuantities(contractIndex, quantity, c.n)
    : spanNetBook(c, contractIndex, quantity);
}

/**
 * A class's book held sparsely: net quantity per held contract, contracts ascending, each once,
 * zero nets dropped. Every SPAN function iterates it in the same order as the dense vector, so
 * both give bit-identical floats. Plain arrays: small ones allocate far cheaper than typed arrays.
 */
export interface SpanBook {
  /** Contract indices, strictly ascending. */
  readonly contract: readonly number[];
  /** Net quantity of each contract (≠ 0), same index as {@link contract}. */
  readonly quantity: readonly number[];
}

/** Net quantities per contract (dense) or a {@link SpanBook}. */
export type SpanQuantities = Float64Array | SpanBook;

/** Per-class scratch and precompiled spreads, built on first use and reused by every call. */
interface SpanPlan {
  /** Netting scratch, all zero between calls. */
  readonly net: Float64Array;
  readonly seen: Uint8Array;
  /** Distinct contracts met while netting (at most one per contract). */
  readonly touched: Int32Array;
  readonly acc: Float64Array;
  readonly tierDelta: Float64Array;
  readonly remaining: Float64Array;
  readonly intra: readonly IntraStep[];
}

/** An intra spread with its tier indices and rate resolved once. */
interface IntraStep {
  readonly legs: readonly SpanIntraSpreadLeg[];
  /** Tier index per leg; `missing` when any is −1. */
  readonly idx: readonly number[];
  readonly missing: boolean;
  readonly rate: number;
}

const plans = new WeakMap<OverseasCompiledClass, SpanPlan>();

function planOf(c: OverseasCompiledClass): SpanPlan {
  let p = plans.get(c);
  if (p) return p;
  const nt = c.tiers.length;
  p = {
    net: new Float64Array(c.n),
    seen: new Uint8Array(c.n),
    touched: new Int32Array(c.n),
    acc: new Float64Array(c.scenarios),
    tierDelta: new Float64Array(nt),
    remaining: new Float64Array(nt),
    intra: compileIntra(c.tierNumbers, c.def.intraSpreads ?? []),
  };
  plans.set(c, p);
  return p;
}

function compileIntra(
  tierNumbers: readonly number[],
  spreads: readonly SpanIntraSpread[],
): IntraStep[] {
  return spreads.map((s) => {
    const idx = s.legs.map((l) => tierNumbers.indexOf(l.tier));
    return { legs: s.legs, idx, missing: idx.some((k) => k < 0), rate: Number(s.rate) };
  });
}

/** Whether `q` is a {@link SpanBook} rather than a dense vector. */
export function isSpanBook(q: SpanQuantities): q is SpanBook {
  return !(q instanceof Float64Array);
}

/**
 * Net (contract index, quantity) pairs into a {@link SpanBook}. Duplicates are summed in input
 * order (as {@link spanNetQuantities} does), zero nets dropped. Cost O(positions) plus a sort of
 * the distinct contracts — or one walk of the class when most of it is held, whichever is cheaper.
 *
 * @throws RangeError when a contract index is outside the class
 * @example
 * ```ts
 * const book = spanNetBook(c, new Int32Array([5, 2, 5]), new Float64Array([1, 3, -1]));
 * book.contract; // [2]   (contract 5 nets to zero)
 * book.quantity; // [3]
 * ```
 */
export function spanNetBook(
  c: OverseasCompiledClass,
  contractIndex: Int32Array,
  quantity: Float64Array,
): SpanBook {
  const n = c.n;
  const m = contractIndex.length;
  const plan = planOf(c);
  const { net, seen, touched } = plan;
  let u = 0;
  for (let p = 0; p < m; p++) {
    const k = contractIndex[p];
    if (k >>> 0 >= n) {
      // Leave the shared scratch clean before failing.
      for (let t = 0; t < u; t++) {
        net[touched[t]] = 0;
        seen[touched[t]] = 0;
      }
      throw new RangeError(`contract index ${k} outside 0..${n - 1}`);
    }
    if (seen[k] === 0) {
      seen[k] = 1;
      touched[u++] = k;
    }
    net[k] += quantity[p];
  }
  // Ascending contract order keeps float sums identical to the dense path.
  if (u * 8 >= n) {
    // Most of the class is held: one walk beats sorting.
    u = 0;
    for (let k = 0; k < n; k++) if (seen[k] !== 0) touched[u++] = k;
  } else if (u <= 32) {
    for (let a = 1; a < u; a++) {
      const k = touched[a];
      let b = a - 1;
      while (b >= 0 && touched[b] > k) {
        touched[b + 1] = touched[b];
        b--;
      }
      touched[b + 1] = k;
    }
  } else {
    touched.subarray(0, u).sort();
  }
  const contract: number[] = [];
  const qty: number[] = [];
  for (let t = 0; t < u; t++) {
    const k = touched[t];
    const q = net[k];
    net[k] = 0;
    seen[k] = 0;
    if (q === 0) continue;
    contract.push(k);
    qty.push(q);
  }
  return { contract, quantity: qty };
}

/**
 * The {@link SpanBook} of a dense net-quantity vector (O(contracts)).
 *
 * @example
 * ```ts
 * spanBookFromQuantities(new Float64Array([0, 2, 0, -1])).contract; // [1, 3]
 * ```
 */
export function spanBookFromQuantities(qty: Float64Array): SpanBook {
  const contract: number[] = [];
  const quantity: number[] = [];
  for (let i = 0; i < qty.length; i++) {
    if (qty[i] === 0) continue;
    contract.push(i);
    quantity.push(qty[i]);
  }
  return { contract, quantity };
}

/**
 * The dense net-quantity vector of a {@link SpanBook} (allocates one entry per contract).
 *
 * @example
 * ```ts
 * spanBookToQuantities(c, book).length === c.n; // true
 * ```
 */
export function spanBookToQuantities(c: OverseasCompiledClass, book: SpanBook): Float64Array {
  const out = new Float64Array(c.n);
  for (let h = 0; h < book.contract.length; h++) out[book.contract[h]] = book.quantity[h];
  return out;
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
 * Scan, intra-commodity and spot charges of one SPAN class for net quantities `qty`: a dense
 * vector (walks every contract) or a {@link SpanBook} (walks only the held ones; same floats).
 *
 * Spot charge: the spot month's delta splits into the part its tier consumed in spreads
 * (pro rata to the tier's consumption — kisfo's choice) × spread rate and the rest × outright rate.
 *
 * @example
 * ```ts
 * const c = compileOverseasProductClass(cls);
 * computeSpanClassFloat(c, new Float64Array(c.n)).scan; // 0 for an empty book
 * computeSpanClassFloat(c, spanNetBook(c, new Int32Array([0]), new Float64Array([1]))).scan;
 * ```
 */
export function computeSpanClassFloat(
  c: OverseasCompiledClass,
  qty: SpanQuantities,
): SpanClassFloat {
  return isSpanBook(qty) ? spanClassFloatBook(c, qty) : spanClassFloatDense(c, qty);
}

function spanClassFloatDense(c: OverseasCompiledClass, qty: Float64Array): SpanClassFloat {
  const plan = planOf(c);
  // One pass over the book: scenario sums and tier deltas together.
  const sc = c.scenarios;
  const acc = plan.acc.fill(0);
  const ra = c.riskArrays;
  const tierDelta = plan.tierDelta.fill(0);
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
  const intra = intraCharge(plan);
  let spot = 0;
  for (const s of c.def.spotCharges ?? []) {
    let monthDelta = 0;
    let tier = -1;
    for (let i = 0; i < c.n; i++) {
      if (qty[i] !== 0 && c.futuresMonth[i] === s.month) {
        monthDelta += qty[i] * c.delta[i];
        tier = c.tierIndex[i];
      }
    }
    spot += spotCharge(plan, s, monthDelta, tier);
  }
  return finish(plan, sc, intra, spot, netDelta);
}

function spanClassFloatBook(c: OverseasCompiledClass, book: SpanBook): SpanClassFloat {
  const plan = planOf(c);
  const sc = c.scenarios;
  const acc = plan.acc;
  const tierDelta = plan.tierDelta;
  for (let j = 0; j < sc; j++) acc[j] = 0;
  for (let t = 0; t < tierDelta.length; t++) tierDelta[t] = 0;
  const ra = c.riskArrays;
  const delta = c.delta;
  const tierIndex = c.tierIndex;
  const ks = book.contract;
  const qs = book.quantity;
  const held = ks.length;
  let netDelta = 0;
  for (let h = 0; h < held; h++) {
    const i = ks[h];
    const q = qs[h];
    const base = i * sc;
    for (let j = 0; j < sc; j++) acc[j] += q * ra[base + j];
    const d = q * delta[i];
    netDelta += d;
    const t = tierIndex[i];
    if (t >= 0) tierDelta[t] += d;
  }
  const intra = intraCharge(plan);
  let spot = 0;
  const spots = c.def.spotCharges;
  if (spots) {
    for (const s of spots) {
      let monthDelta = 0;
      let tier = -1;
      for (let h = 0; h < held; h++) {
        const i = ks[h];
        if (c.futuresMonth[i] === s.month) {
          monthDelta += qs[h] * delta[i];
          tier = tierIndex[i];
        }
      }
      spot += spotCharge(plan, s, monthDelta, tier);
    }
  }
  return finish(plan, sc, intra, spot, netDelta);
}

/** {@link spanIntraSpreads} over the plan's scratch (`tierDelta` → `remaining`); same float steps. */
function intraCharge(plan: SpanPlan): number {
  const remaining = plan.remaining;
  remaining.set(plan.tierDelta);
  let charge = 0;
  for (const s of plan.intra) {
    if (s.missing) continue;
    const legs = s.legs;
    if (legs.length === 2) {
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
    const n = spreadCount(
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

function spotCharge(plan: SpanPlan, s: SpanSpotCharge, monthDelta: number, tier: number): number {
  const abs = Math.abs(monthDelta);
  if (abs === 0) return 0;
  let consumed = 0;
  if (tier >= 0 && plan.tierDelta[tier] !== 0) {
    const frac = 1 - Math.abs(plan.remaining[tier]) / Math.abs(plan.tierDelta[tier]);
    consumed = Math.min(abs, abs * Math.max(0, frac));
  }
  return consumed * Number(s.spreadRate) + (abs - consumed) * Number(s.outrightRate);
}

function finish(
  plan: SpanPlan,
  sc: number,
  intra: number,
  spot: number,
  netDelta: number,
): SpanClassFloat {
  let scan = 0;
  const acc = plan.acc;
  for (let j = 0; j < sc; j++) if (acc[j] > scan) scan = acc[j];
  let remainingDelta = 0;
  const rem = plan.remaining;
  for (let t = 0; t < rem.length; t++) remainingDelta += rem[t];
  return { scan, intra, spot, netDelta, remainingDelta };
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
 * short puts summed (`sum`) or the larger of the two (`max`). Dense vector or {@link SpanBook}.
 *
 * @example
 * ```ts
 * spanShortOptionMinimum(c, qty).toString();
 * ```
 */
export function spanShortOptionMinimum(c: OverseasCompiledClass, qty: SpanQuantities): Decimal {
  let calls = Decimal.ZERO;
  let puts = Decimal.ZERO;
  forEachHeld(qty, (i, q) => {
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
  forEachHeld(qty, (i, q) => {
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
  forEachHeld(qty, (i, q) => {
    if (c.kind[i] !== OVERSEAS_KIND_FUTURE) v = v.add(c.settlement[i].mul(q));
  });
  return v.mul(c.multiplier);
}

/** Visit every contract with a non-zero net quantity, ascending. */
function forEachHeld(qty: SpanQuantities, visit: (i: number, q: number) => void): void {
  if (isSpanBook(qty)) {
    const ks = qty.contract;
    const qs = qty.quantity;
    for (let h = 0; h < ks.length; h++) visit(ks[h], qs[h]);
    return;
  }
  for (let i = 0; i < qty.length; i++) if (qty[i] !== 0) visit(i, qty[i]);
}
