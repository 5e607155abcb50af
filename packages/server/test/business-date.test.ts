// The live business date: the KRX calendar as data, relative scenarios moved to a business date,
// a server that starts on today's KRX business day in Korea time, and date errors that say where
// the ledger is and how to move it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKrxCode } from '@kisfo/risk';
import {
  addKrxBusinessDays,
  createBackOffice,
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  DEMO_SCENARIO,
  generateScenario,
  importScenario,
  isKrxBusinessDay,
  KRX_HOLIDAYS,
  krxBusinessDayToday,
  LedgerValidationError,
  openLedger,
  parseOverseasInstrument,
  rebaseScenario,
  resolveBusinessDate,
  startingScenario,
  startServer,
} from '../src/index.js';
import { inquire, issueToken, kisHeaders, loopback, marginQuery } from './http-harness.js';

const demoReal = {
  appKey: DEMO_REAL_APPKEY,
  appSecret: DEMO_REAL_APPSECRET,
  env: 'real' as const,
  custtype: 'P' as const,
  accounts: [],
};

/** 09:30 KST on a Korean calendar date, as epoch milliseconds. */
const kst = (ymd: string, hour = 9) =>
  Date.UTC(
    Number(ymd.slice(0, 4)),
    Number(ymd.slice(4, 6)) - 1,
    Number(ymd.slice(6, 8)),
    hour - 9,
    30,
  );

describe('KRX calendar', () => {
  it('skips weekends and KRX holidays, and knows the years it covers', () => {
    assert.equal(isKrxBusinessDay('20250320'), true);
    assert.equal(isKrxBusinessDay('20250322'), false); // Saturday
    for (const d of ['20251006', '20251007', '20251008', '20251009', '20251231', '20250501']) {
      assert.equal(isKrxBusinessDay(d), false, d);
    }
    assert.equal(addKrxBusinessDays('20251002', 1), '20251010'); // 개천절, 추석, 한글날
    assert.equal(addKrxBusinessDays('20251230', 1), '20260102'); // 연말 휴장일, 신정
    assert.equal(addKrxBusinessDays('20250320', -1), '20250319');
    assert.deepEqual(KRX_HOLIDAYS.years, [2024, 2025, 2026, 2027]);
    for (const d of KRX_HOLIDAYS.dates) {
      assert.ok(KRX_HOLIDAYS.years.includes(Number(d.slice(0, 4))), d);
      const day = new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T00:00:00Z`).getUTCDay();
      assert.ok(day !== 0 && day !== 6, `${d} is a weekend day: not a holiday to list`);
    }
  });

  it('past the covered years: a clear error naming the coverage, no guess', () => {
    assert.throws(
      () => isKrxBusinessDay('20280103'),
      (e: unknown) =>
        e instanceof LedgerValidationError && /covers 2024–2027/.test(e.issues[0]!.message),
    );
  });

  it("today's business day is taken in Korea time; a weekend or holiday gives the one before", () => {
    // 2025-03-19 23:30 UTC is already 2025-03-20 in Korea.
    assert.equal(krxBusinessDayToday(Date.UTC(2025, 2, 19, 23, 30)), '20250320');
    assert.equal(krxBusinessDayToday(kst('20250322')), '20250321'); // Saturday → Friday
    assert.equal(krxBusinessDayToday(kst('20251008')), '20251002'); // 추석
    assert.equal(resolveBusinessDate('2025-03-20', 0), '20250320');
    assert.equal(resolveBusinessDate('20250320', 0), '20250320');
    assert.throws(() => resolveBusinessDate('2025/03/20', 0), /today, YYYYMMDD or YYYY-MM-DD/);
  });
});

describe('relative scenarios', () => {
  it('the demo moved to another business date: dates, contract months, risk months move', () => {
    const to = '20261202';
    const s = rebaseScenario(DEMO_SCENARIO, to);
    assert.equal(s.businessDate, to);
    // The day before stays the business day before.
    assert.deepEqual(Object.keys(s.fx!).sort(), [addKrxBusinessDays(to, -1), to]);
    const toTime = Date.UTC(2026, 11, 2);
    for (const p of s.positions!) {
      const o = parseOverseasInstrument(p.instrument);
      if (o !== undefined) {
        assert.ok(o.contractMonth > to.slice(0, 6), `${p.instrument} not after ${to}`);
      } else {
        const k = parseKrxCode(p.instrument, 2026);
        assert.ok(Date.parse(k.expiry) > toTime, `${p.instrument} expires ${k.expiry}`);
      }
    }
    // Amounts and quantities do not move.
    assert.deepEqual(
      s.positions!.map((p) => [p.qty, p.avgPrice]),
      DEMO_SCENARIO.positions!.map((p) => [p.qty, p.avgPrice]),
    );
    // The ledger built on it answers both inquiries on the new date.
    const store = openLedger();
    importScenario(store, s);
    const bo = createBackOffice(store);
    const margin = bo.overseasMarginDetail(
      { cano: '12345678', acntPrdtCd: '08' },
      { crcyCd: 'TKR', inqrDt: to },
    );
    assert.ok(margin.output !== undefined);
    store.close();
    // Moving to its own date changes nothing.
    assert.deepEqual(rebaseScenario(DEMO_SCENARIO, DEMO_SCENARIO.businessDate), DEMO_SCENARIO);
  });

  it('generated scenarios are relative too; fixed ones keep their date, and say so', () => {
    const g = generateScenario({ positions: 30, accounts: 1, seed: 2 });
    assert.equal(g.relativeDates, true);
    const moved = startingScenario(g, '20260105', 0).scenario;
    assert.equal(moved.businessDate, '20260105');
    const fixed = { ...DEMO_SCENARIO, relativeDates: false };
    assert.equal(startingScenario(fixed, undefined, kst('20261202')).scenario, fixed);
    assert.throws(
      () => startingScenario(fixed, '20261202', 0),
      /fixed business date 20250320; leave out --business-date, or set "relativeDates": true/,
    );
    // An asked-for weekend date is served, with a note.
    assert.match(startingScenario(g, '20260103', 0).notes[0] ?? '', /not a KRX business day/);
  });
});

describe('a server started with no business date', () => {
  it("serves today's KRX business day; a bot asking for that date gets both inquiries", async () => {
    const now = kst('20261202', 10);
    const server = await startServer({ port: 0, logger: () => {}, clock: () => now });
    try {
      const real = loopback(server.realUrl);
      const health = (await (await fetch(`${server.realUrl}/kisfo/health`)).json()) as {
        businessDate: string;
      };
      assert.equal(health.businessDate, '20261202');
      const token = await issueToken(real, demoReal);
      const margin = await inquire(
        real,
        marginQuery('12345678', '08', 'TKR', '20261202'),
        kisHeaders(demoReal, token, 'OTFM3115R'),
      );
      assert.equal(margin.body.rt_cd, '0', margin.body.msg1);
      assert.ok(Number(margin.body.output.fm_brkg_mgn_amt) > 0);
      // The day after: OPSQ2001 naming the ledger's date and how to move it.
      const later = await inquire(
        real,
        marginQuery('12345678', '08', 'TKR', '20261203'),
        kisHeaders(demoReal, token, 'OTFM3115R'),
      );
      assert.equal(later.body.msg_cd, 'OPSQ2001');
      assert.match(
        later.body.msg1,
        /INQR_DT 20261203 > business date 20261202: kisfo ledger advance/,
      );
    } finally {
      await server.close();
    }
  });

  it('a weekend after the business date gets its figures; the next business day does not', async () => {
    // Saturday 2026-12-05 in Korea: the ledger is on Friday 2026-12-04.
    const now = kst('20261205', 11);
    const server = await startServer({ port: 0, logger: () => {}, clock: () => now });
    try {
      assert.equal(server.backOffice.businessDate(), '20261204');
      const real = loopback(server.realUrl);
      const token = await issueToken(real, demoReal);
      const ask = (date: string) =>
        inquire(
          real,
          marginQuery('12345678', '08', 'TKR', date),
          kisHeaders(demoReal, token, 'OTFM3115R'),
        );
      const friday = await ask('20261204');
      for (const weekend of ['20261205', '20261206']) {
        const r = await ask(weekend);
        assert.equal(r.body.rt_cd, '0', r.body.msg1);
        assert.deepEqual(r.body.output, friday.body.output, weekend);
      }
      assert.equal((await ask('20261207')).body.msg_cd, 'OPSQ2001');
    } finally {
      await server.close();
    }
  });

  it('businessDate picks the date of the demo (YYYY-MM-DD accepted)', async () => {
    const server = await startServer({ port: 0, logger: () => {}, businessDate: '2026-01-05' });
    try {
      assert.equal(server.backOffice.businessDate(), '20260105');
      assert.deepEqual(server.warnings, []);
    } finally {
      await server.close();
    }
  });
});
