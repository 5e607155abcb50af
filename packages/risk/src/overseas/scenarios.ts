/**
 * Scenario definitions and risk-array generation from the Black-76 pricer.
 *
 * SPAN: the standard 16 scenarios. Price moves are fractions of the price scan range; 15 and 16
 * are the extreme moves ±X, whose loss is multiplied by the covered fraction f — here, once.
 * EUREX-style: `2 × steps + 1` price points −steps/steps … +steps/steps of the margin interval,
 * at the current volatility.
 */
import { black76Price } from '../pricing/index.js';

/** Price move (× price scan range) of SPAN scenarios 1–14; 15/16 are ±X. */
export const SPAN_PRICE_MOVES: readonly number[] = [
  0,
  0,
  1 / 3,
  1 / 3,
  -1 / 3,
  -1 / 3,
  2 / 3,
  2 / 3,
  -2 / 3,
  -2 / 3,
  1,
  1,
  -1,
  -1,
];

/** Volatility direction of SPAN scenarios 1–14 (+1 up, −1 down). */
export const SPAN_VOL_MOVES: readonly number[] = [1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1];

/** Number of SPAN scenarios. */
export const SPAN_SCENARIOS = 16;

/** Default EUREX-style steps each side (29 points). */
export const EUREX_DEFAULT_STEPS = 14;

/** What to price: a future, or a Black-76 option on it. */
export interface SpanPricingSpec {
  kind: 'future' | 'call' | 'put';
  /** Underlying futures price. */
  forward: number;
  strike?: number;
  timeYears?: number;
  vol?: number;
  rate?: number;
  /** Currency per price point. */
  multiplier: number;
}

/** Scan parameters for {@link generateSpanRiskArray}. */
export interface SpanScanParams {
  /** Price scan range in price units. */
  priceScanRange: number;
  /** Absolute volatility scan range (0.05 = 5 points). */
  volScanRange: number;
  /** Extreme move as a multiple of the scan range (CME 3). */
  extremeMove: number;
  /** Covered fraction of the extreme loss (CME 0.33). */
  coveredFraction: number;
}

const MIN_VOL = 1e-6;

function value(spec: SpanPricingSpec, forward: number, vol: number): number {
  if (spec.kind === 'future') return forward;
  return black76Price(
    spec.kind === 'call',
    Math.max(forward, 1e-12),
    spec.strike ?? 0,
    spec.timeYears ?? 0,
    Math.max(vol, MIN_VOL),
    spec.rate ?? 0,
  );
}

/**
 * The 16-value SPAN risk array (loss of one long contract, positive = loss) in currency.
 *
 * @example
 * ```ts
 * const ra = generateSpanRiskArray(
 *   { kind: 'future', forward: 5300, multiplier: 50 },
 *   { priceScanRange: 300, volScanRange: 0, extremeMove: 3, coveredFraction: 0.33 },
 * );
 * ra[10]; // −15000 (price up by the full range: a gain)
 * ```
 */
export function generateSpanRiskArray(spec: SpanPricingSpec, scan: SpanScanParams): Float64Array {
  const out = new Float64Array(SPAN_SCENARIOS);
  const vol = spec.vol ?? 0;
  const v0 = value(spec, spec.forward, vol);
  for (let j = 0; j < 14; j++) {
    const f = spec.forward + SPAN_PRICE_MOVES[j] * scan.priceScanRange;
    const s = vol + SPAN_VOL_MOVES[j] * scan.volScanRange;
    out[j] = (v0 - value(spec, f, s)) * spec.multiplier;
  }
  const x = scan.extremeMove * scan.priceScanRange;
  out[14] = (v0 - value(spec, spec.forward + x, vol)) * spec.multiplier * scan.coveredFraction;
  out[15] = (v0 - value(spec, spec.forward - x, vol)) * spec.multiplier * scan.coveredFraction;
  return out;
}

/**
 * EUREX-style risk array: loss of one long contract at `2 × steps + 1` price points
 * −interval … +interval (index `steps` is no move), current volatility.
 *
 * @example
 * ```ts
 * const ra = generateEurexRiskArray({ kind: 'future', forward: 18000, multiplier: 25 }, 1200);
 * ra.length; // 29
 * ra[0]; // 30000 (price down by the whole interval)
 * ```
 */
export function generateEurexRiskArray(
  spec: SpanPricingSpec,
  marginInterval: number,
  steps = EUREX_DEFAULT_STEPS,
): Float64Array {
  const n = 2 * steps + 1;
  const out = new Float64Array(n);
  const vol = spec.vol ?? 0;
  const v0 = value(spec, spec.forward, vol);
  for (let k = -steps; k <= steps; k++) {
    const f = spec.forward + (k / steps) * marginInterval;
    out[k + steps] = (v0 - value(spec, f, vol)) * spec.multiplier;
  }
  return out;
}

/**
 * SPAN-style composite delta: the option delta averaged over the seven scan price points,
 * weighted by a normal density with the scan range as three standard deviations (kisfo's
 * choice; exchanges publish their own). Futures: 1.
 *
 * @example
 * ```ts
 * spanCompositeDelta({ kind: 'future', forward: 100, multiplier: 1 }, 10); // 1
 * ```
 */
export function spanCompositeDelta(spec: SpanPricingSpec, priceScanRange: number): number {
  if (spec.kind === 'future') return 1;
  const vol = spec.vol ?? 0;
  const h = Math.max(spec.forward * 1e-4, 1e-6);
  let acc = 0;
  let wsum = 0;
  for (const m of [-1, -2 / 3, -1 / 3, 0, 1 / 3, 2 / 3, 1]) {
    const f = spec.forward + m * priceScanRange;
    const d = (value(spec, f + h, vol) - value(spec, f - h, vol)) / (2 * h);
    const w = Math.exp(-0.5 * (3 * m) ** 2);
    acc += w * d;
    wsum += w;
  }
  return acc / wsum;
}
