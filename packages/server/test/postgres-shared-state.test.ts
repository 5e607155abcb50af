// The state instances share through PostgreSQL, rule by rule on a movable clock: two registries
// and two limiters on two connections (two "instances") agree on tokens and on one bucket per
// app key; a limiter whose connection is cut falls back to its own bucket, then reconnects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import {
  type AppRecord,
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  openPostgresLedger,
  PgBridge,
  PostgresCallLimiter,
  PostgresTokenState,
  sharedTokenSecret,
  TOKEN_REUSE_MS,
  TokenRegistry,
} from '../src/index.js';
import { LEDGER_BACKENDS } from './ledger-backends.js';

const app: AppRecord = {
  appKey: DEMO_REAL_APPKEY,
  appSecret: DEMO_REAL_APPSECRET,
  env: 'real',
  custtype: 'P',
  accounts: [],
};
const T0 = Date.UTC(2025, 2, 20, 0, 0, 0);

/** A migrated database and `n` connections to it. */
async function instances(n: number): Promise<{ url: string; bridges: PgBridge[] }> {
  const url = await LEDGER_BACKENDS[1]!.freshDb();
  openPostgresLedger(url).close(); // migrates
  return { url, bridges: Array.from({ length: n }, () => new PgBridge(url)) };
}

test('tokens: issued on one, the same from the other within 6 h, one issuance a minute, revoked on both', async () => {
  const { bridges } = await instances(2);
  const clock = { now: T0 };
  const [r1, r2] = bridges.map(
    (db) =>
      new TokenRegistry({
        clock: () => clock.now,
        secret: sharedTokenSecret(db),
        state: new PostgresTokenState(db),
      }),
  ) as [TokenRegistry, TokenRegistry];
  const a = r1.issue(app);
  assert.ok(a.ok && !a.token.reused);
  assert.equal(r2.verify(a.token.accessToken).ok, true, 'valid on the other instance');
  clock.now += TOKEN_REUSE_MS - 1000;
  const b = r2.issue(app);
  assert.ok(b.ok && b.token.reused);
  assert.equal(b.token.accessToken, a.token.accessToken);
  clock.now += 1000;
  const c = r2.issue(app);
  assert.ok(c.ok && !c.token.reused, 'a new token after 6 h');
  assert.notEqual(c.token.accessToken, a.token.accessToken);
  r1.revoke(c.token.accessToken);
  assert.deepEqual(r2.verify(c.token.accessToken), { ok: false, msgCd: 'EGW00121' });
  clock.now += 30_000;
  assert.deepEqual(r1.issue(app), { ok: false, msgCd: 'EGW00133' }, 'one issuance a minute');
  clock.now += 30_000;
  const d = r1.issue(app);
  assert.ok(d.ok && !d.token.reused);
  assert.equal(r2.verify(d.token.accessToken).ok, true);
  for (const db of bridges) db.close();
});

test('rate limit: one bucket per app key for both instances, refilled by the clock', async () => {
  const { bridges } = await instances(2);
  const clock = { now: T0 };
  const [l1, l2] = bridges.map((db) => new PostgresCallLimiter(db, () => clock.now)) as [
    PostgresCallLimiter,
    PostgresCallLimiter,
  ];
  assert.deepEqual(
    [l1.take('K', 3), l2.take('K', 3), l1.take('K', 3), l2.take('K', 3), l1.take('K', 3)],
    [true, true, true, false, false],
  );
  assert.equal(l2.take('other', 3), true, 'another app key has its own bucket');
  clock.now += 334;
  assert.deepEqual(
    [l2.take('K', 3), l1.take('K', 3)],
    [true, false],
    'a third of a second: one call',
  );
  clock.now += 10_000;
  assert.deepEqual(
    [l1.take('K', 3), l2.take('K', 3), l1.take('K', 3), l2.take('K', 3)],
    [true, true, true, false],
    'refilled to the limit, never beyond',
  );
  assert.equal(l1.fallbacks + l2.fallbacks, 0);
  for (const db of bridges) db.close();
});

test('rate limit without the database: the instance falls back to its own bucket, then reconnects', async () => {
  const { url, bridges } = await instances(1);
  const db = bridges[0]!;
  const name = new URL(url).pathname.slice(1);
  const clock = { now: T0 };
  const limiter = new PostgresCallLimiter(db, () => clock.now);
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  try {
    assert.equal(limiter.take('K', 2), true, 'shared bucket: one of two taken');
    // The database goes away: its connection is cut and no new one is allowed.
    await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
    const pid = db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')[0]!.pid;
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(
      [limiter.take('K', 2), limiter.take('K', 2), limiter.take('K', 2)],
      [true, true, false],
      "this instance's own bucket, full at first",
    );
    assert.equal(limiter.fallbacks, 3);
    // Back again: the next call reconnects and the shared bucket (one call left) decides.
    await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
    assert.deepEqual([limiter.take('K', 2), limiter.take('K', 2)], [true, false]);
    assert.equal(limiter.fallbacks, 3);
  } finally {
    await admin.end();
    db.close();
  }
});
