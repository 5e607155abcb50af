// Reference helpers for the SPAN tests (not a test file itself).
import type { SpanBook } from '../src/index.js';

/**
 * The {@link SpanBook} of a dense net-quantity vector, built the obvious way: its non-zero entries
 * in ascending contract order. The oracle `spanNetBook` is checked against.
 *
 * @example
 * ```ts
 * spanBookFromQuantities(new Float64Array([0, 2, 0, -1])).contract; // [1, 3]
 * ```
 */
export function spanBookFromQuantities(qty: Float64Array): SpanBook {
  const contract: number[] = [];
  const quantity: number[] = [];
  for (let i = 0; i < qty.length; i++) {
    if (qty[i] === 0) continue;
    contract.push(i);
    quantity.push(qty[i]!);
  }
  return { contract, quantity };
}
