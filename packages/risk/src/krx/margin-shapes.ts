/**
 * A small margin kept for the life of the process. V8 specialises the optimised margin code to
 * the hidden classes of the objects it meets (a group's state, a series' scan, a parsed quote);
 * a class's hidden class is held only weakly, through the objects that have it. When a full
 * garbage collection finds no margin in flight, those hidden classes die and V8 throws the
 * optimised code away, so the next margins run unoptimised until they are compiled again (on
 * this machine a 1,000-position margin took twice as long right after a full collection). One
 * kept specimen of each keeps them alive; it is built once, on the first margin, from a fixed
 * two-strike KOSPI200 market and the sample parameters, and touches no caller's data.
 */
import { krxInstrument } from './codes.js';
import { KrxGroupMarginState } from './margin-group.js';
import { SAMPLE_KRX_MARGIN_PARAMETERS } from './margin-params.js';
import { KrxMarketIndex } from './resolve.js';
import type { KrxQuote } from './types.js';

let kept: { index: KrxMarketIndex; states: KrxGroupMarginState[] } | null | undefined;

/** Build and keep the specimen margin (once per process; never throws). */
export function keepKrxMarginShapes(): void {
  if (kept !== undefined) return;
  kept = null;
  try {
    const p = SAMPLE_KRX_MARGIN_PARAMETERS;
    const gp = p.groups.find((g) => g.group === 'KOSPI200')!;
    const future = krxInstrument({ productCode: '101', year: 2022, month: 12 });
    const call = krxInstrument({ productCode: '201', year: 2022, month: 12, strike: '300' });
    const put = krxInstrument({ productCode: '301', year: 2022, month: 12, strike: '300' });
    const call2 = krxInstrument({ productCode: '201', year: 2022, month: 12, strike: '310' });
    const put2 = krxInstrument({ productCode: '301', year: 2022, month: 12, strike: '310' });
    // The quote forms a market gives (with and without a prior settlement, a volatility).
    const quotes: KrxQuote[] = [
      { pdno: future.shortCode, price: '307.45', priorSettlement: '306.90' },
      { pdno: call.shortCode, price: '9.50', vol: 0.2 },
      { pdno: put.shortCode, price: '2.40' },
      { pdno: call2.shortCode, price: '4.10', priorSettlement: '4.00', vol: 0.21 },
      { pdno: put2.shortCode, price: '6.80', priorSettlement: '6.70' },
    ];
    const index = new KrxMarketIndex({
      asOf: '2022-11-15',
      quotes,
      underlyings: [{ group: 'KOSPI200', level: '306.90', vol: 0.2 }],
    });
    const states = [gp.initial, gp.maintenance].map((lv) => {
      const state = new KrxGroupMarginState('KOSPI200', gp, lv, p, index);
      state.set(future, 2);
      state.set(index.resolve(future.standardCode!, 'shapes'), -1);
      state.set(call, -3);
      state.set(put, 1);
      state.set(call2, 2);
      state.set(put2, -2);
      state.result();
      return state;
    });
    kept = { index, states };
  } catch {
    kept = null;
  }
}
