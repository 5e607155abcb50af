import { UsageError } from './cli-errors.js';
import { type ParsedArgs, strFlag } from './command.js';

/**
 * A calendar date given as `YYYYMMDD` or `YYYY-MM-DD`, as KIS's `YYYYMMDD`; `undefined` when not
 * given. Anything else (or a day that does not exist) is a usage error naming both forms.
 *
 * @example
 * ```ts
 * parseDateText('2025-03-20', '--date'); // '20250320'
 * ```
 */
export function parseDateText(value: string, flag: string): string {
  const ymd = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.replaceAll('-', '') : value;
  const [y, m, d] = [ymd.slice(0, 4), ymd.slice(4, 6), ymd.slice(6)].map(Number) as [
    number,
    number,
    number,
  ];
  const t = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 2025-02-31 over to March: a real day reads back the same.
  const ok =
    /^\d{8}$/.test(ymd) &&
    t.getUTCFullYear() === y &&
    t.getUTCMonth() === m - 1 &&
    t.getUTCDate() === d;
  if (!ok) {
    throw new UsageError(`${flag} takes a date as YYYYMMDD or YYYY-MM-DD, got "${value}"`);
  }
  return ymd;
}

/** The `--NAME` date flag as `YYYYMMDD` ({@link parseDateText}), or `undefined`. */
export function dateFlag(args: ParsedArgs, name: string): string | undefined {
  const v = strFlag(args, name);
  return v === undefined ? undefined : parseDateText(v, `--${name}`);
}
