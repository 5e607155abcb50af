/**
 * How a value is rounded when it must lose digits. Every rounding in kisfo names one of these.
 *
 * - `half-up`: to nearest, ties away from zero (KRW amounts in KIS statements: 0.5 won → 1 won).
 * - `half-even`: to nearest, ties to the even neighbour (banker's rounding).
 * - `down`: toward zero (truncation; KRX's 원 미만 절사).
 * - `up`: away from zero.
 * - `floor`: toward −∞.
 * - `ceil`: toward +∞ (a margin call rounded so it never falls short).
 */
export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'up' | 'floor' | 'ceil';

/** Anything {@link Decimal.from} accepts. Numbers must be safe integers (no float ever enters). */
export type DecimalLike = Decimal | bigint | string | number;

const POW10: bigint[] = [];
function pow10(n: number): bigint {
  if (n < 64) {
    let p = POW10[n];
    if (p === undefined) {
      p = 10n ** BigInt(n);
      POW10[n] = p;
    }
    return p;
  }
  return 10n ** BigInt(n);
}

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d*))?$|^([+-])?\.(\d+)$/;

/** Divide `n` by `d` (d > 0 or d < 0) and round the quotient to an integer with `mode`. */
function divRound(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d === 0n) throw new RangeError('Decimal: division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d; // truncates toward zero
  const r = n % d;
  if (r === 0n) return q;
  const negative = n < 0n;
  const twice = (r < 0n ? -r : r) * 2n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return negative ? q - 1n : q + 1n;
    case 'floor':
      return negative ? q - 1n : q;
    case 'ceil':
      return negative ? q : q + 1n;
    case 'half-up':
      if (twice >= d) return negative ? q - 1n : q + 1n;
      return q;
    case 'half-even':
      if (twice > d || (twice === d && (q & 1n) !== 0n)) return negative ? q - 1n : q + 1n;
      return q;
  }
}

const MODES: ReadonlySet<string> = new Set(['half-up', 'half-even', 'down', 'up', 'floor', 'ceil']);

/**
 * A scale is a whole number of digits ≥ 0, and a mode one of the six: checked before any work
 * by every caller of {@link divRound}, so a mode from JavaScript outside the type never gets there.
 */
function checkRounding(scale: number, mode: RoundingMode): void {
  if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`Decimal: bad scale ${scale}`);
  if (!MODES.has(mode)) {
    throw new RangeError(
      `Decimal: unknown rounding mode ${JSON.stringify(mode)} (${[...MODES].join(', ')})`,
    );
  }
}

/**
 * An exact decimal number: a bigint coefficient and a base-10 scale (value = coefficient × 10^-scale).
 *
 * Arithmetic is exact; only {@link Decimal.round}, {@link Decimal.div} and {@link Decimal.toFixed}
 * lose digits, and each takes a named {@link RoundingMode}. The scale is kept, so
 * `Decimal.parse("309.10000000").toString()` is `"309.10000000"`; equality ignores it.
 *
 * @example
 * ```ts
 * const price = Decimal.parse('309.10000000');
 * const amount = price.mul(3).mul(250_000); // 231825000.00000000
 * amount.toFixed(0); // "231825000"
 * ```
 */
export class Decimal {
  /** The integer coefficient. */
  readonly coefficient: bigint;
  /** Digits after the decimal point (≥ 0). */
  readonly scale: number;

  private constructor(coefficient: bigint, scale: number) {
    this.coefficient = coefficient;
    this.scale = scale;
  }

  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  /** Build from coefficient and scale: `Decimal.of(12345n, 2)` is 123.45. */
  static of(coefficient: bigint, scale = 0): Decimal {
    if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`Decimal: bad scale ${scale}`);
    return new Decimal(coefficient, scale);
  }

  /**
   * Parse a plain decimal string (`-12.5`, `+3`, `.5`, `007`). No exponent, no spaces, no commas.
   * Throws `SyntaxError` on anything else; wire decoding with padding and blanks is the codecs' job.
   */
  static parse(text: string): Decimal {
    const m = DECIMAL_RE.exec(text);
    if (m === null) throw new SyntaxError(`Decimal: not a decimal number: ${JSON.stringify(text)}`);
    if (m[2] !== undefined) {
      const frac = m[3] ?? '';
      const c = BigInt(m[2] + frac);
      return new Decimal(m[1] === '-' ? -c : c, frac.length);
    }
    const frac = m[5]!;
    const c = BigInt(frac);
    return new Decimal(m[4] === '-' ? -c : c, frac.length);
  }

  /** True when `text` is a plain decimal string that {@link Decimal.parse} accepts. */
  static isDecimalString(text: string): boolean {
    return DECIMAL_RE.test(text);
  }

  /**
   * Convert a value: a Decimal as is, a bigint or a safe integer number exactly, a string by
   * {@link Decimal.parse}. A non-integer number is refused — floats never enter money.
   */
  static from(value: DecimalLike): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'bigint') return new Decimal(value, 0);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new RangeError(
          `Decimal.from: ${value} is not a safe integer; pass a string to keep it exact`,
        );
      }
      return new Decimal(BigInt(value), 0);
    }
    return Decimal.parse(value);
  }

  /**
   * Convert a float on purpose (e.g. the result of a scenario scan), rounding it once to `scale`
   * digits with `mode`. The float's shortest round-trip decimal text is the starting point.
   */
  static fromFloat(value: number, scale: number, mode: RoundingMode = 'half-up'): Decimal {
    if (!Number.isFinite(value)) throw new RangeError(`Decimal.fromFloat: ${value} is not finite`);
    const text = value.toString();
    if (/e/i.test(text)) {
      const [mant, exp] = text.split(/e/i) as [string, string];
      const m = Decimal.parse(mant);
      const e = Number(exp);
      const shifted =
        e >= 0 ? m.mul(new Decimal(pow10(e), 0)) : new Decimal(m.coefficient, m.scale - e);
      return shifted.round(scale, mode);
    }
    return Decimal.parse(text).round(scale, mode);
  }

  /** Sum of values (0 for none). */
  static sum(values: Iterable<DecimalLike>): Decimal {
    let acc = Decimal.ZERO;
    for (const v of values) acc = acc.add(v);
    return acc;
  }

  /** The largest of one or more values. */
  static max(first: DecimalLike, ...rest: DecimalLike[]): Decimal {
    let best = Decimal.from(first);
    for (const v of rest) {
      const d = Decimal.from(v);
      if (d.cmp(best) > 0) best = d;
    }
    return best;
  }

  /** The smallest of one or more values. */
  static min(first: DecimalLike, ...rest: DecimalLike[]): Decimal {
    let best = Decimal.from(first);
    for (const v of rest) {
      const d = Decimal.from(v);
      if (d.cmp(best) < 0) best = d;
    }
    return best;
  }

  /** This value's coefficient expressed at a larger scale. */
  private coeffAt(scale: number): bigint {
    return scale === this.scale ? this.coefficient : this.coefficient * pow10(scale - this.scale);
  }

  add(other: DecimalLike): Decimal {
    const o = Decimal.from(other);
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.coeffAt(s) + o.coeffAt(s), s);
  }

  sub(other: DecimalLike): Decimal {
    const o = Decimal.from(other);
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.coeffAt(s) - o.coeffAt(s), s);
  }

  mul(other: DecimalLike): Decimal {
    const o = Decimal.from(other);
    return new Decimal(this.coefficient * o.coefficient, this.scale + o.scale);
  }

  /** Divide, rounding the quotient to `scale` digits with `mode` (both required: division is where digits are lost). */
  div(other: DecimalLike, scale: number, mode: RoundingMode): Decimal {
    checkRounding(scale, mode);
    const o = Decimal.from(other);
    if (o.coefficient === 0n) throw new RangeError('Decimal: division by zero');
    // this / o = (c1 / 10^s1) / (c2 / 10^s2); result coefficient at `scale`:
    // c1 * 10^(scale + s2 - s1) / c2
    const shift = scale + o.scale - this.scale;
    const n = shift >= 0 ? this.coefficient * pow10(shift) : this.coefficient;
    const d = shift >= 0 ? o.coefficient : o.coefficient * pow10(-shift);
    return new Decimal(divRound(n, d, mode), scale);
  }

  neg(): Decimal {
    return new Decimal(-this.coefficient, this.scale);
  }

  abs(): Decimal {
    return this.coefficient < 0n ? this.neg() : this;
  }

  /** -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.coefficient < 0n ? -1 : this.coefficient > 0n ? 1 : 0;
  }

  isZero(): boolean {
    return this.coefficient === 0n;
  }

  isNegative(): boolean {
    return this.coefficient < 0n;
  }

  isPositive(): boolean {
    return this.coefficient > 0n;
  }

  /** True when the value has no fractional part (whatever its scale). */
  isInteger(): boolean {
    return this.scale === 0 || this.coefficient % pow10(this.scale) === 0n;
  }

  /** Compare values: -1, 0 or 1. Scale does not matter (`1.0` equals `1`). */
  cmp(other: DecimalLike): -1 | 0 | 1 {
    const o = Decimal.from(other);
    const s = Math.max(this.scale, o.scale);
    const a = this.coeffAt(s);
    const b = o.coeffAt(s);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: DecimalLike): boolean {
    return this.cmp(other) === 0;
  }
  lt(other: DecimalLike): boolean {
    return this.cmp(other) < 0;
  }
  lte(other: DecimalLike): boolean {
    return this.cmp(other) <= 0;
  }
  gt(other: DecimalLike): boolean {
    return this.cmp(other) > 0;
  }
  gte(other: DecimalLike): boolean {
    return this.cmp(other) >= 0;
  }

  /** Round to `scale` digits (or pad with zeros when `scale` is larger than the current one). */
  round(scale: number, mode: RoundingMode): Decimal {
    checkRounding(scale, mode);
    if (scale >= this.scale) return new Decimal(this.coeffAt(scale), scale);
    return new Decimal(divRound(this.coefficient, pow10(this.scale - scale), mode), scale);
  }

  /** Set the scale without losing digits; throws `RangeError` when digits would be lost. */
  rescale(scale: number): Decimal {
    const r = this.round(scale, 'down');
    if (!r.eq(this))
      throw new RangeError(`Decimal: ${this.toString()} has more than ${scale} decimals`);
    return r;
  }

  /** The value without trailing fractional zeros (`1.500` → `1.5`, `2.00` → `2`). */
  normalize(): Decimal {
    let c = this.coefficient;
    let s = this.scale;
    while (s > 0 && c % 10n === 0n) {
      c /= 10n;
      s--;
    }
    return new Decimal(c, s);
  }

  /** Round to an integer with `mode` and return it as a bigint. */
  toBigInt(mode: RoundingMode = 'down'): bigint {
    return this.round(0, mode).coefficient;
  }

  /**
   * The nearest float — lossy, for scenario scans and display only. Money never comes back
   * through it without an explicit {@link Decimal.fromFloat}.
   */
  toNumber(): number {
    if (this.scale === 0) return Number(this.coefficient);
    return Number(this.toString());
  }

  /** Fixed-point text with exactly `scale` decimals, rounding with `mode` (default `half-up`). */
  toFixed(scale: number, mode: RoundingMode = 'half-up'): string {
    return this.round(scale, mode).toString();
  }

  /** Plain text at the current scale: `-1237500`, `309.10000000`. Never an exponent. */
  toString(): string {
    const neg = this.coefficient < 0n;
    const digits = (neg ? -this.coefficient : this.coefficient).toString();
    if (this.scale === 0) return neg ? `-${digits}` : digits;
    const padded = digits.padStart(this.scale + 1, '0');
    const i = padded.length - this.scale;
    return `${neg ? '-' : ''}${padded.slice(0, i)}.${padded.slice(i)}`;
  }

  /** JSON as a string, so no consumer reads it through a float. */
  toJSON(): string {
    return this.toString();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Decimal(${this.toString()})`;
  }
}

/** Type guard for {@link Decimal}. */
export function isDecimal(value: unknown): value is Decimal {
  return value instanceof Decimal;
}
