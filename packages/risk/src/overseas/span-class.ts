/**
 * SPAN risk of one class in floats: the scan (worst of the 16 scenarios) and, in the same walk of
 * the book, the tier deltas its intra-commodity spreads and spot charge need. Floats only find
 * the worst scenario fast; reported amounts come from the exact twin, `spanClassExact`.
 */
import type { OverseasCompiledClass } from './compile.js';
import { isSpanBook, type SpanBook, type SpanQuantities } from './span-book.js';
import {
  type SpanIntraStep,
  spanFormIntraSpreads,
  spanIntraSteps,
  spanSpotCharge,
} from './span-intra.js';

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

/** Per-class scratch and resolved spreads, built on first use and reused by every call. */
interface ClassScratch {
  readonly acc: Float64Array;
  readonly tierDelta: Float64Array;
  readonly remaining: Float64Array;
  readonly intra: readonly SpanIntraStep[];
}

const scratches = new WeakMap<OverseasCompiledClass, ClassScratch>();

function scratchOf(c: OverseasCompiledClass): ClassScratch {
  let s = scratches.get(c);
  if (s === undefined) {
    const nt = c.tiers.length;
    s = {
      acc: new Float64Array(c.scenarios),
      tierDelta: new Float64Array(nt),
      remaining: new Float64Array(nt),
      intra: spanIntraSteps(c.tierNumbers, c.def.intraSpreads ?? []),
    };
    scratches.set(c, s);
  }
  return s;
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
  const s = scratchOf(c);
  const sc = c.scenarios;
  const acc = s.acc.fill(0);
  const tierDelta = s.tierDelta.fill(0);
  const ra = c.riskArrays;
  const delta = c.delta;
  const tierIndex = c.tierIndex;
  // One loop for both forms: a book lists its held contracts; a dense vector's slot h is
  // contract h (zeros skipped). Either way contracts come ascending, so the floats agree.
  let ks: readonly number[] | undefined;
  let qs: ArrayLike<number>;
  if (isSpanBook(qty)) {
    ks = qty.contract;
    qs = qty.quantity;
  } else qs = qty;
  const held = ks === undefined ? c.n : qs.length;
  // One pass over the book: scenario sums and tier deltas together.
  let netDelta = 0;
  for (let h = 0; h < held; h++) {
    const q = qs[h];
    if (q === 0) continue;
    const i = ks === undefined ? h : ks[h];
    const base = i * sc;
    for (let j = 0; j < sc; j++) acc[j] += q * ra[base + j];
    const d = q * delta[i];
    netDelta += d;
    const t = tierIndex[i];
    if (t >= 0) tierDelta[t] += d;
  }
  const remaining = s.remaining;
  remaining.set(tierDelta);
  const intra = spanFormIntraSpreads(s.intra, remaining);
  let spot = 0;
  for (const sp of c.def.spotCharges ?? []) {
    let monthDelta = 0;
    let tier = -1;
    for (let h = 0; h < held; h++) {
      const q = qs[h];
      if (q === 0) continue;
      const i = ks === undefined ? h : ks[h];
      if (c.futuresMonth[i] === sp.month) {
        monthDelta += q * delta[i];
        tier = tierIndex[i];
      }
    }
    spot += spanSpotCharge(sp, monthDelta, tier, tierDelta, remaining);
  }
  let scan = 0;
  for (let j = 0; j < sc; j++) if (acc[j] > scan) scan = acc[j];
  let remainingDelta = 0;
  for (let t = 0; t < remaining.length; t++) remainingDelta += remaining[t];
  return { scan, intra, spot, netDelta, remainingDelta };
}
