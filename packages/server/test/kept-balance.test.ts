// The back office keeps each domestic balance in a DomesticBalanceBook and brings it up to date
// with the ledger's own writes (fills, prices, deposits) instead of computing it afresh. These
// tests drive the real app over a real SQLite ledger with random sequences of every kind of
// write (admin API and ledger calls) and check that every balance page and the deposit inquiry
// are, byte for byte, what a back office without kept books answers; that the book path is the
// one taken for fills, prices and deposits; and that any other write builds the book again.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { domesticInquireDeposit } from '@kisfo/protocol';
import { computeDomesticBalance } from '@kisfo/risk';
import {
  createAdminApp,
  createBackOffice,
  createKisApp,
  domesticBalanceInput,
  generateScenario,
  importScenario,
  type LedgerBackOffice,
  type LedgerStore,
  openLedger,
  TokenRegistry,
} from '../src/index.js';
import { balanceQuery, issueToken, kisHeaders, T0 } from './http-harness.js';
import { ledgerTempDir } from './ledger-helpers.js';

const QUERIES = [
  { MGNA_DVSN: '01', EXCC_STAT_CD: '1' },
  { MGNA_DVSN: '02', EXCC_STAT_CD: '1' },
  { MGNA_DVSN: '01', EXCC_STAT_CD: '2' },
  { MGNA_DVSN: '02', EXCC_STAT_CD: '2' },
] as const;

/** A small seeded generator, so a failing sequence can be replayed from its seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/**
 * Two ledgers of the same generated scenario: one served by a back office with kept books (its
 * admin API checks writes through them), one by a back office without (and a plain admin API).
 * Every write goes to both; `store` is the kept one.
 */
async function setUp(store: LedgerStore, seed: number, positions = 60) {
  const scenario = generateScenario({ positions, accounts: 2, seed });
  importScenario(store, scenario);
  const freshStore = openLedger();
  importScenario(freshStore, scenario);
  const ids = scenario.accounts.filter((a) => a.kind === 'domestic').map((a) => a.id);
  const tokens = new TokenRegistry({ clock: () => T0 });
  const appOf = (backOffice: LedgerBackOffice) =>
    createKisApp({
      env: 'real',
      backOffice,
      tokens,
      clock: () => T0,
      logger: () => {},
      rateLimits: { real: 1e9 }, // the clock stands still: no window ever ends
    });
  const keptBo = createBackOffice(store);
  const freshBo = createBackOffice(freshStore, { keptBalances: 0 });
  const kept = appOf(keptBo);
  const fresh = appOf(freshBo);
  const app0 = store.listApps()[0]!;
  const token = await issueToken((p, i) => Promise.resolve(kept.request(p, i)), app0);
  const admins = [createAdminApp(store, keptBo), createAdminApp(freshStore)];
  /** An admin API call on both ledgers: both must answer the same; returns the status. */
  const send = async (method: string, path: string, body: unknown) => {
    const answers: string[] = [];
    for (const admin of admins) {
      const res = await admin.request(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      answers.push(`${res.status} ${await res.text()}`);
    }
    assert.equal(answers[0], answers[1], `${method} ${path}`);
    return Number(answers[0]!.slice(0, 3));
  };
  /** A ledger call on both ledgers. */
  const both = (write: (s: LedgerStore) => void) => {
    write(store);
    write(freshStore);
  };
  type App = typeof kept;
  /** Every page of one balance query, as the raw bytes of each answer. */
  const pages = async (app: App, id: string, q: (typeof QUERIES)[number]) => {
    const [cano, acnt] = id.split('-') as [string, string];
    const out: string[] = [];
    let keys = { fk: '', nk: '' };
    for (let i = 0; i < 50; i++) {
      const res = await app.request(
        balanceQuery(cano, acnt, { ...q, CTX_AREA_FK200: keys.fk, CTX_AREA_NK200: keys.nk }),
        { headers: kisHeaders(app0, token, 'CTFO6118R', i === 0 ? {} : { tr_cont: 'N' }) },
      );
      const text = await res.text();
      out.push(`${res.status} ${res.headers.get('tr_cont')} ${text}`);
      if (res.headers.get('tr_cont') !== 'M') break;
      const body = JSON.parse(text) as { ctx_area_fk200: string; ctx_area_nk200: string };
      keys = { fk: body.ctx_area_fk200, nk: body.ctx_area_nk200 };
    }
    return out;
  };
  const deposit = async (app: App, id: string) => {
    const [cano, acnt] = id.split('-') as [string, string];
    const res = await app.request(
      `${domesticInquireDeposit.path}?${new URLSearchParams({ CANO: cano, ACNT_PRDT_CD: acnt })}`,
      { headers: kisHeaders(app0, token, 'CTRP6550R') },
    );
    return `${res.status} ${await res.text()}`;
  };
  /** Both apps answer `q` (and the deposit inquiry) of `id` with the same bytes; returns them. */
  const same = async (id: string, q: (typeof QUERIES)[number], what: string) => {
    const a = await pages(kept, id, q);
    assert.deepEqual(
      a,
      await pages(fresh, id, q),
      `${what}: balance ${q.MGNA_DVSN}/${q.EXCC_STAT_CD}`,
    );
    const d = await deposit(kept, id);
    assert.equal(d, await deposit(fresh, id), `${what}: deposit`);
    return { pages: a, deposit: d };
  };
  return { scenario, ids, keptBo, freshBo, freshStore, send, both, same };
}

/** Start-of-day quantity plus today's opens minus closes, per instrument|side, of an account. */
function held(store: LedgerStore, id: string): Map<string, number> {
  const bd = store.businessDate()!;
  const m = new Map<string, number>();
  for (const p of store.positions(id, bd)) m.set(`${p.instrument}|${p.side}`, p.qty);
  for (const f of store.fills(id, bd)) {
    const side = (f.side === 'buy') === (f.openClose === 'open') ? 'long' : 'short';
    const k = `${f.instrument}|${side}`;
    m.set(k, (m.get(k) ?? 0) + (f.openClose === 'open' ? f.qty : -f.qty));
  }
  return m;
}

describe('kept domestic balances', () => {
  for (const seed of [3, 17, 29, 41]) {
    it(`random writes of every kind (seed ${seed}): every page and the deposit inquiry answer as afresh`, async () => {
      const store = openLedger();
      const rnd = prng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const { ids, keptBo, send, both, same } = await setUp(store, seed);
      const [id, other] = ids as [string, string];
      let n = 0;
      const counts = new Map<string, number>();
      const writes: [string, number, () => Promise<number> | number | undefined][] = [
        [
          'fill opening',
          6,
          () => {
            const bd = store.businessDate()!;
            const p = pick(store.prices(bd));
            const side = pick(['buy', 'sell'] as const);
            return send('POST', '/fills', {
              id: `F${seed}-${n}`,
              account: pick([id, id, id, other]),
              instrument: p.instrument,
              side,
              openClose: 'open',
              qty: 1 + Math.floor(rnd() * 3),
              price: p.price,
            });
          },
        ],
        [
          'fill closing',
          5,
          () => {
            const open = [...held(store, id)].filter(([, q]) => q > 0);
            if (open.length === 0) return undefined;
            const [key, q] = pick(open);
            const [instrument, side] = key.split('|') as [string, 'long' | 'short'];
            const price = store
              .prices(store.businessDate()!)
              .find((x) => x.instrument === instrument);
            return send('POST', '/fills', {
              id: `F${seed}-${n}`,
              account: id,
              instrument,
              side: side === 'long' ? 'sell' : 'buy',
              openClose: 'close',
              // Now and then the whole quantity, closing the series' side.
              qty: rnd() < 0.3 ? q : 1 + Math.floor(rnd() * Math.min(q, 3)),
              price: price?.price ?? '1.00',
            });
          },
        ],
        [
          'price',
          6,
          () => {
            const p = pick(store.prices(store.businessDate()!));
            const moved = Math.max(0.01, Number(p.price) * (1 + (rnd() - 0.5) / 25)).toFixed(2);
            const body: Record<string, unknown> = { instrument: p.instrument, price: moved };
            if (p.priorSettlement !== undefined) body.priorSettlement = p.priorSettlement;
            if (rnd() < 0.3) body.vol = (0.1 + rnd() * 0.3).toFixed(4);
            return send('PUT', '/prices', { prices: [body] });
          },
        ],
        [
          'deposit',
          2,
          () =>
            send('PUT', '/deposits', {
              account: pick([id, other]),
              currency: 'KRW',
              cash: String(1_000_000_000 + Math.floor(rnd() * 1e9)),
              ...(rnd() < 0.5 ? { substitutes: String(Math.floor(rnd() * 1e8)) } : {}),
            }),
        ],
        [
          'positions replaced',
          1,
          () => {
            const bd = store.businessDate()!;
            const rows = store.positions(id, bd);
            const kept = rows.filter((p) => {
              // Keep every series a fill of today still needs.
              return rnd() < 0.9 || store.fills(id, bd).some((f) => f.instrument === p.instrument);
            });
            both((s) => s.replacePositions(id, bd, kept));
            return undefined;
          },
        ],
        [
          'instrument name',
          1,
          () => {
            const p = pick(store.positions(id, store.businessDate()!));
            both((s) => s.putInstrument({ instrument: p.instrument, name: `NAME ${n}` }));
            return undefined;
          },
        ],
        [
          'working order',
          1,
          () => {
            const p = pick(store.prices(store.businessDate()!));
            return send('POST', '/orders', {
              id: `O${seed}-${n}`,
              account: id,
              instrument: p.instrument,
              side: pick(['buy', 'sell'] as const),
              openClose: 'open',
              qty: 1,
              price: p.price,
            });
          },
        ],
        [
          'underlying',
          1,
          () => {
            const u = pick(store.underlyings(store.businessDate()!));
            const level = (Number(u.level) * (1 + (rnd() - 0.5) / 50)).toFixed(2);
            return send('PUT', '/prices', {
              underlyings: [{ group: u.group, level, vol: u.vol }],
            });
          },
        ],
        ['business date moves', 0.4, () => send('POST', '/business-day/advance', {})],
      ];
      const total = writes.reduce((s, w) => s + w[1], 0);
      for (; n < 70; n++) {
        // A kind of write by its weight.
        let r = rnd() * total;
        let w = writes[0]!;
        for (const x of writes) {
          w = x;
          r -= x[1];
          if (r < 0) break;
        }
        const status = await w[2]();
        if (status === undefined || status < 300) counts.set(w[0], (counts.get(w[0]) ?? 0) + 1);
        // Every query now and then; one at random after every write.
        const qs = n % 10 === 9 ? QUERIES : [pick(QUERIES)];
        for (const q of qs) {
          const got = await same(id, q, `seed ${seed}, write ${n} (${w[0]})`);
          assert.match(got.pages[0]!, /"rt_cd":"0"/, `seed ${seed}, write ${n} (${w[0]})`);
        }
      }
      // The sequence did exercise the book: fills, prices and deposits applied, and rebuilt.
      for (const k of ['fill opening', 'fill closing', 'price']) assert.ok(counts.get(k)! > 0, k);
      assert.ok(keptBo.stats.booksUpdated > 10, JSON.stringify([keptBo.stats, [...counts]]));
      assert.ok(keptBo.stats.booksBuilt > 1, JSON.stringify(keptBo.stats));
      store.close();
    });
  }

  it('a fill and a price are applied to the kept book: no book is built, and the answer is a fresh compute', async () => {
    const store = openLedger();
    const { ids, keptBo, send, same } = await setUp(store, 5);
    const id = ids[0]!;
    const q = QUERIES[0];
    const first = await same(id, q, 'first');
    assert.equal(keptBo.stats.booksBuilt, 2); // 01/1, and 02/1 for the deposit inquiry
    const bd = store.businessDate()!;
    const p = store.positions(id, bd)[3]!;
    const price = store.prices(bd).find((x) => x.instrument === p.instrument)!;
    const status = await send('POST', '/fills', {
      id: 'KEPT-1',
      account: id,
      instrument: p.instrument,
      side: p.side === 'long' ? 'buy' : 'sell',
      openClose: 'open',
      qty: 2,
      price: price.price,
    });
    assert.equal(status, 201);
    // The admin API's check applied the fill to the kept 01/1 book (nothing computed afresh).
    assert.deepEqual(
      { built: keptBo.stats.booksBuilt, updated: keptBo.stats.booksUpdated },
      { built: 2, updated: 1 },
    );
    const afterFill = await same(id, q, 'after a fill');
    assert.notDeepEqual(afterFill.pages, first.pages);
    assert.deepEqual(
      { built: keptBo.stats.booksBuilt, updated: keptBo.stats.booksUpdated },
      { built: 2, updated: 2 }, // the fill applied to both books
    );
    assert.equal(keptBo.stats.changesApplied, 2);
    assert.equal(
      await send('PUT', '/prices', { prices: [{ ...price, date: undefined, price: '1.23' }] }),
      200,
    );
    await same(id, q, 'after a price');
    assert.deepEqual(
      { built: keptBo.stats.booksBuilt, updated: keptBo.stats.booksUpdated },
      { built: 2, updated: 4 },
    );
    // The kept answer is the engine's answer for the ledger's state, figure for figure.
    const account = store.getAccount(id)!;
    const [cano, acntPrdtCd] = id.split('-') as [string, string];
    const expected = computeDomesticBalance(
      domesticBalanceInput(store, account, { mgnaDvsn: '01', exccStatCd: '1' }),
    );
    const got = keptBo.domesticBalance({ cano, acntPrdtCd }, { mgnaDvsn: '01', exccStatCd: '1' });
    assert.deepEqual(JSON.stringify(got.output2), JSON.stringify(expected.output2));
    assert.deepEqual(
      got.output1.map((r) => JSON.stringify({ ...r, prdt_name: undefined })),
      expected.output1.map((r) => JSON.stringify({ ...r, prdt_name: undefined })),
    );
    store.close();
  });

  it('a write the book cannot apply builds it again: positions, orders, underlyings, the business date; names and other dates leave it', async () => {
    const store = openLedger();
    const { ids, keptBo, send, both, same } = await setUp(store, 9);
    const id = ids[0]!;
    const q = QUERIES[1];
    await same(id, q, 'first');
    const bd = store.businessDate()!;
    const rebuilt: [string, () => unknown][] = [
      [
        'positions replaced',
        () => {
          const rows = store.positions(id, bd).slice(1);
          both((s) => s.replacePositions(id, bd, rows));
        },
      ],
      [
        'a working order',
        () => {
          const p = store.prices(bd)[0]!;
          return send('POST', '/orders', {
            id: 'KEPT-O1',
            account: id,
            instrument: p.instrument,
            side: 'buy',
            openClose: 'open',
            qty: 1,
            price: p.price,
          });
        },
      ],
      [
        'an underlying',
        () => {
          const u = store.underlyings(bd)[0]!;
          both((s) => s.putUnderlying({ ...u, level: (Number(u.level) + 1).toFixed(2) }));
        },
      ],
      ['the business date', () => send('POST', '/business-day/advance', {})],
    ];
    for (const [what, write] of rebuilt) {
      const before = { ...keptBo.stats };
      await write();
      await same(id, q, what);
      assert.equal(keptBo.stats.booksBuilt, before.booksBuilt + 2, what); // q's book and 01/1's
      assert.equal(keptBo.stats.booksUpdated, before.booksUpdated, what);
    }
    // A deposit is applied (the summary's cash only).
    const before = { ...keptBo.stats };
    await send('PUT', '/deposits', { account: id, currency: 'KRW', cash: '123456789' });
    await same(id, q, 'a deposit');
    assert.equal(keptBo.stats.booksBuilt, before.booksBuilt);
    assert.equal(keptBo.stats.booksUpdated, before.booksUpdated + 2);
    // A new instrument name is applied to the rows, the book left as it is.
    const named = store.positions(id, store.businessDate()!)[0]!.instrument;
    const beforeName = { ...keptBo.stats };
    both((s) => s.putInstrument({ instrument: named, name: 'RENAMED SERIES' }));
    const renamed = await same(id, q, 'a new instrument name');
    assert.ok(renamed.pages.some((p) => p.includes('"prdt_name":"RENAMED SERIES"')));
    assert.equal(keptBo.stats.booksBuilt, beforeName.booksBuilt);
    // Prices of another date leave the book as it is too (the account's version moves)...
    const instrument = store.prices(store.businessDate()!)[0]!.instrument;
    const beforeOne = { ...keptBo.stats };
    both((s) => s.putPrice({ date: '20000103', instrument, price: '1.00' }));
    await same(id, q, 'a price of another date');
    assert.equal(keptBo.stats.booksBuilt, beforeOne.booksBuilt);
    // ...but more transactions than the store's journal keeps build it again.
    for (let i = 0; i < 600; i++)
      both((s) => s.putPrice({ date: '20000103', instrument, price: String(i + 1) }));
    const beforeMany = { ...keptBo.stats };
    await same(id, q, 'after 600 transactions');
    assert.equal(keptBo.stats.booksBuilt, beforeMany.booksBuilt + 2);
    store.close();
  });

  it('a batch the admin API refuses rolls back, and the book it was checked on is built again', async () => {
    const store = openLedger();
    const { ids, keptBo, send, same } = await setUp(store, 7);
    const [id, other] = ids as [string, string];
    const q = QUERIES[0];
    const first = await same(id, q, 'first');
    const bd = store.businessDate()!;
    const p = store.positions(id, bd)[0]!;
    const price = store.prices(bd).find((x) => x.instrument === p.instrument)!.price;
    const held = store.positions(other, bd)[0]!;
    const fills = store.fills(id, bd).length;
    const status = await send('POST', '/fills', {
      fills: [
        // Fine for the first account: applied to its kept book by the check...
        {
          id: 'BATCH-1',
          account: id,
          instrument: p.instrument,
          side: p.side === 'long' ? 'buy' : 'sell',
          qty: 1,
          price,
        },
        // ...but the second account cannot close more than it holds: all of it rolls back.
        {
          id: 'BATCH-2',
          account: other,
          instrument: held.instrument,
          side: held.side === 'long' ? 'sell' : 'buy',
          openClose: 'close',
          qty: held.qty + 1,
          price: '1.00',
        },
      ],
    });
    assert.equal(status, 400);
    assert.equal(store.fills(id, bd).length, fills);
    const again = await same(id, q, 'after the refused batch');
    assert.deepEqual(again.pages, first.pages); // the account's version did not move
    // At the next change the book the check moved ahead is found ahead, and built again.
    const built = keptBo.stats.booksBuilt;
    const updated = keptBo.stats.booksUpdated;
    // (Two prices: as many writes as the rolled-back batch had, so only their identity tells.)
    const quotes = store.prices(bd).slice(0, 2);
    const moved = quotes.map((x) => ({ ...x, date: undefined, price: '2.50' }));
    assert.equal(await send('PUT', '/prices', { prices: moved }), 200);
    await same(id, q, 'after a price');
    assert.equal(keptBo.stats.booksBuilt, built + 1); // 01/1
    assert.equal(keptBo.stats.booksUpdated, updated + 1); // 02/1, of the deposit inquiry
    store.close();
  });

  it('a fill the book refuses answers what a fresh compute answers, and the book is built again', async () => {
    const store = openLedger();
    const { ids, keptBo, both, same } = await setUp(store, 13);
    const id = ids[0]!;
    const q = QUERIES[0];
    await same(id, q, 'first');
    const bd = store.businessDate()!;
    const p = store.positions(id, bd)[0]!;
    // Past the admin API's check: closing more than is held makes the account unanswerable.
    const bad0 = {
      id: 'KEPT-BAD',
      accountId: id,
      businessDate: bd,
      instrument: p.instrument,
      side: p.side === 'long' ? ('sell' as const) : ('buy' as const),
      openClose: 'close' as const,
      qty: p.qty + 5,
      price: '1.00',
    };
    both((s) => s.addFill(bad0));
    const bad = await same(id, q, 'after a refused fill');
    assert.match(bad.pages[0]!, /"rt_cd":"1"/);
    const built = keptBo.stats.booksBuilt;
    // Fixed by replacing the day's positions: answered again, from a book built afresh.
    const fixed = [...store.positions(id, bd).slice(1), { ...p, qty: p.qty + 5 }];
    both((s) => s.replacePositions(id, bd, fixed));
    const good = await same(id, q, 'after the fix');
    assert.match(good.pages[0]!, /"rt_cd":"0"/);
    assert.ok(keptBo.stats.booksBuilt > built);
    store.close();
  });

  it('a write from another connection to the same ledger file builds the book again', async () => {
    const { dir, cleanup } = ledgerTempDir();
    after(cleanup);
    const path = join(dir, 'ledger.db');
    const store = openLedger({ path });
    const { ids, keptBo, freshStore, same } = await setUp(store, 21);
    const id = ids[0]!;
    const q = QUERIES[0];
    const first = await same(id, q, 'first');
    const built = keptBo.stats.booksBuilt;
    const other = openLedger({ path });
    const bd = other.businessDate()!;
    const p = other.positions(id, bd)[0]!;
    const fill = {
      id: 'OTHER-1',
      accountId: id,
      businessDate: bd,
      instrument: p.instrument,
      side: p.side === 'long' ? ('buy' as const) : ('sell' as const),
      openClose: 'open' as const,
      qty: 1,
      price: other.prices(bd).find((x) => x.instrument === p.instrument)!.price,
    };
    other.addFill(fill);
    other.close();
    freshStore.addFill(fill);
    const next = await same(id, q, 'after the other connection');
    assert.notDeepEqual(next.pages, first.pages);
    assert.equal(keptBo.stats.booksBuilt, built + 2);
    store.close();
  });
});
