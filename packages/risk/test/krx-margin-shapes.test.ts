// The specimen margin kept per process (so a full GC does not throw the optimised margin code
// away) changes no figure: margins computed group by group before it exists equal
// computeKrxMargin's after it was built, on a market that shares its codes, and building it
// twice is a no-op. Runs in its own process, so nothing built the specimen before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeKrxMargin,
  type KrxMarketData,
  KrxMarketIndex,
  krxInstrument,
  SAMPLE_KRX_MARGIN_PARAMETERS,
} from '../src/index.js';
import { krxMarginRollUp } from '../src/krx/margin.js';
import { KrxGroupMarginState } from '../src/krx/margin-group.js';
import { keepKrxMarginShapes } from '../src/krx/margin-shapes.js';

const P = SAMPLE_KRX_MARGIN_PARAMETERS;
const G = P.groups.find((g) => g.group === 'KOSPI200')!;

describe('KRX margin specimen', () => {
  it('changes no figure of a margin on the same codes, and is built once', () => {
    // The specimen's own series (Dec 2022 future, 300 and 310 strikes), other prices.
    const f = krxInstrument({ productCode: '101', year: 2022, month: 12 });
    const c = krxInstrument({ productCode: '201', year: 2022, month: 12, strike: '300' });
    const q = krxInstrument({ productCode: '301', year: 2022, month: 12, strike: '310' });
    const market: KrxMarketData = {
      asOf: '2022-11-15',
      quotes: [
        { pdno: f.shortCode, price: '311.05', priorSettlement: '310.00' },
        { pdno: c.shortCode, price: '12.35', vol: 0.18 },
        { pdno: q.shortCode, price: '3.05', vol: 0.26 },
      ],
      underlyings: [{ group: 'KOSPI200', level: '310.40', vol: 0.19 }],
    };
    const positions = [
      { instrument: f, qty: -3 },
      { instrument: c, qty: -7 },
      { instrument: q, qty: 4 },
    ];
    const byHand = (['initial', 'maintenance'] as const).map((level) => {
      const state = new KrxGroupMarginState('KOSPI200', G, G[level], P, new KrxMarketIndex(market));
      for (const p of positions) state.set(p.instrument, p.qty);
      return JSON.stringify(krxMarginRollUp(level, [state.result()], P));
    });
    const viaEngine = (['initial', 'maintenance'] as const).map((level) =>
      JSON.stringify(computeKrxMargin({ positions, market, parameters: P, level })),
    );
    assert.deepEqual(viaEngine, byHand);
    keepKrxMarginShapes();
    keepKrxMarginShapes();
    const again = computeKrxMargin({ positions, market, parameters: P, level: 'initial' });
    assert.equal(JSON.stringify(again), byHand[0]);
  });
});
