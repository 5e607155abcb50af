// Three server processes on one PostgreSQL: they migrate it once, agree on tokens (issued on one,
// valid and revoked on all, one issuance a minute), share each app key's rate limit, accept each
// other's continuation keys, see each other's ledger writes (SYDB0050, admin writes, business-day
// advances), and keep serving while another process is SIGKILLed mid-import or mid-write.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import {
  type AppRecord,
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  generateScenario,
  openPostgresLedger,
  POSTGRES_LEDGER_MIGRATIONS,
} from '../src/index.js';
import {
  balanceQuery,
  inquire,
  issueToken,
  kisHeaders,
  loopback,
  postJson,
} from './http-harness.js';
import { pgCluster } from './ledger-backends.js';

const here = new URL('.', import.meta.url).pathname;
const ADMIN = 'admin-token-of-the-shared-test-deployment';
const WRITE_LOCK = 4_711_001;

interface Instance {
  name: string;
  realUrl: string;
  adminUrl: string;
  proc: ChildProcess;
}

async function spawnChild(script: string, args: string[], name: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', `${here}${script}`, ...args], {
    env: { ...process.env, PGAPPNAME: `kisfo-${name}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return proc;
}

async function firstLine(proc: ChildProcess): Promise<string> {
  const lines = createInterface({ input: proc.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(proc, 'exit').then(() => {
      throw new Error('child exited before it was ready');
    }),
  ])) as [string];
  return line;
}

async function startInstance(url: string, name: string): Promise<Instance> {
  const proc = await spawnChild('multi-instance-child.ts', [url], name);
  const { realUrl, adminUrl } = JSON.parse(await firstLine(proc)) as {
    realUrl: string;
    adminUrl: string;
  };
  return { name, realUrl, adminUrl, proc };
}

const demoReal: AppRecord = {
  appKey: DEMO_REAL_APPKEY,
  appSecret: DEMO_REAL_APPSECRET,
  env: 'real',
  custtype: 'P',
  accounts: [],
};
const limited: AppRecord = {
  ...demoReal,
  appKey: 'PSLIMITED'.padEnd(DEMO_REAL_APPKEY.length, '0'),
  appSecret: `${DEMO_REAL_APPSECRET.slice(0, -1)}Z`,
};

function scenario() {
  const s = generateScenario({ positions: 45, accounts: 1, seed: 3 });
  return {
    ...s,
    apps: [
      ...(s.apps ?? []),
      {
        appkey: limited.appKey,
        appsecret: limited.appSecret,
        env: 'real' as const,
        rateLimitPerSecond: 5,
        accounts: ['70000000-03'],
      },
    ],
  };
}

/** A series the generated account holds (it has a price, so a fill in it is valued). */
const HELD = scenario().positions![0]!.instrument;

function admin(i: Instance, method: string, path: string, body?: unknown) {
  return fetch(`${i.adminUrl}/kisfo/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Poll until `pg_locks` shows the ledger write lock held by the named process. */
async function waitForWriteLock(db: pg.Client, name: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const r = await db.query(
      `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.objid = $1 AND l.granted AND a.application_name = $2`,
      [WRITE_LOCK, `kisfo-${name}`],
    );
    if (r.rowCount! > 0) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${name} never held the write lock`);
}

/** Balance requests against the instances every few ms until stopped; every answer recorded. */
function keepAsking(instances: Instance[], token: string) {
  const results: string[] = [];
  let running = true;
  const loop = (async () => {
    let n = 0;
    while (running) {
      const i = instances[n++ % instances.length]!;
      const r = await inquire(
        loopback(i.realUrl),
        balanceQuery('70000000'),
        kisHeaders(demoReal, token, 'CTFO6118R'),
      );
      results.push(`${r.status}/${r.body.msg_cd}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    results,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

describe('three instances on one PostgreSQL', { timeout: 120_000 }, () => {
  let url: string;
  let a: Instance;
  let b: Instance;
  let c: Instance;
  let db: pg.Client;
  let token: string;

  before(async () => {
    url = await (await pgCluster()).createDatabase();
    // All three start together on an empty database.
    [a, b, c] = await Promise.all(['a', 'b', 'c'].map((n) => startInstance(url, n)));
    db = new pg.Client({ connectionString: url });
    await db.connect();
  });
  after(async () => {
    await db?.end();
    for (const i of [a, b, c]) i?.proc.kill('SIGTERM');
  });

  it('migrated the database once', async () => {
    const r = await db.query('SELECT id FROM schema_migrations ORDER BY id');
    assert.deepEqual(
      r.rows.map((x) => x.id),
      POSTGRES_LEDGER_MIGRATIONS.map((m) => m.id),
    );
    const imp = await admin(a, 'POST', '/import', scenario());
    assert.equal(imp.status, 200, await imp.clone().text());
  });

  it('a token issued on one is valid on all and the same within 6 h whichever is asked', async () => {
    // Asked of all three at once: one issuance, the same token everywhere.
    const first = await Promise.all(
      [a, b, c].map((i) => issueToken(loopback(i.realUrl), demoReal)),
    );
    assert.equal(new Set(first).size, 1);
    token = first[0]!;
    assert.equal(await issueToken(loopback(b.realUrl), demoReal), token);
    assert.equal(await issueToken(loopback(c.realUrl), demoReal), token);
    for (const i of [a, b, c]) {
      const r = await inquire(
        loopback(i.realUrl),
        balanceQuery('70000000'),
        kisHeaders(demoReal, token, 'CTFO6118R'),
      );
      assert.equal(r.body.rt_cd, '0', `${i.name}: ${r.body.msg1}`);
    }
  });

  it('revoked on one is revoked on all at once, and no second issuance within the minute', async () => {
    const other = await issueToken(loopback(c.realUrl), limited);
    const revoke = await postJson(loopback(b.realUrl), '/oauth2/revokeP', {
      appkey: limited.appKey,
      appsecret: limited.appSecret,
      token: other,
    });
    assert.equal(revoke.status, 200);
    for (const i of [a, b, c]) {
      const r = await inquire(
        loopback(i.realUrl),
        balanceQuery('70000000'),
        kisHeaders(limited, other, 'CTFO6118R'),
      );
      assert.equal(r.body.msg_cd, 'EGW00121', i.name);
    }
    for (const i of [a, b, c]) {
      const again = await postJson(loopback(i.realUrl), '/oauth2/tokenP', {
        grant_type: 'client_credentials',
        appkey: limited.appKey,
        appsecret: limited.appSecret,
      });
      assert.equal(((await again.json()) as { error_code?: string }).error_code, 'EGW00133');
    }
  });

  it('the rate limit holds for the app key across instances, not per instance', async () => {
    // The limited app's bucket (5 a second) is shared: 30 calls at once, 10 per instance. Buckets
    // per instance would admit at least 15; the shared one 5 plus what refills meanwhile.
    await db.query('UPDATE token_issues SET last_issue_at = 0 WHERE key LIKE $1', [
      `%${limited.appKey}`,
    ]);
    const t = await issueToken(loopback(a.realUrl), limited);
    await db.query('DELETE FROM rate_buckets WHERE appkey = $1', [limited.appKey]);
    const started = Date.now();
    const calls = [a, b, c].flatMap((i) =>
      Array.from({ length: 10 }, () =>
        inquire(loopback(i.realUrl), balanceQuery('70000000'), kisHeaders(limited, t, 'CTFO6118R')),
      ),
    );
    const codes = (await Promise.all(calls)).map((r) => r.body.msg_cd);
    const elapsed = (Date.now() - started) / 1000;
    const admitted = codes.filter((m) => m !== 'EGW00201').length;
    const bound = 5 + Math.ceil(5 * elapsed);
    const seen = `admitted ${admitted} in ${elapsed} s: ${codes.join(' ')}`;
    assert.ok(admitted >= 5 && admitted <= bound && admitted < 15, seen);
    assert.deepEqual(new Set(codes), new Set(['KIOK0510', 'EGW00201']), seen);
  });

  it('continuation keys of one work on another; a write on a third makes the next page SYDB0050', async () => {
    const h = (more = {}) => kisHeaders(demoReal, token, 'CTFO6118R', more);
    const p1 = await inquire(loopback(a.realUrl), balanceQuery('70000000'), h());
    assert.equal(p1.headers.get('tr_cont'), 'M');
    const keys = (p: typeof p1) => ({
      CTX_AREA_FK200: p.body.ctx_area_fk200,
      CTX_AREA_NK200: p.body.ctx_area_nk200,
    });
    const p2b = await inquire(
      loopback(b.realUrl),
      balanceQuery('70000000', '03', keys(p1)),
      h({ tr_cont: 'N' }),
    );
    const p2c = await inquire(
      loopback(c.realUrl),
      balanceQuery('70000000', '03', keys(p1)),
      h({ tr_cont: 'N' }),
    );
    assert.equal(p2b.body.rt_cd, '0', p2b.body.msg1);
    assert.deepEqual(p2b.body, p2c.body);
    assert.notDeepEqual(p2b.body.output1, p1.body.output1);
    const put = await admin(c, 'PUT', '/deposits', {
      account: '70000000-03',
      currency: 'KRW',
      cash: '987654321',
    });
    assert.equal(put.status, 200);
    const p3 = await inquire(
      loopback(a.realUrl),
      balanceQuery('70000000', '03', keys(p2b)),
      h({ tr_cont: 'N' }),
    );
    assert.equal(p3.body.msg_cd, 'SYDB0050');
    // A fresh first page on B shows C's write.
    const fresh = await inquire(loopback(b.realUrl), balanceQuery('70000000'), h());
    assert.notDeepEqual(fresh.body.output2, p1.body.output2);
  });

  it('the same fills posted to every instance at once are recorded once each', async () => {
    const fills = Array.from({ length: 40 }, (_, k) => ({
      id: `SAME-${k}`,
      account: '70000000-03',
      instrument: HELD,
      side: 'buy',
      qty: 1,
      price: '345.00',
    }));
    const answers = await Promise.all(
      [a, b, c].map(async (i) => {
        const r = await admin(i, 'POST', '/fills', { fills });
        assert.equal(r.status, 201);
        return ((await r.json()) as { results: { id: string; status: string }[] }).results;
      }),
    );
    for (const f of fills) {
      const statuses = answers.map((rs) => rs.find((x) => x.id === f.id)?.status).sort();
      assert.deepEqual(statuses, ['duplicate', 'duplicate', 'inserted'], f.id);
    }
    const r = await db.query("SELECT count(*)::int AS n FROM fills WHERE id LIKE 'SAME-%'");
    assert.equal(r.rows[0].n, fills.length);
  });

  it('admin writes and business-day advances on one are seen by all', async () => {
    const before = await Promise.all(
      [a, b, c].map(async (i) =>
        inquire(
          loopback(i.realUrl),
          balanceQuery('70000000'),
          kisHeaders(demoReal, token, 'CTFO6118R'),
        ),
      ),
    );
    const adv = await admin(b, 'POST', '/business-day/advance', {});
    assert.equal(adv.status, 200);
    const { to } = (await adv.json()) as { to: string };
    for (const i of [a, b, c]) {
      const health = (await (await fetch(`${i.realUrl}/kisfo/health`)).json()) as {
        businessDate: string;
      };
      assert.equal(health.businessDate, to, i.name);
    }
    const afterAdvance = await Promise.all(
      [a, b, c].map((i) =>
        inquire(
          loopback(i.realUrl),
          balanceQuery('70000000'),
          kisHeaders(demoReal, token, 'CTFO6118R'),
        ),
      ),
    );
    for (const [k, r] of afterAdvance.entries()) {
      assert.equal(r.body.rt_cd, '0');
      assert.deepEqual(r.body.output2, afterAdvance[0]!.body.output2);
      assert.notDeepEqual(r.body.output2, before[k]!.body.output2);
    }
    // An app's new secret, imported on A, is what B and C check from then on (their app caches
    // are dropped by the commit's notification).
    const s = scenario();
    const newSecret = `${limited.appSecret.slice(0, -1)}Y`;
    s.apps = s.apps.map((x) => (x.appkey === limited.appKey ? { ...x, appsecret: newSecret } : x));
    const imp = await admin(a, 'POST', '/import', s);
    assert.equal(imp.status, 200);
    for (const i of [b, c]) {
      let code: string | undefined;
      for (let k = 0; k < 50; k++) {
        const r = await postJson(loopback(i.realUrl), '/oauth2/tokenP', {
          grant_type: 'client_credentials',
          appkey: limited.appKey,
          appsecret: limited.appSecret,
        });
        code = ((await r.json()) as { error_code?: string }).error_code;
        if (code === 'EGW00105') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(code, 'EGW00105', `${i.name} still accepts the old secret`);
    }
  });

  it('SIGKILL of an importer mid-import loses nothing and the instances serve throughout', async () => {
    const ledger = openPostgresLedger(url);
    const versionBefore = ledger.accountVersion('70000000-03');
    const positionsBefore = await db.query('SELECT count(*)::int AS n FROM positions');
    const asking = keepAsking([a, b, c], token);
    const importer = await spawnChild('multi-instance-importer.ts', [url], 'importer');
    assert.equal(await firstLine(importer), 'started');
    await waitForWriteLock(db, 'importer');
    importer.kill('SIGKILL');
    await once(importer, 'exit');
    await new Promise((r) => setTimeout(r, 100));
    await asking.stop();
    assert.ok(asking.results.length > 0);
    assert.deepEqual(new Set(asking.results), new Set(['200/KIOK0510']));
    const positionsAfter = await db.query('SELECT count(*)::int AS n FROM positions');
    assert.equal(positionsAfter.rows[0].n, positionsBefore.rows[0].n);
    assert.equal(ledger.accountVersion('70000000-03'), versionBefore);
    assert.equal(ledger.listAccounts().length, 1);
    ledger.close();
  });

  it('SIGKILL of an instance mid-write leaves no half-written batch; the others serve throughout', async () => {
    const fills = Array.from({ length: 1500 }, (_, k) => ({
      id: `KILL-${k}`,
      account: '70000000-03',
      instrument: HELD,
      side: 'buy',
      qty: 1,
      price: '345.00',
    }));
    const asking = keepAsking([b, c], token);
    const posting = admin(a, 'POST', '/fills', { fills }).catch((e: Error) => e);
    await waitForWriteLock(db, 'a');
    a.proc.kill('SIGKILL');
    await once(a.proc, 'exit');
    assert.ok((await posting) instanceof Error, 'the killed instance never answered');
    await new Promise((r) => setTimeout(r, 100));
    await asking.stop();
    assert.deepEqual(new Set(asking.results), new Set(['200/KIOK0510']));
    const r = await db.query("SELECT count(*)::int AS n FROM fills WHERE id LIKE 'KILL-%'");
    assert.equal(r.rows[0].n, 0);
    // The survivors still write: the lock died with the killed instance's connection.
    const ok = await admin(b, 'POST', '/fills', { fills: fills.slice(0, 3) });
    assert.equal(ok.status, 201);
  });
});
