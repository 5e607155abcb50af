// The business-day advance checks, inside its transaction, that every account still answers on
// the new date: prices and FX rates written ahead for that date were checked against nobody (their
// date was not the business date), and the advance is where they enter the answers. A price or a
// rate that would make an account unanswerable refuses the whole advance, and nothing changes:
// the business date, the ledger's export and the KIS inquiries' bytes stay as they were. Through
// the admin API on SQLite and PostgreSQL, and through `advanceBusinessDay` (what `kisfo ledger
// advance` calls).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  advanceBusinessDay,
  DEMO_SCENARIO,
  importScenario,
  type LedgerStore,
  LedgerValidationError,
  openLedger,
} from '../src/index.js';
import { demoHosts } from './demo-hosts.js';
import { LEDGER_BACKENDS } from './ledger-backends.js';

/** The demo's next KRX business day after its business date, 2025-03-20 (a Thursday). */
const NEXT = '20250321';
/** The demo's KOSPI200 futures series held by its domestic accounts. */
const FUTURE = { instrument: '101W06', price: '345.85', priorSettlement: '344.08', vol: '0.18' };
/** Its two codes: short, and standard (positions are carried under the standard one). */
const FUTURE_CODES = ['101W06', 'KR4101W60000'];
const OVERSEAS = ['12345678-08', '12345678-09'];

type Issue = { path: string; message: string };
const accountOf = (i: Issue) => /^account (\S+) could no longer be computed/.exec(i.message)?.[1];

/** The accounts holding the series once the demo ledger is advanced with sane data. */
function holdersAfterAdvance(codes: readonly string[]): string[] {
  const store = openLedger();
  importScenario(store, DEMO_SCENARIO);
  advanceBusinessDay(store, NEXT);
  const held = store
    .listAccounts()
    .filter((a) => store.positions(a.id, NEXT).some((p) => codes.includes(p.instrument)))
    .map((a) => a.id);
  store.close();
  return held;
}

async function setUp(store: LedgerStore) {
  const { answers, call } = await demoHosts(store);
  const bd = store.businessDate()!;
  const ledger = async () => JSON.stringify((await call('GET', '/export')).body);
  /** Every answer of every account, as bytes. */
  return { bd, answers: () => answers(), call, ledger };
}

for (const backend of LEDGER_BACKENDS) {
  describe(`POST /business-day/advance refuses a new date that leaves an account unanswerable (${backend.name})`, () => {
    it('a price written ahead whose figures overflow refuses the advance; nothing changes', async () => {
      const { bd, answers, call, ledger } = await setUp(await backend.fresh());
      // 10^14 points × 250,000 won a lot is past every 19-digit amount field. Its date is not the
      // business date, so the write itself reaches nobody and is taken.
      const put = await call('PUT', '/prices', {
        prices: [{ ...FUTURE, date: NEXT, price: '100000000000000' }],
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const before = { answers: await answers(), ledger: await ledger() };
      assert.ok(before.answers.every((a) => / 200 /.test(a)));

      const res = await call('POST', '/business-day/advance', { nextDate: NEXT });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error, 'invalid input');
      const issues = res.body.issues as Issue[];
      const holders = holdersAfterAdvance(FUTURE_CODES);
      assert.ok(holders.length > 0, 'the demo carries the series into the next day');
      assert.deepEqual(issues.map(accountOf).sort(), holders.sort());
      for (const i of issues) {
        assert.equal(i.path, 'nextDate');
        assert.match(i.message, /: \d+ is longer than 19/);
      }

      assert.equal((await call('GET', '/business-day')).body.businessDate, bd);
      assert.equal(await ledger(), before.ledger, 'the ledger exports the same');
      assert.deepEqual(await answers(), before.answers, 'every inquiry answers the same bytes');

      // With a sane price for the new date the same advance goes through.
      const fixed = await call('PUT', '/prices', { prices: [{ ...FUTURE, date: NEXT }] });
      assert.equal(fixed.status, 200);
      const ok = await call('POST', '/business-day/advance', { nextDate: NEXT });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal((await call('GET', '/business-day')).body.businessDate, NEXT);
      assert.ok((await answers()).every((a) => / 200 /.test(a)));
    });

    it('an FX rate written ahead that overflows names every overseas account', async () => {
      const { bd, answers, call, ledger } = await setUp(await backend.fresh());
      const put = await call('PUT', '/fx', { date: NEXT, rates: { USD: '99999999999999999' } });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const before = { answers: await answers(), ledger: await ledger() };

      const res = await call('POST', '/business-day/advance', { nextDate: NEXT });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      const issues = res.body.issues as Issue[];
      const named = new Set(issues.map(accountOf));
      for (const id of OVERSEAS) assert.ok(named.has(id), `${id} is named`);
      for (const i of issues) assert.equal(i.path, 'nextDate');

      assert.equal((await call('GET', '/business-day')).body.businessDate, bd);
      assert.equal(await ledger(), before.ledger);
      assert.deepEqual(await answers(), before.answers);
    });
  });
}

describe('advanceBusinessDay (what `kisfo ledger advance` runs)', () => {
  it('throws LedgerValidationError naming the accounts, and writes nothing', () => {
    const store = openLedger();
    importScenario(store, DEMO_SCENARIO);
    store.putPrice({ ...FUTURE, date: NEXT, price: '100000000000000' });
    const bd = store.businessDate();
    const positions = JSON.stringify(store.listAccounts().map((a) => store.positions(a.id, NEXT)));
    assert.throws(
      () => advanceBusinessDay(store, NEXT),
      (e: unknown) =>
        e instanceof LedgerValidationError &&
        e.issues.length > 0 &&
        e.issues.every((i) => i.path === 'nextDate' && accountOf(i) !== undefined),
    );
    assert.equal(store.businessDate(), bd);
    assert.equal(
      JSON.stringify(store.listAccounts().map((a) => store.positions(a.id, NEXT))),
      positions,
      'no position was carried',
    );
    store.close();
  });
});
