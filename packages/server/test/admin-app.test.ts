import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createAdminApp,
  createBackOffice,
  DEMO_SCENARIO,
  exportScenario,
  importScenario,
  openLedger,
} from '../src/index.js';

function setup() {
  const store = openLedger();
  importScenario(store, DEMO_SCENARIO);
  return { store, app: createAdminApp(store) };
}
const json = (method: string, body: unknown) => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

test('GET /accounts/:id and /export read the ledger', async () => {
  const { app } = setup();
  const res = await app.request('/accounts/80012345-03');
  assert.equal(res.status, 200);
  const body = (await res.json()) as {
    positions: unknown[];
    orders: unknown[];
    businessDate: string;
  };
  assert.equal(body.businessDate, '20250320');
  assert.equal(body.positions.length, 7);
  assert.equal(body.orders.length, 3);
  assert.equal((await app.request('/accounts/00000000-00')).status, 404);
  const exp = (await (await app.request('/export')).json()) as { businessDate: string };
  assert.equal(exp.businessDate, '20250320');
});

test('POST /fills: idempotent, conflicts 409, bad input 400 with every path and nothing written', async () => {
  const { app, store } = setup();
  const fill = {
    id: 'A-1',
    account: '80012345-03',
    instrument: '101W06',
    side: 'buy',
    qty: 1,
    price: '345.50',
  };
  let res = await app.request('/fills', json('POST', { fills: [fill] }));
  assert.equal(res.status, 201);
  res = await app.request('/fills', json('POST', fill));
  assert.deepEqual(await res.json(), { results: [{ id: 'A-1', status: 'duplicate' }] });
  res = await app.request('/fills', json('POST', { ...fill, qty: 3 }));
  assert.equal(res.status, 409);
  const before = exportScenario(store);
  res = await app.request(
    '/fills',
    json('POST', {
      fills: [
        { ...fill, id: 'A-2' },
        { ...fill, id: 'A-3', price: 'abc', account: '1' },
      ],
    }),
  );
  assert.equal(res.status, 400);
  const { issues } = (await res.json()) as { issues: { path: string }[] };
  assert.deepEqual(issues.map((i) => i.path).sort(), ['fills[1].account', 'fills[1].price']);
  assert.deepEqual(exportScenario(store), before);
});

test('orders add and cancel; deposits, prices, FX change the answers', async () => {
  const { app, store } = setup();
  const bo = createBackOffice(store);
  const dom = { cano: '80012345', acntPrdtCd: '03' };
  const v0 = bo.accountVersion(dom);
  let res = await app.request(
    '/orders',
    json('POST', {
      id: 'N-1',
      account: '80012345-03',
      instrument: '101W09',
      side: 'buy',
      qty: 1,
      price: '346.00',
    }),
  );
  assert.equal(res.status, 201);
  assert.equal((await app.request('/orders/N-1/cancel', { method: 'POST' })).status, 200);
  assert.equal((await app.request('/orders/N-1/cancel', { method: 'POST' })).status, 409);
  assert.equal(store.getOrder('N-1')?.status, 'cancelled');
  res = await app.request(
    '/deposits',
    json('PUT', { account: '80012345-03', currency: 'KRW', cash: '1000' }),
  );
  assert.equal(res.status, 200);
  assert.equal(
    String(bo.domesticBalance(dom, { mgnaDvsn: '01', exccStatCd: '1' }).output2.dnca_cash),
    '1000',
  );
  res = await app.request(
    '/prices',
    json('PUT', { prices: [{ instrument: '101W06', price: '350.00', priorSettlement: '344.10' }] }),
  );
  assert.equal(res.status, 200);
  res = await app.request('/fx', json('PUT', { date: '20250321', rates: { USD: '1372.5' } }));
  assert.equal(res.status, 200);
  res = await app.request('/fx', json('PUT', { rates: { USD: '-1', usd: 'x' } }));
  assert.equal(res.status, 400);
  assert.notEqual(bo.accountVersion(dom), v0);
});

test('POST /business-day/advance settles the day and carries positions', async () => {
  const { app, store } = setup();
  const bo = createBackOffice(store);
  const dom = { cano: '80012345', acntPrdtCd: '03' };
  const before = bo.domesticBalance(dom, { mgnaDvsn: '01', exccStatCd: '1' }).output2;
  const res = await app.request('/business-day/advance', json('POST', {}));
  assert.equal(res.status, 200);
  const r = (await res.json()) as { to: string; expiredOrders: number };
  assert.equal(r.to, '20250321');
  assert.equal(r.expiredOrders, 7);
  assert.equal(store.businessDate(), '20250321');
  const after = bo.domesticBalance(dom, { mgnaDvsn: '01', exccStatCd: '1' }).output2;
  // Yesterday's next-day cash is today's cash; nothing was traded yet today.
  assert.equal(String(after.dnca_cash), String(before.nxdy_dnca));
  assert.equal(String(after.thdt_dfpa), '0');
  assert.equal(store.positions('80012345-03', '20250321').length, 7);
  const ovs = bo.overseasMarginDetail(
    { cano: '12345678', acntPrdtCd: '08' },
    { crcyCd: 'TKR', inqrDt: '20250321' },
  );
  assert.ok(String(ovs.output.fm_ustl_mgn_amt) !== '0');
  const bad = await app.request('/business-day/advance', json('POST', { nextDate: '20250301' }));
  assert.equal(bad.status, 400);
});

test('a write that would leave an account uncomputable is refused whole, naming the item', async () => {
  const { app, store } = setup();
  const bo = createBackOffice(store);
  const dom = { cano: '80012345', acntPrdtCd: '03' };
  const query = { mgnaDvsn: '01', exccStatCd: '1' } as const;
  const answer = JSON.stringify(bo.domesticBalance(dom, query));
  const before = exportScenario(store);
  const priced = new Set(store.prices(store.businessDate()!).map((p) => p.instrument));
  // A real KOSPI200 futures series the ledger has no price for.
  const unpriced = ['101W09', '101W12', '101X03', '101X06'].find((code) => !priced.has(code))!;
  const res = await app.request(
    '/fills',
    json('POST', {
      fills: [
        {
          id: 'OK-1',
          account: '80012345-03',
          instrument: '101W06',
          side: 'buy',
          qty: 1,
          price: '345.50',
        },
        {
          id: 'NP-1',
          account: '80012345-03',
          instrument: unpriced,
          side: 'buy',
          qty: 1,
          price: '345.50',
        },
      ],
    }),
  );
  assert.equal(res.status, 400);
  const { issues } = (await res.json()) as { issues: { path: string; message: string }[] };
  assert.deepEqual(
    issues.map((i) => i.path),
    ['fills[0]'],
    'the account is named at its first item of the write',
  );
  assert.match(issues[0]!.message, /80012345-03/);
  assert.deepEqual(exportScenario(store), before);
  assert.equal(JSON.stringify(bo.domesticBalance(dom, query)), answer);
});
