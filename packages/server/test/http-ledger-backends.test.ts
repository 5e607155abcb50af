// The server over loopback HTTP on each ledger backend: the same requests get the same answers
// from a SQLite file and from a real PostgreSQL (demo inquiries, paging to the end, SYDB0050
// after a write, the admin API, a business-day advance, token rules).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  type AppRecord,
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  generateScenario,
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
import { LEDGER_BACKENDS } from './ledger-backends.js';
import { ledgerTempDir } from './ledger-helpers.js';

const demoReal: AppRecord = {
  appKey: DEMO_REAL_APPKEY,
  appSecret: DEMO_REAL_APPSECRET,
  env: 'real',
  custtype: 'P',
  accounts: [],
};
const silent = () => {};
const tmp = ledgerTempDir();
after(() => tmp.cleanup());

async function dbFor(backend: (typeof LEDGER_BACKENDS)[number], name: string): Promise<string> {
  return backend.name === 'sqlite' ? join(tmp.dir, `${name}.db`) : backend.freshDb();
}

function admin(url: string, token: string, method: string, path: string, body?: unknown) {
  return fetch(`${url}/kisfo/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const answers = new Map<string, unknown[]>();

for (const backend of LEDGER_BACKENDS) {
  describe(`server on a ${backend.name} ledger`, () => {
    it('answers the demo inquiries, pages, and refuses a stale page after an admin write', async () => {
      const file = join(tmp.dir, 'small.json');
      writeFileSync(
        file,
        JSON.stringify(generateScenario({ positions: 45, accounts: 1, seed: 3 })),
      );
      const server = await startServer({
        businessDate: '20250320', // the figures below are the demo's as written
        port: 0,
        scenario: file,
        db: await dbFor(backend, 'small'),
        logger: silent,
      });
      try {
        const health = await (await fetch(`${server.realUrl}/kisfo/health`)).json();
        assert.deepEqual(health, { status: 'ok', env: 'real', businessDate: '20250320' });
        const real = loopback(server.realUrl);
        const token = await issueToken(real, demoReal);
        const h = (more = {}) => kisHeaders(demoReal, token, 'CTFO6118R', more);
        const first = await inquire(real, balanceQuery('70000000'), h());
        assert.equal(first.body.output1.length, 20, first.body.msg1);
        assert.equal(first.headers.get('tr_cont'), 'M');
        const second = await inquire(
          real,
          balanceQuery('70000000', '03', {
            CTX_AREA_FK200: first.body.ctx_area_fk200,
            CTX_AREA_NK200: first.body.ctx_area_nk200,
          }),
          h({ tr_cont: 'N' }),
        );
        assert.equal(second.body.output1.length, 20);
        const put = await admin(server.adminUrl, server.adminToken, 'PUT', '/deposits', {
          account: '70000000-03',
          currency: 'KRW',
          cash: '123456789',
        });
        assert.equal(put.status, 200, await put.clone().text());
        const third = await inquire(
          real,
          balanceQuery('70000000', '03', {
            CTX_AREA_FK200: second.body.ctx_area_fk200,
            CTX_AREA_NK200: second.body.ctx_area_nk200,
          }),
          h({ tr_cont: 'N' }),
        );
        assert.equal(third.body.msg_cd, 'SYDB0050');
        const fresh = await inquire(real, balanceQuery('70000000'), h());
        assert.notDeepEqual(fresh.body.output2, first.body.output2);
        const margin = await inquire(
          real,
          marginQuery('12345678', '08', 'TUS', '20250320'),
          kisHeaders(demoReal, token, 'OTFM3115R'),
        );
        // The generated scenario has no overseas account of the demo app.
        assert.equal(margin.body.rt_cd === '0' || margin.body.msg_cd === 'OPSQ2000', true);
        // Continuation keys are sealed with each server's own secret; the rest must match.
        const unsealed = (b: Record<string, unknown>) => ({ ...b, ctx_area_nk200: undefined });
        answers.set(`${backend.name}:pages`, [first.body, second.body, fresh.body].map(unsealed));
      } finally {
        await server.close();
      }
    });

    it('admin fills, business-day advance and export over HTTP', async () => {
      const server = await startServer({
        businessDate: '20250320', // the figures below are the demo's as written
        port: 0,
        db: await dbFor(backend, 'demo'),
        logger: silent,
      });
      try {
        const url = server.adminUrl;
        const t = server.adminToken;
        const fill = {
          id: 'H-1',
          account: '80012345-03',
          instrument: '101W06',
          side: 'buy',
          qty: 2,
          price: '345.50',
        };
        const a = await admin(url, t, 'POST', '/fills', fill);
        assert.equal(a.status, 201);
        assert.deepEqual(await a.json(), { results: [{ id: 'H-1', status: 'inserted' }] });
        const b = await admin(url, t, 'POST', '/fills', fill);
        assert.deepEqual(await b.json(), { results: [{ id: 'H-1', status: 'duplicate' }] });
        const c = await admin(url, t, 'POST', '/fills', { ...fill, qty: 3 });
        assert.equal(c.status, 409);
        const bad = await admin(url, t, 'POST', '/fills', { ...fill, id: 'H-2', price: '1e3' });
        assert.equal(bad.status, 400);
        const adv = await admin(url, t, 'POST', '/business-day/advance', {});
        assert.equal(adv.status, 200);
        const day = (await adv.json()) as { from: string; to: string };
        assert.deepEqual([day.from, day.to], ['20250320', '20250321']);
        const health = await (await fetch(`${server.paperUrl}/kisfo/health`)).json();
        assert.equal((health as { businessDate: string }).businessDate, '20250321');
        const exported = await (await admin(url, t, 'GET', '/export')).json();
        answers.set(`${backend.name}:day`, [day, exported]);
      } finally {
        await server.close();
      }
    });

    it('token rules: the same token within 6 h, revoke voids it', async () => {
      const server = await startServer({
        businessDate: '20250320', // the figures below are the demo's as written
        port: 0,
        db: await dbFor(backend, 'tok'),
        logger: silent,
      });
      try {
        const real = loopback(server.realUrl);
        const t1 = await issueToken(real, demoReal);
        assert.equal(await issueToken(real, demoReal), t1);
        const revoke = await postJson(real, '/oauth2/revokeP', {
          appkey: DEMO_REAL_APPKEY,
          appsecret: DEMO_REAL_APPSECRET,
          token: t1,
        });
        assert.equal(revoke.status, 200);
        const after = await inquire(
          real,
          balanceQuery('80012345'),
          kisHeaders(demoReal, t1, 'CTFO6118R'),
        );
        assert.equal(after.body.msg_cd, 'EGW00121');
        // A new token within the minute is refused, as KIS does.
        const again = await postJson(real, '/oauth2/tokenP', {
          grant_type: 'client_credentials',
          appkey: DEMO_REAL_APPKEY,
          appsecret: DEMO_REAL_APPSECRET,
        });
        assert.equal(again.status, 403);
        assert.equal(((await again.json()) as { error_code: string }).error_code, 'EGW00133');
      } finally {
        await server.close();
      }
    });
  });
}

describe('both backends', () => {
  it('answered the same pages and the same end of day', () => {
    assert.deepEqual(answers.get('postgres:pages'), answers.get('sqlite:pages'));
    assert.deepEqual(answers.get('postgres:day'), answers.get('sqlite:day'));
    assert.ok(answers.get('sqlite:pages') !== undefined && answers.get('sqlite:day') !== undefined);
  });
});
