/**
 * Field readers for CME's positional "pa2" (expanded, 132+ column) risk parameter file.
 * Columns are 1-based and inclusive, as in CME's record layouts. Blank numeric fields read as 0;
 * anything else that is not digits is an error naming the line, field and columns.
 */
import { KisfoInputError } from '@kisfo/protocol';

/**
 * A malformed pa2 line: `line` (1-based) and the field that failed; its issue's path is
 * `line N.field`.
 *
 * @example
 * ```ts
 * try { parsePa2('81CBT…bad'); } catch (e) { (e as Pa2ParseError).line; }
 * ```
 */
export class Pa2ParseError extends KisfoInputError {
  readonly line: number;
  readonly field: string;
  constructor(line: number, field: string, message: string) {
    super(
      [{ path: `line ${line}.${field}`, message }],
      `pa2 line ${line}, field ${field}: ${message}`,
    );
    this.name = 'Pa2ParseError';
    this.line = line;
    this.field = field;
  }
}

/** Trimmed text of columns `from..to`. */
export function pa2Text(line: string, from: number, to: number): string {
  return line.slice(from - 1, to).trim();
}

/** Unsigned integer of columns `from..to` (spaces ignored, blank 0). */
export function pa2Uint(
  line: string,
  from: number,
  to: number,
  lineNo: number,
  name: string,
): number {
  let v = 0;
  const end = Math.min(to, line.length);
  for (let i = from - 1; i < end; i++) {
    const ch = line.charCodeAt(i);
    if (ch >= 48 && ch <= 57) v = v * 10 + (ch - 48);
    else if (ch !== 32) {
      throw new Pa2ParseError(
        lineNo,
        `${name} (columns ${from}-${to})`,
        `expected digits, got ${JSON.stringify(line.slice(from - 1, to))}`,
      );
    }
  }
  return v;
}

/** Sign at column `col`: `-` → −1; `+`, blank or past the end → 1; else an error. */
export function pa2Sign(line: string, col: number, lineNo: number, name: string): 1 | -1 {
  const ch = line.charCodeAt(col - 1);
  if (ch === 45) return -1;
  if (ch === 43 || ch === 32 || Number.isNaN(ch)) return 1;
  throw new Pa2ParseError(
    lineNo,
    `${name} sign (column ${col})`,
    `expected + or -, got ${JSON.stringify(line[col - 1])}`,
  );
}

/** Unsigned implied-decimal number: digits of `from..to` ÷ 10^decimals. */
export function pa2Scaled(
  line: string,
  from: number,
  to: number,
  decimals: number,
  lineNo: number,
  name: string,
): number {
  return pa2Uint(line, from, to, lineNo, name) / 10 ** decimals;
}

/** A signed integer whose sign follows the digits (`00567-`). */
export function pa2SignedAfter(
  line: string,
  from: number,
  to: number,
  lineNo: number,
  name: string,
): number {
  const v = pa2Uint(line, from, to, lineNo, name);
  return pa2Sign(line, to + 1, lineNo, name) * v;
}
