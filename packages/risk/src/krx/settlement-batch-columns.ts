import type { Decimal } from '@kisfo/protocol';
import { KrxInputError } from './resolve.js';
import { FAST_LIMIT, pow10Number } from './settlement-batch-fixed.js';

// Read once: hot loops call these per row, and an imported binding may be read through a getter.
const LIMIT = FAST_LIMIT;
const pow10 = pow10Number;

// Building blocks of the batch builder: exact decimals as float64 integer coefficients with a
// scale, rescaled to one common scale per batch.

/** `into` with `from` copied to its start. */
export function grown<T extends Int32Array | Float64Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

/**
 * Where the row being read is (one object reused for every row): its path is built only when an
 * error, or a new maximum scale, needs it.
 */
export class RowRef {
  a = 0;
  kind: 'positions' | 'fills' = 'positions';
  i = 0;
  /** `accounts[3].fills[1]` followed by `field` (e.g. `.qty`). */
  path(field = ''): string {
    return `accounts[${this.a}].${this.kind}[${this.i}]${field}`;
  }
}

const kept: object[] = [];

/**
 * Keep `o` for the life of the process, so its shape (hidden class) lives on. The objects the
 * batch's hot loops read (legs, columns, starts, scales, the batch and its result) are made
 * afresh per build and dropped after it; a shape no live object has dies at a full GC, and with
 * it every optimised loop that checks it, so the next build runs unoptimised until the loop is
 * compiled again (100–300 ms of compile on the bench machine for the reader alone). One object
 * of each shape, kept here, makes a GC between two builds cost nothing.
 */
export function keepShape(o: object): void {
  kept.push(o);
}

/** Largest scale seen and the field that set it (named when a rescale no longer fits). */
export interface Scale {
  max: number;
  by: string | undefined;
}

/** A scale with nothing noted yet (always made here: one shape). */
export function newScale(): Scale {
  return { max: 0, by: undefined };
}
keepShape(newScale());

/** Note a value's scale; `path` is only called when it raises the maximum. */
export function noteScale(scale: number, scales: Scale, path: () => string): void {
  if (scale > scales.max) {
    scales.max = scale;
    scales.by = path();
  }
}

/** A normalized decimal as an exact float coefficient and its scale, or a clear error. */
export function splitDecimal(d: Decimal, path: () => string, scales: Scale): [number, number] {
  const n = d.normalize();
  const c = Number(n.coefficient);
  if (!Number.isSafeInteger(c)) {
    throw new KrxInputError(
      `${path()}: ${d.toString()} has more than 15 significant digits; the batch path keeps prices as exact float64 integers (use settleKrxDay)`,
    );
  }
  noteScale(n.scale, scales, path);
  return [c, n.scale];
}

/** Output of {@link scanPlainDecimal}: coefficient and scale, trailing zeros dropped. */
export interface Fixed {
  c: number;
  s: number;
}

/**
 * One pass over a plain decimal string of at most 15 digits (`307.45`, `-12`, `0.050`) into its
 * normalized coefficient and scale, exactly as `Decimal.parse(text).normalize()` would give them;
 * `false` for anything else (the caller then takes the Decimal path, which accepts or names the
 * problem). Writes into `out` so the hot loop allocates nothing.
 */
export function scanPlainDecimal(text: string, out: Fixed): boolean {
  const n = text.length;
  let i = 0;
  let negative = false;
  const c0 = text.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    negative = c0 === 45;
    i = 1;
  }
  const start = i;
  let c = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    c = c * 10 + d;
  }
  let digits = i - start;
  // Trailing zeros of the fraction are dropped as they come: `kept` is the coefficient up to the
  // last non-zero fraction digit (no division afterwards).
  let kept = c;
  let scale = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46 || i === start) return false;
    const frac = ++i;
    for (; i < n; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return false;
      c = c * 10 + d;
      if (d !== 0) {
        kept = c;
        scale = i - frac + 1;
      }
    }
    digits += n - frac;
  }
  if (digits === 0 || digits > 15) return false;
  out.c = negative && kept !== 0 ? -kept : kept;
  out.s = scale;
  return true;
}

/** `c × 10^(to − scale)`, refused by name when it leaves ±(2^53 − 1). */
export function rescale(c: number, scale: number, to: Scale, path: () => string): number {
  const v = c * pow10(to.max - scale);
  if (!(Math.abs(v) <= LIMIT)) {
    throw new KrxInputError(
      `${path()}: exceeds 2^53 − 1 in units of 10^-${to.max}, the batch's common scale (set by ${to.by}); use settleKrxDay`,
    );
  }
  return v;
}
