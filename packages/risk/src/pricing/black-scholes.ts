import { normalCdf, normalPdf } from './normal.js';
import type { OptionGreeks } from './types.js';

/**
 * Black–Scholes(–Merton) price of a European option on a spot asset paying a continuous
 * dividend yield `dividendYield`. `timeYears <= 0` or `vol <= 0` gives the value of the
 * deterministic payoff (intrinsic on the forward, discounted).
 *
 * @example
 * blackScholesPrice(true, 42, 40, 0.5, 0.2, 0.1); // ≈ 4.7594 (Hull)
 * blackScholesPrice(false, 42, 40, 0.5, 0.2, 0.1); // ≈ 0.8086
 */
export function blackScholesPrice(
  isCall: boolean,
  spot: number,
  strike: number,
  timeYears: number,
  vol: number,
  rate: number,
  dividendYield = 0,
): number {
  const t = Math.max(timeYears, 0);
  const dq = Math.exp(-dividendYield * t);
  const dr = Math.exp(-rate * t);
  const sd = vol * Math.sqrt(t);
  if (!(sd > 0)) {
    const v = isCall ? spot * dq - strike * dr : strike * dr - spot * dq;
    return Math.max(v, 0);
  }
  const d1 = (Math.log(spot / strike) + (rate - dividendYield) * t + 0.5 * sd * sd) / sd;
  const d2 = d1 - sd;
  return isCall
    ? spot * dq * normalCdf(d1) - strike * dr * normalCdf(d2)
    : strike * dr * normalCdf(-d2) - spot * dq * normalCdf(-d1);
}

/**
 * Black–Scholes price and Greeks (delta/gamma with respect to spot).
 *
 * @example
 * blackScholesGreeks(true, 42, 40, 0.5, 0.2, 0.1).delta; // ≈ 0.7791
 */
export function blackScholesGreeks(
  isCall: boolean,
  spot: number,
  strike: number,
  timeYears: number,
  vol: number,
  rate: number,
  dividendYield = 0,
): OptionGreeks {
  const t = Math.max(timeYears, 0);
  const q = dividendYield;
  const dq = Math.exp(-q * t);
  const dr = Math.exp(-rate * t);
  const sd = vol * Math.sqrt(t);
  if (!(sd > 0)) {
    const fwdItm = isCall ? spot * dq > strike * dr : strike * dr > spot * dq;
    const price = blackScholesPrice(isCall, spot, strike, t, 0, rate, q);
    const sign = isCall ? 1 : -1;
    return {
      price,
      delta: fwdItm ? sign * dq : 0,
      gamma: 0,
      vega: 0,
      theta: fwdItm ? sign * (spot * q * dq - strike * rate * dr) : 0,
      rho: fwdItm ? sign * strike * t * dr : 0,
    };
  }
  const sqrtT = Math.sqrt(t);
  const d1 = (Math.log(spot / strike) + (rate - q) * t + 0.5 * sd * sd) / sd;
  const d2 = d1 - sd;
  const pdf = normalPdf(d1);
  const common = -(spot * dq * pdf * vol) / (2 * sqrtT);
  if (isCall) {
    return {
      price: spot * dq * normalCdf(d1) - strike * dr * normalCdf(d2),
      delta: dq * normalCdf(d1),
      gamma: (dq * pdf) / (spot * sd),
      vega: spot * dq * pdf * sqrtT,
      theta: common + q * spot * dq * normalCdf(d1) - rate * strike * dr * normalCdf(d2),
      rho: strike * t * dr * normalCdf(d2),
    };
  }
  return {
    price: strike * dr * normalCdf(-d2) - spot * dq * normalCdf(-d1),
    delta: -dq * normalCdf(-d1),
    gamma: (dq * pdf) / (spot * sd),
    vega: spot * dq * pdf * sqrtT,
    theta: common - q * spot * dq * normalCdf(-d1) + rate * strike * dr * normalCdf(-d2),
    rho: -strike * t * dr * normalCdf(-d2),
  };
}
