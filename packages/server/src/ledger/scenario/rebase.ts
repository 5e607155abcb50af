import { krxYearFromSymbol, krxYearSymbol, SAMPLE_OVERSEAS_RISK_PARAMETERS } from '@kisfo/risk';
import { addKrxBusinessDays, krxBusinessDaysBetween } from '../calendar/krx-calendar.js';
import { LedgerValidationError } from '../errors.js';
import type { Scenario } from './types.js';

const KRX_SHORT = /^([0-9A-Z]{3})([0-9A-Z])(0[1-9]|1[0-2])((?:W[1-5])?(?:[0-9]{3})?)$/;
const OVERSEAS = /^([A-Z0-9]+:[A-Z0-9]+:)(\d{6})(:.*)?$/;

/** Months to move contract months by: the month distance rounded up to whole quarters. */
function quarterShift(from: string, to: string): number {
  const months = (ymd: string) => Number(ymd.slice(0, 4)) * 12 + Number(ymd.slice(4, 6)) - 1;
  // Whole quarters keep quarterly series quarterly; rounding up keeps every series unexpired.
  return Math.ceil((months(to) - months(from)) / 3) * 3;
}

function shiftYyyymm(yyyymm: string, by: number): string {
  const m = Number(yyyymm.slice(0, 4)) * 12 + Number(yyyymm.slice(4, 6)) - 1 + by;
  return `${Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, '0')}`;
}

/** An instrument code with its contract month moved (`101W06` → `101706`); others unchanged. */
function shiftInstrument(code: string, by: number, pivotYear: number): string {
  const o = OVERSEAS.exec(code);
  if (o !== null) return `${o[1]}${shiftYyyymm(o[2]!, by)}${o[3] ?? ''}`;
  const k = KRX_SHORT.exec(code);
  if (k === null) return code;
  let year: number;
  try {
    year = krxYearFromSymbol(k[2]!, pivotYear);
  } catch {
    return code;
  }
  const ym = shiftYyyymm(`${year}${k[3]}`, by);
  return `${k[1]}${krxYearSymbol(Number(ym.slice(0, 4)))}${ym.slice(4)}${k[4]}`;
}

/** Keys of contract months (YYYYMM) in risk parameters. */
const MONTH_KEYS = new Set(['month', 'contractMonth', 'underlyingMonth']);

/** Contract months and the business date inside risk parameters. */
function shiftRiskValue(v: unknown, by: number, to: string): unknown {
  if (Array.isArray(v)) return v.map((x) => shiftRiskValue(x, by, to));
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (MONTH_KEYS.has(k) && typeof x === 'string' && /^\d{6}$/.test(x))
      out[k] = shiftYyyymm(x, by);
    else if (k === 'businessDate' && typeof x === 'string') out[k] = to;
    else out[k] = shiftRiskValue(x, by, to);
  }
  return out;
}

/**
 * A relative scenario (`relativeDates: true`, like the demo and `scenario generate`) moved to
 * business date `to`: every date moves by the same number of KRX business days (the day before
 * the business date stays the business day before), every contract month — KRX short codes and
 * overseas `EX:ROOT:YYYYMM` keys, and the months in risk parameters, the built-in `sample` ones
 * included — by the month distance rounded up to whole quarters, so quarterly series stay
 * quarterly and nothing expires. Amounts, quantities and prices are unchanged.
 *
 * @throws LedgerValidationError when a date falls outside the KRX holiday calendar.
 * @example
 * ```ts
 * rebaseScenario(DEMO_SCENARIO, '20261202').businessDate; // '20261202'
 * ```
 */
export function rebaseScenario(scenario: Scenario, to: string): Scenario {
  const from = scenario.businessDate;
  if (from === to) return scenario;
  const by = quarterShift(from, to);
  const pivot = Number(from.slice(0, 4));
  const date = (d: string | undefined) =>
    d === undefined ? undefined : addKrxBusinessDays(to, krxBusinessDaysBetween(from, d), 'date');
  const inst = (code: string) => shiftInstrument(code, by, pivot);
  const item = <T extends { instrument: string; date?: string }>(x: T): T => {
    const moved = { ...x, instrument: inst(x.instrument) };
    if (x.date !== undefined) moved.date = date(x.date)!;
    return moved;
  };
  if (!/^\d{8}$/.test(to)) {
    throw new LedgerValidationError([{ path: 'businessDate', message: 'expected YYYYMMDD' }]);
  }
  const risk = scenario.risk === undefined ? undefined : { ...scenario.risk };
  if (risk?.overseas !== undefined) {
    const base = risk.overseas === 'sample' ? SAMPLE_OVERSEAS_RISK_PARAMETERS : risk.overseas;
    // A pa2 file is real exchange data for its own date: it is not moved.
    if (!('pa2' in base)) risk.overseas = shiftRiskValue(base, by, to) as typeof base;
  }
  return {
    ...scenario,
    businessDate: to,
    ...(scenario.fx === undefined
      ? {}
      : {
          fx: Object.fromEntries(Object.entries(scenario.fx).map(([d, r]) => [date(d)!, r])),
        }),
    ...(scenario.instruments === undefined
      ? {}
      : {
          instruments: scenario.instruments.map((i) => ({ ...i, instrument: inst(i.instrument) })),
        }),
    ...(scenario.prices === undefined ? {} : { prices: scenario.prices.map(item) }),
    ...(scenario.underlyings === undefined
      ? {}
      : {
          underlyings: scenario.underlyings.map((u) =>
            u.date === undefined ? u : { ...u, date: date(u.date)! },
          ),
        }),
    ...(scenario.positions === undefined ? {} : { positions: scenario.positions.map(item) }),
    ...(scenario.fills === undefined ? {} : { fills: scenario.fills.map(item) }),
    ...(scenario.orders === undefined ? {} : { orders: scenario.orders.map(item) }),
    ...(risk === undefined ? {} : { risk }),
  };
}
