/**
 * How many digits after the decimal point each currency's amounts carry (its minor unit, the
 * ISO 4217 exponent): KRW, JPY and VND none, the others cents. The one table the engines, the
 * server and the wire encoding read.
 */

/** Minor-unit digits of every currency kisfo reports amounts in. */
export const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
  KRW: 0,
  USD: 2,
  EUR: 2,
  HKD: 2,
  CNY: 2,
  SGD: 2,
  GBP: 2,
  JPY: 0,
  VND: 0,
});

/**
 * Minor-unit digits of `currency`, or `undefined` for a currency the table does not know.
 *
 * @example
 * ```ts
 * currencyMinorUnits('USD'); // 2
 * currencyMinorUnits('JPY'); // 0
 * currencyMinorUnits('XYZ'); // undefined
 * ```
 */
export function currencyMinorUnits(currency: string): number | undefined {
  return Object.hasOwn(CURRENCY_MINOR_UNITS, currency) ? CURRENCY_MINOR_UNITS[currency] : undefined;
}
