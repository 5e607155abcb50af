/**
 * Quantising a model (theoretical) option price, the one place a float enters money in the KRX
 * margin: the float's shortest round-trip decimal, rounded half-up to
 * {@link KRX_THEORETICAL_PRICE_SCALE} places — `Decimal.fromFloat(x, 8, 'half-up')` — read
 * straight from the float's text instead of through a pattern and a bigint division.
 */
import { Decimal as ImportedDecimal } from '@kisfo/protocol';

// Read once: when the code is transformed to CommonJS (tsx, in the tests and benches), every
// use of an imported binding is a getter call through each module that re-exports it.
const Decimal = ImportedDecimal;
type Decimal = ImportedDecimal;

/**
 * Decimal places at which a model (theoretical) option price enters money: KIS's price scale.
 * The model is a float; its price is quantised once, half-up, to this many places, and every
 * amount built from it is exact from there on.
 */
export const KRX_THEORETICAL_PRICE_SCALE = 8;

const ZEROS = '0'.repeat(KRX_THEORETICAL_PRICE_SCALE);

/**
 * `Decimal.fromFloat(x, KRX_THEORETICAL_PRICE_SCALE, 'half-up')`, value and scale alike. Half-up
 * on a decimal text drops the digits past the eighth and adds one unit when the first dropped
 * digit is 5 or more (ties away from zero). Texts with an exponent (below 1e-6 or from 1e21)
 * and non-finite values take `Decimal.fromFloat` itself.
 *
 * @example
 * ```ts
 * krxQuantisedPrice(12.345678905).toString(); // '12.34567891'
 * ```
 */
export function krxQuantisedPrice(x: number): Decimal {
  const text = String(x);
  const n = text.length;
  const neg = text.charCodeAt(0) === 45; // '-'
  let dot = -1;
  for (let i = neg ? 1 : 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46)
      dot = i; // '.'
    else if (c < 48 || c > 57) return Decimal.fromFloat(x, KRX_THEORETICAL_PRICE_SCALE, 'half-up');
  }
  const start = neg ? 1 : 0;
  let digits: string;
  let up = false;
  if (dot < 0) digits = text.slice(start) + ZEROS;
  else {
    const fracLength = n - dot - 1;
    const kept = Math.min(fracLength, KRX_THEORETICAL_PRICE_SCALE);
    digits =
      text.slice(start, dot) +
      text.slice(dot + 1, dot + 1 + kept) +
      ZEROS.slice(0, KRX_THEORETICAL_PRICE_SCALE - kept);
    up = fracLength > KRX_THEORETICAL_PRICE_SCALE && text.charCodeAt(dot + 9) >= 53; // '5'
  }
  let c = BigInt(digits);
  if (up) c += 1n;
  return Decimal.of(neg ? -c : c, KRX_THEORETICAL_PRICE_SCALE);
}
