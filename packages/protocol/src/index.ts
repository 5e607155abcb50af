export type { DecimalLike, RoundingMode } from './decimal.js';
export { Decimal, isDecimal } from './decimal.js';
