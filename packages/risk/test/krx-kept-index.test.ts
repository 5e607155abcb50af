// A KrxMarketIndex kept between computations reuses parsed quotes and margin scans. These tests
// check that a kept index gives exactly what a fresh one gives, whatever was computed on it
// before (other accounts, the other margin level), and that a foreign index is refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  computeDomesticBalance,
  computeKrxMargin,
  type DomesticBalanceInput,
  KrxInputError,
  KrxMarketIndex,
  SAMPLE_KRX_MARGIN_PARAMETERS,
} from '../src/index.js';
import { accountArb, MARKET, strings } from './krx-helpers.js';

describe('a kept market index', () => {
  it('balances many accounts one after another exactly as with a fresh index each', () => {
    const kept = new KrxMarketIndex(MARKET);
    fc.assert(
      fc.property(accountArb, fc.constantFrom('01', '02'), (acc, mgnaDvsn) => {
        const input: DomesticBalanceInput = {
          account: {
            ...acc,
            dnca_cash: '100000000',
            frcr_dncl_amt: '0',
            dnca_sbst: '0',
            orders: [],
          },
          market: MARKET,
          mgnaDvsn: mgnaDvsn as '01' | '02',
          exccStatCd: '1',
        };
        const fresh = computeDomesticBalance(input);
        const again = computeDomesticBalance({ ...input, marketIndex: kept });
        assert.equal(strings(again), strings(fresh));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps margin scans per scan range: initial and maintenance on one index match fresh ones', () => {
    const kept = new KrxMarketIndex(MARKET);
    const positions = MARKET.quotes.map((q, i) => ({
      instrument: kept.resolve(q.pdno, 'test'),
      qty: i % 2 ? 3 : -2,
    }));
    for (const level of ['initial', 'maintenance', 'initial'] as const) {
      const viaKept = computeKrxMargin({
        positions,
        market: kept,
        parameters: SAMPLE_KRX_MARGIN_PARAMETERS,
        level,
      });
      const viaFresh = computeKrxMargin({
        positions,
        market: new KrxMarketIndex(MARKET),
        parameters: SAMPLE_KRX_MARGIN_PARAMETERS,
        level,
      });
      assert.equal(strings(viaKept), strings(viaFresh), level);
    }
  });

  it('quote() hands out one frozen object per series', () => {
    const index = new KrxMarketIndex(MARKET);
    const ins = index.resolve(MARKET.quotes[0]!.pdno, 'test');
    const a = index.quote(ins, 'test');
    assert.equal(index.quote(ins, 'test'), a);
    assert.ok(Object.isFrozen(a));
  });

  it('refuses an index built from another market object', () => {
    const input: DomesticBalanceInput = {
      account: {
        dnca_cash: '0',
        frcr_dncl_amt: '0',
        dnca_sbst: '0',
        positions: [],
        fills: [],
        orders: [],
      },
      market: MARKET,
      marketIndex: new KrxMarketIndex({ ...MARKET }),
      mgnaDvsn: '01',
      exccStatCd: '1',
    };
    assert.throws(() => computeDomesticBalance(input), KrxInputError);
  });
});
