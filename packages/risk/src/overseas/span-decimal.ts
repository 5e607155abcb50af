/**
 * SPAN parameters as the decimals they were published as. Compiled classes hold risk arrays and
 * deltas as floats for the scans; the exact recomputation reads them back as their shortest
 * round-trip decimal text (what the file or JSON said), cached per class.
 */
import { Decimal } from '@kisfo/protocol';
import type { OverseasCompiledClass } from './compile.js';

/** Places of the few divisions SPAN needs (spread counts, weighted price risk). */
export const SPAN_EXACT_DIVISION_SCALE = 20;

/** `a ÷ b` at {@link SPAN_EXACT_DIVISION_SCALE} places, half-even: every SPAN division. */
export function spanDivide(a: Decimal, b: Decimal): Decimal {
  return a.div(b, SPAN_EXACT_DIVISION_SCALE, 'half-even');
}

const small = new Map<number, Decimal>();

/**
 * A float parameter as the decimal it was published as (its shortest round-trip text).
 *
 * @example
 * ```ts
 * spanDecimalOf(0.1).toString(); // '0.1' (not 0.1000000000000000055…)
 * ```
 */
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

interface ExactCache {
  ra: (Decimal | undefined)[];
  delta: (Decimal | undefined)[];
}
const exactCache = new WeakMap<OverseasCompiledClass, ExactCache>();

function cacheOf(c: OverseasCompiledClass): ExactCache {
  let e = exactCache.get(c);
  if (e === undefined) {
    e = { ra: new Array(c.n * c.scenarios), delta: new Array(c.n) };
    exactCache.set(c, e);
  }
  return e;
}

/** Exact risk-array value of contract `i` in scenario `j` (loss positive), as published. */
export function spanRiskValueExact(c: OverseasCompiledClass, i: number, j: number): Decimal {
  const e = cacheOf(c);
  const k = i * c.scenarios + j;
  let v = e.ra[k];
  if (v === undefined) {
    v = spanDecimalOf(c.riskArrays[k]!);
    e.ra[k] = v;
  }
  return v;
}

/**
 * Exact delta of contract i: composite delta × delta scaling factor, as published.
 *
 * @example
 * ```ts
 * spanDeltaExact(compiled, 0).toString(); // '1' for a future
 * ```
 */
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
