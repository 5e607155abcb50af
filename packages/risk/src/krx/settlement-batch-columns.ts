import type { Decimal } from '@kisfo/protocol';
import { KrxInputError } from './resolve.js';
import { FAST_LIMIT, pow10Number } from './settlement-batch-fixed.js';

// Read once: hot loops call these per row, and an imported binding may be read through a getter.
const LIMIT = FAST_LIMIT;
const pow10 = pow10Number;

// Building blocks of the batch builder: growable typed columns and exact decimals as float64
// integer coefficients with a scale, rescaled to one common scale per batch.

/** Growable typed column (a few doublings while building, trimmed at the end). */
export class Column<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): number {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  /** The column itself when full, else a right-sized copy (no doubling slack kept alive). */
  trim(): T {
    return this.length === this.data.length ? this.data : (this.data.slice(0, this.length) as T);
  }
}
const f64 = (n: number) => new Float64Array(Math.max(1, n));
const i32 = (n: number) => new Int32Array(Math.max(1, n));
/** A float64 column with room for `hint` rows. */
export const floatColumn = (hint: number) => new Column(f64(hint), f64);
/** An int32 column with room for `hint` rows. */
export const intColumn = (hint: number) => new Column(i32(hint), i32);

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

/** Largest scale seen and the field that set it (named when a rescale no longer fits). */
export interface Scale {
  max: number;
  by?: string;
}

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
  let dot = -1;
  for (; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 48 && ch <= 57) c = c * 10 + (ch - 48);
    else if (ch === 46 && dot < 0) dot = i;
    else return false;
  }
  const digits = n - start - (dot < 0 ? 0 : 1);
  if (digits === 0 || digits > 15 || dot === start) return false;
  let s = dot < 0 ? 0 : n - dot - 1;
  while (s > 0 && c % 10 === 0) {
    c /= 10;
    s--;
  }
  out.c = negative && c !== 0 ? -c : c;
  out.s = s;
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
