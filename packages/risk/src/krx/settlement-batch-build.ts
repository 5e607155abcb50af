import type { RoundingMode } from '@kisfo/protocol';
import type { KrxInstrument } from './codes.js';
import { KrxMarketIndex } from './resolve.js';
import { newScale, rescale, type Scale } from './settlement-batch-columns.js';
import { FAST_LIMIT, pow10Number } from './settlement-batch-fixed.js';
import { batchLegs } from './settlement-batch-legs.js';
import { accountStarts, readAccounts } from './settlement-batch-read.js';
import { batchRows } from './settlement-batch-rows.js';
import { BatchSeries } from './settlement-batch-series.js';
import { flagWideAccounts } from './settlement-batch-wide.js';
import {
  type KrxSettlementParameters,
  SAMPLE_KRX_SETTLEMENT_PARAMETERS,
} from './settlement-params.js';
import type { KrxFill, KrxMarketData, KrxPosition } from './types.js';

/** One account of a batch: the same positions and fills `settleKrxDay` takes. */
export interface KrxBatchAccountInput {
  positions: readonly KrxPosition[];
  fills: readonly KrxFill[];
}

/**
 * Validated, columnar input of {@link settleKrxBatch}: one row per series (resolved once), and
 * positions, fills and legs in flat arrays indexed through `…Start` offsets per account
 * (rows of account `a` are `start[a] ≤ i < start[a + 1]`).
 *
 * Prices are exact integers in units of 10^-`priceScale`, multipliers in 10^-`multiplierScale`,
 * so amounts are integers in 10^-(`priceScale` + `multiplierScale`) won. Quantities are signed
 * (long / buy positive). Every stored value is an integer of magnitude ≤ 2^53 − 1. The row and
 * leg columns are views of buffers that may be longer (the builder grows them by doubling).
 */
export interface KrxSettlementBatch {
  readonly accountCount: number;
  readonly priceScale: number;
  readonly multiplierScale: number;
  readonly amountRounding: RoundingMode;
  readonly feeRounding: RoundingMode;

  /** Canonical code (standard code, or short code for weekly options) per series. */
  readonly seriesKey: readonly string[];
  readonly seriesInstrument: readonly KrxInstrument[];
  /** 1 for futures (daily settled), 0 for options (premium paid). */
  readonly seriesFuture: Uint8Array;
  readonly seriesMultiplier: Float64Array;
  /** Today's settlement price. */
  readonly seriesPrice: Float64Array;
  /** Fee rate coefficient; the fee of a fill is amount × rate ÷ 10^`seriesFeeScale`. */
  readonly seriesFeeRate: Float64Array;
  readonly seriesFeeScale: Int32Array;
  /** 1 when the quote is `final` (last trading day). */
  readonly seriesFinal: Uint8Array;
  /** Exercise value per unit of final options still open somewhere (0 otherwise). */
  readonly seriesFinalValue: Float64Array;

  readonly positionStart: Int32Array;
  readonly positionSeries: Int32Array;
  readonly positionQty: Float64Array;
  /** Prior settlement price (the position's own, else the quote's). */
  readonly positionPrior: Float64Array;

  readonly fillStart: Int32Array;
  readonly fillSeries: Int32Array;
  readonly fillQty: Float64Array;
  readonly fillPrice: Float64Array;
  /** Leg row the fill moves. */
  readonly fillLeg: Int32Array;

  /** One leg per account and series touched (KRX nets, so one side is open at a time). */
  readonly legStart: Int32Array;
  readonly legSeries: Int32Array;
  /** Signed quantity open at the start of the day. */
  readonly legOpenQty: Float64Array;

  /**
   * 1 for accounts whose figures could leave ±(2^53 − 1) in the fixed-point unit: those are
   * settled with bigints instead (same results, slower).
   */
  readonly exactPath: Uint8Array;
}

/**
 * Validate accounts once and lay them out in columns for {@link settleKrxBatch}. Checks and
 * messages follow `settleKrxDay` (paths start with `accounts[i].`); series are resolved, quoted
 * and given their fee rate once, not per fill.
 *
 * Exactness: prices (with trailing zeros dropped) must have at most 15 significant digits and
 * fit 2^53 − 1 at the batch's common scale, else a `KrxInputError` names the field. Accounts whose
 * amounts, fees or sums could exceed 2^53 − 1 in the fixed-point unit are flagged in `exactPath`
 * and settled with bigints.
 *
 * @throws KrxInputError naming the account and field of a bad position or fill.
 * @example
 * const batch = buildKrxSettlementBatch(
 *   [{ positions: [{ pdno: '101S12', side: 'long', qty: 3, avgPrice: '320.50' }], fills: [] }],
 *   { asOf: '2022-11-01', quotes: [{ pdno: '101S12', price: '307.45', priorSettlement: '309.10' }], underlyings: [] },
 * );
 * settleKrxBatch(batch).rnwl_dfpa[0]; // -1237500
 */
export function buildKrxSettlementBatch(
  accounts: readonly KrxBatchAccountInput[],
  market: KrxMarketData | KrxMarketIndex,
  parameters: KrxSettlementParameters = SAMPLE_KRX_SETTLEMENT_PARAMETERS,
): KrxSettlementBatch {
  return buildBatch(accounts, market, parameters, true);
}

/**
 * {@link buildKrxSettlementBatch}, with `onePass: false` sending every row through the general
 * reader (what the tests compare the one-pass reader with; not part of the package's API).
 */
export function buildBatch(
  accounts: readonly KrxBatchAccountInput[],
  market: KrxMarketData | KrxMarketIndex,
  parameters: KrxSettlementParameters,
  onePass: boolean,
): KrxSettlementBatch {
  const index = market instanceof KrxMarketIndex ? market : new KrxMarketIndex(market);
  const n = accounts.length;
  const priceScale = newScale();
  const series = new BatchSeries(index, parameters, priceScale);
  // Room for one row of each kind per account to start with; columns double when full, and
  // the batch gets views of the rows in use (no counting pass over the accounts, no copies).
  const legs = batchLegs(n);
  const rows = batchRows(n, n);
  const starts = accountStarts(n);

  // 1. Every account's rows, checked and netted, in order (errors name the first bad field).
  const mostQty = readAccounts(accounts, series, series.state, legs, rows, starts, onePass);
  const { positionStart, fillStart, legStart } = starts;

  // 2. Series columns; the price scale is final once they are split.
  const cols = series.columns();
  const P = priceScale.max;
  const M = cols.multiplierScale.max;

  // 3. Position priors and fill prices at the common price scale, in place.
  const positionPrior = rows.posPriorC.subarray(0, rows.p);
  const fillPrice = rows.fillPriceC.subarray(0, rows.f);
  const priorMost = rescaleRows(positionPrior, rows.posPriorS, priceScale, (i) => {
    const a = accountOf(positionStart, n, i);
    return `accounts[${a}].positions[${i - positionStart[a]!}].priorSettlement`;
  });
  const priceMost = rescaleRows(fillPrice, rows.fillPriceS, priceScale, (i) => {
    const a = accountOf(fillStart, n, i);
    return `accounts[${a}].fills[${i - fillStart[a]!}].price`;
  });

  const batch: KrxSettlementBatch = {
    accountCount: n,
    priceScale: P,
    multiplierScale: M,
    amountRounding: parameters.amountRounding,
    feeRounding: parameters.feeRounding,
    seriesKey: cols.seriesKey,
    seriesInstrument: cols.seriesInstrument,
    seriesFuture: cols.seriesFuture,
    seriesMultiplier: cols.seriesMultiplier,
    seriesPrice: cols.seriesPrice,
    seriesFeeRate: cols.seriesFeeRate,
    seriesFeeScale: cols.seriesFeeRateScale.map((r) => r + P + M),
    seriesFinal: cols.seriesFinal,
    seriesFinalValue: cols.seriesFinalValue,
    positionStart,
    // Views of the rows in use, not copies.
    positionSeries: rows.posSeries.subarray(0, rows.p),
    positionQty: rows.posQty.subarray(0, rows.p),
    positionPrior,
    fillStart,
    fillSeries: rows.fillSeries.subarray(0, rows.f),
    fillQty: rows.fillQty.subarray(0, rows.f),
    fillPrice,
    fillLeg: rows.fillLeg.subarray(0, rows.f),
    legStart,
    legSeries: legs.series.subarray(0, legs.count),
    legOpenQty: legs.openQty.subarray(0, legs.count),
    exactPath: new Uint8Array(n),
  };
  // 4. Accounts whose sums could leave the fixed-point range go to the bigint path.
  flagWideAccounts(batch, mostQty, Math.max(priorMost, priceMost));
  return batch;
}

// Read once: called per row, and an imported binding may be read through a getter.
const LIMIT = FAST_LIMIT;
const pow10 = pow10Number;

/**
 * Rescale a column of coefficients in place to the common scale; returns the largest magnitude
 * in it afterwards.
 */
function rescaleRows(
  coefficients: Float64Array,
  scales: Int32Array,
  to: Scale,
  pathOf: (row: number) => string,
): number {
  const max = to.max;
  let most = 0;
  for (let i = 0; i < coefficients.length; i++) {
    const s = scales[i]!;
    let v = coefficients[i]!;
    if (s !== max) {
      v *= pow10(max - s);
      // Out of range: `rescale` names the row (its path is built only then).
      if (!(Math.abs(v) <= LIMIT)) v = rescale(coefficients[i]!, s, to, () => pathOf(i));
      coefficients[i] = v;
    }
    if (v > most) most = v;
    else if (-v > most) most = -v;
  }
  return most;
}

/** The account a row belongs to (binary search over the `…Start` offsets). */
function accountOf(start: Int32Array, n: number, row: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (start[mid]! <= row) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
