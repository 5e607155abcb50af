import { normalCdf, normalPdf } from './normal.js';
import type { OptionGreeks } from './types.js';

/**
 * Black-76 price of a European option on a futures/forward contract.
 *
 * Premium is discounted at `rate` (continuously compounded): e^{-rT}[F·N(d1) − K·N(d2)] for a
 * call. `timeYears <= 0` or `vol <= 0` gives the discounted intrinsic value, so expiring or
 * deterministic series still price.
 *
 * @param isCall true for a call, false for a put
 * @param forward futures/forward price (> 0)
 * @param strike strike price (> 0)
 * @param timeYears time to expiry in years
 * @param vol annualised volatility (0.2 = 20%)
 * @param rate continuously compounded discount rate
 * @example
 * black76Price(true, 100, 100, 1, 0.2, 0.05); // ≈ 7.5771
 */
export function black76Price(
  isCall: boolean,
  forward: number,
  strike: number,
  timeYears: number,
  vol: number,
  rate: number,
): number {
  const t = Math.max(timeYears, 0);
  const df = Math.exp(-rate * t);
  const sd = vol * Math.sqrt(t);
  if (!(sd > 0)) {
    const intrinsic = isCall ? forward - strike : strike - forward;
    return intrinsic > 0 ? df * intrinsic : 0;
  }
  const d1 = (Math.log(forward / strike) + 0.5 * sd * sd) / sd;
  const d2 = d1 - sd;
  return isCall
    ? df * (forward * normalCdf(d1) - strike * normalCdf(d2))
    : df * (strike * normalCdf(-d2) - forward * normalCdf(-d1));
}

/**
 * Black-76 price and Greeks. Delta and gamma are with respect to the forward; rho is the
 * sensitivity to the discount rate only (the forward is held fixed), which is −T·V.
 *
 * @example
 * const g = black76Greeks(true, 100, 100, 1, 0.2, 0.05);
 * g.delta; // ≈ 0.5066
 */
export function black76Greeks(
  isCall: boolean,
  forward: number,
  strike: number,
  timeYears: number,
  vol: number,
  rate: number,
): OptionGreeks {
  const t = Math.max(timeYears, 0);
  const df = Math.exp(-rate * t);
  const sd = vol * Math.sqrt(t);
  if (!(sd > 0)) {
    const itm = isCall ? forward > strike : strike > forward;
    const price = black76Price(isCall, forward, strike, t, 0, rate);
    return {
      price,
      delta: itm ? (isCall ? df : -df) : 0,
      gamma: 0,
      vega: 0,
      theta: rate * price,
      rho: -t * price,
    };
  }
  const d1 = (Math.log(forward / strike) + 0.5 * sd * sd) / sd;
  const d2 = d1 - sd;
  const pdf = normalPdf(d1);
  const price = isCall
    ? df * (forward * normalCdf(d1) - strike * normalCdf(d2))
    : df * (strike * normalCdf(-d2) - forward * normalCdf(-d1));
  const sqrtT = Math.sqrt(t);
  return {
    price,
    delta: isCall ? df * normalCdf(d1) : -df * normalCdf(-d1),
    gamma: (df * pdf) / (forward * sd),
    vega: df * forward * pdf * sqrtT,
    theta: -(df * forward * pdf * vol) / (2 * sqrtT) + rate * price,
    rho: -t * price,
  };
}
