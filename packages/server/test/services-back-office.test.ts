import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Decimal } from '@kisfo/protocol';
import {
  domesticInquireBalance,
  encodeBody,
  type MarginDetailCurrency,
  marginDetailCurrencies,
  overseasMarginDetail,
} from '@kisfo/protocol';
import { OVERSEAS_MARGIN_DETAIL_AMOUNT_FIELDS } from '@kisfo/risk';
import {
  type BackOfficeError,
  createBackOffice,
  DEMO_REAL_APPKEY,
  DEMO_SCENARIO,
  generateScenario,
  importScenario,
  openLedger,
} from '../src/index.js';

const DOM = { cano: '80012345', acntPrdtCd: '03' };
const OVS = { cano: '12345678', acntPrdtCd: '08' };

function demo() {
  const store = openLedger();
  importScenario(store, DEMO_SCENARIO);
  return createBackOffice(store);
}

test('apps and business date come from the ledger', () => {
  const bo = demo();
  assert.equal(bo.businessDate(), '20250320');
  const app = bo.findApp(DEMO_REAL_APPKEY);
  assert.equal(app?.env, 'real');
  // The real app also holds 12345678-09, the demo's account whose one-side policy is on.
  const oneSide = { cano: '12345678', acntPrdtCd: '09' };
  assert.deepEqual(
    app?.accounts,
    [OVS, oneSide, DOM].sort((a, b) =>
      a.cano === b.cano ? (a.acntPrdtCd < b.acntPrdtCd ? -1 : 1) : a.cano < b.cano ? -1 : 1,
    ),
  );
  assert.equal(bo.listApps().length, 2);
  assert.equal(bo.findApp('nope'), undefined);
});

test('domestic balance: every row, output2 identities of DESIGN.md, encodable', () => {
  const bo = demo();
  for (const mgnaDvsn of ['01', '02'] as const) {
    for (const exccStatCd of ['1', '2'] as const) {
      const r = bo.domesticBalance(DOM, { mgnaDvsn, exccStatCd });
      // One row per instrument held or traded today (start-of-day positions and fills).
      const touched = new Set(
        [...(DEMO_SCENARIO.positions ?? []), ...(DEMO_SCENARIO.fills ?? [])]
          .filter((x) => x.account === '80012345-03')
          .map((x) => x.instrument),
      );
      assert.deepEqual(new Set(r.output1.map((row) => row.shtn_pdno)), touched);
      const o = r.output2 as Record<string, Decimal>;
      const eq = (a: Decimal, b: Decimal, what: string) =>
        assert.ok(a.eq(b), `${what}: ${a} ≠ ${b}`);
      eq(o.tot_dncl_amt!, o.dnca_cash!.add(o.frcr_dncl_amt!).add(o.dnca_sbst!), 'tot_dncl_amt');
      eq(o.mgna_tota!, o.cash_mgna!.add(o.sbst_mgna!), 'mgna_tota');
      eq(
        o.nxdy_dnca!,
        o.dnca_cash!.add(o.thdt_dfpa!).add(o.rnwl_dfpa!).add(o.opt_dfpa!).sub(o.fee!),
        'nxdy_dnca',
      );
      eq(
        o.trad_pfls_amt_smtl!,
        o.futr_trad_pfls_amt!.add(o.opt_trad_pfls_amt!),
        'trad_pfls_amt_smtl',
      );
      eq(
        o.evlu_pfls_amt_smtl!,
        o.futr_evlu_pfls_amt!.add(o.opt_evlu_pfls_amt!),
        'evlu_pfls_amt_smtl',
      );
      eq(o.ord_psbl_tota!, o.ord_psbl_cash!.add(o.ord_psbl_sbst!), 'ord_psbl_tota');
      let pchs = o.pchs_amt_smtl!.sub(o.pchs_amt_smtl!);
      for (const row of r.output1) pchs = pchs.add(row.pchs_amt as Decimal);
      eq(o.pchs_amt_smtl!, pchs, 'pchs_amt_smtl');
      for (const k of ['thdt_dfpa', 'rnwl_dfpa', 'opt_dfpa', 'fee', 'mgna_tota']) {
        assert.ok(!o[k]!.isZero(), `${k} should be non-trivial in the demo`);
      }
      // mmga_tot_amt is 유지증거금총액: the maintenance requirement, shown in a margin call only
      // (it used to hold the order margin, which this test then asserted non-zero).
      assert.ok(o.add_mgna_tota!.isPositive() || o.mmga_tot_amt!.isZero(), 'mmga_tot_amt');
      const body = encodeBody(domesticInquireBalance, {
        rt_cd: '0',
        msg_cd: 'KIOK0510',
        msg1: '조회가 완료되었습니다',
        ctx_area_fk200: '',
        ctx_area_nk200: '',
        output1: r.output1,
        output2: r.output2,
      }) as { output2: Record<string, string> };
      assert.match(body.output2.nxdy_dnca!, /^-?\d+$/);
    }
  }
  const r = bo.domesticBalance(DOM, { mgnaDvsn: '01', exccStatCd: '1' });
  const closed = r.output1.find((x) => x.shtn_pdno === '105W06');
  assert.equal(closed?.sll_buy_dvsn_name, '');
  const fut = r.output1.find((x) => x.shtn_pdno === '101W06' && String(x.cblc_qty) !== '0');
  assert.equal(String(fut?.lqd_psbl_qty), '2', 'a pending closing order reduces lqd_psbl_qty');
});

test('overseas margin detail: every field for every CRCY_CD, roll-ups hold', () => {
  const bo = demo();
  const views = Object.keys(marginDetailCurrencies) as MarginDetailCurrency[];
  for (const crcyCd of views) {
    const r = bo.overseasMarginDetail(OVS, { crcyCd, inqrDt: '20250320' });
    const o = r.output as Record<string, Decimal>;
    for (const f of OVERSEAS_MARGIN_DETAIL_AMOUNT_FIELDS)
      assert.ok(o[f] !== undefined, `${crcyCd} ${f}`);
    assert.equal(r.currencyDecimals, ['TKR', 'JPY', 'VND'].includes(crcyCd) ? 0 : 2);
    assert.ok(
      o.fm_ustl_mgn_amt!.eq(
        o.fm_span_brkg_mgn_amt!.add(o.fm_eurx_brkg_mgn_amt!).add(o.fm_gnrl_brkg_mgn_amt!),
      ),
    );
    assert.ok(o.fm_brkg_mgn_amt!.eq(o.fm_ustl_mgn_amt!.add(o.fm_ord_mgn_amt!)));
    encodeBody(
      overseasMarginDetail,
      { rt_cd: '0', msg_cd: 'KIOK0510', msg1: '', output: r.output },
      {
        currencyDecimals: r.currencyDecimals,
      } as never,
    );
  }
  const tkr = bo.overseasMarginDetail(OVS, { crcyCd: 'TKR', inqrDt: '20250320' }).output as Record<
    string,
    Decimal
  >;
  for (const k of [
    'fm_span_brkg_mgn_amt',
    'fm_eurx_brkg_mgn_amt',
    'fm_gnrl_brkg_mgn_amt',
    'fm_futr_ord_mgn_amt',
    'fm_opt_buy_ord_amt',
    'fm_opt_sll_ord_mgn_amt',
  ]) {
    assert.ok(tkr[k]!.isPositive(), `${k} non-trivial`);
  }
  // A past date with FX rates answers too (orders are day orders: none then).
  const past = bo.overseasMarginDetail(OVS, { crcyCd: 'TKR', inqrDt: '20250319' }).output as Record<
    string,
    Decimal
  >;
  assert.ok(past.fm_ord_mgn_amt!.isZero());
});

test('errors: unknown account / wrong kind → OPSQ2000, future date → OPSQ2001, no FX → KIOK0560', () => {
  const bo = demo();
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return (e as BackOfficeError).msgCd;
    }
    return 'none';
  };
  assert.equal(
    code(() =>
      bo.domesticBalance(
        { cano: '99999999', acntPrdtCd: '01' },
        { mgnaDvsn: '01', exccStatCd: '1' },
      ),
    ),
    'OPSQ2000',
  );
  assert.equal(
    code(() => bo.domesticBalance(OVS, { mgnaDvsn: '01', exccStatCd: '1' })),
    'OPSQ2000',
  );
  assert.equal(
    code(() => bo.overseasMarginDetail(DOM, { crcyCd: 'TKR', inqrDt: '20250320' })),
    'OPSQ2000',
  );
  assert.equal(
    code(() => bo.overseasMarginDetail(OVS, { crcyCd: 'TKR', inqrDt: '20250321' })),
    'OPSQ2001',
  );
  assert.equal(
    code(() => bo.overseasMarginDetail(OVS, { crcyCd: 'TKR', inqrDt: '20250101' })),
    'KIOK0560',
  );
});

test('answers are cached per (account, version, query); a write invalidates', () => {
  const bo = demo();
  const q = { mgnaDvsn: '01', exccStatCd: '1' } as const;
  const a = bo.domesticBalance(DOM, q);
  for (let i = 0; i < 20; i++) bo.domesticBalance(DOM, q);
  assert.equal(bo.stats.computed, 1);
  assert.equal(bo.stats.hits, 20);
  bo.store.putDeposit({
    accountId: '80012345-03',
    currency: 'KRW',
    cash: '160000000',
    substitutes: '50000000',
  });
  const b = bo.domesticBalance(DOM, q);
  assert.notEqual(a.version, b.version);
  assert.equal(String(b.output2.dnca_cash), '160000000');
  assert.equal(bo.accountVersion(DOM), b.version);
});

test('a generated 10,000-position account computes once for all its pages', () => {
  const store = openLedger();
  importScenario(store, generateScenario({ positions: 10_000, accounts: 1, seed: 5 }));
  const bo = createBackOffice(store);
  const ref = { cano: '70000000', acntPrdtCd: '03' };
  const t0 = Date.now();
  const first = bo.domesticBalance(ref, { mgnaDvsn: '01', exccStatCd: '1' });
  const ms = Date.now() - t0;
  for (let page = 1; page < 500; page++)
    bo.domesticBalance(ref, { mgnaDvsn: '01', exccStatCd: '1' });
  assert.ok(first.output1.length >= 10_000);
  assert.equal(bo.stats.computed, 1);
  assert.ok(ms < 30_000, `took ${ms} ms`);
});
