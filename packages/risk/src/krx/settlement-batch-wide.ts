import type { KrxSettlementBatch } from './settlement-batch-build.js';
import { FAST_LIMIT, pow10Number } from './settlement-batch-fixed.js';

// Read once: the loop below reads the limit per fill, and an imported binding may be a getter.
const LIMIT = FAST_LIMIT;

/**
 * Mark accounts whose fast-path integers could pass 2^53 − 1 (`b.exactPath`), exactly as
 * {@link wideAccounts} does, skipping its pass over every row when one bound for the whole batch
 * shows that no account can reach it.
 *
 * `mostQty` is the largest Σ |quantity| of one account's positions and fills, `mostPrice` the
 * largest |price| among the position priors and fill prices (in the common unit). With X the
 * largest |price| of any kind, m the largest multiplier and Q = `mostQty`: each position or fill
 * term of an account is ≤ 2·X·m·|q|, its final-settlement terms together ≤ X·m·Q (what is carried
 * is at most what its rows moved), each fill's fee product ≤ X·m·Q·rate, and it has at most Q
 * fills (each moves ≥ 1). When those bounds stay under a quarter of what the exact pass allows,
 * its float sums (relative error ≤ rows × 2^-53) cannot reach its limits: it would flag nothing.
 */
export function flagWideAccounts(b: KrxSettlementBatch, mostQty: number, mostPrice: number): void {
  if (!noAccountCanBeWide(b, mostQty, mostPrice)) b.exactPath.set(wideAccounts(b));
}

/** The whole-batch bound of {@link flagWideAccounts}: `true` when no account can be wide. */
export function noAccountCanBeWide(
  b: KrxSettlementBatch,
  mostQty: number,
  mostPrice: number,
): boolean {
  let price = mostPrice;
  let mult = 0;
  let rate = 0;
  let scaleLo = Number.POSITIVE_INFINITY;
  let scaleHi = 0;
  for (let s = 0; s < b.seriesKey.length; s++) {
    price = Math.max(price, Math.abs(b.seriesPrice[s]!), Math.abs(b.seriesFinalValue[s]!));
    mult = Math.max(mult, Math.abs(b.seriesMultiplier[s]!));
    rate = Math.max(rate, Math.abs(b.seriesFeeRate[s]!));
    scaleLo = Math.min(scaleLo, b.seriesFeeScale[s]!);
    scaleHi = Math.max(scaleHi, b.seriesFeeScale[s]!);
  }
  if (b.seriesKey.length === 0) return true;
  const unit = pow10Number(b.priceScale + b.multiplierScale);
  const q = mostQty;
  const amounts = unit + 3 * price * mult * q;
  const feeProduct = price * mult * q * rate;
  const fees = feeProduct / pow10Number(scaleLo) + q;
  return (
    amounts <= LIMIT / 4 &&
    feeProduct + pow10Number(scaleHi) <= LIMIT / 4 &&
    amounts / unit + 4 + fees <= LIMIT / 8
  );
}

/**
 * Accounts whose fast-path integers could pass 2^53 − 1 (1 in the result): the sum of the
 * magnitudes of all terms bounds every partial sum, and a float sum of non-negative integers
 * only crosses 2^53 − 1 when the exact sum does, so the test is exact, not a heuristic.
 */
export function wideAccounts(b: KrxSettlementBatch): Uint8Array {
  const out = new Uint8Array(b.accountCount);
  const unit = pow10Number(b.priceScale + b.multiplierScale);
  const feeDiv = Float64Array.from(b.seriesFeeScale, pow10Number);
  const carried = new Float64Array(b.legOpenQty);
  const { positionStart, positionSeries, positionPrior, positionQty } = b;
  const { fillStart, fillSeries, fillQty, fillPrice, fillLeg, legStart, legSeries } = b;
  const { seriesFuture, seriesPrice, seriesMultiplier, seriesFeeRate, seriesFinal } = b;
  const { seriesFinalValue } = b;
  for (let a = 0; a < b.accountCount; a++) {
    let amounts = unit;
    let fees = 0;
    let wide = false;
    for (let p = positionStart[a]!; p < positionStart[a + 1]!; p++) {
      const s = positionSeries[p]!;
      if (seriesFuture[s] === 1)
        amounts += Math.abs(
          (seriesPrice[s]! - positionPrior[p]!) * seriesMultiplier[s]! * positionQty[p]!,
        );
    }
    for (let f = fillStart[a]!; f < fillStart[a + 1]!; f++) {
      const s = fillSeries[f]!;
      const q = Math.abs(fillQty[f]!);
      const m = seriesMultiplier[s]!;
      const amount = fillPrice[f]! * m * q;
      amounts +=
        seriesFuture[s] === 1 ? Math.abs((seriesPrice[s]! - fillPrice[f]!) * m * q) : amount;
      const d = feeDiv[s]!;
      const x = amount * Math.abs(seriesFeeRate[s]!);
      if (!(x + d <= LIMIT)) wide = true;
      fees += Math.floor(x / d) + 1;
      carried[fillLeg[f]!]! += fillQty[f]!;
    }
    for (let l = legStart[a]!; l < legStart[a + 1]!; l++) {
      const s = legSeries[l]!;
      if (seriesFinal[s] === 1)
        amounts += Math.abs(seriesFinalValue[s]! * seriesMultiplier[s]! * carried[l]!);
    }
    // Won figures are ≤ amounts ÷ unit + 1 each; net cash adds four of them and the fees. The
    // halved limit absorbs the float divisions' rounding in this estimate.
    if (!(amounts <= LIMIT) || !(amounts / unit + 4 + fees <= LIMIT / 2)) wide = true;
    if (wide) out[a] = 1;
  }
  return out;
}
