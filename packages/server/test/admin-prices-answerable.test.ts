// PUT /prices through the admin API checks, inside its transaction, that every account the new
// prices and underlyings reach still answers its balance inquiry (computes, and fits KIS's wire
// fields); otherwise it is refused whole like any other admin write, and nothing changes: the
// stored market data reads back the same and the KIS inquiry answers the same bytes. On SQLite
// (kept balances, and the plain fresh check) and on PostgreSQL (a throwaway cluster).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_SCENARIO, importScenario, type LedgerStore, openLedger } from '../src/index.js';
import { demoHosts } from './demo-hosts.js';
import { balanceQuery } from './http-harness.js';
import { LEDGER_BACKENDS } from './ledger-backends.js';

const DOMESTIC = '80012345-03';
/** The demo's KOSPI200 futures series held long by the domestic accounts, and its price row. */
const FUTURE = { instrument: '101W06', price: '345.85', priorSettlement: '344.08', vol: '0.18' };
/** KOSPI200 futures multiplier: 250,000 won per point. */
const MULTIPLIER = 250_000n;

type Row = Record<string, string>;

/**
 * The demo ledger in `store`, its admin API and KIS host on one back office; `fresh` uses the
 * admin API's own fresh check (no back office) instead of the kept balances.
 */
async function setUp(store: LedgerStore, check: 'kept' | 'fresh' = 'kept') {
  const { bo, ask, call } = await demoHosts(store, { adminChecks: check });
  /** The balance inquiry of an account as the bytes KIS's client receives (status, tr_cont, body). */
  const inquiry = async (id = DOMESTIC) => {
    const [cano, acnt] = id.split('-') as [string, string];
    const res = await ask(balanceQuery(cano, acnt), 'CTFO6118R');
    return `${res.status} ${res.headers.get('tr_cont')} ${await res.text()}`;
  };
  /** The market data as the admin API exports it. */
  const market = async () => {
    const { body } = await call('GET', '/export');
    return JSON.stringify({ prices: body.prices, underlyings: body.underlyings });
  };
  return { bo, inquiry, call, market };
}

/** The output1 row of a series in an inquiry's bytes. */
function rowOf(inquiry: string, code: string): Row {
  const body = JSON.parse(inquiry.slice(inquiry.indexOf('{'))) as { output1: Row[] };
  return body.output1.find((r) => r.shtn_pdno === code)!;
}

for (const backend of LEDGER_BACKENDS) {
  describe(`PUT /prices refuses what would leave an account unanswerable (${backend.name})`, () => {
    it('a price whose figures overflow their wire fields is refused as other writes are; nothing changes', async () => {
      const { inquiry, call, market } = await setUp(await backend.fresh());
      const before = { answer: await inquiry(), market: await market() };
      // 10^13 points × 4 lots × 250,000 won = a 20-digit evlu_amt; its field holds 19.
      const res = await call('PUT', '/prices', {
        prices: [{ ...FUTURE, price: '10000000000000' }],
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid input');
      const issues = res.body.issues as { path: string; message: string }[];
      assert.ok(issues.length > 0);
      for (const i of issues) assert.equal(i.path, 'prices[0]');
      const ours = issues.find((i) => i.message.includes(DOMESTIC))!;
      assert.match(ours.message, /could no longer be computed after this write/);
      assert.match(ours.message, /output1\[\d+\]\.evlu_amt \(평가금액\): 10+ is longer than 19/);
      assert.equal(await market(), before.market, 'the stored prices read back unchanged');
      assert.equal(await inquiry(), before.answer, 'the inquiry answers the same bytes');

      // The same refusal, in the same shape, as a fill that would overflow the same field.
      const fill = await call('POST', '/fills', {
        id: 'HUGE-1',
        account: DOMESTIC,
        instrument: FUTURE.instrument,
        side: 'buy',
        qty: 1,
        price: '10000000000000',
      });
      assert.equal(fill.status, res.status);
      assert.deepEqual(Object.keys(fill.body), Object.keys(res.body));
      assert.equal(fill.body.error, res.body.error);
      assert.match(JSON.stringify(fill.body.issues), /\(평가손익금액\): -\d+ is longer than 19/);
      assert.equal(await inquiry(), before.answer);
    });

    it('a price dropping a held series’ prior settlement is refused; a batch is refused whole', async () => {
      const { inquiry, call, market } = await setUp(await backend.fresh());
      const before = { answer: await inquiry(), market: await market() };
      // A price row replaces the stored one: without priorSettlement the held series has none.
      const res = await call('PUT', '/prices', {
        prices: [
          { ...FUTURE, price: '350.00' }, // fine on its own
          { instrument: '101W09', price: '351.00' },
        ],
      });
      assert.equal(res.status, 400);
      const issues = res.body.issues as { path: string; message: string }[];
      assert.deepEqual(
        issues.find((i) => i.message.includes(DOMESTIC))?.path,
        'prices[0]',
        'the account is named at the first item of the write that reaches it (as other writes do)',
      );
      assert.match(JSON.stringify(issues), /priorSettlement: missing/);
      assert.equal(await market(), before.market, 'neither price was written');
      assert.equal(await inquiry(), before.answer);
    });

    it('an underlying level whose margin overflows its wire field is refused; nothing changes', async () => {
      const { inquiry, call, market } = await setUp(await backend.fresh());
      const before = { answer: await inquiry(), market: await market() };
      const res = await call('PUT', '/prices', {
        underlyings: [{ group: 'KOSPI200', level: '10000000000000', vol: '0.18' }],
      });
      assert.equal(res.status, 400);
      const issues = res.body.issues as { path: string; message: string }[];
      const ours = issues.find((i) => i.message.includes(DOMESTIC))!;
      assert.equal(ours.path, 'underlyings[0]');
      assert.match(ours.message, /output2\.\w+ \([^)]+\): -?\d{19,} is longer than 19/);
      assert.equal(await market(), before.market);
      assert.equal(await inquiry(), before.answer);
    });

    it('a normal price is accepted and moves the balance figures', async () => {
      const { inquiry, call, market } = await setUp(await backend.fresh());
      const before = { answer: await inquiry(), market: await market() };
      const qty = BigInt(rowOf(before.answer, FUTURE.instrument).cblc_qty!);
      const res = await call('PUT', '/prices', { prices: [{ ...FUTURE, price: '350.00' }] });
      assert.deepEqual(res, { status: 200, body: { prices: 1, underlyings: 0 } });
      const after = await inquiry();
      assert.notEqual(after, before.answer);
      assert.match(after, /^200 D /);
      const row = rowOf(after, FUTURE.instrument);
      assert.equal(row.idx_clpr, '350.00000000');
      assert.equal(row.evlu_amt, ((35000n * qty * MULTIPLIER) / 100n).toString());
      assert.notEqual(await market(), before.market);
      // An underlying of the day within range is accepted too.
      const und = await call('PUT', '/prices', {
        underlyings: [{ group: 'KOSPI200', level: '350.00', vol: '0.20' }],
      });
      assert.deepEqual(und, { status: 200, body: { prices: 0, underlyings: 1 } });
      assert.match(await inquiry(), /^200 D /);
    });

    it('a price reaches the holders of its series under either code; an unheld series is accepted', async () => {
      const { inquiry, call, market } = await setUp(await backend.fresh());
      const before = { answer: await inquiry(), market: await market() };
      // The held 101W06 under its standard code, with no prior settlement: reached, refused.
      const res = await call('PUT', '/prices', {
        prices: [{ instrument: 'KR4101W60000', price: '350.00' }],
      });
      assert.equal(res.status, 400);
      assert.match(JSON.stringify(res.body.issues), new RegExp(DOMESTIC));
      assert.equal(await market(), before.market);
      assert.equal(await inquiry(), before.answer);
      // A series no account holds: nobody is reached, so it is accepted, and no answer moves.
      const held = new Set(
        JSON.parse(before.answer.slice(before.answer.indexOf('{'))).output1.map(
          (r: Row) => r.shtn_pdno,
        ),
      );
      const unheld = ['101W12', '101Y03', '105W12'].find((c) => !held.has(c))!;
      const other = await call('PUT', '/prices', {
        prices: [{ instrument: unheld, price: '1.00' }],
      });
      assert.deepEqual(
        other,
        { status: 200, body: { prices: 1, underlyings: 0 } },
        JSON.stringify(other),
      );
      assert.equal(await inquiry(), before.answer);
    });

    it('market data of another date reaches no account and is accepted', async () => {
      const { inquiry, call } = await setUp(await backend.fresh());
      const before = await inquiry();
      // Unanswerable if it were today's (no prior settlement); the balance reads today's only.
      const res = await call('PUT', '/prices', {
        prices: [{ instrument: FUTURE.instrument, price: '1.00', date: '20250319' }],
      });
      assert.deepEqual(res, { status: 200, body: { prices: 1, underlyings: 0 } });
      assert.equal(await inquiry(), before);
    });
  });
}

describe('PUT /prices: the fresh check (no back office) refuses what the kept one does', () => {
  it('same status and body for an overflowing price, a dropped prior and a good price', async () => {
    const kept = await setUp(openLedger(), 'kept');
    const fresh = await setUp(openLedger(), 'fresh');
    await kept.inquiry(); // the kept side's book exists, so its check runs on the book
    for (const prices of [
      [{ ...FUTURE, price: '10000000000000' }],
      [{ instrument: FUTURE.instrument, price: '350.00' }],
      [{ ...FUTURE, price: '350.00' }],
    ]) {
      const a = await kept.call('PUT', '/prices', { prices });
      const b = await fresh.call('PUT', '/prices', { prices });
      assert.deepEqual(a, b, JSON.stringify(prices));
      assert.equal(await kept.inquiry(), await fresh.inquiry());
    }
    assert.ok(kept.bo.stats.booksUpdated > 0, 'the kept side checked on its book');
  });

  it('an account with a kept book is checked on it; one without is checked afresh and gets none', async () => {
    const { bo, inquiry, call } = await setUp(openLedger());
    await inquiry(DOMESTIC); // a kept 01/1 book for this account only
    const before = { ...bo.stats };
    // 101W06 is held by both domestic accounts: both are checked.
    const good = await call('PUT', '/prices', { prices: [{ ...FUTURE, price: '350.00' }] });
    assert.equal(good.status, 200);
    assert.equal(bo.stats.booksBuilt, before.booksBuilt, 'no book built by either check');
    assert.equal(bo.stats.booksUpdated, before.booksUpdated + 1, 'the kept book took the price');
    const bad = await call('PUT', '/prices', {
      prices: [{ instrument: FUTURE.instrument, price: '1.00' }],
    });
    const named = (bad.body.issues as { message: string }[]).map((i) => i.message.split(' ')[1]);
    assert.deepEqual(named.sort(), ['50012345-01', DOMESTIC]);
    assert.equal(bo.stats.booksBuilt, before.booksBuilt);
  });
});

describe('PUT /prices: an overseas price of the day', () => {
  it('is accepted when the overseas accounts still answer, and their margin detail answers after it', async () => {
    const { bo, call } = await setUp(openLedger());
    const ref = { cano: '12345678', acntPrdtCd: '09' };
    const query = { crcyCd: 'TKR', inqrDt: bo.businessDate() } as const;
    assert.ok(bo.overseasMarginDetail(ref, query).output);
    const res = await call('PUT', '/prices', {
      prices: [{ instrument: 'CME:ES:202506:P:5200', price: '55.25' }],
    });
    assert.deepEqual(res, { status: 200, body: { prices: 1, underlyings: 0 } });
    assert.ok(bo.overseasMarginDetail(ref, query).output);
  });
});

for (const backend of LEDGER_BACKENDS) {
  describe(`heldInstruments: whom a price reaches, without reading the rows (${backend.name})`, () => {
    it('equals the codes of the day’s positions and fills and the open orders, and their filter', async () => {
      const store = await backend.fresh();
      importScenario(store, DEMO_SCENARIO);
      const bd = store.businessDate()!;
      store.putOrder({
        id: 'HELD-O1',
        accountId: DOMESTIC,
        businessDate: bd,
        instrument: '105W12',
        side: 'buy',
        openClose: 'open',
        qty: 1,
        status: 'open',
        price: '300.00',
      });
      const held = store.heldInstruments?.bind(store);
      assert.ok(held, `the ${backend.name} store looks held instruments up`);
      const probe = ['101W06', '105W12', '101W12', 'KR4101W60000', '111W06'];
      for (const a of store.listAccounts()) {
        const read = new Set([
          ...store.positions(a.id, bd).map((p) => p.instrument),
          ...store.fills(a.id, bd).map((f) => f.instrument),
          ...store.orders(a.id, 'open').map((o) => o.instrument),
        ]);
        assert.deepEqual(new Set(held(a.id, bd)), read, a.id);
        assert.deepEqual(
          held(a.id, bd, [...probe, ...probe]),
          probe.filter((c) => read.has(c)),
          a.id,
        );
      }
      assert.ok(held(DOMESTIC, bd, probe).includes('105W12'));
      assert.deepEqual(held(DOMESTIC, bd, []), []);
      store.close();
    });
  });
}
