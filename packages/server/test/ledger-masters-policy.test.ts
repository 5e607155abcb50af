// Instrument masters and account policies in the SQLite ledger: a scenario's `masters` (or
// importMasterRows) make master-only products resolve in the balance with KIS's names; an
// account's one-side liquidation policy is off by default and, when on, reported beside the
// netted figure. Both survive export → import.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import { decodeCp949, KrxMasterError, parseKisMasterText } from '@kisfo/risk';
import {
  createAdminApp,
  createBackOffice,
  exportScenario,
  importMasterRows,
  importScenario,
  loadScenarioFile,
  openLedger,
  type Scenario,
  validateScenario,
} from '../src/index.js';
import { ledgerTempDir } from './ledger-helpers.js';

const fixtures = new URL('../../risk/test/fixtures/masters/', import.meta.url);
const lines = (file: string) =>
  decodeCp949(readFileSync(new URL(file, fixtures)))
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l !== '');

const ES = (m: string) => `CME:ES:${m}`;
function scenario(policy?: boolean): Scenario {
  return {
    version: 1,
    businessDate: '20250320',
    apps: [],
    accounts: [
      { id: '80012345-03', kind: 'domestic', cash: { KRW: '1000000000' } },
      {
        id: '12345678-08',
        kind: 'overseas',
        cash: { USD: '100000.00' },
        ...(policy === undefined ? {} : { oneSideLiquidation: policy }),
      },
      { id: '12345678-09', kind: 'overseas', cash: { USD: '100000.00' } },
    ],
    fx: { '20250320': { USD: '1370.00' } },
    prices: [
      { instrument: '1A1603', price: '195000', priorSettlement: '190000' },
      { instrument: '147603', price: '2510.2', priorSettlement: '2500.0' },
    ],
    underlyings: [
      { group: 'STK-000660', level: '195000', vol: '0.3' },
      { group: 'IDX-K2HC', level: '2510.2', vol: '0.2' },
    ],
    positions: [
      { account: '80012345-03', instrument: '1A1603', side: 'long', qty: 3, avgPrice: '190000' },
      { account: '80012345-03', instrument: '147603', side: 'short', qty: 1, avgPrice: '2500.0' },
      ...['12345678-08', '12345678-09'].flatMap((account) => [
        { account, instrument: ES('202506'), side: 'long' as const, qty: 1, avgPrice: '5290.25' },
        { account, instrument: ES('202509'), side: 'short' as const, qty: 1, avgPrice: '5342.50' },
      ]),
    ],
    risk: {
      overseas: 'sample',
      krxMargin: {
        pricePoints: 31,
        rate: 0.035,
        dividendYield: 0.015,
        cashRatio: '0.5',
        rounding: 'ceil',
        groups: ['STK-000660', 'IDX-K2HC'].map((group) => ({
          group,
          initial: {
            priceRange: '0.15',
            spreadRate: '0',
            shortOptionMinimumRate: '0',
            deliveryRate: '0',
            groupMinimum: '0',
          },
          maintenance: {
            priceRange: '0.1',
            spreadRate: '0',
            shortOptionMinimumRate: '0',
            deliveryRate: '0',
            groupMinimum: '0',
          },
          volShift: 0.25,
          optionAdjustmentRate: 0.3,
          deliveryWindowDays: 0,
        })),
      },
    },
    masters: [
      { file: 'fo_idx_code_mts.mst', lines: lines('fo_idx_code_mts.mst') },
      { file: 'fo_stk_code_mts.mst', lines: lines('fo_stk_code_mts.mst') },
    ],
  };
}

test('a migration adds masters and account policies (schema 2)', () => {
  const s = openLedger();
  assert.ok(s.schemaVersion() >= 2);
  s.close();
});

test("a scenario's masters make their products resolve, with KIS's names and hand-checked amounts", () => {
  const store = openLedger();
  const summary = importScenario(store, scenario());
  // 10 index rows (monthly, weekly, KOSDAQ150 option) + 4 stock rows in the sample masters.
  assert.equal(summary.masters, 14);
  const bo = createBackOffice(store);
  const bal = bo.domesticBalance(
    { cano: '80012345', acntPrdtCd: '03' },
    { mgnaDvsn: '01', exccStatCd: '1' },
  );
  const hynix = bal.output1.find((r) => r.shtn_pdno === '1A1603')!;
  assert.equal(hynix.prdt_name, 'SK하이닉스 F 202603');
  assert.ok((hynix.pchs_amt as Decimal).eq(Decimal.from(3 * 190000 * 10)));
  assert.ok((hynix.evlu_amt as Decimal).eq(Decimal.from(3 * 195000 * 10)));
  const hc = bal.output1.find((r) => r.shtn_pdno === '147603')!;
  assert.equal(hc.prdt_name, '코스피200 헬스케어 F 202603');
  // Short: evlu_pfls = pchs − evlu = (2500.0 − 2510.2) × 10,000.
  assert.ok((hc.evlu_pfls_amt as Decimal).eq(Decimal.from(-102000)));
  // Round trip: export holds the masters, and a re-import gives the same balance.
  const doc = exportScenario(store);
  assert.equal(doc.masters?.length, 2);
  const again = openLedger();
  importScenario(again, JSON.parse(JSON.stringify(doc)));
  const bal2 = createBackOffice(again).domesticBalance(
    { cano: '80012345', acntPrdtCd: '03' },
    { mgnaDvsn: '01', exccStatCd: '1' },
  );
  assert.deepEqual(
    bal2.output1.map((r) => [r.prdt_name, String(r.evlu_amt)]),
    bal.output1.map((r) => [r.prdt_name, String(r.evlu_amt)]),
  );
});

test('without the master the same scenario is refused, naming the position', () => {
  const s = scenario();
  delete s.masters;
  const issues = validateScenario(s).map((i) => `${i.path}: ${i.message}`);
  assert.ok(
    issues.some((i) => /^positions\[0\]\.instrument: unknown KRX code .*"1A1"/.test(i)),
    issues.join('\n'),
  );
  const broken = scenario();
  (broken.masters![1] as { lines: string[] }).lines.push('1|bad');
  const msgs = validateScenario(broken).map((i) => `${i.path}: ${i.message}`);
  assert.ok(
    msgs.includes(
      'masters[1].lines[4]: fo_stk_code_mts.mst line 5: expected 9 |-separated columns, got 2',
    ),
    msgs.join('\n'),
  );
});

test('importMasterRows is all or nothing and names the row', () => {
  const store = openLedger();
  importScenario(store, scenario());
  const before = store.masterRows!().length;
  const rows = parseKisMasterText(
    'fo_com_code.mst',
    `X11Z9603   KR41Z9630006${'기타 F 202603'.padEnd(32)}   000000001ZZZ기타\n`,
  );
  assert.throws(() => importMasterRows(store, rows), KrxMasterError);
  assert.equal(store.masterRows!().length, before);
  const ok = parseKisMasterText('fo_com_code.mst', lines('fo_com_code.mst').join('\n'));
  // 9 rows of fo_com_code.mst (KTB 3/5/10y, USD/JPY/EUR/CNH, lean hog, gold): 10 index + 4 stock
  // + 9 commodity/rates/FX products resolve.
  assert.deepEqual(importMasterRows(store, ok), { rows: 9, products: 10 + 4 + 9 });
});

test('one-side liquidation: off by default, per account, reported beside the netted figure', () => {
  const off = createBackOffice(openLedger());
  importScenario(off.store, scenario());
  const on = createBackOffice(openLedger());
  importScenario(on.store, scenario(true));
  const q = { crcyCd: 'USD' as const, inqrDt: '20250320' };
  const std = off.overseasMarginDetail({ cano: '12345678', acntPrdtCd: '08' }, q);
  const pol = on.overseasMarginDetail({ cano: '12345678', acntPrdtCd: '08' }, q);
  const other = on.overseasMarginDetail({ cano: '12345678', acntPrdtCd: '09' }, q);
  assert.equal(std.oneSide, undefined);
  assert.equal(other.oneSide, undefined, 'an account without the policy is standard');
  const m = (r: typeof std) => r.output.fm_span_mntn_mgn_amt as Decimal;
  assert.ok(m(std).eq(m(other)));
  // The 1×1 ES calendar: standard SPAN credits the spread; the policy charges one leg naked.
  assert.ok(m(pol).gt(m(std).mul(10)), `${m(pol)} vs ${m(std)}`);
  assert.equal(pol.oneSide!.nettedMaintenance, m(std).toFixed(2));
  assert.equal(pol.oneSide!.oneSideMaintenance, m(pol).toFixed(2));
  assert.deepEqual(pol.oneSide!.appliedTo, ['CME:ES']);
  const doc = exportScenario(on.store);
  assert.equal(doc.accounts.find((a) => a.id === '12345678-08')?.oneSideLiquidation, true);
  assert.equal(doc.accounts.find((a) => a.id === '12345678-09')?.oneSideLiquidation, undefined);
  const bad = scenario();
  (bad.accounts[0] as { oneSideLiquidation?: boolean }).oneSideLiquidation = true;
  assert.ok(
    validateScenario(bad).some(
      (i) =>
        i.path === 'accounts[0].oneSideLiquidation' && /overseas accounts only/.test(i.message),
    ),
  );
});

test('a scenario file names its masters by path (CP949 files beside it)', async () => {
  const { dir, cleanup } = ledgerTempDir();
  const s = scenario();
  s.masters = [
    { path: new URL('fo_idx_code_mts.mst', fixtures).pathname },
    { path: new URL('fo_stk_code_mts.mst', fixtures).pathname },
  ];
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(s));
  const loaded = await loadScenarioFile(file);
  const store = openLedger();
  assert.equal(importScenario(store, loaded).masters, 14);
  store.close();
  cleanup();
});

test('the admin API sets the policy per account, and the next answer follows it', async () => {
  const bo = createBackOffice(openLedger());
  importScenario(bo.store, scenario());
  const admin = createAdminApp(bo.store);
  const ref = { cano: '12345678', acntPrdtCd: '08' };
  const q = { crcyCd: 'USD' as const, inqrDt: '20250320' };
  assert.equal(bo.overseasMarginDetail(ref, q).oneSide, undefined);
  const put = (id: string, body: unknown) =>
    admin.request(`/accounts/${id}/policy`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const res = await put('12345678-08', { oneSideLiquidation: true });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {
    policy: { accountId: '12345678-08', oneSideLiquidation: true },
  });
  assert.deepEqual(bo.overseasMarginDetail(ref, q).oneSide?.appliedTo, ['CME:ES']);
  const bad = await put('80012345-03', { oneSideLiquidation: true });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(await bad.json()), /overseas accounts only/);
  assert.equal((await put('99999999-01', { oneSideLiquidation: true })).status, 404);
  const got = (await (await admin.request('/accounts/12345678-08')).json()) as {
    policy: { oneSideLiquidation: boolean };
  };
  assert.equal(got.policy.oneSideLiquidation, true);
});

test("a product no built-in rule covers resolves from the scenario's own rule (no code change)", () => {
  const line = `X11Z9603   KR41Z9630006${'기타상품 F 202603'.padEnd(32)}   000000001ZZZ기타상품`;
  const s = scenario();
  s.masters!.push({ file: 'fo_com_code.mst', lines: [line] });
  s.prices!.push({ instrument: '1Z9603', price: '101.5', priorSettlement: '100.0' });
  s.underlyings!.push({ group: 'OTHER', level: '101.5', vol: '0.1' });
  s.positions!.push({
    account: '80012345-03',
    instrument: '1Z9603',
    side: 'long',
    qty: 2,
    avgPrice: '100.0',
  });
  const margin = s.risk!.krxMargin as unknown as { groups: { group: string }[] };
  margin.groups.push({ ...margin.groups[0]!, group: 'OTHER' });
  // Without a rule: refused, naming the master row.
  const issues = validateScenario(s).map((i) => `${i.path}: ${i.message}`);
  assert.ok(
    issues.some((i) =>
      /^masters: fo_com_code\.mst line 1 \(1Z9603 기타상품 F 202603\): no product rule/.test(i),
    ),
    issues.join('\n'),
  );
  s.risk!.krxProductRules = [
    {
      family: 'Example product',
      match: { productCodes: ['1Z9'] },
      group: 'OTHER',
      multiplier: '5000',
      tickBands: [{ from: '0', tick: '0.5' }],
      settlement: 'cash',
      expiryRule: 'second-thursday',
      source: 'test rule',
    },
  ];
  const store = openLedger();
  importScenario(store, s);
  const bal = createBackOffice(store).domesticBalance(
    { cano: '80012345', acntPrdtCd: '03' },
    { mgnaDvsn: '01', exccStatCd: '1' },
  );
  const row = bal.output1.find((r) => r.shtn_pdno === '1Z9603')!;
  assert.equal(row.prdt_name, '기타상품 F 202603');
  assert.ok((row.evlu_pfls_amt as Decimal).eq(Decimal.from(2 * 1.5 * 5000)));
  assert.deepEqual(exportScenario(store).risk?.krxProductRules, s.risk!.krxProductRules);
  const bad = scenario();
  bad.risk!.krxProductRules = [{ family: 'x' } as never];
  assert.ok(validateScenario(bad).some((i) => i.path === 'risk.krxProductRules[0].multiplier'));
});
