// The business-day advance moves only to a KRX business day: a weekend, or a KRX holiday of a year
// the holiday calendar covers, is refused under `nextDate` naming the next business day, and
// nothing changes. Past the calendar's years only weekends are known; a weekday is taken as asked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  advanceBusinessDay,
  DEMO_SCENARIO,
  importScenario,
  isKrxBusinessDay,
  krxCalendarCoverage,
  LedgerValidationError,
  openLedger,
} from '../src/index.js';
import { demoHosts } from './demo-hosts.js';

const weekday = (ymd: string) =>
  new Date(Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8))).getUTCDay();
const plusDays = (ymd: string, n: number) =>
  new Date(Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8) + n))
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');

function demo() {
  const store = openLedger();
  importScenario(store, DEMO_SCENARIO);
  return store;
}

/** The refusal of an advance to `to`, and that it changed nothing. */
function refused(to: string) {
  const store = demo();
  const bd = store.businessDate()!;
  let error: unknown;
  try {
    advanceBusinessDay(store, to);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof LedgerValidationError, `${to} refused`);
  assert.equal(store.businessDate(), bd);
  assert.deepEqual(
    store.listAccounts().flatMap((a) => store.positions(a.id, to)),
    [],
    'nothing carried',
  );
  store.close();
  return error.issues;
}

describe('advanceBusinessDay to a day KRX is closed', () => {
  it('a Saturday is refused, naming the next business day', () => {
    const bd = demo().businessDate()!;
    let sat = bd;
    while (weekday(sat) !== 6) sat = plusDays(sat, 1);
    const issues = refused(sat);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.path, 'nextDate');
    assert.match(issues[0]!.message, new RegExp(`^${sat} is not a KRX business day`));
    let next = plusDays(bd, 1);
    while (!isKrxBusinessDay(next)) next = plusDays(next, 1);
    assert.match(issues[0]!.message, new RegExp(`the next one after ${bd} is ${next}$`));
  });

  it('a KRX holiday on a weekday is refused', () => {
    const bd = demo().businessDate()!;
    let holiday = plusDays(bd, 1);
    while (isKrxBusinessDay(holiday) || weekday(holiday) === 0 || weekday(holiday) === 6)
      holiday = plusDays(holiday, 1);
    const issues = refused(holiday);
    assert.match(issues[0]!.message, /is not a KRX business day/);
  });

  it('past the calendar a weekday is taken and a weekend refused', () => {
    const last = Number(krxCalendarCoverage().split('–')[1]);
    let day = `${last + 1}0105`;
    while (weekday(day) === 0 || weekday(day) === 6) day = plusDays(day, 1);
    let weekend = day;
    while (weekday(weekend) !== 0) weekend = plusDays(weekend, 1);
    refused(weekend);
    const store = demo();
    assert.equal(advanceBusinessDay(store, day).to, day);
    assert.equal(store.businessDate(), day);
    store.close();
  });

  it('through the admin API: 400 with the issue, the business date unchanged', async () => {
    const store = openLedger();
    const { call } = await demoHosts(store);
    const bd = store.businessDate()!;
    let sun = bd;
    while (weekday(sun) !== 0) sun = plusDays(sun, 1);
    const res = await call('POST', '/business-day/advance', { nextDate: sun });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    const issues = res.body.issues as { path: string; message: string }[];
    assert.equal(issues[0]!.path, 'nextDate');
    assert.match(issues[0]!.message, /is not a KRX business day/);
    assert.equal((await call('GET', '/business-day')).body.businessDate, bd);
  });
});
