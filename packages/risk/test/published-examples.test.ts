// Published exchange and broker margin examples (fixtures/published/margin-examples.json, each
// naming its source) rebuilt in kisfo's engines with default settings: the published result
// must come out exactly — no one-side liquidation, no tuning.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import {
  computeKrxMargin,
  computeOverseasMarginDetail,
  krxInstrument,
  type OverseasMarginDetailInput,
  type OverseasProductClass,
  SAMPLE_KRX_MARGIN_PARAMETERS,
  settleKrxDay,
} from '../src/index.js';

const ex = JSON.parse(
  readFileSync(
    new URL('../../../fixtures/published/margin-examples.json', import.meta.url),
    'utf8',
  ),
);

// A futures risk array for scan range R (loss of one long, loss positive), moves 0, ±1/3, ±2/3,
// ±1 (vol up/down alike) and the extremes ±3 × 0.33; values to the dollar as exchange files print.
const MOVES = [0, 0, 1 / 3, 1 / 3, -1 / 3, -1 / 3, 2 / 3, 2 / 3, -2 / 3, -2 / 3, 1, 1, -1, -1];
const linearArray = (r: number) => [
  ...MOVES.map((m) => Math.round(-r * m) + 0),
  Math.round(-r * 0.99),
  Math.round(r * 0.99),
];

const futureClass = (
  classCode: string,
  months: Record<string, number>,
  intra: { legs: string[]; charge: string }[] = [],
): OverseasProductClass => {
  const names = Object.keys(months);
  return {
    exchange: 'CME',
    classCode,
    currency: 'USD',
    method: 'span',
    tickSize: '1',
    tickValue: '1',
    multiplier: '1',
    initialToMaintenance: '1',
    contracts: names.map((m, i) => ({
      kind: 'future' as const,
      contractMonth: `2026${String(i + 2).padStart(2, '0')}`,
      settlementPrice: '100',
      compositeDelta: 1,
      riskArray: linearArray(months[m]!),
    })),
    intraSpreads: intra.map((s) => ({
      rate: s.charge,
      legs: s.legs.map((l, k) => ({
        tier: names.indexOf(l) + 1,
        deltaPerSpread: 1,
        side: k === 0 ? ('A' as const) : ('B' as const),
      })),
    })),
  };
};

const detail = (
  classes: OverseasProductClass[],
  positions: { classCode: string; month: string; qty: number }[],
  extra: Partial<OverseasMarginDetailInput> = {},
) =>
  computeOverseasMarginDetail({
    account: { cano: '12345678', acnt_prdt_cd: '08', balances: [] },
    positions: positions.map((p) => ({
      exchange: 'CME',
      classCode: p.classCode,
      contractMonth: p.month,
      quantity: p.qty,
    })),
    riskParameters: {
      classes,
      interSpreads: extra.riskParameters?.interSpreads ?? [],
    },
    fxRates: { USD: '1370' },
    inqrDt: '20260115',
    crcyCd: 'USD',
    ...extra,
  });

describe(`CME intra-commodity spread example — ${ex.cmeIntraSpread.source.url}`, () => {
  const e = ex.cmeIntraSpread;
  const months = Object.fromEntries(
    Object.entries(e.outrights as Record<string, string>).map(([k, v]) => [k, Number(v)]),
  );
  const cls = futureClass('XX', months, e.intraCharges);
  const monthOf = (name: string) =>
    `2026${String(Object.keys(months).indexOf(name) + 2).padStart(2, '0')}`;
  for (const p of e.portfolios as { positions: Record<string, number>; margin: string }[]) {
    const label = Object.entries(p.positions)
      .map(([m, q]) => `${q > 0 ? '+' : ''}${q} ${m}`)
      .join(' / ');
    it(`${label} = $${p.margin} by default`, () => {
      const positions = Object.entries(p.positions).map(([m, qty]) => ({
        classCode: 'XX',
        month: monthOf(m),
        qty,
      }));
      const out = detail([cls], positions);
      assert.equal(out.fm_span_mntn_mgn_amt.toString(), Decimal.parse(p.margin).toFixed(2));
      // With the one-side liquidation policy the spread credit is gone (why it is off by default).
      const one = detail([cls], positions, { oneSideLiquidation: true });
      assert.ok(one.fm_span_mntn_mgn_amt.gt(out.fm_span_mntn_mgn_amt));
    });
  }
});

describe(`CME inter-commodity spread example — ${ex.cmeInterSpread.source.url}`, () => {
  const e = ex.cmeInterSpread;
  it(`Corn vs. Soybeans 2:1 at 55 %: $${e.outrightMargin} outright − $${e.credit} = $${e.margin}`, () => {
    const corn = futureClass('CORN', { F: Number(e.outrights.CORN) });
    const soy = futureClass('SOY', { F: Number(e.outrights.SOY) });
    const positions = [
      { classCode: 'CORN', month: '202602', qty: e.positions.CORN },
      { classCode: 'SOY', month: '202602', qty: e.positions.SOY },
    ];
    const interSpreads = [
      {
        creditRate: e.spread.creditRate,
        legs: [
          {
            exchange: 'CME',
            classCode: 'CORN',
            deltaPerSpread: e.spread.ratio.CORN,
            side: 'A' as const,
          },
          {
            exchange: 'CME',
            classCode: 'SOY',
            deltaPerSpread: e.spread.ratio.SOY,
            side: 'B' as const,
          },
        ],
      },
    ];
    const none = detail([corn, soy], positions);
    assert.equal(none.fm_span_mntn_mgn_amt.toString(), Decimal.parse(e.outrightMargin).toFixed(2));
    const out = detail([corn, soy], positions, {
      riskParameters: { classes: [corn, soy], interSpreads },
    });
    assert.equal(out.fm_span_mntn_mgn_amt.toString(), Decimal.parse(e.margin).toFixed(2));
    assert.equal(
      none.fm_span_mntn_mgn_amt.sub(out.fm_span_mntn_mgn_amt).toString(),
      Decimal.parse(e.credit).toFixed(2),
    );
  });
});

describe(`McMillan SPAN scan example — ${ex.mcmillanScan.source.title}`, () => {
  const e = ex.mcmillanScan;
  for (const [name, k] of [
    ['long 1 future', 'longFuture'],
    ['long 1 Dec 410 call (price variation before NOV)', 'longCall'],
  ] as const) {
    it(`${name}: scan risk $${e[k].scanRisk}`, () => {
      const cls: OverseasProductClass = {
        exchange: 'CME',
        classCode: 'SP',
        currency: 'USD',
        method: 'span',
        tickSize: '0.1',
        tickValue: '25',
        multiplier: '250',
        initialToMaintenance: '1',
        contracts: [
          {
            kind: k === 'longFuture' ? 'future' : 'call',
            contractMonth: '202612',
            ...(k === 'longCall' ? { strike: '410', underlyingMonth: '202612' } : {}),
            settlementPrice: '0',
            compositeDelta: 0.5,
            riskArray: (e[k].pnl as number[]).map((v) => -v + 0),
          },
        ],
      };
      const out = detail([cls], [{ classCode: 'SP', month: '202612', qty: 1 }], {
        positions: [
          {
            exchange: 'CME',
            classCode: 'SP',
            contractMonth: '202612',
            ...(k === 'longCall' ? { kind: 'call' as const, strike: '410' } : {}),
            quantity: 1,
          },
        ],
      });
      assert.equal(
        out.fm_span_mntn_pric_altr_mgn_amt.toString(),
        Decimal.parse(e[k].scanRisk).toFixed(2),
      );
    });
  }
});

describe(`KRX broker example — ${ex.krxKospi200Future.source.url}`, () => {
  const e = ex.krxKospi200Future;
  const fut = krxInstrument({ productCode: '101', year: 2026, month: 3 });
  const market = {
    asOf: '2026-01-15',
    quotes: [{ pdno: fut.shortCode, price: e.trade.buy, priorSettlement: e.trade.buy }],
    underlyings: [{ group: 'KOSPI200', level: e.underlyingClose, vol: 0.2 }],
  };
  it(`위탁증거금 = ${e.underlyingClose} × ${e.multiplier} × ${e.contracts} × ${e.marginRate} = ${e.margin}`, () => {
    const g = SAMPLE_KRX_MARGIN_PARAMETERS.groups[0]!;
    const lv = { ...g.initial, priceRange: e.marginRate };
    const m = computeKrxMargin({
      positions: [{ instrument: fut, qty: e.contracts }],
      market,
      parameters: { ...SAMPLE_KRX_MARGIN_PARAMETERS, groups: [{ ...g, initial: lv }] },
      level: 'initial',
    });
    assert.equal(m.total.toString(), e.margin);
  });
  it(`매매손익 = (${e.trade.sell} − ${e.trade.buy}) × ${e.multiplier} = ${e.trade.pnl}`, () => {
    const day = settleKrxDay({
      positions: [],
      fills: [
        {
          fillId: 'b',
          pdno: fut.shortCode,
          side: 'buy',
          openClose: 'open',
          qty: 1,
          price: e.trade.buy,
        },
        {
          fillId: 's',
          pdno: fut.shortCode,
          side: 'sell',
          openClose: 'close',
          qty: 1,
          price: e.trade.sell,
        },
      ],
      market,
    });
    assert.equal(day.thdt_dfpa.toString(), e.trade.pnl);
  });
});
