import { formatAmount, formatDate, formatPrice, formatQty } from './format.js';
import { fieldSpec } from './labels.js';

/**
 * A wire field's value as KIS shows it, by the protocol's field kind: amounts grouped (with the
 * view's decimals for `decimals: 'currency'` fields), prices and rates trimmed, quantities
 * grouped, dates `YYYY-MM-DD`, flags Y/N, codes and text as they are.
 *
 * @example
 * ```ts
 * formatField('pchs_amt', '231825000'); // '231,825,000'
 * formatField('fm_brkg_mgn_amt', '32570.5', 2); // '32,570.50'
 * ```
 */
export function formatField(name: string, value: unknown, currencyDecimals = 0): string {
  if (value === null || value === undefined) return '';
  const f = fieldSpec(name);
  const text = typeof value === 'boolean' ? (value ? 'Y' : 'N') : String(value);
  switch (f?.kind) {
    case 'amount':
      return formatAmount(
        text,
        f.decimals === 'currency'
          ? currencyDecimals
          : typeof f.decimals === 'number'
            ? f.decimals
            : 0,
      );
    case 'price':
    case 'rate':
      return formatPrice(text);
    case 'quantity':
      return formatQty(text);
    case 'date':
      return formatDate(text);
    default:
      return text;
  }
}

/** Whether a field is numeric (right-aligned, sorted as a number). */
export function isNumericField(name: string): boolean {
  const k = fieldSpec(name)?.kind;
  return k === 'amount' || k === 'price' || k === 'rate' || k === 'quantity';
}
