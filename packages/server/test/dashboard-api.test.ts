import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  computeDomesticBalance,
  computeOverseasMarginDetail,
  type DomesticBalanceInput,
  domesticWhatIf,
  marginFiguresToStrings,
  type OverseasMarginDetailInput,
  type OverseasPositionInput,
} from '@kisfo/risk';
import {
  createAdminApp,
  createBackOffice,
  createDashboardApp,
  DEMO_SCENARIO,
  importScenario,
  openLedger,
} from '../src/index.js';

const ADMIN = 'admin-token-for-tests';
const auth = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
const D = '80012345-03';
const O = '12345678-08';

function setup(assetsDir?: string) {
  const store = openLedger();
  importScenario(store, DEMO_SCENARIO);
  const bo = createBackOffice(store);
  const d = createDashboardApp({
    backOffice: bo,
    adminToken: ADMIN,
    watch: { intervalMs: 20 },
    ...(assetsDir === undefined ? {} : { assetsDir }),
  });
  return { store, bo, d, admin: createAdminApp(store) };
}
/** JSON round trip, as a browser sees it. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const post = (token: string, body: unknown) => ({
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

test('the API answers 401 without a token; the overview lists the ledger accounts, date and envs', async () => {
  const { d } = setup();
  assert.equal((await d.app.request('/api/overview')).status, 401);
  assert.equal((await d.app.request('/api/overview', auth('wrong'))).status, 401);
  const res = await d.app.request('/api/overview', auth(ADMIN));
  assert.equal(res.status, 200);
  const o = (await res.json()) as {
    businessDate: string;
    accounts: { id: string; kind: string; envs: string[] }[];
  };
  assert.equal(o.businessDate, DEMO_SCENARIO.businessDate);
  assert.deepEqual(o.accounts.map((a) => [a.id, a.kind, a.envs.join()]).sort(), [
    ['12345678-08', 'overseas', 'real'],
    // The demo's overseas account whose one-side liquidation policy is on.
    ['12345678-09', 'overseas', 'real'],
    ['50012345-01', 'domestic', 'paper'],
    ['80012345-03', 'domestic', 'real'],
  ]);
  d.close();
});

test('a one-time link code buys one session token; sessions read but cannot mint links', async () => {
  const { d } = setup();
  const code = new URL(`http://x${d.link()}`).hash.replace('#code=', '');
  const r1 = await d.app.request('/api/session', post('', { code }));
  assert.equal(r1.status, 201);
  const { token } = (await r1.json()) as { token: string };
  assert.equal((await d.app.request('/api/session', post('', { code }))).status, 401);
  assert.equal((await d.app.request('/api/overview', auth(token))).status, 200);
  assert.equal((await d.app.request('/api/links', post(token, {}))).status, 401);
  const minted = await d.app.request('/api/links', post(ADMIN, {}));
  assert.equal(minted.status, 201);
  assert.match(((await minted.json()) as { path: string }).path, /^\/kisfo\/dashboard\/#code=/);
  d.close();
});

test('domestic view: the inquiry figures, and its engine input recomputes them to the won', async () => {
  const { d, bo } = setup();
  for (const [mgnaDvsn, exccStatCd] of [
    ['01', '1'],
    ['02', '2'],
  ] as const) {
    const res = await d.app.request(
      `/api/accounts/${D}/domestic?mgnaDvsn=${mgnaDvsn}&exccStatCd=${exccStatCd}`,
      auth(ADMIN),
    );
    assert.equal(res.status, 200);
    const v = (await res.json()) as {
      output1: Record<string, string>[];
      output2: Record<string, string>;
      scan: { group: string; scenarios: { pnl: number }[]; worst: number; worstLoss: string }[];
      input: DomesticBalanceInput;
    };
    const inquiry = bo.domesticBalance(
      { cano: '80012345', acntPrdtCd: '03' },
      { mgnaDvsn, exccStatCd },
    );
    assert.deepEqual(v.output2, plain(inquiry.output2));
    assert.deepEqual(v.output1, plain(inquiry.output1));
    // The what-if starting figures are the inquiry's own at both margin levels.
    const at = (m: '01' | '02') =>
      bo.domesticBalance({ cano: '80012345', acntPrdtCd: '03' }, { mgnaDvsn: m, exccStatCd })
        .output2;
    assert.deepEqual((v as unknown as { figures: unknown }).figures, {
      initial: String(at('01').mgna_tota),
      maintenance: String(at('02').mgna_tota),
      orderable: String(at('01').ord_psbl_tota),
      marginCall: String(at('01').add_mgna_tota),
    });
    // What a browser does with the input: the same summary, every field.
    assert.deepEqual(plain(computeDomesticBalance(v.input).output2), v.output2);
    assert.ok(v.scan.length > 0);
    for (const g of v.scan) {
      const worst = Math.min(...g.scenarios.map((s) => s.pnl));
      assert.equal(g.scenarios[g.worst]!.pnl, worst);
    }
  }
  d.close();
});

test('domestic view ?rows=N: the first rows for a fast first paint, the same figures, no input', async () => {
  const { d } = setup();
  const full = (await (await d.app.request(`/api/accounts/${D}/domestic`, auth(ADMIN))).json()) as {
    output1: unknown[];
    output2: unknown;
  };
  const res = await d.app.request(`/api/accounts/${D}/domestic?rows=2`, auth(ADMIN));
  assert.equal(res.status, 200);
  const head = (await res.json()) as Record<string, unknown> & { output1: unknown[] };
  assert.deepEqual(head.output1, full.output1.slice(0, 2));
  assert.equal(head.rowCount, full.output1.length);
  assert.deepEqual(head.output2, full.output2);
  assert.equal('input' in head, false);
  const bad = await d.app.request(`/api/accounts/${D}/domestic?rows=-1`, auth(ADMIN));
  assert.equal(bad.status, 400);
  d.close();
});

test('overseas view: the margin detail per view, the breakdown, scenario arrays and input', async () => {
  const { d, bo } = setup();
  for (const crcyCd of ['TKR', 'USD', 'TUS'] as const) {
    const res = await d.app.request(`/api/accounts/${O}/overseas?crcyCd=${crcyCd}`, auth(ADMIN));
    assert.equal(res.status, 200);
    const v = (await res.json()) as {
      output: Record<string, unknown>;
      classes: {
        method: string;
        inView: boolean;
        viewRisk: { initial: { total: string } } | null;
      }[];
      scenarios: { method: string; losses: number[] }[];
      input: OverseasMarginDetailInput;
    };
    const inquiry = bo.overseasMarginDetail(
      { cano: '12345678', acntPrdtCd: '08' },
      { crcyCd, inqrDt: DEMO_SCENARIO.businessDate },
    );
    assert.deepEqual(v.output, plain(inquiry.output));
    assert.deepEqual(plain(computeOverseasMarginDetail(v.input)), v.output);
    // SPAN class totals in the view add up to the SPAN initial margin.
    const span = v.classes
      .filter((c) => c.method === 'span' && c.inView && c.viewRisk !== null)
      .reduce((a, c) => a + Number(c.viewRisk!.initial.total), 0);
    assert.ok(Math.abs(span - Number(v.output.fm_span_brkg_mgn_amt)) < 0.005 * v.classes.length);
    assert.ok(v.scenarios.some((s) => s.method === 'eurex'));
    for (const s of v.scenarios) {
      if (s.method === 'span') assert.equal(s.losses.length, 16);
      else assert.equal(s.losses.length % 2, 1);
    }
  }
  const bad = await d.app.request(`/api/accounts/${O}/overseas?crcyCd=XXX`, auth(ADMIN));
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { issues: { path: string }[] }).issues[0]!.path, 'crcyCd');
  assert.equal((await d.app.request(`/api/accounts/${D}/overseas`, auth(ADMIN))).status, 404);
  assert.equal((await d.app.request('/api/accounts/0-0/domestic', auth(ADMIN))).status, 404);
  d.close();
});

test('what-if answers from the engine and writes nothing; bad positions get 400 with the path', async () => {
  const { d, store } = setup();
  const view = (await (await d.app.request(`/api/accounts/${D}/domestic`, auth(ADMIN))).json()) as {
    input: DomesticBalanceInput;
  };
  const version = store.accountVersion(D);
  const book = [
    ...view.input.account.positions,
    {
      pdno: '101W06',
      side: 'long' as const,
      qty: 3,
      avgPrice: '345.85',
      priorSettlement: '345.85',
    },
  ];
  const res = await d.app.request(`/api/accounts/${D}/what-if`, post(ADMIN, { positions: book }));
  assert.equal(res.status, 200);
  const w = (await res.json()) as Record<string, Record<string, string>>;
  const local = domesticWhatIf(view.input, book);
  assert.deepEqual(w.before, marginFiguresToStrings(local.before));
  assert.deepEqual(w.after, marginFiguresToStrings(local.after));
  assert.notEqual(w.change!.initial, '0');
  assert.equal(store.accountVersion(D), version);

  const ov = (await (
    await d.app.request(`/api/accounts/${O}/overseas?crcyCd=USD`, auth(ADMIN))
  ).json()) as {
    input: OverseasMarginDetailInput;
  };
  const same = await d.app.request(
    `/api/accounts/${O}/what-if`,
    post(ADMIN, { crcyCd: 'USD', positions: ov.input.positions as OverseasPositionInput[] }),
  );
  const s = (await same.json()) as Record<string, Record<string, string>>;
  for (const v of Object.values(s.change!)) assert.equal(Number(v), 0);

  const badQty = await d.app.request(
    `/api/accounts/${D}/what-if`,
    post(ADMIN, { positions: [{ pdno: '101W06', side: 'long', qty: -1, avgPrice: '1' }] }),
  );
  assert.equal(badQty.status, 400);
  assert.match(
    ((await badQty.json()) as { issues: { path: string }[] }).issues[0]!.path,
    /positions\[0\]\.qty/,
  );
  d.close();
});

test('the event stream reports an admin-API write and a business-day advance with their time', async () => {
  const { d, admin } = setup();
  const res = await d.app.request('/api/events', auth(ADMIN));
  assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  const next = async (event: string) => {
    for (;;) {
      const m = new RegExp(`event: ${event}\\ndata: (.*)\\n\\n`).exec(buf);
      if (m) {
        buf = buf.slice(m.index + m[0].length);
        return JSON.parse(m[1]!);
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buf += dec.decode(value);
    }
  };
  assert.equal((await next('hello')).businessDate, DEMO_SCENARIO.businessDate);
  const before = Date.now();
  const put = await admin.request('/deposits', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: D, currency: 'KRW', cash: '123456789' }),
  });
  assert.equal(put.status, 200);
  const change = await next('ledger');
  assert.deepEqual(change.accounts, [D]);
  assert.ok(Date.parse(change.changedAt) >= before - 1000);
  const adv = await admin.request('/business-day/advance', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(adv.status, 200);
  const day = await next('ledger');
  assert.notEqual(day.businessDate, DEMO_SCENARIO.businessDate);
  d.close();
  assert.equal((await reader.read()).done, true);
});

test('static assets: index for the page, hashed assets, no way out of the folder, CSP on every answer', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kisfo-dash-'));
  try {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(tmpdir(), 'kisfo-dash-secret.txt'), 'x');
    const { d } = setup(dir);
    const page = await d.app.request('/');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal((await d.app.request('/accounts/80012345-03')).status, 200);
    assert.equal((await d.app.request('/..%2fkisfo-dash-secret.txt')).status, 404);
    assert.equal((await d.app.request('/assets/missing.js')).status, 404);
    d.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'kisfo-dash-secret.txt'), { force: true });
  }
});
