import type { RoundingMode } from '@kisfo/protocol';

// Fixed-point helpers of the bulk settlement: integers carried in float64, which is exact as
// long as every value and partial sum stays within ±(2^53 − 1).

/** Largest magnitude the fast path lets any integer reach (2^53 − 1). */
export const FAST_LIMIT = Number.MAX_SAFE_INTEGER;

/** Rounds the quotient of two exact integers (`d > 0`) to an integer. */
export type QuotientRounder = (x: number, d: number) => number;

/** Truncated quotient and remainder of `x / d`, corrected for the float division's own rounding. */
function truncDiv(x: number, d: number): [q: number, r: number] {
  let q = Math.trunc(x / d);
  let r = x - q * d;
  // x / d is rounded once, so the truncation can land one off next to an integer.
  if (x >= 0) {
    if (r < 0) {
      q -= 1;
      r += d;
    } else if (r >= d) {
      q += 1;
      r -= d;
    }
  } else if (r > 0) {
    q += 1;
    r -= d;
  } else if (r <= -d) {
    q -= 1;
    r += d;
  }
  return [q, r];
}

// `down` is the KRX default (원 미만 절사), so it skips the tuple.
function roundDown(x: number, d: number): number {
  if (d === 1) return x;
  const q = Math.trunc(x / d);
  const r = x - q * d;
  if (x >= 0 ? r >= 0 && r < d : r <= 0 && r > -d) return q;
  return truncDiv(x, d)[0];
}

const ROUNDERS: Record<RoundingMode, QuotientRounder> = {
  down: roundDown,
  up: (x, d) => {
    const [q, r] = truncDiv(x, d);
    return r === 0 ? q : x < 0 ? q - 1 : q + 1;
  },
  floor: (x, d) => {
    const [q, r] = truncDiv(x, d);
    return r < 0 ? q - 1 : q;
  },
  ceil: (x, d) => {
    const [q, r] = truncDiv(x, d);
    return r > 0 ? q + 1 : q;
  },
  'half-up': (x, d) => {
    const [q, r] = truncDiv(x, d);
    return 2 * Math.abs(r) >= d ? (x < 0 ? q - 1 : q + 1) : q;
  },
  'half-even': (x, d) => {
    const [q, r] = truncDiv(x, d);
    const twice = 2 * Math.abs(r);
    return twice > d || (twice === d && q % 2 !== 0) ? (x < 0 ? q - 1 : q + 1) : q;
  },
};

/**
 * The rounder of a mode, with the same results as `Decimal.round` on exact integers
 * `|x| + d ≤ 2^53 − 1` (the batch builder checks that bound before using it).
 *
 * @example
 * quotientRounder('down')(-12345, 100); // -123
 * quotientRounder('half-even')(250, 100); // 2
 */
export function quotientRounder(mode: RoundingMode): QuotientRounder {
  const f = ROUNDERS[mode];
  if (f === undefined) throw new RangeError(`unknown rounding mode ${JSON.stringify(mode)}`);
  return f;
}

// Parsed, not computed with `**`, so each power is the exact double.
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** 10^n as a float: exact up to 10^22; larger powers are Infinity so every fast bound fails. */
export function pow10Number(n: number): number {
  return POW10[n] ?? Number.POSITIVE_INFINITY;
}
