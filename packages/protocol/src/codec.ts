import { cp949ByteLength, padCp949 } from './cp949.js';
import { Decimal } from './decimal.js';
import { type FieldIssue, SpecError } from './errors.js';
import type { DecodedRecord, FieldSpec, KindValues, RawRecord } from './spec-types.js';

/** Decimals of price and rate fields on the wire. */
export const PRICE_DECIMALS = 8;

const INTEGER_RE = /^[+-]?\d+$/;
const DECIMAL_RE = /^[+-]?\d+(?:\.\d+)?$/;
const DATE_RE = /^\d{8}$/;

/** Options for encoding. */
export interface EncodeOptions {
  /** Decimals of `decimals: 'currency'` amounts (the view's currency). Default 0. */
  currencyDecimals?: number;
}

/** Property under which decoded records keep the raw strings they came from. */
export const RAW: unique symbol = Symbol.for('kisfo.raw');

/** A decoded record that remembers its raw wire strings. */
export type WithRaw<D, R> = D & { readonly [RAW]: R };

/** The raw wire strings a decoded record came from (`undefined` for records not decoded here). */
export function rawOf<R = Record<string, string>>(record: object): R | undefined {
  return (record as { [RAW]?: R })[RAW];
}

function issue(path: string, f: FieldSpec, problem: string, allowed?: string): FieldIssue {
  return allowed === undefined
    ? { path, field: f.name, label: f.ko, problem }
    : { path, field: f.name, label: f.ko, problem, allowed };
}

/** True when the date string is a real calendar date. */
export function isValidYyyymmdd(text: string): boolean {
  if (!DATE_RE.test(text)) return false;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(4, 6));
  const d = Number(text.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/**
 * One pass over a wire number with no padding (`-1237500`, `309.10000000`): the Decimal, or
 * `undefined` for anything else (padding, blanks, malformed), which the regular path then handles.
 * Up to 15 digits the coefficient is gathered as an exact integer (below 2^53) and converted once.
 */
function scanWireNumber(raw: string, integerOnly: boolean): Decimal | undefined {
  const n = raw.length;
  let i = 0;
  let negative = false;
  const c0 = raw.charCodeAt(0);
  if (c0 === 45 /* - */ || c0 === 43 /* + */) {
    negative = c0 === 45;
    i = 1;
  }
  const start = i;
  let acc = 0;
  let dot = -1;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) acc = acc * 10 + (c - 48);
    else if (c === 46 /* . */ && dot < 0 && !integerOnly) dot = i;
    else return undefined;
  }
  const digits = n - start - (dot < 0 ? 0 : 1);
  // At least one digit before the point and one after it, as the wire format wants.
  if (digits === 0 || dot === start || dot === n - 1) return undefined;
  const scale = dot < 0 ? 0 : n - dot - 1;
  if (digits <= 15) {
    // Whole numbers below 1,024 (zeros, quantities, counts: a third of a balance page) are
    // shared: a Decimal is immutable, and so is its one instance per value.
    if (scale === 0 && acc < SMALL_INTEGERS && (!negative || acc === 0)) return smallInteger(acc);
    return Decimal.of(BigInt(negative ? -acc : acc), scale);
  }
  const coefficient = BigInt(
    dot < 0 ? raw.slice(start) : raw.slice(start, dot) + raw.slice(dot + 1),
  );
  return Decimal.of(negative ? -coefficient : coefficient, scale);
}

/** Whole numbers `0 ≤ n < SMALL_INTEGERS` decode to one shared Decimal each. */
const SMALL_INTEGERS = 1024;
const smallIntegers: (Decimal | undefined)[] = new Array(SMALL_INTEGERS).fill(undefined);

function smallInteger(n: number): Decimal {
  let d = smallIntegers[n];
  if (d === undefined) {
    d = n === 0 ? Decimal.ZERO : Decimal.of(BigInt(n), 0);
    smallIntegers[n] = d;
  }
  return d;
}

/**
 * Decode one wire string by its field spec. Numbers: surrounding spaces are padding, a blank
 * is zero (KIS sends `""` for "none"), a leading `-` is negative; anything else malformed throws
 * a {@link SpecError} naming the field.
 *
 * @example
 * ```ts
 * decodeValue({ name: 'pchs_amt', ko: '매입금액', en: '', kind: 'amount', length: 19 }, '-1237500');
 * // Decimal(-1237500)
 * ```
 */
export function decodeValue<K extends keyof KindValues>(
  f: FieldSpec & { kind: K },
  raw: unknown,
  path: string = f.name,
): KindValues[K] {
  if (typeof raw !== 'string') {
    // KIS sends every field as a string; a number here would already have been through a float.
    throw new SpecError([
      issue(path, f, `expected a string, got ${raw === null ? 'null' : typeof raw}`),
    ]);
  }
  switch (f.kind) {
    case 'amount':
    case 'quantity':
    case 'price':
    case 'rate': {
      const integerOnly = f.kind === 'quantity';
      const fast = scanWireNumber(raw, integerOnly);
      if (fast !== undefined) return fast as KindValues[K];
      const t = raw.trim();
      if (t === '') return Decimal.ZERO as KindValues[K];
      if (!(integerOnly ? INTEGER_RE : DECIMAL_RE).test(t)) {
        throw new SpecError([
          issue(
            path,
            f,
            `not ${integerOnly ? 'an integer' : 'a decimal number'}: ${JSON.stringify(raw)}`,
          ),
        ]);
      }
      return Decimal.parse(t) as KindValues[K];
    }
    case 'date': {
      // Padding is padding, as for numbers: `"20250320  "` is the date, `"        "` none ('').
      // (Unpadded dates never reach here from decodeRecord: its one-loop path keeps them as is.)
      const t = raw.trim();
      if (t !== '' && !isValidYyyymmdd(t)) {
        throw new SpecError([issue(path, f, `not a YYYYMMDD date: ${JSON.stringify(raw)}`)]);
      }
      return t as KindValues[K];
    }
    case 'flag': {
      if (raw === 'Y') return true as KindValues[K];
      if (raw === 'N') return false as KindValues[K];
      throw new SpecError([issue(path, f, `not a flag: ${JSON.stringify(raw)}`, 'Y, N')]);
    }
    case 'code':
    case 'text':
      return raw as KindValues[K];
  }
  throw new SpecError([issue(path, f, `unknown field kind`)]);
}

function amountDecimals(f: FieldSpec, options: EncodeOptions): number {
  if (f.decimals === 'currency') return options.currencyDecimals ?? 0;
  return f.decimals ?? 0;
}

/**
 * Encode one value to KIS's exact wire format: integer amounts and quantities, 8-decimal prices
 * and rates, continuation keys right-padded to 200, `msg1` right-padded to 80 CP949 bytes.
 * A value that would lose digits is refused (round before encoding, by a rule you name).
 *
 * @example
 * ```ts
 * encodeValue(priceField, Decimal.parse('309.1')); // '309.10000000'
 * ```
 */
export function encodeValue(
  f: FieldSpec,
  value: unknown,
  options: EncodeOptions = {},
  path: string = f.name,
): string {
  const fail = (problem: string, allowed?: string): never => {
    throw new SpecError([issue(path, f, problem, allowed)]);
  };
  switch (f.kind) {
    case 'amount':
    case 'quantity':
    case 'price':
    case 'rate': {
      let d: Decimal;
      try {
        d = Decimal.from(value as Decimal);
      } catch (e) {
        return fail(`not an exact number: ${(e as Error).message}`);
      }
      const scale =
        f.kind === 'quantity'
          ? 0
          : f.kind === 'amount'
            ? amountDecimals(f, options)
            : PRICE_DECIMALS;
      let out: string;
      try {
        out = d.rescale(scale).toString();
      } catch {
        return fail(`${d.toString()} has more than ${scale} decimals; round it first`);
      }
      if (out.length > f.length) fail(`${out} is longer than ${f.length} characters`);
      return out;
    }
    case 'flag':
      if (typeof value !== 'boolean') fail('not a boolean');
      return value ? 'Y' : 'N';
    case 'date':
      if (typeof value !== 'string' || (value !== '' && !isValidYyyymmdd(value))) {
        fail(`not a YYYYMMDD date: ${JSON.stringify(value)}`);
      }
      return value as string;
    case 'code':
    case 'text': {
      if (typeof value !== 'string') return fail('not a string');
      if (f.padBytes !== undefined) return padCp949(value, f.padBytes);
      if (f.padTo !== undefined) {
        if (value.length > f.padTo) fail(`longer than ${f.padTo} characters`);
        return value.padEnd(f.padTo, ' ');
      }
      if (cp949ByteLength(value) > f.length) fail(`longer than ${f.length} bytes`);
      return value;
    }
  }
  return fail('unknown field kind');
}

/**
 * Decode a record (one `output1` row, an `output2` object…) by its field specs. Every problem is
 * collected and thrown together; unknown fields are ignored (KIS adds fields over time) but stay
 * reachable with {@link rawOf}.
 *
 * @example
 * ```ts
 * const row = decodeRecord(domesticBalancePositionFields, body.output1[0], 'output1[0]');
 * row.pchs_amt.toString(); // '231825000'
 * ```
 */
export function decodeRecord<F extends readonly FieldSpec[]>(
  fields: F,
  raw: unknown,
  path = '',
): WithRaw<DecodedRecord<F>, RawRecord<F>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SpecError([
      { path: path || '(record)', field: path || '(record)', label: '', problem: 'not an object' },
    ]);
  }
  const src = raw as Record<string, unknown>;
  const plan = planOf(fields);
  // Every field present as a well-formed wire string (a page's usual case): one tight loop, the
  // record built with the spec's keys in the spec's order, no try, no issue list.
  const out = decodeAllPlain(plan, src);
  if (out !== undefined) {
    Object.defineProperty(out, RAW, { value: src, enumerable: false });
    return out as WithRaw<DecodedRecord<F>, RawRecord<F>>;
  }
  return decodeRecordChecked(fields, src, path);
}

/** What the one-loop decoder needs of a record's fields, worked out once per field list. */
interface RecordPlan {
  readonly names: readonly string[];
  readonly kinds: Uint8Array;
}

const KIND_NUMBER = 0;
const KIND_INTEGER = 1;
const KIND_STRING = 2;
const KIND_FLAG = 3;
const KIND_DATE = 4;

const plans = new WeakMap<readonly FieldSpec[], RecordPlan>();

function planOf(fields: readonly FieldSpec[]): RecordPlan {
  let plan = plans.get(fields);
  if (plan === undefined) {
    const kinds = new Uint8Array(fields.length);
    fields.forEach((f, i) => {
      kinds[i] =
        f.kind === 'amount' || f.kind === 'price' || f.kind === 'rate'
          ? KIND_NUMBER
          : f.kind === 'quantity'
            ? KIND_INTEGER
            : f.kind === 'code' || f.kind === 'text'
              ? KIND_STRING
              : f.kind === 'flag'
                ? KIND_FLAG
                : KIND_DATE;
    });
    plan = { names: fields.map((f) => f.name), kinds };
    plans.set(fields, plan);
  }
  return plan;
}

/**
 * The record when every field is present and decodes without the regular path's help (no
 * padding, no blank number), else `undefined` (then {@link decodeRecordChecked} decodes
 * it from the start, with its exact results and errors).
 */
function decodeAllPlain(plan: RecordPlan, src: Record<string, unknown>): object | undefined {
  const { names, kinds } = plan;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const v = src[name];
    if (typeof v !== 'string') return undefined;
    let value: unknown;
    switch (kinds[i]) {
      case KIND_NUMBER:
        value = scanWireNumber(v, false);
        break;
      case KIND_INTEGER:
        value = scanWireNumber(v, true);
        break;
      case KIND_STRING:
        value = v;
        break;
      case KIND_FLAG:
        value = v === 'Y' ? true : v === 'N' ? false : undefined;
        break;
      default:
        // A date stays the wire string; blank or a real YYYYMMDD (padded ones take the long way).
        value = v === '' || isValidYyyymmdd(v) ? v : undefined;
    }
    if (value === undefined) return undefined;
    out[name] = value;
  }
  return out;
}

/** The regular record decoder: missing and optional fields, padding, blanks, every issue. */
function decodeRecordChecked<F extends readonly FieldSpec[]>(
  fields: F,
  src: Record<string, unknown>,
  path: string,
): WithRaw<DecodedRecord<F>, RawRecord<F>> {
  const out: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const f of fields) {
    const v = src[f.name];
    if (v === undefined) {
      if (f.extra !== true && f.optional !== true)
        issues.push(issue(path === '' ? f.name : `${path}.${f.name}`, f, 'missing'));
      continue;
    }
    try {
      out[f.name] = decodeValue(f, v, f.name);
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      // The full path is built only for a field at fault (a page has thousands of fields).
      const p = path === '' ? f.name : `${path}.${f.name}`;
      issues.push(...e.issues.map((x) => ({ ...x, path: p })));
    }
  }
  if (issues.length > 0) throw new SpecError(issues);
  Object.defineProperty(out, RAW, { value: src, enumerable: false });
  return out as WithRaw<DecodedRecord<F>, RawRecord<F>>;
}

/**
 * Encode a record to wire strings, field by field in spec order. Fields that are `extra` or
 * `optional` are written only when present; a missing required field is an error.
 */
export function encodeRecord<F extends readonly FieldSpec[]>(
  fields: F,
  record: Partial<Record<string, unknown>>,
  options: EncodeOptions = {},
  path = '',
): RawRecord<F> {
  const out: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  for (const f of fields) {
    const p = path === '' ? f.name : `${path}.${f.name}`;
    const v = record[f.name];
    if (v === undefined) {
      if (f.extra !== true && f.optional !== true) issues.push(issue(p, f, 'missing'));
      continue;
    }
    try {
      out[f.name] = encodeValue(f, v, options, p);
    } catch (e) {
      if (e instanceof SpecError) issues.push(...e.issues);
      else throw e;
    }
  }
  if (issues.length > 0) throw new SpecError(issues);
  return out as RawRecord<F>;
}

/** Right-pad a continuation key to KIS's 200 characters. */
export function padContinuationKey(key: string): string {
  if (key.length > 200) throw new RangeError('continuation key longer than 200 characters');
  return key.padEnd(200, ' ');
}
