import type { KrxSettlementBatch } from './settlement-batch-build.js';
import { FAST_LIMIT, pow10Number } from './settlement-batch-fixed.js';

// Read once: the loop below reads the limit per fill, and an imported binding may be a getter.
const LIMIT = FAST_LIMIT;

/**
 * Mark accounts whose fast-path integers could pass 2^53 − 1: the sum of the magnitudes of all
 * terms bounds every partial sum, and a float sum of non-negative integers only crosses
 * 2^53 − 1 when the exact sum does, so the test is exact, not a heuristic.
 */
export function flagWideAccounts(b: KrxSettlementBatch): void {
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
    if (wide) b.exactPath[a] = 1;
  }
}
