import { koreaDate } from '@kisfo/protocol';
import { LedgerValidationError } from '../errors.js';
import { KRX_HOLIDAYS } from './krx-holidays.js';

const HOLIDAYS = new Set(KRX_HOLIDAYS.dates);
const YEARS = new Set(KRX_HOLIDAYS.years);

/**
 * The years the KRX holiday calendar covers, as text.
 *
 * @example
 * ```ts
 * krxCalendarCoverage(); // '2024–2027'
 * ```
 */
export function krxCalendarCoverage(): string {
  const ys = [...YEARS].sort();
  return `${ys[0]}–${ys.at(-1)}`;
}

function toDate(ymd: string): Date {
  return new Date(
    Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8))),
  );
}

function toYmd(d: Date): string {
  return d.toISOString().slice(0, 10).replaceAll('-', '');
}

function covered(ymd: string, path: string): void {
  if (!YEARS.has(Number(ymd.slice(0, 4)))) {
    throw new LedgerValidationError([
      {
        path,
        message: `${ymd} is outside the KRX holiday calendar (it covers ${krxCalendarCoverage()}); give a date inside it, or add the year's holidays to the calendar (packages/server/src/ledger/calendar/krx-holidays.ts)`,
      },
    ]);
  }
}

/**
 * Whether KRX trades on `ymd` (YYYYMMDD): a weekday that is not a KRX holiday.
 *
 * @throws LedgerValidationError for a year the holiday calendar does not cover.
 * @example
 * ```ts
 * isKrxBusinessDay('20250320'); // true
 * isKrxBusinessDay('20251006'); // false (추석)
 * ```
 */
export function isKrxBusinessDay(ymd: string, path = 'businessDate'): boolean {
  covered(ymd, path);
  return !isKrxClosed(ymd);
}

/**
 * Whether KRX is known to be closed on `ymd`: a weekend, or a KRX holiday. Unlike
 * {@link isKrxBusinessDay} it does not throw past the calendar's years, where only weekends are
 * known (a weekday there is taken as open).
 *
 * @example
 * ```ts
 * isKrxClosed('20250322'); // true (a Saturday)
 * isKrxClosed('20991231'); // false (a Thursday, past the calendar)
 * ```
 */
export function isKrxClosed(ymd: string): boolean {
  const day = toDate(ymd).getUTCDay();
  return day === 0 || day === 6 || HOLIDAYS.has(ymd);
}

/**
 * The KRX business day `n` business days from `ymd` (`n` < 0 goes back), counted from the business
 * day on or before `ymd`; `n = 0` is that day (`ymd` itself when KRX trades on it).
 *
 * @throws LedgerValidationError when the walk leaves the calendar's years.
 * @example
 * ```ts
 * addKrxBusinessDays('20250320', 1); // '20250321'
 * addKrxBusinessDays('20251002', 1); // '20251010' (개천절, 추석, 한글날)
 * addKrxBusinessDays('20250322', 0); // '20250321' (a Saturday → Friday)
 * ```
 */
export function addKrxBusinessDays(ymd: string, n: number, path = 'businessDate'): string {
  const d = toDate(ymd);
  const move = (days: number) => {
    d.setUTCDate(d.getUTCDate() + days);
    return toYmd(d);
  };
  let cur = toYmd(d);
  while (!isKrxBusinessDay(cur, path)) cur = move(-1);
  for (let left = Math.abs(n); left > 0; ) {
    cur = move(n < 0 ? -1 : 1);
    if (isKrxBusinessDay(cur, path)) left--;
  }
  return cur;
}

/**
 * KRX business days from `from` to `to`: positive when `to` is later, 0 for the same day.
 * Both must be business days.
 *
 * @example
 * ```ts
 * krxBusinessDaysBetween('20250319', '20250320'); // 1
 * ```
 */
export function krxBusinessDaysBetween(from: string, to: string): number {
  if (from === to) return 0;
  const step = from < to ? 1 : -1;
  let n = 0;
  let cur = from;
  while (cur !== to) {
    cur = addKrxBusinessDays(cur, step);
    n += step;
    if ((step > 0 && cur > to) || (step < 0 && cur < to)) break;
  }
  return n;
}

/**
 * Today's KRX business day in Korea time: today when KRX trades today, else the last business day
 * before it (on a Saturday, Friday).
 *
 * @example
 * ```ts
 * krxBusinessDayToday(Date.UTC(2025, 2, 20, 1)); // '20250320'
 * ```
 */
export function krxBusinessDayToday(nowMs: number): string {
  return addKrxBusinessDays(koreaDate(nowMs), 0);
}
