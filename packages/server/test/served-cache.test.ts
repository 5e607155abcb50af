// The HTTP side keeps page bytes and authorizations while the ledger revision holds. These tests run
// the real app over the real SQLite ledger and check that every kind of ledger write (and a write
// from another connection to the same file) is seen by the very next request: the answer equals
// what a server with no cache at all answers, and differs from the one before the write.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  type AppRecord,
  createBackOffice,
  createKisApp,
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  DEMO_SCENARIO,
  importScenario,
  type LedgerStore,
  openLedger,
  TokenRegistry,
} from '../src/index.js';
import { balanceQuery, issueToken, kisHeaders, T0 } from './http-harness.js';
import { ledgerTempDir } from './ledger-helpers.js';

const ACCOUNT = '80012345-03';
const DATE = DEMO_SCENARIO.businessDate;

function setUp(store: LedgerStore) {
  const clock = { now: T0 };
  const tokens = new TokenRegistry({ clock: () => clock.now });
  const make = () =>
    createKisApp({
      env: 'real',
      backOffice: createBackOffice(store),
      tokens,
      clock: () => clock.now,
      logger: () => {},
    });
  const app = make();
  const app0 = store.findApp(DEMO_REAL_APPKEY)!;
  const ask = async (target = app, token?: string) => {
    const t = token ?? (await issueToken((p, i) => Promise.resolve(target.request(p, i)), app0));
    const res = await target.request(balanceQuery('80012345'), {
      headers: kisHeaders(app0, t, 'CTFO6118R'),
    });
    const text = await res.text();
    const msgCd = (JSON.parse(text) as { msg_cd: string }).msg_cd;
    return { status: res.status, msgCd, trCont: res.headers.get('tr_cont'), text };
  };
  return { clock, tokens, app, make, app0, ask };
}

describe('page bytes kept per ledger revision', () => {
  const writes: [string, (s: LedgerStore, app: AppRecord) => void][] = [
    [
      'putDeposit',
      (s) => {
        const d = s.deposits(ACCOUNT)[0]!;
        s.putDeposit({ ...d, cash: (BigInt(d.cash.split('.')[0]!) + 1000n).toString() });
      },
    ],
    [
      'putPrice',
      (s) => {
        const p = s.prices(DATE).find((x) => x.instrument === '101W06')!;
        s.putPrice({ ...p, price: '346.85' });
      },
    ],
    [
      'addFill',
      (s) =>
        s.addFill({
          id: 'CACHE-1',
          accountId: ACCOUNT,
          businessDate: DATE,
          instrument: '101W09',
          side: 'buy',
          openClose: 'open',
          qty: 1,
          price: '347.00',
        }),
    ],
    [
      'putPosition',
      (s) => {
        const p = s.positions(ACCOUNT, DATE).find((x) => x.instrument === '101W06')!;
        s.putPosition({ ...p, qty: p.qty + 1 });
      },
    ],
    [
      'replacePositions',
      (s) => s.replacePositions(ACCOUNT, DATE, s.positions(ACCOUNT, DATE).slice(1)),
    ],
    ['putInstrument', (s) => s.putInstrument({ instrument: '101W09', name: 'KOSPI200 F 2509 X' })],
    [
      'putUnderlying',
      (s) => {
        const u = s.underlyings(DATE)[0]!;
        s.putUnderlying({ ...u, level: (Number(u.level) + 1).toFixed(2) });
      },
    ],
    ['putApp (account taken away)', (s, app) => s.putApp({ ...app, accounts: [] })],
  ];

  for (const [name, write] of writes) {
    it(`${name}: the next request answers what an uncached server answers`, async () => {
      const store = openLedger();
      importScenario(store, DEMO_SCENARIO);
      const { app, make, app0, ask, tokens } = setUp(store);
      const token = await issueToken((p, i) => Promise.resolve(app.request(p, i)), app0);
      const before = await ask(app, token);
      assert.equal(before.msgCd, 'KIOK0510');
      assert.deepEqual(await ask(app, token), before); // served again from the kept bytes
      const revision = store.revision!();
      write(store, app0);
      assert.notEqual(store.revision!(), revision);
      const afterWrite = await ask(app, token);
      const fresh = await ask(make(), token);
      assert.deepEqual(afterWrite, fresh);
      assert.notEqual(afterWrite.text, before.text);
      assert.ok(tokens.verify(token).ok);
      store.close();
    });
  }

  it('a write from another connection to the same ledger file is seen at once', async () => {
    const { dir, cleanup } = ledgerTempDir();
    after(cleanup);
    const path = join(dir, 'ledger.db');
    const store = openLedger({ path });
    importScenario(store, DEMO_SCENARIO);
    const { app, app0, ask } = setUp(store);
    const token = await issueToken((p, i) => Promise.resolve(app.request(p, i)), app0);
    const before = await ask(app, token);
    assert.equal(before.msgCd, 'KIOK0510');
    const other = openLedger({ path });
    const d = other.deposits(ACCOUNT)[0]!;
    other.putDeposit({ ...d, cash: (BigInt(d.cash.split('.')[0]!) + 7n).toString() });
    other.close();
    const afterWrite = await ask(app, token);
    assert.notEqual(afterWrite.text, before.text);
    assert.equal(JSON.parse(afterWrite.text).rt_cd, '0');
    store.close();
  });

  it('a changed app secret voids the kept authorization at once (EGW00105)', async () => {
    const store = openLedger();
    importScenario(store, DEMO_SCENARIO);
    const { app, app0, ask } = setUp(store);
    const token = await issueToken((p, i) => Promise.resolve(app.request(p, i)), app0);
    assert.equal((await ask(app, token)).msgCd, 'KIOK0510');
    store.putApp({ ...app0, appSecret: `${DEMO_REAL_APPSECRET.slice(0, -1)}y` });
    const refused = await ask(app, token);
    assert.notEqual(refused.status, 200);
    assert.match(refused.text, /"msg_cd":"EGW00(105|121)"/);
    store.close();
  });
});

describe('verified tokens kept until expiry or revocation', () => {
  it('a revoked token is refused on the very next request (EGW00121)', async () => {
    const store = openLedger();
    importScenario(store, DEMO_SCENARIO);
    const { app, app0, ask } = setUp(store);
    const token = await issueToken((p, i) => Promise.resolve(app.request(p, i)), app0);
    assert.equal((await ask(app, token)).msgCd, 'KIOK0510');
    assert.equal((await ask(app, token)).msgCd, 'KIOK0510'); // token, authorization and page kept
    const revoked = await app.request('/oauth2/revokeP', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ appkey: app0.appKey, appsecret: app0.appSecret, token }),
    });
    assert.equal(revoked.status, 200);
    const refused = await ask(app, token);
    assert.equal(refused.status, 500);
    assert.match(refused.text, /"msg_cd":"EGW00121"/);
    store.close();
  });

  it('an expired token is refused on the very next request (EGW00123)', async () => {
    const store = openLedger();
    importScenario(store, DEMO_SCENARIO);
    const { app, app0, ask, clock } = setUp(store);
    const token = await issueToken((p, i) => Promise.resolve(app.request(p, i)), app0);
    assert.equal((await ask(app, token)).msgCd, 'KIOK0510');
    const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp;
    clock.now = exp * 1000 - 1;
    assert.equal((await ask(app, token)).msgCd, 'KIOK0510');
    clock.now = exp * 1000;
    const refused = await ask(app, token);
    assert.equal(refused.status, 500);
    assert.match(refused.text, /"msg_cd":"EGW00123"/);
    store.close();
  });

  it('the registry forgets a revoked token and refuses it after the memo was warm', () => {
    const clock = { now: T0 };
    const tokens = new TokenRegistry({ clock: () => clock.now });
    const issued = tokens.issue({
      appKey: DEMO_REAL_APPKEY,
      appSecret: DEMO_REAL_APPSECRET,
      env: 'real',
      custtype: 'P',
      accounts: [],
    });
    assert.ok(issued.ok);
    const jwt = issued.token.accessToken;
    for (let i = 0; i < 3; i++) assert.ok(tokens.verify(jwt).ok);
    tokens.revoke(jwt);
    assert.deepEqual(tokens.verify(jwt), { ok: false, msgCd: 'EGW00121' });
    // A forged signature never enters the memo.
    const forged = `${jwt.slice(0, -2)}${jwt.endsWith('A') ? 'B' : 'A'}A`;
    assert.deepEqual(tokens.verify(forged), { ok: false, msgCd: 'EGW00121' });
  });
});
