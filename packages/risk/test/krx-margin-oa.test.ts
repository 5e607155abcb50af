// KRX option adjustment (OA), the published rule (DESIGN.md "Exactness of computed figures"):
// short call (put) = 30 % × (theoretical at the extreme up (down) move − prior close) × qty × mult;
// long call (put) = 30 % × (prior close − theoretical at the extreme down (up) move) × qty × mult.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import {
  blackScholesPrice,
  computeKrxMargin,
  type KrxMarketData,
  KrxMarketIndex,
  krxInstrument,
  SAMPLE_KRX_MARGIN_PARAMETERS,
} from '../src/index.js';

const P = SAMPLE_KRX_MARGIN_PARAMETERS;
const G = P.groups[0]!;
const LEVEL = 306.9;
const RANGE = 0.081;
const call = krxInstrument({ productCode: '201', year: 2022, month: 12, strike: '307.5' });
const put = krxInstrument({ productCode: '301', year: 2022, month: 12, strike: '307.5' });
const market: KrxMarketData = {
  asOf: '2022-11-15',
  quotes: [
    { pdno: call.shortCode, price: '6.20' },
    { pdno: put.shortCode, price: '6.05' },
  ],
  underlyings: [{ group: 'KOSPI200', level: '306.90', vol: 0.2 }],
};
const t = new KrxMarketIndex(market).timeToExpiry(call);
const theo = (isCall: boolean, u: number, v: number) =>
  Decimal.fromFloat(blackScholesPrice(isCall, u, 307.5, t, v, P.rate, P.dividendYield), 8);
const volUp = 0.2 * (1 + G.volShift);
const volDown = 0.2 * (1 - G.volShift);
const upLevel = LEVEL * (1 + RANGE);
const downLevel = LEVEL * (1 - RANGE);

function oa(instrument: typeof call, qty: number) {
  const m = computeKrxMargin({
    positions: [{ instrument, qty }],
    market,
    parameters: P,
    level: 'initial',
  });
  return m.groups[0]!;
}
const hand = (perContract: Decimal, qty: number) =>
  Decimal.parse('0.3').mul(perContract).mul(250000).mul(qty);

describe('KRX option adjustment', () => {
  it('short call: 30 % × (theoretical at the extreme up move − close) — the up side, not the long side', () => {
    const g = oa(call, -2);
    const expected = hand(theo(true, upLevel, volUp).sub('6.20'), 2);
    assert.ok(g.optionAdjustmentExact.eq(expected), `${g.optionAdjustmentExact} vs ${expected}`);
    // The old engine took the floor from the long side's worst (the down move): ≈ 3× too small.
    const longSide = hand(Decimal.parse('6.20').sub(theo(true, downLevel, volDown)), 2);
    assert.ok(g.optionAdjustmentExact.gt(longSide.mul(3)));
  });

  it('short put: 30 % × (theoretical at the extreme down move − close)', () => {
    const g = oa(put, -3);
    const expected = hand(theo(false, downLevel, volUp).sub('6.05'), 3);
    assert.ok(g.optionAdjustmentExact.eq(expected), `${g.optionAdjustmentExact} vs ${expected}`);
  });

  it('long call: 30 % × (close − theoretical at the extreme down move)', () => {
    const g = oa(call, 4);
    const expected = hand(Decimal.parse('6.20').sub(theo(true, downLevel, volDown)), 4);
    assert.ok(g.optionAdjustmentExact.eq(expected), `${g.optionAdjustmentExact} vs ${expected}`);
    // A long can lose at most its value: the OA stays below 30 % of the premium.
    assert.ok(g.optionAdjustmentExact.lte(Decimal.parse('0.3').mul('6.20').mul(250000).mul(4)));
  });

  it('long put: 30 % × (close − theoretical at the extreme up move)', () => {
    const g = oa(put, 1);
    const expected = hand(Decimal.parse('6.05').sub(theo(false, upLevel, volDown)), 1);
    assert.ok(g.optionAdjustmentExact.eq(expected), `${g.optionAdjustmentExact} vs ${expected}`);
  });

  it('floors the price variation: max(worst scan loss, OA), rounded once', () => {
    // The scan measures each option from its prior close, as the OA does, so a lone option's
    // scan loss is at least its OA / 30 %. (This test used to floor a lone long call priced far
    // above the model: scanned from the model value its scan loss was below its OA; scanned from
    // the close it no longer is.) The OA binds where the scan nets legs the OA takes one by one:
    // a bull call spread, long 307.5 / short 310.
    const short = krxInstrument({ productCode: '201', year: 2022, month: 12, strike: '310' });
    const spread: KrxMarketData = {
      ...market,
      quotes: [
        { pdno: call.shortCode, price: '6.20' },
        { pdno: short.shortCode, price: '5.00' },
      ],
    };
    const m = computeKrxMargin({
      positions: [
        { instrument: call, qty: 1 },
        { instrument: short, qty: -1 },
      ],
      market: spread,
      parameters: P,
      level: 'initial',
    });
    const g = m.groups[0]!;
    const theo310 = (u: number, v: number) =>
      Decimal.fromFloat(blackScholesPrice(true, u, 310, t, v, P.rate, P.dividendYield), 8);
    const expected = hand(Decimal.parse('6.20').sub(theo(true, downLevel, volDown)), 1).add(
      hand(theo310(upLevel, volUp).sub('5.00'), 1),
    );
    assert.ok(g.optionAdjustmentExact.eq(expected), `${g.optionAdjustmentExact} vs ${expected}`);
    assert.ok(g.optionAdjustment > g.scanLoss, `OA ${g.optionAdjustment} vs scan ${g.scanLoss}`);
    assert.equal(g.priceVariation.toString(), expected.round(0, 'ceil').toString());
  });

  it('scans a lone option from its prior close: the long call loses close − theoretical', () => {
    // Worst scenario of one long call: the extreme down move at the lower volatility, measured
    // from the close 6.20 (not from the model value at the base point).
    const g = oa(call, 1);
    const loss = Decimal.parse('6.20')
      .sub(theo(true, downLevel, volDown))
      .mul(250000);
    assert.equal(g.priceVariation.toString(), loss.round(0, 'ceil').toString());
  });

  it('is zero where the rate is zero and never negative', () => {
    const none = computeKrxMargin({
      positions: [{ instrument: call, qty: -1 }],
      market,
      parameters: { ...P, groups: [{ ...G, optionAdjustmentRate: 0 }] },
      level: 'initial',
    });
    assert.ok(none.groups[0]!.optionAdjustmentExact.isZero());
    // Close above the extreme-up theoretical value: a short's OA is 0, not negative.
    const dear = computeKrxMargin({
      positions: [{ instrument: call, qty: -1 }],
      market: { ...market, quotes: [{ pdno: call.shortCode, price: '90.00' }] },
      parameters: P,
      level: 'initial',
    });
    assert.ok(dear.groups[0]!.optionAdjustmentExact.isZero());
  });
});
