/**
 * Fast path for the pa2 risk-array records ("81", "82"), which are nearly every line of a real
 * file: fields are read straight from the bytes (no decoding, no slicing, no `Number()`), and the
 * few distinct texts (exchange, commodity, months…) are interned instead of allocated per line.
 *
 * It gives exactly what {@link parsePa2LineReference} gives for a valid line; anything it is not
 * sure about (a non-digit, a bad sign, a byte outside printable ASCII) makes it return `null`, and
 * the caller re-parses the line with the reference reader, which throws the usual error.
 */
import type { Pa2RiskArray1Record, Pa2RiskArray2Record } from './pa2-records.js';

/** Last column the fast path reads (settlement price sign of "82"). */
export const PA2_ARRAY_WIDTH = 118;

/** Set by the field readers below when the line needs the reference reader. */
let bail = false;

const INTERN_SIZE = 4096;
const interned: string[] = new Array<string>(INTERN_SIZE).fill('');

/** Trimmed text of bytes `i..j` (0-based, `j` exclusive), interned; printable ASCII only. */
function text(b: Uint8Array, i: number, j: number): string {
  while (i < j && b[i] === 32) i++;
  while (j > i && b[j - 1] === 32) j--;
  const len = j - i;
  if (len === 0) return '';
  let h = len;
  for (let k = i; k < j; k++) {
    const c = b[k];
    if (c < 32 || c > 126) {
      bail = true;
      return '';
    }
    h = (Math.imul(h, 31) + c) | 0;
  }
  const slot = (h ^ (h >>> 12)) & (INTERN_SIZE - 1);
  const hit = interned[slot];
  if (hit.length === len) {
    let k = 0;
    while (k < len && hit.charCodeAt(k) === b[i + k]) k++;
    if (k === len) return hit;
  }
  let s = '';
  for (let k = i; k < j; k++) s += String.fromCharCode(b[k]);
  interned[slot] = s;
  return s;
}

/** Digits of bytes `i..j` (spaces ignored, blank 0), as `pa2Uint`. */
function uint(b: Uint8Array, i: number, j: number): number {
  let v = 0;
  for (; i < j; i++) {
    const d = b[i] - 48;
    if (d >= 0 && d <= 9) v = v * 10 + d;
    else if (d !== -16) bail = true;
  }
  return v;
}

/** Sign byte at `i`: `-` → −1, `+` or blank → 1, as `pa2Sign`. */
function sign(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c === 45) return -1;
  if (c !== 43 && c !== 32) bail = true;
  return 1;
}

/** Five digits then a sign at 0-based `i` (an array value), as `pa2SignedAfter`. */
/** `count` risk-array values of 6 columns each (5 digits + sign), from column offset `at`. */
function values6(b: Uint8Array, at: number, count: number): number[] {
  const out = new Array<number>(count);
  for (let k = 0; k < count; k++) out[k] = value(b, at + 6 * k);
  return out;
}

function value(b: Uint8Array, i: number): number {
  const d0 = b[i] - 48;
  const d1 = b[i + 1] - 48;
  const d2 = b[i + 2] - 48;
  const d3 = b[i + 3] - 48;
  const d4 = b[i + 4] - 48;
  // All five digits (the usual case): the same multiply-adds as `uint`, so the same double.
  const v =
    d0 >>> 0 <= 9 && d1 >>> 0 <= 9 && d2 >>> 0 <= 9 && d3 >>> 0 <= 9 && d4 >>> 0 <= 9
      ? (((d0 * 10 + d1) * 10 + d2) * 10 + d3) * 10 + d4
      : uint(b, i, i + 5);
  const c = b[i + 5];
  if (c === 45) return -v;
  if (c !== 43 && c !== 32) bail = true;
  return v;
}

/**
 * Parse an "81"/"82" line starting at `s`; `b` must hold at least {@link PA2_ARRAY_WIDTH} bytes
 * from `s` (pad short lines with spaces). `null`: let the reference reader handle the line.
 */
export function parsePa2ArrayBytes(
  b: Uint8Array,
  s: number,
): Pa2RiskArray1Record | Pa2RiskArray2Record | null {
  bail = false;
  const exchange = text(b, s + 2, s + 5);
  const commodity = text(b, s + 5, s + 15);
  const underlying = text(b, s + 15, s + 25);
  const productType = text(b, s + 25, s + 28);
  const right = text(b, s + 28, s + 29);
  const futuresMonth = text(b, s + 29, s + 35);
  const optionMonth = text(b, s + 38, s + 44);
  const strikeRaw = uint(b, s + 47, s + 54);
  const v = s + 54;
  if (b[s + 1] === 49) {
    const values = values6(b, v, 9);
    if (bail) return null;
    return {
      type: '81',
      exchange,
      commodity,
      underlying,
      productType,
      right,
      futuresMonth,
      optionMonth,
      strikeRaw,
      values,
    };
  }
  const values = values6(b, v, 7);
  const deltaDigits = uint(b, s + 96, s + 101);
  const compositeDelta = sign(b, s + 101) * (deltaDigits / 10 ** 4);
  const impliedVol = uint(b, s + 102, s + 110) / 10 ** 6;
  const settlementRaw = sign(b, s + 117) * uint(b, s + 110, s + 117);
  if (bail) return null;
  return {
    type: '82',
    exchange,
    commodity,
    underlying,
    productType,
    right,
    futuresMonth,
    optionMonth,
    strikeRaw,
    values,
    compositeDelta,
    impliedVol,
    settlementRaw,
  };
}

const pad = new Uint8Array(PA2_ARRAY_WIDTH);

/** {@link parsePa2ArrayBytes} for a line `b[s..e)` of any length (short lines padded with blanks). */
export function parsePa2ArrayLine(
  b: Uint8Array,
  s: number,
  e: number,
): Pa2RiskArray1Record | Pa2RiskArray2Record | null {
  if (e - s >= PA2_ARRAY_WIDTH) return parsePa2ArrayBytes(b, s);
  pad.fill(32);
  pad.set(b.subarray(s, e));
  return parsePa2ArrayBytes(pad, 0);
}

/**
 * {@link parsePa2ArrayBytes} for `text[s..e)` (a line of a string chunk); `null` also when the
 * line has characters outside ASCII.
 */
export function parsePa2ArrayText(
  text: string,
  s: number,
  e: number,
): Pa2RiskArray1Record | Pa2RiskArray2Record | null {
  pad.fill(32);
  const len = Math.min(e - s, PA2_ARRAY_WIDTH);
  for (let k = 0; k < len; k++) {
    const c = text.charCodeAt(s + k);
    if (c > 127) return null;
    pad[k] = c;
  }
  return parsePa2ArrayBytes(pad, 0);
}
