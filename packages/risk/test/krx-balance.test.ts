import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import fc from 'fast-check';
import { computeDomesticBalance, type DomesticBalanceInput, parseKrxCode } from '../src/index.js';
import { accountArb, MARKET } from './krx-helpers.js';

const fixture = JSON.parse(
  readFileSync(
    new URL('../../../fixtures/kis/domestic-inquire-balance.example.json', import.meta.url),
    'utf8',
  ),
);
const body = fixture.response.body;
const row0 = body.output1[0];
const out2 = body.output2;

describe('computeDomesticBalance: KIS example', () => {
  // Inputs come from the fixture: one carried long position, its prior settlement (excc_unpr in
  // 정산 mode), today's price, the deposits and — where the example gives them — the margins.
  const ins = parseKrxCode(row0.pdno, 2022);
  const input: DomesticBalanceInput = {
    account: {
      cano: fixture.request.query.CANO,
      acntPrdtCd: fixture.request.query.ACNT_PRDT_CD,
      dnca_cash: out2.dnca_cash,
      frcr_dncl_amt: out2.frcr_dncl_amt,
      dnca_sbst: out2.dnca_sbst,
      positions: [
        {
          pdno: row0.pdno,
          side: 'long',
          qty: Number(row0.cblc_qty),
          avgPrice: row0.ccld_avg_unpr1,
          priorSettlement: row0.excc_unpr,
        },
      ],
      fills: [],
      orders: [],
    },
    market: {
      asOf: '2022-11-15',
      quotes: [{ pdno: row0.shtn_pdno, price: row0.idx_clpr }],
      underlyings: [{ group: ins.spec.group, level: row0.idx_clpr, vol: 0.2 }],
    },
    mgnaDvsn: fixture.request.query.MGNA_DVSN,
    exccStatCd: fixture.request.query.EXCC_STAT_CD,
    marginOverride: { cash_mgna: out2.cash_mgna, sbst_mgna: out2.sbst_mgna },
  };
  const bal = computeDomesticBalance(input);

  it('reproduces the output1 row', () => {
    assert.equal(bal.output1.length, 1);
    const r = bal.output1[0]!;
    for (const k of [
      'cano',
      'acnt_prdt_cd',
      'pdno',
      'prdt_type_cd',
      'shtn_pdno',
      'prdt_name',
      'sll_buy_dvsn_cd',
      'trad_dvsn_name',
      'cblc_qty',
      'excc_unpr',
      'ccld_avg_unpr1',
      'idx_clpr',
      'pchs_amt',
      'evlu_amt',
      'evlu_pfls_amt',
      'trad_pfls_amt',
      'lqd_psbl_qty',
    ] as const) {
      assert.equal(String(r[k]), row0[k], k);
    }
    assert.equal(r.sll_buy_dvsn_name, row0.trad_dvsn_name);
  });

  it('reproduces the output2 figures its inputs determine', () => {
    const o = bal.output2;
    for (const k of [
      'dnca_cash',
      'frcr_dncl_amt',
      'dnca_sbst',
      'tot_dncl_amt',
      'cash_mgna',
      'sbst_mgna',
      'mgna_tota',
      'opt_dfpa',
      'thdt_dfpa',
      'fee',
      'pprt_ord_psbl_cash',
      'add_mgna_cash',
      'add_mgna_tota',
      'futr_trad_pfls_amt',
      'opt_trad_pfls_amt',
      'futr_evlu_pfls_amt',
      'opt_evlu_pfls_amt',
      'trad_pfls_amt_smtl',
      'evlu_pfls_amt_smtl',
      'wdrw_psbl_tot_amt',
      'ord_psbl_cash',
      'ord_psbl_sbst',
      'ord_psbl_tota',
      'mmga_tot_amt',
      'mmga_cash_amt',
      'mtnc_rt',
      'isfc_amt',
      'pchs_amt_smtl',
      'evlu_amt_smtl',
    ] as const) {
      assert.equal(o[k].toString(), out2[k], k);
    }
    // The example's rnwl_dfpa is demo data; with it, the nxdy/prsm identities hold as documented.
    assert.equal(Decimal.parse(out2.dnca_cash).add(out2.rnwl_dfpa).toString(), out2.nxdy_dnca);
    assert.equal(o.nxdy_dnca.toString(), o.dnca_cash.add(o.rnwl_dfpa).toString());
    assert.equal(o.rnwl_dfpa.toString(), '-1237500');
  });

  it('has every output2 field of the seed document', () => {
    const seedFields = Object.keys(out2).filter(
      (k) => !['mmga_tot_amt', 'mmga_cash_amt', 'mtnc_rt', 'isfc_amt'].includes(k),
    );
    for (const k of [...seedFields, 'nxdy_dncl_amt', 'prsm_dpast_amt', 'tot_ccld_amt']) {
      assert.ok(k in bal.output2, k);
    }
  });
});

const base = (
  acct: {
    positions: DomesticBalanceInput['account']['positions'];
    fills: DomesticBalanceInput['account']['fills'];
  },
  mode: '1' | '2',
  dvsn: '01' | '02',
  cash: number,
  sbst: number,
): DomesticBalanceInput => ({
  account: {
    dnca_cash: String(cash),
    frcr_dncl_amt: '0',
    dnca_sbst: String(sbst),
    positions: acct.positions,
    fills: acct.fills,
    orders: [],
  },
  market: MARKET,
  mgnaDvsn: dvsn,
  exccStatCd: mode,
});

describe('computeDomesticBalance: documented identities on generated accounts', () => {
  it('hold in both settlement modes and both margin levels', () => {
    fc.assert(
      fc.property(
        accountArb,
        fc.constantFrom('1' as const, '2' as const),
        fc.constantFrom('01' as const, '02' as const),
        fc.integer({ min: 0, max: 3_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        (acct, mode, dvsn, cash, sbst) => {
          const { output1, output2: o } = computeDomesticBalance(
            base(acct, mode, dvsn, cash, sbst),
          );
          const sum = (f: (r: (typeof output1)[number]) => Decimal) => Decimal.sum(output1.map(f));
          for (const r of output1) {
            const mult = parseKrxCode(r.pdno, 2022).multiplier;
            assert.ok(r.pchs_amt.eq(r.excc_unpr.mul(r.cblc_qty).mul(mult).round(0, 'down')));
            assert.ok(r.evlu_amt.eq(r.idx_clpr.mul(r.cblc_qty).mul(mult).round(0, 'down')));
            const long = r.sll_buy_dvsn_name === '매수';
            if (r.cblc_qty.isZero()) assert.equal(r.sll_buy_dvsn_name, '');
            assert.ok(
              r.evlu_pfls_amt.eq(long ? r.evlu_amt.sub(r.pchs_amt) : r.pchs_amt.sub(r.evlu_amt)),
            );
            if (mode === '2') assert.ok(r.excc_unpr.eq(r.ccld_avg_unpr1));
            assert.ok(r.lqd_psbl_qty.eq(r.cblc_qty));
          }
          const keys = output1.map((r) => `${r.pdno}|${r.sll_buy_dvsn_cd}`);
          assert.deepEqual(
            keys,
            [...keys].sort((a, b) =>
              a.split('|')[0]! < b.split('|')[0]!
                ? -1
                : a.split('|')[0]! > b.split('|')[0]!
                  ? 1
                  : 0,
            ),
          );
          const isFut = (r: (typeof output1)[number]) =>
            parseKrxCode(r.pdno, 2022).spec.kind === 'future';
          assert.ok(o.tot_dncl_amt.eq(o.dnca_cash.add(o.frcr_dncl_amt).add(o.dnca_sbst)));
          assert.ok(o.mgna_tota.eq(o.cash_mgna.add(o.sbst_mgna)));
          assert.ok(o.mgna_tota.gte(0) && o.cash_mgna.gte(o.sbst_mgna));
          assert.ok(
            o.nxdy_dnca.eq(
              o.dnca_cash.add(o.thdt_dfpa).add(o.rnwl_dfpa).add(o.opt_dfpa).sub(o.fee),
            ),
          );
          const optVal = Decimal.sum(
            output1
              .filter((r) => !isFut(r))
              .map((r) => (r.sll_buy_dvsn_name === '매수' ? r.evlu_amt : r.evlu_amt.neg())),
          );
          assert.ok(o.prsm_dpast.eq(o.nxdy_dnca.add(optVal)));
          assert.ok(o.ord_psbl_sbst.eq(Decimal.max(0, o.dnca_sbst.sub(o.sbst_mgna))));
          assert.ok(
            o.ord_psbl_cash.eq(
              o.dnca_cash.sub(o.cash_mgna).sub(Decimal.max(0, o.sbst_mgna.sub(o.dnca_sbst))),
            ),
          );
          assert.ok(o.ord_psbl_tota.eq(o.ord_psbl_cash.add(o.ord_psbl_sbst)));
          assert.ok(
            o.wdrw_psbl_tot_amt.eq(Decimal.max(0, o.dnca_cash.add(o.dnca_sbst).sub(o.mgna_tota))),
          );
          assert.ok(o.pprt_ord_psbl_cash.eq(Decimal.max(0, o.dnca_cash.sub(o.mgna_tota))));
          assert.ok(o.trad_pfls_amt_smtl.eq(o.futr_trad_pfls_amt.add(o.opt_trad_pfls_amt)));
          assert.ok(o.evlu_pfls_amt_smtl.eq(o.futr_evlu_pfls_amt.add(o.opt_evlu_pfls_amt)));
          assert.ok(
            o.futr_evlu_pfls_amt.eq(sum((r) => (isFut(r) ? r.evlu_pfls_amt : Decimal.ZERO))),
          );
          assert.ok(
            o.opt_trad_pfls_amt.eq(sum((r) => (isFut(r) ? Decimal.ZERO : r.trad_pfls_amt))),
          );
          assert.ok(o.pchs_amt_smtl.eq(sum((r) => r.pchs_amt)));
          assert.ok(o.evlu_amt_smtl.eq(sum((r) => r.evlu_amt)));
          const equity = o.nxdy_dnca.add(o.frcr_dncl_amt).add(o.dnca_sbst);
          if (o.add_mgna_tota.isPositive())
            assert.ok(o.isfc_amt.isPositive() || o.add_mgna_cash.isPositive());
          if (o.isfc_amt.isZero() && o.add_mgna_cash.isZero()) assert.ok(o.add_mgna_tota.isZero());
          assert.ok(o.isfc_amt.gte(0) && equity.add(o.isfc_amt).gte(0));
          if (mode === '1') {
            // Daily settlement = realised + unrealised futures P&L against the settlement basis
            // (each row rounds once toward zero, so allow one won per row).
            const pnl = o.futr_trad_pfls_amt.add(o.futr_evlu_pfls_amt);
            const cashFlow = o.thdt_dfpa.add(o.rnwl_dfpa);
            assert.ok(
              pnl
                .sub(cashFlow)
                .abs()
                .lte(2 * output1.length + 2),
              `${pnl} vs ${cashFlow}`,
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reduces lqd_psbl_qty by pending closing orders and margins opening orders only', () => {
    const input = base(
      { positions: [{ pdno: '101S12', side: 'long', qty: 5, avgPrice: '310' }], fills: [] },
      '1',
      '01',
      1_000_000_000,
      0,
    );
    const without = computeDomesticBalance(input);
    input.account.orders = [
      { orderId: 'o1', pdno: '101S12', side: 'sell', openClose: 'close', qty: 2, price: '309' },
      { orderId: 'o2', pdno: '201S12350', side: 'sell', openClose: 'open', qty: 3, price: '0.5' },
    ];
    const withOrders = computeDomesticBalance(input);
    assert.equal(withOrders.output1[0]!.lqd_psbl_qty.toString(), '3');
    assert.ok(withOrders.output2.mgna_tota.gt(without.output2.mgna_tota));
    // mmga_tot_amt is 유지증거금총액 (maintenance margin), not the order margin it once held:
    // outside a margin call it is 0, as in KIS's example.
    assert.ok(withOrders.output2.mmga_tot_amt.isZero());
    input.account.orders = [input.account.orders[0]!];
    assert.ok(computeDomesticBalance(input).output2.mgna_tota.eq(without.output2.mgna_tota));
  });

  it('calls for additional margin only when deposits fall below maintenance', () => {
    const acct = {
      positions: [{ pdno: '101S12', side: 'short' as const, qty: 10, avgPrice: '300' }],
      fills: [],
    };
    const rich = computeDomesticBalance(base(acct, '1', '02', 1_000_000_000, 0)).output2;
    assert.ok(rich.add_mgna_tota.isZero() && rich.isfc_amt.isZero() && rich.mtnc_rt.isZero());
    const poor = computeDomesticBalance(base(acct, '1', '02', 5_000_000, 0)).output2;
    assert.ok(
      poor.add_mgna_tota.isPositive() &&
        poor.add_mgna_cash.isPositive() &&
        poor.isfc_amt.isPositive(),
    );
    assert.ok(poor.mtnc_rt.gt(0) && poor.mtnc_rt.lt(100));
    // In a call, 유지증거금총액/현금 show the maintenance requirement the ratio is measured against.
    assert.ok(rich.mmga_tot_amt.isZero() && rich.mmga_cash_amt.isZero());
    assert.ok(poor.mmga_tot_amt.eq(poor.isfc_amt.add(poor.nxdy_dncl_amt)));
    assert.ok(poor.mmga_cash_amt.isPositive() && poor.mmga_cash_amt.lte(poor.mmga_tot_amt));
  });
});

describe('computeDomesticBalance: malformed input says what and where', () => {
  const good = () =>
    base(
      { positions: [{ pdno: '101S12', side: 'long', qty: 1, avgPrice: '300' }], fills: [] },
      '1',
      '01',
      1e9,
      0,
    );
  const cases: Array<[string, (i: DomesticBalanceInput) => void, RegExp]> = [
    [
      'unknown code',
      (i) => {
        i.account.positions.push({ pdno: 'XYZ', side: 'long', qty: 1, avgPrice: '1' });
      },
      /account\.positions\[1\]\.pdno: unknown KRX code "XYZ"/,
    ],
    [
      'negative qty',
      (i) => {
        i.account.positions[0]!.qty = -2;
      },
      /account\.positions\[0\]\.qty: quantity must be a positive integer \(got -2\)/,
    ],
    [
      'missing price',
      (i) => {
        i.account.fills.push({
          fillId: 'f',
          pdno: '101S12',
          side: 'buy',
          openClose: 'open',
          qty: 1,
          price: undefined as unknown as string,
        });
      },
      /account\.fills\[0\]\.price: missing/,
    ],
    [
      'no quote',
      (i) => {
        i.account.positions.push({ pdno: '101V03', side: 'long', qty: 1, avgPrice: '1' });
      },
      /account\.positions\[1\].*no market quote for "KR4101V30003"|positions\[1\]\.pdno: no market quote/,
    ],
    [
      'over-close',
      (i) => {
        i.account.fills.push({
          fillId: 'f',
          pdno: '101S12',
          side: 'sell',
          openClose: 'close',
          qty: 4,
          price: '300',
        });
      },
      /account\.fills\[0\]\.qty: closing 4 of "101S12" but only 1 long open/,
    ],
    [
      'bad price text',
      (i) => {
        i.account.positions[0]!.avgPrice = '3,00';
      },
      /account\.positions\[0\]\.avgPrice: Decimal: not a decimal number/,
    ],
    [
      'bad mode',
      (i) => {
        i.exccStatCd = '3' as '1';
      },
      /exccStatCd: must be "1" or "2"/,
    ],
    [
      'bad date',
      (i) => {
        i.market = { ...i.market, asOf: '2022/11/15' };
      },
      /market\.asOf: not a YYYY-MM-DD date/,
    ],
  ];
  for (const [name, mutate, re] of cases) {
    it(name, () => {
      const i = good();
      mutate(i);
      assert.throws(() => computeDomesticBalance(i), re);
    });
  }
});

describe('computeDomesticBalance: rows of closing trades', () => {
  const base = (fills: DomesticBalanceInput['account']['fills']): DomesticBalanceInput => ({
    account: {
      dnca_cash: '100000000',
      frcr_dncl_amt: '0',
      dnca_sbst: '0',
      positions: [
        { pdno: '101S12', side: 'long', qty: 3, avgPrice: '320.50', priorSettlement: '309.10' },
      ],
      fills,
      orders: [],
    },
    market: {
      asOf: '2022-11-15',
      quotes: [{ pdno: '101S12', price: '307.45' }],
      underlyings: [{ group: parseKrxCode('101S12', 2022).spec.group, level: '307.45', vol: 0.2 }],
    },
    mgnaDvsn: '01',
    exccStatCd: '1',
  });

  it('a partial close keeps one row: the position, with its realised P&L', () => {
    const bal = computeDomesticBalance(
      base([
        { fillId: 'f1', pdno: '101S12', side: 'sell', openClose: 'close', qty: 1, price: '310.00' },
      ]),
    );
    assert.equal(bal.output1.length, 1);
    const r = bal.output1[0]!;
    assert.equal(r.sll_buy_dvsn_name, '매수');
    assert.equal(r.cblc_qty.toString(), '2');
    // FIFO against the 정산 basis: (310.00 − 309.10) × 1 × 250,000
    assert.equal(r.trad_pfls_amt.toString(), '225000');
  });

  it('a full close leaves one row with a blank side, not a phantom row for the sell', () => {
    const bal = computeDomesticBalance(
      base([
        { fillId: 'f1', pdno: '101S12', side: 'sell', openClose: 'close', qty: 3, price: '310.00' },
      ]),
    );
    assert.equal(bal.output1.length, 1);
    const r = bal.output1[0]!;
    assert.equal(r.sll_buy_dvsn_name, '');
    assert.equal(r.cblc_qty.toString(), '0');
    assert.equal(r.trad_pfls_amt.toString(), '675000');
  });
});
