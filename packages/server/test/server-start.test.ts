import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type AppRecord,
  DEMO_PAPER_APPKEY,
  DEMO_PAPER_APPSECRET,
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  generateScenario,
  type RunningServer,
  startServer,
} from '../src/index.js';
import {
  balanceQuery,
  inquire,
  issueToken,
  kisHeaders,
  loopback,
  marginQuery,
  postJson,
} from './http-harness.js';

const demoReal: AppRecord = {
  appKey: DEMO_REAL_APPKEY,
  appSecret: DEMO_REAL_APPSECRET,
  env: 'real',
  custtype: 'P',
  accounts: [],
};
const demoPaper: AppRecord = {
  appKey: DEMO_PAPER_APPKEY,
  appSecret: DEMO_PAPER_APPSECRET,
  env: 'paper',
  custtype: 'P',
  accounts: [],
};
const silent = () => {};

describe('startServer with the demo ledger on loopback', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, logger: silent, businessDate: '20250320' });
  });
  after(() => server.close());

  it('listens on 127.0.0.1 twice: real and paper, each its own env', async () => {
    assert.match(server.realUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(server.paperUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(server.realUrl, server.paperUrl);
    const real = await (await fetch(`${server.realUrl}/kisfo/health`)).json();
    const paper = await (await fetch(`${server.paperUrl}/kisfo/health`)).json();
    assert.deepEqual(real, { status: 'ok', env: 'real', businessDate: '20250320' });
    assert.deepEqual(paper, { status: 'ok', env: 'paper', businessDate: '20250320' });
  });

  it('answers both inquiries from the ledger like KIS, with real fetch', async () => {
    const real = loopback(server.realUrl);
    const token = await issueToken(real, demoReal);
    const balance = await inquire(
      real,
      balanceQuery('80012345'),
      kisHeaders(demoReal, token, 'CTFO6118R'),
    );
    assert.equal(balance.status, 200);
    assert.equal(balance.body.rt_cd, '0');
    assert.ok(balance.body.output1.length > 0);
    assert.equal(balance.body.ctx_area_fk200, '80012345^03^01^1^'.padEnd(200));
    assert.match(balance.headers.get('tr_cont') ?? '', /^[MD]$/);
    const margin = await inquire(
      real,
      marginQuery('12345678', '08', 'TUS', '20250320'),
      kisHeaders(demoReal, token, 'OTFM3115R'),
    );
    assert.equal(margin.body.rt_cd, '0', margin.body.msg1);
    assert.match(margin.body.output.fm_brkg_mgn_amt, /^-?\d+\.\d{2}$/);
    assert.equal(margin.headers.get('tr_cont'), 'D');
  });

  it('shares one token registry: a paper token on the real host is EGW02004, not an unknown token', async () => {
    const paper = loopback(server.paperUrl);
    const token = await issueToken(paper, demoPaper);
    const ok = await inquire(
      paper,
      balanceQuery('50012345', '01'),
      kisHeaders(demoPaper, token, 'VTFO6118R'),
    );
    assert.equal(ok.body.rt_cd, '0', ok.body.msg1);
    const onReal = await inquire(
      loopback(server.realUrl),
      balanceQuery('50012345', '01'),
      kisHeaders(demoPaper, token, 'VTFO6118R'),
    );
    assert.equal(onReal.body.msg_cd, 'EGW02004');
    const tokenOnReal = await postJson(loopback(server.realUrl), '/oauth2/tokenP', {
      grant_type: 'client_credentials',
      appkey: DEMO_PAPER_APPKEY,
      appsecret: DEMO_PAPER_APPSECRET,
    });
    assert.equal(tokenOnReal.status, 403);
    assert.equal(((await tokenOnReal.json()) as { error_code: string }).error_code, 'EGW02004');
  });

  it('serves the ledger admin API on its own loopback listener, behind the admin token', async () => {
    assert.ok(server.adminToken.length >= 24);
    assert.match(server.adminUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(server.warnings, []);
    const url = `${server.adminUrl}/kisfo/admin/business-day`;
    assert.equal((await fetch(url)).status, 401);
    const auth = { authorization: `Bearer ${server.adminToken}` };
    const res = await fetch(url, { headers: auth });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { businessDate: '20250320' });
    // Neither KIS host answers the admin API, even with the right token: it is not there.
    for (const base of [server.realUrl, server.paperUrl]) {
      const onKis = await fetch(`${base}/kisfo/admin/business-day`, { headers: auth });
      assert.equal(onKis.status, 404);
      assert.equal(((await onKis.json()) as { msg_cd: string }).msg_cd, 'MCA00124');
    }
  });
});

describe('startServer with the KIS hosts on every interface', () => {
  it('warns, and the admin API is still only on its loopback listener', async () => {
    // 0.0.0.0 binds every interface; the test only ever connects over 127.0.0.1.
    const server = await startServer({ host: '0.0.0.0', port: 0, logger: silent });
    try {
      assert.equal(server.warnings.length, 1);
      assert.match(
        server.warnings[0]!,
        /KIS hosts listen on 0\.0\.0\.0.*admin API stays on 127\.0\.0\.1/,
      );
      assert.match(server.adminUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      const auth = { authorization: `Bearer ${server.adminToken}` };
      for (const url of [server.realUrl, server.paperUrl]) {
        const local = url.replace('0.0.0.0', '127.0.0.1');
        const res = await fetch(`${local}/kisfo/admin/business-day`, { headers: auth });
        assert.equal(res.status, 404);
        assert.equal(((await res.json()) as { msg_cd: string }).msg_cd, 'MCA00124');
        assert.equal((await fetch(`${local}/kisfo/health`)).status, 200);
      }
      const admin = await fetch(`${server.adminUrl}/kisfo/admin/business-day`, { headers: auth });
      assert.equal(admin.status, 200);
    } finally {
      await server.close();
    }
  });
});

describe('startServer with a scenario file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kisfo-http-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('pages a ledger account, and answers SYDB0050 after a ledger change between pages', async () => {
    const file = join(dir, 'small.json');
    writeFileSync(file, JSON.stringify(generateScenario({ positions: 45, accounts: 1, seed: 3 })));
    const server = await startServer({
      port: 0,
      scenario: file,
      db: join(dir, 'small.db'),
      logger: silent,
    });
    try {
      const real = loopback(server.realUrl);
      const token = await issueToken(real, demoReal);
      const first = await inquire(
        real,
        balanceQuery('70000000'),
        kisHeaders(demoReal, token, 'CTFO6118R'),
      );
      assert.equal(first.body.output1.length, 20, first.body.msg1);
      assert.equal(first.headers.get('tr_cont'), 'M');
      const next = balanceQuery('70000000', '03', {
        CTX_AREA_FK200: first.body.ctx_area_fk200,
        CTX_AREA_NK200: first.body.ctx_area_nk200,
      });
      const second = await inquire(
        real,
        next,
        kisHeaders(demoReal, token, 'CTFO6118R', { tr_cont: 'N' }),
      );
      assert.equal(second.body.output1.length, 20);
      assert.deepEqual(second.body.output2, first.body.output2);
      const put = await fetch(`${server.adminUrl}/kisfo/admin/deposits`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${server.adminToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ account: '70000000-03', currency: 'KRW', cash: '123456789' }),
      });
      assert.equal(put.status, 200, await put.clone().text());
      const third = await inquire(
        real,
        balanceQuery('70000000', '03', {
          CTX_AREA_FK200: second.body.ctx_area_fk200,
          CTX_AREA_NK200: second.body.ctx_area_nk200,
        }),
        kisHeaders(demoReal, token, 'CTFO6118R', { tr_cont: 'N' }),
      );
      assert.equal(third.body.msg_cd, 'SYDB0050');
      assert.equal(third.body.rt_cd, '7');
      // Starting over shows the change (no stale page from any cache).
      const fresh = await inquire(
        real,
        balanceQuery('70000000'),
        kisHeaders(demoReal, token, 'CTFO6118R'),
      );
      assert.equal(fresh.body.rt_cd, '0');
      assert.notDeepEqual(fresh.body.output2, first.body.output2);
    } finally {
      await server.close();
    }
  });

  it('pages 10,000 ledger positions to the end', async () => {
    const file = join(dir, 'big.json');
    writeFileSync(
      file,
      JSON.stringify(generateScenario({ positions: 10_000, accounts: 1, seed: 7 })),
    );
    const server = await startServer({
      port: 0,
      scenario: file,
      logger: silent,
      rateLimits: { real: 1_000_000 },
    });
    try {
      const real = loopback(server.realUrl);
      const token = await issueToken(real, demoReal);
      const seen: string[] = [];
      let keys = { CTX_AREA_FK200: '', CTX_AREA_NK200: '' };
      let pages = 0;
      for (;;) {
        const r = await inquire(
          real,
          balanceQuery('70000000', '03', keys),
          kisHeaders(demoReal, token, 'CTFO6118R', pages ? { tr_cont: 'N' } : {}),
        );
        assert.equal(r.body.rt_cd, '0', r.body.msg1);
        pages++;
        for (const row of r.body.output1) seen.push(`${row.pdno}/${row.cblc_qty}`);
        if (r.headers.get('tr_cont') === 'D') break;
        assert.equal(r.body.output1.length, 20);
        keys = { CTX_AREA_FK200: r.body.ctx_area_fk200, CTX_AREA_NK200: r.body.ctx_area_nk200 };
      }
      // Every row of the ledger's own answer, once, in its order.
      const all = server.backOffice.domesticBalance(
        { cano: '70000000', acntPrdtCd: '03' },
        { mgnaDvsn: '01', exccStatCd: '1' },
      ).output1;
      assert.ok(all.length >= 10_000);
      assert.equal(pages, Math.ceil(all.length / 20));
      assert.deepEqual(
        seen,
        all.map((row) => `${row.pdno}/${String(row.cblc_qty)}`),
      );
    } finally {
      await server.close();
    }
  });
});

describe('startServer lifecycle and TLS', () => {
  it('close() stops both listeners', async () => {
    const server = await startServer({ port: 0, logger: silent, businessDate: '20250320' });
    await server.close();
    await server.close(); // twice is harmless
    await assert.rejects(fetch(`${server.realUrl}/kisfo/health`));
    await assert.rejects(fetch(`${server.paperUrl}/kisfo/health`));
  });

  it('serves HTTPS when given a certificate and key (paths or PEM)', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'kisfo-tls-'));
    try {
      try {
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-days',
            '1',
            '-subj',
            '/CN=127.0.0.1',
            '-keyout',
            join(dir, 'key.pem'),
            '-out',
            join(dir, 'cert.pem'),
          ],
          { stdio: 'ignore' },
        );
      } catch {
        t.skip('openssl not available');
        return;
      }
      const server = await startServer({
        port: 0,
        logger: silent,
        tls: { cert: join(dir, 'cert.pem'), key: readFileSync(join(dir, 'key.pem'), 'utf8') },
      });
      try {
        assert.match(server.realUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
        const body = await new Promise<string>((resolve, reject) => {
          httpsRequest(`${server.paperUrl}/kisfo/health`, { rejectUnauthorized: false }, (res) => {
            let text = '';
            res.on('data', (d) => {
              text += d;
            });
            res.on('end', () => resolve(text));
          })
            .on('error', reject)
            .end();
        });
        assert.equal(JSON.parse(body).env, 'paper');
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
