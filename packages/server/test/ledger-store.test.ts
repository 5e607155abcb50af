import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  DEMO_SCENARIO,
  importScenario,
  LEDGER_MIGRATIONS,
  LedgerConflictError,
  openLedger,
  type SqliteLedgerStore,
} from '../src/index.js';
import { ledgerTempDir } from './ledger-helpers.js';

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

test('migrations run once; files use WAL; foreign keys are on', () => {
  const { dir, cleanup } = ledgerTempDir();
  try {
    const path = join(dir, 'l.db');
    const s1 = openLedger({ path }) as SqliteLedgerStore;
    assert.equal(s1.schemaVersion(), LEDGER_MIGRATIONS.at(-1)!.id);
    assert.equal(s1.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(s1.db.pragma('foreign_keys', { simple: true }), 1);
    importScenario(s1, DEMO_SCENARIO);
    s1.close();
    const s2 = openLedger({ path });
    // Reopening applies nothing again (this counted exactly one migration before the second).
    assert.equal(s2.schemaVersion(), LEDGER_MIGRATIONS.at(-1)!.id);
    // The demo's four accounts (domestic, overseas, one-side-policy overseas, paper).
    assert.equal(s2.listAccounts().length, 4);
    const n = (s2 as SqliteLedgerStore).db
      .prepare('SELECT COUNT(*) AS n FROM schema_migrations')
      .get() as { n: number };
    assert.equal(n.n, LEDGER_MIGRATIONS.length);
    s2.close();
  } finally {
    cleanup();
  }
});

test('money is stored as TEXT, never REAL', () => {
  const s = openLedger() as SqliteLedgerStore;
  importScenario(s, DEMO_SCENARIO);
  const types = s.db
    .prepare(
      'SELECT DISTINCT typeof(cash) AS t FROM deposits UNION SELECT DISTINCT typeof(price) FROM fills',
    )
    .all() as { t: string }[];
  assert.deepEqual(
    types.map((r) => r.t),
    ['text'],
  );
  assert.throws(
    () =>
      s.putDeposit({ accountId: '80012345-03', currency: 'KRW', cash: '1e5', substitutes: '0' }),
    LedgerConflictError,
  );
});

test('fills are idempotent by id; other content under the same id is refused', () => {
  const s = openLedger();
  importScenario(s, DEMO_SCENARIO);
  assert.equal(s.addFill(fill), 'inserted');
  const v = s.accountVersion('80012345-03');
  assert.equal(s.addFill({ ...fill, price: '345.100' }), 'duplicate');
  assert.equal(s.accountVersion('80012345-03'), v, 'a duplicate changes nothing');
  assert.throws(() => s.addFill({ ...fill, qty: 2 }), /F-1: fill id already recorded/);
  assert.equal(s.fills('80012345-03', '20250320').filter((f) => f.id === 'F-1').length, 1);
});

test('versions: a write bumps its account, market data bumps all, a transaction bumps once', () => {
  const s = openLedger();
  importScenario(s, DEMO_SCENARIO);
  const d0 = s.accountVersion('80012345-03');
  const o0 = s.accountVersion('12345678-08');
  s.addFill(fill);
  assert.equal(s.accountVersion('80012345-03'), d0 + 1n);
  assert.equal(s.accountVersion('12345678-08'), o0);
  s.putPrice({
    date: '20250320',
    instrument: '101W06',
    price: '346.00',
    priorSettlement: '344.10',
  });
  assert.equal(s.accountVersion('80012345-03'), d0 + 2n);
  assert.equal(s.accountVersion('12345678-08'), o0 + 1n);
  s.transaction(() => {
    s.addFill({ ...fill, id: 'F-2' });
    s.addFill({ ...fill, id: 'F-3' });
  });
  assert.equal(s.accountVersion('80012345-03'), d0 + 3n);
});

test('a failed transaction writes nothing and bumps nothing', () => {
  const s = openLedger();
  importScenario(s, DEMO_SCENARIO);
  const v = s.accountVersion('80012345-03');
  assert.throws(() =>
    s.transaction(() => {
      s.addFill({ ...fill, id: 'F-9' });
      throw new Error('boom');
    }),
  );
  assert.equal(s.accountVersion('80012345-03'), v);
  assert.equal(
    s.fills('80012345-03').some((f) => f.id === 'F-9'),
    false,
  );
});

test('foreign keys refuse a fill for an unknown account', () => {
  const s = openLedger();
  importScenario(s, DEMO_SCENARIO);
  assert.throws(() => s.addFill({ ...fill, id: 'X', accountId: '99999999-01' }), /FOREIGN KEY/);
});
