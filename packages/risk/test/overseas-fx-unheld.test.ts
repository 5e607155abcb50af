// The total views of the margin detail (TKR, TUS) convert each currency the account holds at its
// rate; a currency it does not hold (no position, order or balance in it) needs none. So the rates
// of unheld currencies change nothing, and a ledger with only the rates of the currencies an account
// trades answers both views; a held currency without a rate is still refused, naming it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import fc from 'fast-check';
import {
  computeOverseasMarginDetail,
  convertOverseasAmount,
  type OverseasFxRates,
  OverseasInputError,
  type OverseasMarginDetailInput,
  type OverseasPositionInput,
  SAMPLE_OVERSEAS_FX_RATES,
  SAMPLE_OVERSEAS_RISK_PARAMETERS,
} from '../src/overseas/index.js';
import { SAMPLE_CONTRACTS, sampleInput, samplePosition } from './overseas-helpers.js';

const P = SAMPLE_OVERSEAS_RISK_PARAMETERS;
const ALL = SAMPLE_CONTRACTS;
const USD_CONTRACTS = ALL.filter(({ c }) => c.currency === 'USD');

const position = (i: number, quantity: number, from = USD_CONTRACTS): OverseasPositionInput =>
  samplePosition(from[i]!, quantity);

/** An account with USD and KRW cash holding `positions`, in a total view at `fxRates`. */
const input = (
  positions: OverseasPositionInput[],
  fxRates: OverseasFxRates,
  crcyCd: 'TKR' | 'TUS',
): OverseasMarginDetailInput => sampleInput(positions, { fxRates, crcyCd });

/** The sample rates of USD alone (the sample parameters also list EUR, HKD, JPY… classes). */
const USD_ONLY: OverseasFxRates = { USD: SAMPLE_OVERSEAS_FX_RATES.USD };

describe('total views of an account holding USD only', () => {
  it('the sample parameters list classes in other currencies (else this test shows nothing)', () => {
    assert.ok(P.classes.some((c) => c.currency === 'EUR'));
    assert.ok(USD_CONTRACTS.length > 0);
  });

  it('every figure of TKR and TUS is the same with the USD rate alone as with every rate', () => {
    const book = fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: USD_CONTRACTS.length - 1 }),
        fc.integer({ min: -20, max: 20 }).filter((q) => q !== 0),
      ),
      { minLength: 0, maxLength: 8 },
    );
    fc.assert(
      fc.property(book, fc.constantFrom('TKR' as const, 'TUS' as const), (rows, view) => {
        const positions = rows.map(([i, q]) => position(i, q));
        const all = computeOverseasMarginDetail(input(positions, SAMPLE_OVERSEAS_FX_RATES, view));
        const usd = computeOverseasMarginDetail(input(positions, USD_ONLY, view));
        assert.deepEqual(usd, all);
      }),
      { numRuns: 60 },
    );
  });

  it('a held currency without its rate is still refused, naming it', () => {
    const eur = ALL.filter(({ c }) => c.currency === 'EUR');
    for (const view of ['TKR', 'TUS'] as const) {
      assert.throws(
        () =>
          computeOverseasMarginDetail(
            input([position(0, 1), position(0, -2, eur)], USD_ONLY, view),
          ),
        (e: unknown) => e instanceof OverseasInputError && /fxRates\.EUR/.test(e.message),
      );
    }
  });
});

describe('convertOverseasAmount of nothing', () => {
  it('needs no rate, and has the scale a converted amount has', () => {
    const zero = Decimal.parse('0.00');
    for (const view of ['TKR', 'TUS'] as const) {
      const none = convertOverseasAmount(zero, 'EUR', view, {})!;
      const cent = Decimal.parse('0.01');
      const rated = convertOverseasAmount(cent, 'EUR', view, SAMPLE_OVERSEAS_FX_RATES)!;
      assert.ok(none.isZero());
      assert.equal(none.scale, rated.scale, view);
    }
    // Anything else still needs its rate.
    assert.throws(
      () => convertOverseasAmount(Decimal.parse('0.01'), 'EUR', 'TKR', {}),
      OverseasInputError,
    );
  });
});
