import { resolveOverseasInput } from './resolve.js';
import type { OverseasCurrency, OverseasMarginDetailInput, OverseasMarginMethod } from './types.js';

/** The risk array of one class's net book: its loss in each scenario (class currency). */
export interface OverseasClassScenarioArray {
  exchange: string;
  classCode: string;
  currency: OverseasCurrency;
  method: OverseasMarginMethod;
  /** Loss per scenario, positive = loss (16 SPAN, 2·steps+1 EUREX). */
  losses: number[];
  /** Index of the largest loss (the scan risk's scenario; −1 when every loss is ≤ 0). */
  worst: number;
}

/**
 * The net risk array of every SPAN / EUREX-style class with a position (general classes have
 * none): Σ quantity × the contract's risk array, per
 * scenario, as the SPAN / EUREX-style scan sums it before taking the largest loss. The worst
 * scenario's loss is the class's scan risk (`fm_span_pric_altr_mgn_amt` before rounding).
 *
 * @example
 * ```ts
 * const [es] = overseasScenarioArrays(input);
 * es.losses.length; // 16 for a SPAN class
 * ```
 */
export function overseasScenarioArrays(
  input: OverseasMarginDetailInput,
): OverseasClassScenarioArray[] {
  const r = resolveOverseasInput(input);
  const out: OverseasClassScenarioArray[] = [];
  r.classes.forEach((c, i) => {
    const book = r.books[i]!;
    if (book.contract.length === 0 || c.scenarios === 0) return;
    const losses = new Array<number>(c.scenarios).fill(0);
    book.contract.forEach((k, j) => {
      const q = book.quantity[j]!;
      for (let s = 0; s < c.scenarios; s++) losses[s]! += q * c.riskArrays[k * c.scenarios + s]!;
    });
    let worst = -1;
    let max = 0;
    losses.forEach((l, s) => {
      if (l > max) {
        max = l;
        worst = s;
      }
    });
    out.push({
      exchange: c.def.exchange,
      classCode: c.def.classCode,
      currency: c.def.currency,
      method: c.def.method,
      losses,
      worst,
    });
  });
  return out;
}
