import { formatField } from '../field-format.js';

/** A wire field's value formatted as KIS shows it. */
export function formatFieldValue(name: string, value: unknown, currencyDecimals = 0): string {
  return formatField(name, value, currencyDecimals);
}
