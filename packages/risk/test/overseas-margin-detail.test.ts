import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Decimal, encodeRecord, overseasMarginDetailFields } from '@kisfo/protocol';
import fc from 'fast-check';
import {
  compileOverseasProductClass,
  computeOverseasClassRisk,
  computeOverseasMarginDetail,
  computeOverseasMarginDetailWithBreakdown,
  convertOverseasAmount,
  OVERSEAS_MARGIN_DETAIL_AMOUNT_FIELDS,
  OverseasInputError,
  type OverseasMarginDetailInput,
  type OverseasPositionInput,
  type OverseasProductClass,
  SAMPLE_OVERSEAS_RISK_PARAMETERS,
} from '../src/overseas/index.js';
import { SAMPLE_CONTRACTS, sampleInput, samplePosition } from './overseas-helpers.js';

const root = new URL('../../../', import.meta.url);
const fixture = JSON.parse(
  readFileSync(new URL('fixtures/kis/overseas-margin-detail.example.json', root), 'utf8'),
);
const kis: Record<string, string> = fixture.response.body.output;
const D = (s: string) => Decimal.parse(s);

describe('KIS example (fixture)', () => {
  it('1.1 × maintenance 44,620,900 reproduces initial 49,082,990', () => {
    const m = D(kis.fm_span_mntn_pric_altr_mgn_amt);
    assert.ok(m.mul(D('1.1')).eq(D(kis.fm_span_pric_altr_mgn_amt)));
    assert.ok(
      D(kis.fm_span_mntn_tot_risk_mgn_amt).mul(D('1.1')).eq(D(kis.fm_span_tot_risk_mgn_amt)),
    );
  });

  it('an account built to match gives every fixture field', () => {
    // One SPAN future whose scan risk is the fixture's maintenance ÷ a KRW rate of 1370.
    const rate = D('1370');
    const scanUsd = D(kis.fm_span_mntn_pric_altr_mgn_amt).div(rate, 2, 'half-up').toNumber();
    const cls: OverseasProductClass = {
      exchange: 'CME',
      classCode: 'ES',
      currency: 'USD',
      method: 'span',
      tickSize: '0.25',
      tickValue: '12.50',
      multiplier: '50',
      initialToMaintenance: '1.1',
      contracts: [
        {
          kind: 'future',
          contractMonth: '202406',
          settlementPrice: '5300',
          compositeDelta: 1,
          riskArray: [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, scanUsd, scanUsd, 6, 7],
        },
      ],
    };
    const equity = D(kis.fm_ord_psbl_amt).add(D(kis.fm_brkg_mgn_amt));
    const out = computeOverseasMarginDetail({
      account: {
        cano: kis.cano,
        acnt_prdt_cd: kis.acnt_prdt_cd,
        balances: [{ currency: 'KRW', equity: equity.toString() }],
      },
      positions: [{ exchange: 'CME', classCode: 'ES', contractMonth: '202406', quantity: 1 }],
      riskParameters: { classes: [cls] },
      fxRates: { USD: rate },
      inqrDt: fixture.request.query.INQR_DT,
      crcyCd: 'TKR',
    });
    // Compared on the wire: the output encoded by the protocol's codecs is KIS's example.
    const wire = encodeRecord(overseasMarginDetailFields, out, { currencyDecimals: 0 });
    for (const [k, v] of Object.entries(kis)) assert.equal(wire[k as keyof typeof wire], v, k);
  });

  it('exports every fm_* field of the seed document', () => {
    const seed = readFileSync(
      new URL('../../../fixtures/seeds/overseas-margin-detail.md', import.meta.url),
      'utf8',
    );
    const seedFields = [...seed.matchAll(/output\.(fm_[a-z_]+)/g)].map((m) => m[1]);
    assert.deepEqual([...OVERSEAS_MARGIN_DETAIL_AMOUNT_FIELDS], seedFields);
  });
});

const P = SAMPLE_OVERSEAS_RISK_PARAMETERS;
const ALL = SAMPLE_CONTRACTS;
const input = sampleInput;
const ref = (i: number, q: number): OverseasPositionInput => samplePosition(ALL[i]!, q);

const portfolio = fc.array(
  fc.tuple(fc.integer({ min: 0, max: ALL.length - 1 }), fc.integer({ min: -20, max: 20 })),
  { maxLength: 12 },
);
const views = fc.constantFrom('TKR', 'TUS', 'USD', 'HKD', 'JPY', 'CNY', 'VND') as fc.Arbitrary<
  OverseasMarginDetailInput['crcyCd']
>;

describe('roll-up identities on generated accounts', () => {
  it('hold exactly in every view; margins never negative', () => {
    fc.assert(
      fc.property(portfolio, views, fc.boolean(), (ps, view, oneSide) => {
        const {
          output: o,
          classes,
          equity,
        } = computeOverseasMarginDetailWithBreakdown(
          input(
            ps.map(([i, q]) => ref(i, q)),
            { crcyCd: view, oneSideLiquidation: oneSide },
          ),
        );
        const eq = (a: Decimal, b: Decimal, what: string) =>
          assert.ok(a.eq(b), `${what}: ${a} ≠ ${b}`);
        eq(
          o.fm_ustl_mgn_amt,
          o.fm_span_brkg_mgn_amt.add(o.fm_eurx_brkg_mgn_amt).add(o.fm_gnrl_brkg_mgn_amt),
          'ustl',
        );
        eq(
          o.fm_ord_mgn_amt,
          o.fm_futr_ord_mgn_amt
            .add(o.fm_opt_sll_ord_mgn_amt)
            .add(o.fm_opt_buy_ord_mgn_amt)
            .add(o.fm_opt_buy_ord_amt),
          'ord',
        );
        eq(o.fm_brkg_mgn_amt, o.fm_ustl_mgn_amt.add(o.fm_ord_mgn_amt), 'brkg');
        eq(
          o.fm_mntn_mgn_amt,
          o.fm_span_mntn_mgn_amt.add(o.fm_eurx_mntn_mgn_amt).add(o.fm_gnrl_mntn_mgn_amt),
          'mntn',
        );
        eq(o.fm_ord_psbl_amt, equity.sub(o.fm_brkg_mgn_amt), 'ord_psbl');
        eq(o.fm_span_brkg_mgn_amt, o.fm_span_tot_risk_mgn_amt, 'span brkg');
        eq(
          o.fm_gnrl_brkg_mgn_amt,
          o.fm_futr_ustl_mgn_amt
            .add(o.fm_sll_opt_ustl_mgn_amt)
            .add(o.fm_buy_opt_ustl_mgn_amt)
            .add(o.fm_sprd_ustl_mgn_amt)
            .sub(o.fm_avg_dsct_mgn_amt),
          'gnrl',
        );
        eq(o.fm_gnrl_mntn_mgn_amt, o.fm_futr_mntn_mgn_amt.add(o.fm_opt_mntn_mgn_amt), 'gnrl mntn');
        if (equity.lt(o.fm_mntn_mgn_amt))
          assert.ok(o.fm_add_mgn_amt.isPositive() || o.fm_ustl_mgn_amt.lte(equity));
        else assert.ok(o.fm_add_mgn_amt.isZero());
        for (const f of OVERSEAS_MARGIN_DETAIL_AMOUNT_FIELDS) {
          if (
            f === 'fm_ord_psbl_amt' ||
            f.endsWith('opt_pric_mgn_amt') ||
            f === 'fm_span_buy_opt_min_mgn_amt' ||
            f.includes('term_sprd')
          )
            continue;
          assert.ok(!o[f].isNegative(), `${f} = ${o[f]}`);
        }
        assert.ok(!o.fm_span_buy_opt_min_mgn_amt.isPositive());
        assert.ok(!o.fm_eurx_opt_pric_mgn_amt.isPositive());
        const ratioOf = (code: string) =>
          compileOverseasProductClass(P.classes.find((x) => x.classCode === code)!).ratio;
        for (const c of classes) {
          // The roll-up holds exactly for maintenance; initial is round(ratio × maintenance)
          // field by field (DESIGN.md rounding order), in the class currency and in the view.
          // (This test used to check the roll-up on initial components scaled one by one,
          // which let initial drift from ratio × maintenance in the KRW view.)
          const r = ratioOf(c.classCode);
          const pairs = [
            [c.risk, c.currency === 'JPY' ? 0 : 2],
            [c.viewRisk, view === 'TKR' || view === 'JPY' || view === 'VND' ? 0 : 2],
          ] as const;
          for (const [fig, units] of pairs) {
            if (!fig) continue;
            const m = fig.maintenance;
            const base = Decimal.max(m.priceVariation.add(m.spread), m.optionMinimum);
            eq(m.total, base.add(m.optionPrice), `${c.classCode} total`);
            assert.ok(!m.optionPrice.isPositive() && m.total.gte(m.optionMinimum));
            for (const k of [
              'priceVariation',
              'spread',
              'optionMinimum',
              'optionPrice',
              'total',
            ] as const) {
              eq(
                fig.initial[k],
                m[k].mul(r).round(units, 'half-up'),
                `${c.classCode} initial ${k}`,
              );
            }
          }
        }
        // Output fields: Σ ratio × view maintenance over classes, rounded once (with one ratio
        // for all, initial = round(ratio × maintenance) field by field).
        const units = view === 'TKR' || view === 'JPY' || view === 'VND' ? 0 : 2;
        for (const method of ['span', 'eurex'] as const) {
          const cs = classes.filter((c) => c.method === method && c.viewRisk);
          const exact = Decimal.sum(
            cs.map((c) => c.viewRisk!.maintenance.total.mul(ratioOf(c.classCode))),
          );
          const field = method === 'span' ? o.fm_span_tot_risk_mgn_amt : o.fm_eurx_tot_risk_mgn_amt;
          eq(
            field,
            exact.round(units, 'half-up'),
            `${method} initial = round(Σ ratio × maintenance)`,
          );
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('views and FX', () => {
  const ps = [
    ref(0, 2),
    ref(
      ALL.findIndex((x) => x.c.classCode === 'HSI'),
      -1,
    ),
  ];
  it('single-currency views show only that currency; TKR converts everything', () => {
    const usd = computeOverseasMarginDetailWithBreakdown(input(ps, { crcyCd: 'USD' }));
    const hkd = computeOverseasMarginDetailWithBreakdown(input(ps, { crcyCd: 'HKD' }));
    const tkr = computeOverseasMarginDetailWithBreakdown(input(ps, { crcyCd: 'TKR' }));
    const es = usd.classes[0].risk!.initial.total;
    assert.ok(usd.output.fm_span_brkg_mgn_amt.eq(es));
    const hsi = hkd.classes.find((c) => c.classCode === 'HSI')!.risk!.initial.total;
    assert.ok(hkd.output.fm_span_brkg_mgn_amt.eq(hsi));
    assert.ok(usd.equity.eq(D('250000.00')) && hkd.equity.isZero());
    const krw = es
      .mul(D('1370.00'))
      .round(0, 'half-up')
      .add(hsi.mul(D('175.50')).round(0, 'half-up'));
    assert.ok(
      tkr.output.fm_span_brkg_mgn_amt.eq(krw),
      `${tkr.output.fm_span_brkg_mgn_amt} vs ${krw}`,
    );
    assert.ok(tkr.equity.eq(D('250000').mul(1370).add(10000000)));
  });
  it('rounding: KRW whole won half-up, USD cents half-up via one division', () => {
    const r = { USD: '1370.00', JPY: '9.15', HKD: '175.50' };
    assert.equal(convertOverseasAmount(D('0.10'), 'JPY', 'TKR', r)?.toString(), '1'); // 0.915 → 1
    assert.equal(convertOverseasAmount(D('0.01'), 'USD', 'TKR', r)?.toString(), '14'); // 13.7 → 14
    assert.equal(convertOverseasAmount(D('1000'), 'JPY', 'TUS', r)?.toString(), '6.68'); // 6.6788
    assert.equal(convertOverseasAmount(D('685'), 'KRW', 'TUS', r)?.toString(), '0.50'); // 0.5 exactly
    assert.equal(convertOverseasAmount(D('12.345'), 'USD', 'TUS', r)?.toString(), '12.35');
    assert.equal(convertOverseasAmount(D('1'), 'HKD', 'USD', r), null);
  });
});

describe('orders, exercise reservations, general and EUREX', () => {
  const esCall = ALL.find((x) => x.c.classCode === 'ES' && x.k.kind === 'call')!;
  it('order components', () => {
    const base = { exchange: 'CME', classCode: 'ES' };
    const out = computeOverseasMarginDetailWithBreakdown(
      input([ref(ALL.indexOf(esCall), 3)], {
        crcyCd: 'USD',
        orders: [
          {
            ...base,
            contractMonth: '202506',
            side: 'buy',
            quantity: 2,
            priceType: 'limit',
            price: '5300',
          },
          {
            ...base,
            contractMonth: '202509',
            side: 'sell',
            quantity: 1,
            priceType: 'market',
            openClose: 'close',
          },
          {
            ...base,
            contractMonth: '202506',
            kind: 'put',
            strike: '5200',
            side: 'sell',
            quantity: 1,
            priceType: 'limit',
            price: '50',
          },
          {
            ...base,
            contractMonth: '202506',
            kind: 'call',
            strike: '5300',
            side: 'buy',
            quantity: 2,
            priceType: 'limit',
            price: '120.25',
          },
          {
            ...base,
            contractMonth: '202506',
            kind: 'call',
            strike: '5300',
            side: 'buy',
            quantity: 1,
            priceType: 'market',
            currentPrice: '100',
          },
        ],
        exerciseReservations: [
          { ...base, contractMonth: '202506', kind: 'call', strike: esCall.k.strike, quantity: 2 },
        ],
      }),
    );
    const o = out.output;
    const es = compileOverseasProductClass(P.classes[0]);
    const fut = Math.max(...es.riskArrays.subarray(0, 16));
    const perFuture = Decimal.fromFloat(fut, 2, 'half-up').mul(D('1.1')).round(2, 'half-up');
    assert.ok(o.fm_futr_ord_mgn_amt.eq(perFuture.mul(2)), `${o.fm_futr_ord_mgn_amt}`);
    assert.ok(o.fm_ecis_rsvn_mgn_amt.eq(perFuture.mul(2)));
    assert.ok(o.fm_opt_buy_ord_mgn_amt.eq(D('12.50').mul(3).add(o.fm_ecis_rsvn_mgn_amt)));
    // premium: 2 × 120.25 × 50 + 1 × (100 + 50 × 0.25) × 50
    assert.ok(o.fm_opt_buy_ord_amt.eq(D('12025').add(D('5625'))), `${o.fm_opt_buy_ord_amt}`);
    assert.ok(o.fm_opt_sll_ord_mgn_amt.isPositive());
  });
  it('general margin (SGX NK): outrights, calendar spreads, maintenance', () => {
    const nk = (m: string, q: number): OverseasPositionInput => ({
      exchange: 'SGX',
      classCode: 'NK',
      contractMonth: m,
      quantity: q,
    });
    const o = computeOverseasMarginDetail(
      input([nk('202506', 3), nk('202509', -1)], { crcyCd: 'JPY' }),
    );
    assert.equal(o.fm_futr_ustl_mgn_amt.toString(), String(2 * 1320000));
    assert.equal(o.fm_sprd_ustl_mgn_amt.toString(), '110000');
    assert.equal(o.fm_gnrl_brkg_mgn_amt.toString(), String(2 * 1320000 + 110000));
    assert.equal(o.fm_futr_mntn_mgn_amt.toString(), String(2 * 1200000 + 100000));
  });
  it('EUREX: futures spread charge, long option minimum one tick', () => {
    const fesx = (
      m: string,
      q: number,
      kind?: 'call' | 'put',
      strike?: string,
    ): OverseasPositionInput => ({
      exchange: 'EUREX',
      classCode: 'FESX',
      contractMonth: m,
      quantity: q,
      kind,
      strike,
    });
    const r = computeOverseasMarginDetailWithBreakdown(
      input([fesx('202506', 2), fesx('202509', -2), fesx('202506', 4, 'put', '4800')], {
        crcyCd: 'TKR',
        oneSideLiquidation: false,
      }),
    );
    const c = r.classes.find((x) => x.classCode === 'FESX')!.risk!;
    assert.equal(c.maintenance.spread.toString(), '300.00');
    assert.equal(c.maintenance.optionMinimum.toString(), '40.00');
  });
  it('one-side liquidation is a policy: off by default, reported beside the netted figure when on', () => {
    const es = (m: string, q: number): OverseasPositionInput => ({
      exchange: 'CME',
      classCode: 'ES',
      contractMonth: m,
      quantity: q,
    });
    const book = [es('202506', 1), es('202509', -1)];
    const standard = computeOverseasMarginDetailWithBreakdown(input(book, { crcyCd: 'USD' }));
    const netted = computeOverseasMarginDetailWithBreakdown(
      input(book, { oneSideLiquidation: false, crcyCd: 'USD' }),
    );
    const one = computeOverseasMarginDetailWithBreakdown(
      input(book, { oneSideLiquidation: true, crcyCd: 'USD' }),
    );
    // Default = standard SPAN: the calendar spread is credited.
    assert.ok(standard.output.fm_span_mntn_mgn_amt.eq(netted.output.fm_span_mntn_mgn_amt));
    assert.equal(standard.oneSide, undefined);
    assert.equal(standard.classes[0].risk?.basis, 'netted');
    assert.ok(netted.output.fm_span_mntn_mgn_amt.lt(one.output.fm_span_mntn_mgn_amt));
    assert.notEqual(one.classes[0].risk?.basis, 'netted');
    const c = compileOverseasProductClass(P.classes[0]);
    const q = new Float64Array(c.n);
    q[0] = 1;
    assert.ok(computeOverseasClassRisk(c, q).maintenance.total.eq(one.output.fm_span_mntn_mgn_amt));
    // Reported beside: the netted figure is still there.
    assert.ok(one.oneSide!.nettedMaintenance.eq(netted.output.fm_span_mntn_mgn_amt));
    assert.ok(one.oneSide!.oneSideMaintenance.eq(one.output.fm_span_mntn_mgn_amt));
    assert.deepEqual(one.oneSide!.appliedTo, ['CME:ES']);
    assert.ok(
      one.classes[0].viewRisk!.netted.maintenance.total.eq(netted.output.fm_span_mntn_mgn_amt),
    );
  });
});

describe('bad input names the field', () => {
  const cases: [Partial<OverseasPositionInput>, RegExp][] = [
    [
      { kind: 'call', strike: '5350' },
      /^positions\[2\]\.strike: no call 202506 strike 5350 in CME:ES/,
    ],
    [{ strike: 'abc', kind: 'put' }, /^positions\[2\]\.strike: not a decimal number/],
    [{ classCode: 'ZZ' }, /^positions\[2\]\.classCode: unknown product class CME:ZZ/],
    [{ contractMonth: '2025-06' }, /^positions\[2\]\.contractMonth: expected a CCYYMM month/],
    [{ quantity: '1.5' }, /^positions\[2\]\.quantity: not a whole number/],
  ];
  for (const [patch, re] of cases) {
    it(re.source, () => {
      const bad = { ...ref(0, 1), ...patch } as OverseasPositionInput;
      assert.throws(
        () => computeOverseasMarginDetail(input([ref(0, 1), ref(1, 1), bad])),
        (e: unknown) => e instanceof OverseasInputError && re.test(e.message),
      );
    });
  }
  it('parameters and request fields', () => {
    const broken = {
      ...P.classes[0],
      contracts: [{ ...P.classes[0].contracts[0], riskArray: [1, 2] }],
    };
    assert.throws(
      () => computeOverseasMarginDetail(input([], { riskParameters: { classes: [broken] } })),
      /riskParameters\.classes\[0\]\.contracts\[0\]\.riskArray: expected 16 values, got 2/,
    );
    assert.throws(
      () => computeOverseasMarginDetail(input([], { inqrDt: '2025032' })),
      /inqrDt: expected YYYYMMDD/,
    );
    assert.throws(
      () => computeOverseasMarginDetail(input([ref(0, 1)], { fxRates: {} })),
      /fxRates\.USD: no FX rate/,
    );
  });
});
