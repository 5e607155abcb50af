import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { bindWarnings, createAdminHostApp, isLoopbackHost } from '../src/index.js';
import { CORP_APP, PAPER_APP, REAL_APP } from './http-fake-back-office.js';
import {
  balanceQuery,
  harness,
  inquire,
  issueToken,
  kisHeaders,
  marginQuery,
  postJson,
} from './http-harness.js';

describe('request logs', () => {
  it('writes one JSON line per request with id, tr_id, account, status, msg_cd, latency — and no secret', async () => {
    const h = harness();
    const token = await issueToken(h.real, REAL_APP);
    const corpToken = await issueToken(h.real, CORP_APP);
    const paperToken = await issueToken(h.paper, PAPER_APP);
    await inquire(h.real, balanceQuery('80012345'), kisHeaders(REAL_APP, token, 'CTFO6118R'));
    await inquire(h.real, balanceQuery('80012345'), {
      ...kisHeaders(REAL_APP, token, 'CTFO6118R'),
      appsecret: 'wrong-secret-value',
    });
    await inquire(
      h.real,
      balanceQuery('60012345'),
      kisHeaders(CORP_APP, corpToken, 'CTFO6118R', {
        custtype: 'B',
        personalseckey: 'corp-personal-secret-key',
        seq_no: '001',
        phone_number: '01012345678',
        ip_addr: '10.0.0.1',
      }),
    );
    await inquire(
      h.paper,
      balanceQuery('50012345'),
      kisHeaders(PAPER_APP, paperToken, 'VTFO6118R'),
    );
    await postJson(h.real, '/oauth2/tokenP', {
      grant_type: 'client_credentials',
      appkey: REAL_APP.appKey,
      appsecret: 'bad-secret-123',
    });
    await postJson(h.real, '/oauth2/revokeP', {
      appkey: REAL_APP.appKey,
      appsecret: REAL_APP.appSecret,
      token,
    });
    // An exception whose message quotes secrets must not carry them into the log.
    h.backOffice.failWith = new Error(`boom ${REAL_APP.appSecret} ${REAL_APP.appKey}`);
    const t2 = await (async () => {
      h.clock.now += 120_000;
      return issueToken(h.real, REAL_APP);
    })();
    await inquire(h.real, marginQuery(), kisHeaders(REAL_APP, t2, 'OTFM3115R'));
    h.backOffice.failWith = undefined;

    const text = h.logs.join('\n');
    for (const secret of [
      REAL_APP.appKey,
      REAL_APP.appSecret,
      CORP_APP.appKey,
      CORP_APP.appSecret,
      PAPER_APP.appKey,
      PAPER_APP.appSecret,
      token,
      t2,
      corpToken,
      paperToken,
      'corp-personal-secret-key',
      'wrong-secret-value',
      'bad-secret-123',
    ]) {
      assert.ok(!text.includes(secret), `log leaks ${secret.slice(0, 12)}…`);
    }
    const lines = h.logs.map((l) => JSON.parse(l));
    const ok = lines.find((l) => l.msg_cd === 'KIOK0510' && l.env === 'real')!;
    assert.equal(ok.tr_id, 'CTFO6118R');
    assert.equal(ok.account, '80012345-03');
    assert.equal(ok.status, 200);
    assert.equal(typeof ok.requestId, 'string');
    assert.equal(typeof ok.latencyMs, 'number');
    assert.ok(lines.some((l) => l.msg_cd === 'EGW00105' && l.status === 500));
    assert.ok(
      lines.some((l) => l.path === '/oauth2/tokenP' && l.msg_cd === 'EGW00105' && l.status === 403),
    );
    const fault = lines.find((l) => l.msg_cd === 'EGW00002')!;
    assert.equal(fault.level, 'error');
    assert.match(fault.error, /boom \[redacted\] \[redacted\]/);
    assert.equal(new Set(lines.map((l) => l.requestId)).size, lines.length);
  });
});

describe('health and admin', () => {
  it('GET /kisfo/health answers status, env and business date', async () => {
    const h = harness();
    for (const env of ['real', 'paper'] as const) {
      const res = await h[env]('/kisfo/health');
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok', env, businessDate: '20240522' });
    }
  });

  it('the admin host mounts the admin app under /kisfo/admin behind the admin bearer token', async () => {
    const ledgerAdmin = new Hono().get('/ping', (c) => c.json({ pong: true }));
    const dashboard = new Hono().get('/', (c) => c.text('dashboard'));
    const lines: string[] = [];
    const admin = createAdminHostApp({
      adminToken: 'admin-token-0123456789',
      ledgerAdmin,
      mounts: [{ path: '/kisfo/dashboard', app: dashboard }],
      logger: (l) => lines.push(l),
    });
    const call = (auth?: string) =>
      admin.request(
        '/kisfo/admin/ping',
        auth === undefined ? {} : { headers: { authorization: auth } },
      );
    assert.equal((await call()).status, 401);
    assert.equal((await call('Bearer nope')).status, 401);
    assert.equal((await call('admin-token-0123456789')).status, 401);
    const ok = await call('Bearer admin-token-0123456789');
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { pong: true });
    const page = await admin.request('/kisfo/dashboard/');
    assert.equal(page.status, 200);
    assert.equal(await page.text(), 'dashboard');
    // One log line per request, the token never in it.
    assert.equal(lines.length, 5);
    assert.deepEqual(
      lines.map((l) => (JSON.parse(l) as { status: number }).status),
      [401, 401, 401, 200, 200],
    );
    assert.ok(!lines.join('\n').includes('admin-token-0123456789'));
  });

  it('the admin host answers an unexpected failure with 500 and logs the error, never the token', async () => {
    const lines: string[] = [];
    const admin = createAdminHostApp({
      adminToken: 'admin-token-0123456789',
      mounts: [
        {
          path: '/kisfo/broken',
          app: {
            fetch: () => {
              throw new RangeError('store closed (admin-token-0123456789)');
            },
          },
        },
      ],
      logger: (l) => lines.push(l),
    });
    const res = await admin.request('/kisfo/broken/x');
    assert.equal(res.status, 500);
    const body = await res.text();
    assert.deepEqual(JSON.parse(body), { error: 'internal error' });
    assert.ok(!body.includes('RangeError'));
    const missing = await admin.request('/kisfo/nowhere');
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: 'not found' });
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(entries.length, 2);
    assert.equal(entries[0]!.level, 'error');
    assert.equal(entries[0]!.event, 'admin-request');
    assert.equal(entries[0]!.error, 'RangeError: store closed ([redacted])');
    assert.equal(entries[1]!.level, 'warn');
    assert.equal(entries[1]!.error, undefined);
    assert.ok(!lines.join('\n').includes('admin-token-0123456789'));
  });

  it('the KIS hosts have no admin API at all', async () => {
    const h = harness();
    for (const env of ['real', 'paper'] as const) {
      const res = await h[env]('/kisfo/admin/business-day', {
        headers: { authorization: 'Bearer x' },
      });
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as { msg_cd: string }).msg_cd, 'MCA00124');
    }
  });

  it('warns when the KIS hosts or the admin API bind beyond loopback', () => {
    assert.deepEqual(bindWarnings('127.0.0.1', '127.0.0.1'), []);
    assert.deepEqual(bindWarnings('::1', 'localhost'), []);
    assert.ok(isLoopbackHost('127.0.0.2'));
    for (const h of ['0.0.0.0', '::', '192.168.0.10', 'example.org'])
      assert.ok(!isLoopbackHost(h), h);
    const [kis] = bindWarnings('0.0.0.0', '127.0.0.1');
    assert.match(kis ?? '', /KIS hosts listen on 0\.0\.0\.0.*admin API stays on 127\.0\.0\.1/);
    assert.match(bindWarnings('127.0.0.1', '0.0.0.0')[0] ?? '', /admin API listens on 0\.0\.0\.0/);
  });
});
