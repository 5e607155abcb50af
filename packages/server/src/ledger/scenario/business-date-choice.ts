import { isKrxBusinessDay, krxBusinessDayToday } from '../calendar/krx-calendar.js';
import { LedgerValidationError } from '../errors.js';
import { isYmd } from './checks.js';
import { rebaseScenario } from './rebase.js';
import type { Scenario } from './types.js';

/** A business date as asked for: `today` (Korea time) or a date `YYYYMMDD` / `YYYY-MM-DD`. */
export type BusinessDateChoice = 'today' | string;

/**
 * Resolve a business-date choice to `YYYYMMDD`: `today` is today's KRX business day in Korea
 * time (the last one before today on a weekend or KRX holiday); a date is taken as given.
 *
 * @throws LedgerValidationError for anything else, naming both accepted forms.
 * @example
 * ```ts
 * resolveBusinessDate('2025-03-20', Date.now()); // '20250320'
 * ```
 */
export function resolveBusinessDate(choice: BusinessDateChoice, nowMs: number): string {
  if (choice === 'today') return krxBusinessDayToday(nowMs);
  const ymd = /^\d{4}-\d{2}-\d{2}$/.test(choice) ? choice.replaceAll('-', '') : choice;
  if (!isYmd(ymd)) {
    throw new LedgerValidationError([
      { path: 'businessDate', message: `"${choice}": expected today, YYYYMMDD or YYYY-MM-DD` },
    ]);
  }
  return ymd;
}

/**
 * The scenario a server starts on: a relative one (`relativeDates: true`) moved to the chosen
 * business date (default today's); a fixed one as it is — choosing another date for it is an
 * error that says how to proceed. `notes` says when the date is not a KRX business day.
 *
 * @example
 * ```ts
 * startingScenario(DEMO_SCENARIO, undefined, Date.now()).scenario.businessDate; // today's
 * ```
 */
export function startingScenario(
  scenario: Scenario,
  choice: BusinessDateChoice | undefined,
  nowMs: number,
): { scenario: Scenario; notes: string[] } {
  if (scenario.relativeDates !== true) {
    if (choice !== undefined && resolveBusinessDate(choice, nowMs) !== scenario.businessDate) {
      throw new LedgerValidationError([
        {
          path: 'businessDate',
          message: `the scenario has the fixed business date ${scenario.businessDate}; leave out --business-date, or set "relativeDates": true in the scenario to move it`,
        },
      ]);
    }
    return { scenario, notes: [] };
  }
  const to = resolveBusinessDate(choice ?? 'today', nowMs);
  const notes = isKrxBusinessDay(to)
    ? []
    : [`business date ${to} is not a KRX business day (a weekend or a KRX holiday)`];
  return { scenario: rebaseScenario(scenario, to), notes };
}
