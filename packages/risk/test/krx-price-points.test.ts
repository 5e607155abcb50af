// The scan's price points are checked in one place; every path that scans refuses a bad count
// the same way, naming the parameter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeDomesticBalance,
  computeKrxMargin,
  DomesticBalanceBook,
  type DomesticBalanceInput,
  KrxInputError,
  krxScanScenarios,
  SAMPLE_KRX_MARGIN_PARAMETERS,
} from '../src/index.js';
import { MARKET } from './krx-helpers.js';

const positions = [{ pdno: '101S12', side: 'long' as const, qty: 1, avgPrice: '307.00' }];

describe('KRX scan price points', () => {
  for (const bad of [30, 0, -3, 2.5]) {
    const parameters = { ...SAMPLE_KRX_MARGIN_PARAMETERS, pricePoints: bad };
    const refused = (e: unknown) =>
      e instanceof KrxInputError &&
      e.issues[0]?.path === 'parameters.pricePoints' &&
      e.issues[0]?.message === `must be a positive odd integer (got ${bad})`;
    it(`${bad} is refused by the margin, the scenarios, the balance and the kept book`, () => {
      const margin = {
        positions: [],
        market: MARKET,
        parameters,
        level: 'initial' as const,
      };
      assert.throws(() => computeKrxMargin(margin), refused);
      assert.throws(() => krxScanScenarios(margin), refused);
      const input: DomesticBalanceInput = {
        account: {
          dnca_cash: '1000000',
          frcr_dncl_amt: '0',
          dnca_sbst: '0',
          positions,
          fills: [],
          orders: [],
        },
        market: MARKET,
        marginParameters: parameters,
        mgnaDvsn: '01',
        exccStatCd: '1',
      };
      assert.throws(() => computeDomesticBalance(input), refused);
      assert.throws(() => new DomesticBalanceBook(input), refused);
    });
  }
});
