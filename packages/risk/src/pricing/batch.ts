import { normalCdf } from './normal.js';

function checkLengths(name: string, n: number, arrays: Record<string, ArrayLike<unknown>>): void {
  for (const [k, a] of Object.entries(arrays)) {
    if (a.length !== n) {
      throw new RangeError(`${name}: ${k} has length ${a.length}, expected ${n}`);
    }
  }
}

/**
 * Black-76 prices of many series at once. `isCall[i]` is 1 for a call, 0 for a put. Writes into
 * `out` (allocated when omitted) and returns it; nothing is allocated per element.
 *
 * @example
 * const out = black76PriceBatch(
 *   Uint8Array.of(1, 0), Float64Array.of(100, 100), Float64Array.of(100, 100),
 *   Float64Array.of(1, 1), Float64Array.of(0.2, 0.2), 0.05,
 * );
 */
export function black76PriceBatch(
  isCall: ArrayLike<number>,
  forward: Float64Array,
  strike: Float64Array,
  timeYears: Float64Array,
  vol: Float64Array,
  rate: number,
  out: Float64Array = new Float64Array(forward.length),
): Float64Array {
  const n = forward.length;
  checkLengths('black76PriceBatch', n, { isCall, strike, timeYears, vol, out });
  for (let i = 0; i < n; i++) {
    const f = forward[i]!;
    const k = strike[i]!;
    const t = Math.max(timeYears[i]!, 0);
    const df = Math.exp(-rate * t);
    const sd = vol[i]! * Math.sqrt(t);
    const call = isCall[i] !== 0;
    if (!(sd > 0)) {
      const intrinsic = call ? f - k : k - f;
      out[i] = intrinsic > 0 ? df * intrinsic : 0;
      continue;
    }
    const d1 = (Math.log(f / k) + 0.5 * sd * sd) / sd;
    const d2 = d1 - sd;
    out[i] = call
      ? df * (f * normalCdf(d1) - k * normalCdf(d2))
      : df * (k * normalCdf(-d2) - f * normalCdf(-d1));
  }
  return out;
}

/**
 * Black–Scholes prices of many series at once (continuous dividend yield shared by all).
 *
 * @example
 * blackScholesPriceBatch(Uint8Array.of(1), Float64Array.of(42), Float64Array.of(40),
 *   Float64Array.of(0.5), Float64Array.of(0.2), 0.1); // Float64Array [≈4.7594]
 */
export function blackScholesPriceBatch(
  isCall: ArrayLike<number>,
  spot: Float64Array,
  strike: Float64Array,
  timeYears: Float64Array,
  vol: Float64Array,
  rate: number,
  dividendYield = 0,
  out: Float64Array = new Float64Array(spot.length),
): Float64Array {
  const n = spot.length;
  checkLengths('blackScholesPriceBatch', n, { isCall, strike, timeYears, vol, out });
  for (let i = 0; i < n; i++) {
    const s = spot[i]!;
    const k = strike[i]!;
    const t = Math.max(timeYears[i]!, 0);
    const dq = Math.exp(-dividendYield * t);
    const dr = Math.exp(-rate * t);
    const sd = vol[i]! * Math.sqrt(t);
    const call = isCall[i] !== 0;
    if (!(sd > 0)) {
      const v = call ? s * dq - k * dr : k * dr - s * dq;
      out[i] = Math.max(v, 0);
      continue;
    }
    const d1 = (Math.log(s / k) + (rate - dividendYield) * t + 0.5 * sd * sd) / sd;
    const d2 = d1 - sd;
    out[i] = call
      ? s * dq * normalCdf(d1) - k * dr * normalCdf(d2)
      : k * dr * normalCdf(-d2) - s * dq * normalCdf(-d1);
  }
  return out;
}
