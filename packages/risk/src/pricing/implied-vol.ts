import { blackScholesPrice } from './black-scholes.js';
import { black76Price } from './black76.js';

/** Which closed form {@link impliedVolatility} inverts. */
export type OptionModel = 'black-76' | 'black-scholes';

/** Inputs of {@link impliedVolatility}. `underlying` is the forward (Black-76) or spot (Black–Scholes). */
export interface ImpliedVolatilityInput {
  model: OptionModel;
  isCall: boolean;
  price: number;
  underlying: number;
  strike: number;
  timeYears: number;
  rate: number;
  /** Continuous dividend yield, Black–Scholes only (default 0). */
  dividendYield?: number;
  /** Absolute price tolerance (default 1e-12 × max(1, price)). */
  tolerance?: number;
  /** Upper end of the search bracket (default 10 = 1000 %). */
  maxVol?: number;
}

/** Thrown when no volatility reproduces the price (outside no-arbitrage bounds or bad inputs). */
export class ImpliedVolatilityError extends RangeError {
  override name = 'ImpliedVolatilityError';
}

/**
 * Implied volatility by a safeguarded Newton iteration inside a bracket (bisection whenever a
 * Newton step leaves the bracket or stalls). Prices are monotone in σ, so the bracket [0, maxVol]
 * always holds the root once the price lies strictly between the σ→0 and σ→maxVol values.
 *
 * @throws ImpliedVolatilityError naming the bound when the price is outside
 *   (lower = discounted intrinsic, upper = discounted forward for calls / strike for puts).
 * @example
 * impliedVolatility({ model: 'black-scholes', isCall: true, price: 4.759422392871535,
 *   underlying: 42, strike: 40, timeYears: 0.5, rate: 0.1 }); // ≈ 0.2
 */
export function impliedVolatility(input: ImpliedVolatilityInput): number {
  const { model, isCall, price, underlying, strike, timeYears, rate } = input;
  const q = input.dividendYield ?? 0;
  const maxVol = input.maxVol ?? 10;
  for (const [k, v] of Object.entries({ price, underlying, strike, timeYears, rate, q, maxVol })) {
    if (!Number.isFinite(v)) throw new ImpliedVolatilityError(`impliedVolatility: ${k} is ${v}`);
  }
  if (!(underlying > 0) || !(strike > 0)) {
    throw new ImpliedVolatilityError(
      `impliedVolatility: underlying (${underlying}) and strike (${strike}) must be > 0`,
    );
  }
  if (!(timeYears > 0)) {
    throw new ImpliedVolatilityError(
      `impliedVolatility: timeYears must be > 0 (got ${timeYears}); an expired option has no volatility`,
    );
  }
  const f =
    model === 'black-76'
      ? (s: number) => black76Price(isCall, underlying, strike, timeYears, s, rate)
      : (s: number) => blackScholesPrice(isCall, underlying, strike, timeYears, s, rate, q);
  const lower = f(0);
  const dr = Math.exp(-rate * timeYears);
  const upperBound =
    model === 'black-76'
      ? dr * (isCall ? underlying : strike)
      : isCall
        ? underlying * Math.exp(-q * timeYears)
        : strike * dr;
  const tol = input.tolerance ?? 1e-12 * Math.max(1, price);
  if (price < lower - tol || price >= upperBound) {
    throw new ImpliedVolatilityError(
      `impliedVolatility: price ${price} is outside the no-arbitrage bounds ` +
        `[${lower}, ${upperBound}) for ${isCall ? 'call' : 'put'} K=${strike} ${model}`,
    );
  }
  if (price <= lower + tol) return 0;
  let lo = 0;
  let hi = maxVol;
  if (f(hi) < price) {
    throw new ImpliedVolatilityError(
      `impliedVolatility: price ${price} needs a volatility above maxVol=${maxVol}`,
    );
  }
  // Start near the Brenner–Subrahmanyam ATM guess; clamp into the bracket.
  let s = Math.min(Math.max((Math.sqrt((2 * Math.PI) / timeYears) * price) / underlying, 0.01), hi);
  const h = 1e-6;
  for (let i = 0; i < 200; i++) {
    const v = f(s);
    const diff = v - price;
    if (Math.abs(diff) <= tol) return s;
    if (diff > 0) hi = s;
    else lo = s;
    // Central-difference vega keeps this model-agnostic; Newton step falls back to bisection.
    const vega = (f(s + h) - f(Math.max(s - h, 0))) / (s + h - Math.max(s - h, 0));
    let next = vega > 0 ? s - diff / vega : Number.NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (hi - lo < 1e-15) return next;
    s = next;
  }
  return s;
}
