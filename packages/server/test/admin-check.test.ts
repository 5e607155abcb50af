// GET /check (and `checkLedger`) names every account whose inquiry would not answer now, and why.
// Writes through the admin API are refused before they can leave such an account; data written to
// the store directly (as a ledger from before those checks was) is where it finds them. The
// accounts it names are exactly those whose KIS inquiry answers EGW00002, and it writes nothing.
// On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLedger, type LedgerStore } from '../src/index.js';
import { demoHosts } from './demo-hosts.js';
import { LEDGER_BACKENDS } from './ledger-backends.js';

async function setUp(store: LedgerStore) {
  const { answers, call } = await demoHosts(store);
  const bd = store.businessDate()!;
  // The hosts answer the real app; its accounts are the ones whose answers can be asked here.
  const real = store.listApps().find((a) => a.env === 'real')!;
  const asked = new Set(real.accounts.map((r) => `${r.cano}-${r.acntPrdtCd}`));
  /** The real app's accounts with an inquiry (any currency view) that answers EGW00002. */
  const failing = async () => {
    const lines = await answers([...asked]);
    const ids = lines.filter((l) => l.includes('"EGW00002"')).map((l) => l.split(' ')[0]!);
    return [...new Set(ids)].sort();
  };
  return { bd, call, failing, asked };
}

type Check = {
  businessDate: string;
  accounts: number;
  unanswerable: { account: string; kind: string; problem: string }[];
};

for (const backend of LEDGER_BACKENDS) {
  describe(`GET /check (${backend.name})`, () => {
    it('finds nothing in the demo ledger, and counts every account', async () => {
      const store = await backend.fresh();
      const { bd, call, failing } = await setUp(store);
      const res = await call('GET', '/check');
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, {
        businessDate: bd,
        accounts: store.listAccounts().length,
        unanswerable: [],
      });
      assert.deepEqual(await failing(), []);
    });

    it('names exactly the accounts that answer EGW00002 after direct writes, and writes nothing', async () => {
      const store = await backend.fresh();
      const { bd, call, failing, asked } = await setUp(store);
      // Past the admin API's checks: a price whose figures overflow, and an absurd USD rate.
      store.putPrice({
        date: bd,
        instrument: '101W06',
        price: '100000000000000',
        priorSettlement: '344.08',
      });
      store.putFx(bd, 'USD', '99999999999999999');
      const exported = JSON.stringify((await call('GET', '/export')).body);

      const res = await call('GET', '/check');
      assert.equal(res.status, 200);
      const check = res.body as Check;
      const named = check.unanswerable.map((u) => u.account).sort();
      assert.ok(named.length >= 2, JSON.stringify(check));
      assert.deepEqual(
        named.filter((id) => asked.has(id)),
        await failing(),
      );
      for (const u of check.unanswerable) {
        assert.equal(u.kind, store.getAccount(u.account)!.kind);
        assert.match(u.problem, /is longer than \d+/);
      }
      assert.deepEqual(checkLedger(store), check, 'the library call finds the same');
      assert.equal(JSON.stringify((await call('GET', '/export')).body), exported);
    });
  });
}
