// The store contract, held by both backends: the same writes give the same reads, versions and
// answers on SQLite and on a real PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  advanceBusinessDay,
  createBackOffice,
  DEMO_REAL_APPKEY,
  DEMO_SCENARIO,
  exportScenario,
  generateScenario,
  importScenario,
  LEDGER_MIGRATIONS,
  LedgerConflictError,
  type LedgerStore,
  POSTGRES_LEDGER_MIGRATIONS,
} from '../src/index.js';
import { LEDGER_BACKENDS } from './ledger-backends.js';

const DOM = { cano: '80012345', acntPrdtCd: '03' };
const OVS = { cano: '12345678', acntPrdtCd: '08' };
const fill = {
  id: 'F-1',
  accountId: '80012345-03',
  businessDate: '20250320',
  instrument: '101W06',
  side: 'buy' as const,
  openClose: 'open' as const,
  qty: 1,
  price: '345.10',
};

async function demo(fresh: () => Promise<LedgerStore>): Promise<LedgerStore> {
  const s = await fresh();
  importScenario(s, DEMO_SCENARIO);
  return s;
}

test('both backends have one migration per number', () => {
  assert.deepEqual(
    POSTGRES_LEDGER_MIGRATIONS.map((m) => [m.id, m.name]),
    LEDGER_MIGRATIONS.map((m) => [m.id, m.name]),
  );
});

for (const backend of LEDGER_BACKENDS) {
  describe(`ledger store on ${backend.name}`, () => {
    test('migrated to the last migration; demo import reads back', async () => {
      const s = await demo(backend.fresh);
      assert.equal(s.backend, backend.name);
      assert.equal(s.schemaVersion(), LEDGER_MIGRATIONS.at(-1)!.id);
      assert.equal(s.businessDate(), '20250320');
      assert.deepEqual(
        s.listAccounts().map((a) => a.id),
        DEMO_SCENARIO.accounts.map((a) => a.id).sort(),
      );
      assert.equal(s.findApp(DEMO_REAL_APPKEY)?.env, 'real');
      assert.equal(s.findApp('nope'), undefined);
      s.close();
    });

    test('money must be a decimal string; nothing is written otherwise', async () => {
      const s = await demo(backend.fresh);
      const before = s.deposits('80012345-03');
      assert.throws(
        () =>
          s.putDeposit({
            accountId: '80012345-03',
            currency: 'KRW',
            cash: '1e5',
            substitutes: '0',
          }),
        LedgerConflictError,
      );
      assert.deepEqual(s.deposits('80012345-03'), before);
      s.close();
    });

    test('fills are idempotent by id; other content under the same id is refused', async () => {
      const s = await demo(backend.fresh);
      assert.equal(s.addFill(fill), 'inserted');
      const v = s.accountVersion('80012345-03');
      assert.equal(s.addFill({ ...fill, price: '345.100' }), 'duplicate');
      assert.equal(s.accountVersion('80012345-03'), v, 'a duplicate changes nothing');
      assert.throws(() => s.addFill({ ...fill, qty: 2 }), /F-1: fill id already recorded/);
      assert.equal(s.fills('80012345-03', '20250320').filter((f) => f.id === 'F-1').length, 1);
      s.close();
    });

    test('versions: a write bumps its account, market data bumps all, a transaction once', async () => {
      const s = await demo(backend.fresh);
      const d0 = s.accountVersion('80012345-03');
      const o0 = s.accountVersion('12345678-08');
      s.addFill(fill);
      assert.equal(s.accountVersion('80012345-03'), d0 + 1n);
      assert.equal(s.accountVersion('12345678-08'), o0);
      s.putPrice({ date: '20250320', instrument: '101W06', price: '346.00' });
      assert.equal(s.accountVersion('80012345-03'), d0 + 2n);
      assert.equal(s.accountVersion('12345678-08'), o0 + 1n);
      s.transaction(() => {
        s.addFill({ ...fill, id: 'F-2' });
        s.addFill({ ...fill, id: 'F-3' });
        s.putDeposit({ accountId: '80012345-03', currency: 'USD', cash: '1', substitutes: '0' });
      });
      assert.equal(s.accountVersion('80012345-03'), d0 + 3n);
      s.close();
    });

    test('a failed transaction writes nothing and bumps nothing', async () => {
      const s = await demo(backend.fresh);
      const v = s.accountVersion('80012345-03');
      assert.throws(() =>
        s.transaction(() => {
          s.addFill({ ...fill, id: 'F-9' });
          s.putDeposit({ accountId: '80012345-03', currency: 'KRW', cash: '5', substitutes: '0' });
          throw new Error('boom');
        }),
      );
      assert.equal(s.accountVersion('80012345-03'), v);
      assert.equal(
        s.fills('80012345-03').some((f) => f.id === 'F-9'),
        false,
      );
      assert.notEqual(s.deposits('80012345-03').find((d) => d.currency === 'KRW')?.cash, '5');
      s.close();
    });

    test('foreign keys refuse a fill for an unknown account', async () => {
      const s = await demo(backend.fresh);
      assert.throws(() => s.addFill({ ...fill, id: 'X', accountId: '99999999-01' }), /FOREIGN KEY/);
      // The store stays usable after the refused write.
      assert.equal(s.addFill({ ...fill, id: 'F-after' }), 'inserted');
      s.close();
    });

    test('positions written in one transaction keep their order; the same key twice updates', async () => {
      const s = await demo(backend.fresh);
      const at = { accountId: '80012345-03', businessDate: '20250321', side: 'long' as const };
      s.transaction(() => {
        s.putPosition({ ...at, instrument: '101W06', qty: 1, avgPrice: '340' });
        s.putPosition({ ...at, instrument: '101W09', qty: 2, avgPrice: '341' });
        s.putPosition({ ...at, instrument: '101W06', qty: 5, avgPrice: '342.5' });
        assert.equal(s.positions(at.accountId, at.businessDate).length, 2, 'visible inside');
        s.putPosition({
          ...at,
          instrument: '101W12',
          qty: 3,
          avgPrice: '343',
          priorSettlement: '1',
        });
      });
      assert.deepEqual(
        s.positions(at.accountId, at.businessDate).map((p) => [p.instrument, p.qty, p.avgPrice]),
        [
          ['101W06', 5, '342.5'],
          ['101W09', 2, '341'],
          ['101W12', 3, '343'],
        ],
      );
      s.close();
    });

    test('clear keeps version numbers counting', async () => {
      const s = await demo(backend.fresh);
      const v = s.accountVersion('80012345-03');
      importScenario(s, DEMO_SCENARIO);
      assert.ok(s.accountVersion('80012345-03') > v);
      s.close();
    });
  });
}

test('both backends give the same export, versions, answers and end of day', async () => {
  const [sqlite, postgres] = await Promise.all(LEDGER_BACKENDS.map((b) => b.fresh()));
  const scenario = generateScenario({ positions: 2000, seed: 7 });
  for (const s of [sqlite!, postgres!]) {
    importScenario(s, DEMO_SCENARIO);
    importScenario(s, scenario);
  }
  assert.deepEqual(exportScenario(postgres!), exportScenario(sqlite!));
  const ids = sqlite!.listAccounts().map((a) => a.id);
  assert.deepEqual(
    ids.map((id) => postgres!.accountVersion(id)),
    ids.map((id) => sqlite!.accountVersion(id)),
  );
  const [boS, boP] = [createBackOffice(sqlite!), createBackOffice(postgres!)];
  for (const id of ids) {
    const [cano, acntPrdtCd] = id.split('-') as [string, string];
    const q = { mgnaDvsn: '01', exccStatCd: '2' } as const;
    assert.deepEqual(
      JSON.stringify(boP.domesticBalance({ cano, acntPrdtCd }, q)),
      JSON.stringify(boS.domesticBalance({ cano, acntPrdtCd }, q)),
    );
  }
  assert.deepEqual(advanceBusinessDay(postgres!), advanceBusinessDay(sqlite!));
  assert.deepEqual(exportScenario(postgres!), exportScenario(sqlite!));
  sqlite!.close();
  postgres!.close();
});

test('both backends answer the demo overseas margin detail alike', async () => {
  const [sqlite, postgres] = await Promise.all(LEDGER_BACKENDS.map((b) => demo(b.fresh)));
  const q = { crcyCd: 'TUS', inqrDt: '20250320' } as const;
  assert.equal(
    JSON.stringify(createBackOffice(postgres!).overseasMarginDetail(OVS, q)),
    JSON.stringify(createBackOffice(sqlite!).overseasMarginDetail(OVS, q)),
  );
  assert.equal(
    JSON.stringify(
      createBackOffice(postgres!).domesticBalance(DOM, { mgnaDvsn: '02', exccStatCd: '1' }),
    ),
    JSON.stringify(
      createBackOffice(sqlite!).domesticBalance(DOM, { mgnaDvsn: '02', exccStatCd: '1' }),
    ),
  );
  sqlite!.close();
  postgres!.close();
});
