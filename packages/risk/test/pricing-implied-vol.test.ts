import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  black76Price,
  blackScholesPrice,
  ImpliedVolatilityError,
  impliedVolatility,
} from '../src/index.js';

describe('impliedVolatility', () => {
  it('recovers Hull σ = 0.2 from the call price', () => {
    const price = blackScholesPrice(true, 42, 40, 0.5, 0.2, 0.1);
    const iv = impliedVolatility({
      model: 'black-scholes',
      isCall: true,
      price,
      underlying: 42,
      strike: 40,
      timeYears: 0.5,
      rate: 0.1,
    });
    assert.ok(Math.abs(iv - 0.2) < 1e-9, String(iv));
  });

  it('round-trips Black-76 and Black–Scholes prices (price error ≤ 1e-9)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.double({ min: 50, max: 500, noNaN: true }),
        fc.double({ min: 0.7, max: 1.4, noNaN: true }),
        fc.double({ min: 0.02, max: 3, noNaN: true }),
        fc.double({ min: 0.03, max: 1.2, noNaN: true }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        (b76, isCall, u, m, t, vol, r) => {
          const k = u * m;
          const model = b76 ? 'black-76' : 'black-scholes';
          const price = b76
            ? black76Price(isCall, u, k, t, vol, r)
            : blackScholesPrice(isCall, u, k, t, vol, r, 0.01);
          // Deep out-of-the-money prices carry no information about σ; skip them.
          fc.pre(price > 1e-6 * u);
          const iv = impliedVolatility({
            model,
            isCall,
            price,
            underlying: u,
            strike: k,
            timeYears: t,
            rate: r,
            dividendYield: b76 ? 0 : 0.01,
          });
          const back = b76
            ? black76Price(isCall, u, k, t, iv, r)
            : blackScholesPrice(isCall, u, k, t, iv, r, 0.01);
          assert.ok(Math.abs(back - price) <= 1e-9 * Math.max(1, price), `${back} vs ${price}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects prices outside the no-arbitrage bounds, naming the bounds', () => {
    const base = { model: 'black-76' as const, underlying: 100, strike: 90, timeYears: 1, rate: 0 };
    assert.throws(
      () => impliedVolatility({ ...base, isCall: true, price: 5 }),
      (e: unknown) =>
        e instanceof ImpliedVolatilityError &&
        /outside the no-arbitrage bounds \[10, 100\)/.test(e.message),
    );
    assert.throws(
      () => impliedVolatility({ ...base, isCall: true, price: 100 }),
      ImpliedVolatilityError,
    );
    assert.throws(
      () => impliedVolatility({ ...base, isCall: true, price: 12, timeYears: 0 }),
      /timeYears must be > 0/,
    );
    assert.throws(
      () => impliedVolatility({ ...base, isCall: true, price: Number.NaN }),
      /price is NaN/,
    );
  });

  it('returns 0 for a price at intrinsic', () => {
    assert.equal(
      impliedVolatility({
        model: 'black-76',
        isCall: true,
        price: 10,
        underlying: 100,
        strike: 90,
        timeYears: 1,
        rate: 0,
      }),
      0,
    );
  });
});
