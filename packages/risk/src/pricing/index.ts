// Option pricing: Black-76, Black–Scholes, Greeks, implied volatility, batch pricers.
export { black76PriceBatch, blackScholesPriceBatch } from './batch.js';
export { blackScholesGreeks, blackScholesPrice } from './black-scholes.js';
export { black76Greeks, black76Price } from './black76.js';
export {
  ImpliedVolatilityError,
  type ImpliedVolatilityInput,
  impliedVolatility,
  type OptionModel,
} from './implied-vol.js';
export { erfc, normalCdf, normalPdf } from './normal.js';
export type { OptionGreeks } from './types.js';
