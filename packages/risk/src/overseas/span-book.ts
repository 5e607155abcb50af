/**
 * The book of one SPAN class: positions netted into one quantity per contract, held as a dense
 * vector (one slot per contract) or sparsely as a {@link SpanBook} (held contracts only). Every
 * SPAN function takes either form and visits the held contracts in ascending order, so both give
 * bit-identical floats.
 */
import type { OverseasCompiledClass } from './compile.js';

/**
 * A class's book held sparsely: net quantity per held contract, contracts ascending, each once,
 * zero nets dropped. Every SPAN function iterates it in the same order as the dense vector, so
 * both give bit-identical floats. Plain arrays: small ones allocate far cheaper than typed arrays.
 *
 * @example
 * ```ts
 * const book: SpanBook = { contract: [2, 7], quantity: [3, -1] };
 * ```
 */
export interface SpanBook {
  /** Contract indices, strictly ascending. */
  readonly contract: readonly number[];
  /** Net quantity of each contract (≠ 0), same index as {@link contract}. */
  readonly quantity: readonly number[];
}

/** Net quantities per contract (dense) or a {@link SpanBook}. */
export type SpanQuantities = Float64Array | SpanBook;

/**
 * Whether `q` is a {@link SpanBook} rather than a dense vector.
 *
 * @example
 * ```ts
 * isSpanBook(new Float64Array(3)); // false
 * isSpanBook({ contract: [], quantity: [] }); // true
 * ```
 */
export function isSpanBook(q: SpanQuantities): q is SpanBook {
  return !(q instanceof Float64Array);
}

/**
 * Sum position quantities into a net quantity per contract.
 *
 * @example
 * ```ts
 * spanNetQuantities(new Int32Array([0, 0, 1]), new Float64Array([2, -1, 3]), 2); // [1, 3]
 * ```
 */
export function spanNetQuantities(
  contractIndex: Int32Array,
  quantity: Float64Array,
  contracts: number,
): Float64Array {
  const net = new Float64Array(contracts);
  for (let p = 0; p < contractIndex.length; p++) net[contractIndex[p]] += quantity[p];
  return net;
}

/**
 * Whether a class with `positions` position entries is cheaper to margin as a dense vector than as
 * a {@link SpanBook}: once a fair share of the class is held, one typed-array walk beats netting
 * into a sorted book. Both give bit-identical results; this only picks the faster.
 *
 * @example
 * ```ts
 * spanPrefersDense(compiled, 10); // true once 10 × 8 ≥ the class's contract count
 * ```
 */
export function spanPrefersDense(c: OverseasCompiledClass, positions: number): boolean {
  return positions * 8 >= c.n;
}

/**
 * Net positions into whichever form margins faster (see {@link spanPrefersDense}): the dense
 * vector for large books, a {@link SpanBook} for small ones.
 *
 * @example
 * ```ts
 * computeSpanClassFloat(c, spanNet(c, new Int32Array([0, 3]), new Float64Array([2, -1]))).scan;
 * ```
 */
export function spanNet(
  c: OverseasCompiledClass,
  contractIndex: Int32Array,
  quantity: Float64Array,
): SpanQuantities {
  return spanPrefersDense(c, contractIndex.length)
    ? spanNetQuantities(contractIndex, quantity, c.n)
    : spanNetBook(c, contractIndex, quantity);
}

/** Netting scratch of one class, all zero between calls (built on first use, then reused). */
interface NettingScratch {
  readonly net: Float64Array;
  readonly seen: Uint8Array;
  /** Distinct contracts met while netting (at most one per contract). */
  readonly touched: Int32Array;
}

const scratches = new WeakMap<OverseasCompiledClass, NettingScratch>();

function scratchOf(c: OverseasCompiledClass): NettingScratch {
  let s = scratches.get(c);
  if (s === undefined) {
    s = { net: new Float64Array(c.n), seen: new Uint8Array(c.n), touched: new Int32Array(c.n) };
    scratches.set(c, s);
  }
  return s;
}

/**
 * Net (contract index, quantity) pairs into a {@link SpanBook}. Duplicates are summed in input
 * order (as {@link spanNetQuantities} does), zero nets dropped. Cost O(positions) plus a sort of
 * the distinct contracts — or one walk of the class when most of it is held, whichever is cheaper.
 *
 * @throws RangeError when a contract index is outside the class
 * @example
 * ```ts
 * const book = spanNetBook(c, new Int32Array([5, 2, 5]), new Float64Array([1, 3, -1]));
 * book.contract; // [2]   (contract 5 nets to zero)
 * book.quantity; // [3]
 * ```
 */
export function spanNetBook(
  c: OverseasCompiledClass,
  contractIndex: Int32Array,
  quantity: Float64Array,
): SpanBook {
  const n = c.n;
  const m = contractIndex.length;
  const { net, seen, touched } = scratchOf(c);
  let u = 0;
  for (let p = 0; p < m; p++) {
    const k = contractIndex[p];
    if (k >>> 0 >= n) {
      // Leave the shared scratch clean before failing.
      for (let t = 0; t < u; t++) {
        net[touched[t]] = 0;
        seen[touched[t]] = 0;
      }
      throw new RangeError(`contract index ${k} outside 0..${n - 1}`);
    }
    if (seen[k] === 0) {
      seen[k] = 1;
      touched[u++] = k;
    }
    net[k] += quantity[p];
  }
  // Ascending contract order keeps float sums identical to the dense path.
  if (u * 8 >= n) {
    // Most of the class is held: one walk beats sorting.
    u = 0;
    for (let k = 0; k < n; k++) if (seen[k] !== 0) touched[u++] = k;
  } else if (u <= 32) {
    for (let a = 1; a < u; a++) {
      const k = touched[a];
      let b = a - 1;
      while (b >= 0 && touched[b] > k) {
        touched[b + 1] = touched[b];
        b--;
      }
      touched[b + 1] = k;
    }
  } else {
    touched.subarray(0, u).sort();
  }
  const contract: number[] = [];
  const qty: number[] = [];
  for (let t = 0; t < u; t++) {
    const k = touched[t];
    const q = net[k];
    net[k] = 0;
    seen[k] = 0;
    if (q === 0) continue;
    contract.push(k);
    qty.push(q);
  }
  return { contract, quantity: qty };
}

/**
 * The dense net-quantity vector of a {@link SpanBook} (allocates one entry per contract).
 *
 * @example
 * ```ts
 * spanBookToQuantities(c, book).length === c.n; // true
 * ```
 */
export function spanBookToQuantities(c: OverseasCompiledClass, book: SpanBook): Float64Array {
  const out = new Float64Array(c.n);
  for (let h = 0; h < book.contract.length; h++) out[book.contract[h]] = book.quantity[h];
  return out;
}

/**
 * Visit every contract with a non-zero net quantity, ascending.
 *
 * @example
 * ```ts
 * spanForEachHeld(new Float64Array([0, 2]), (i, q) => console.log(i, q)); // 1 2
 * ```
 */
export function spanForEachHeld(qty: SpanQuantities, visit: (i: number, q: number) => void): void {
  if (isSpanBook(qty)) {
    const ks = qty.contract;
    const qs = qty.quantity;
    for (let h = 0; h < ks.length; h++) visit(ks[h], qs[h]);
    return;
  }
  for (let i = 0; i < qty.length; i++) if (qty[i] !== 0) visit(i, qty[i]);
}
