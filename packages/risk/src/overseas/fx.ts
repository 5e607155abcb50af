/**
 * Currency views of the margin detail and the rounding rules of every amount.
 *
 * Rounding rules (named, tested):
 * - Product-currency amounts: to the currency's minor unit, `half-up` ({@link OVERSEAS_AMOUNT_ROUNDING}).
 * - `TKR` view: amount × KRW rate, to whole won, `half-up`.
 * - `TUS` view: amount × KRW rate ÷ USD rate, to the cent, `half-up` (one division, one rounding).
 * - Single-currency views (`USD`, `HKD`, …): that currency's products only, no conversion.
 */
import {
  currencyMinorUnits,
  Decimal,
  marginDetailViewCurrency,
  type RoundingMode,
} from '@kisfo/protocol';
import { OverseasInputError, overseasDecimal } from './errors.js';
import type { OverseasCurrency, OverseasFxRates, OverseasViewCurrency } from './types.js';

/** Rounding of every amount kisfo rounds on the overseas side. */
export const OVERSEAS_AMOUNT_ROUNDING: RoundingMode = 'half-up';

/**
 * Digits after the decimal point of a currency's minor unit (KRW/JPY/VND 0, others 2), from
 * `@kisfo/protocol`'s `CURRENCY_MINOR_UNITS`.
 *
 * @example
 * ```ts
 * overseasMinorUnits('JPY'); // 0
 * ```
 */
export function overseasMinorUnits(currency: string): number {
  const d = currencyMinorUnits(currency);
  if (d === undefined) throw new RangeError(`overseasMinorUnits: unknown currency ${currency}`);
  return d;
}

/** The currency a view reports in. */
export function overseasViewCurrencyOf(view: OverseasViewCurrency): string {
  return marginDetailViewCurrency(view);
}

/** Round a product-currency amount once, to its minor unit. */
export function roundOverseasAmount(amount: Decimal, currency: string): Decimal {
  return amount.round(overseasMinorUnits(currency), OVERSEAS_AMOUNT_ROUNDING);
}

function rateOf(rates: OverseasFxRates, currency: string, field: string): Decimal {
  if (currency === 'KRW') return Decimal.ONE;
  const raw = (rates as Record<string, unknown>)[currency];
  if (raw === undefined) throw new OverseasInputError(`${field}.${currency}`, 'no FX rate given');
  const r = overseasDecimal(raw, `${field}.${currency}`);
  if (!r.isPositive()) throw new OverseasInputError(`${field}.${currency}`, 'FX rate must be > 0');
  return r;
}

/**
 * Convert an amount in `from` into `view`; `null` when a single-currency view leaves it out.
 *
 * @example
 * ```ts
 * convertOverseasAmount(Decimal.parse('32570'), 'USD', 'TKR', { USD: '1370' })?.toString(); // '44620900'
 * convertOverseasAmount(Decimal.parse('100'), 'HKD', 'USD', { USD: '1370' }); // null
 * ```
 */
export function convertOverseasAmount(
  amount: Decimal,
  from: OverseasCurrency | 'KRW',
  view: OverseasViewCurrency,
  rates: OverseasFxRates,
  field = 'fxRates',
): Decimal | null {
  // Nothing to convert needs no rate: a ledger with the rates of the currencies an account
  // holds answers both total views, whatever other currencies the risk parameters list.
  if ((view === 'TKR' || view === 'TUS') && amount.isZero()) {
    return amount.round(view === 'TKR' ? 0 : 2, OVERSEAS_AMOUNT_ROUNDING);
  }
  if (view === 'TKR') {
    return amount.mul(rateOf(rates, from, field)).round(0, OVERSEAS_AMOUNT_ROUNDING);
  }
  if (view === 'TUS') {
    if (from === 'USD') return amount.round(2, OVERSEAS_AMOUNT_ROUNDING);
    return amount
      .mul(rateOf(rates, from, field))
      .div(rateOf(rates, 'USD', field), 2, OVERSEAS_AMOUNT_ROUNDING);
  }
  return from === view ? amount.round(overseasMinorUnits(view), OVERSEAS_AMOUNT_ROUNDING) : null;
}
