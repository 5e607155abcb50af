import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  black76Greeks,
  black76Price,
  black76PriceBatch,
  blackScholesGreeks,
  blackScholesPrice,
  blackScholesPriceBatch,
  normalCdf,
} from '../src/index.js';

// Reference values computed from the closed forms with mpmath at 40 significant digits.
const REF = {
  hullCall: 4.759422392871533,
  hullPut: 0.8085993729000936,
  bsqCall: 9.05688475412814, // S=100 K=95 T=0.25 σ=0.3 r=0.05 q=0.02
  bsqPut: 3.375527881778645,
  b76Atm: 7.577082146427273, // F=K=100 T=1 σ=0.2 r=0.05
  b76HullCall: 0.974531268852822, // F=K=20 T=0.25 σ=0.25 r=0.09
  b76Put: 42.9477958872887, // F=307.45 K=350 T=0.1 σ=0.25 r=0.035
};

function close(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (tol ${tol})`);
}

describe('normal CDF', () => {
  it('matches high-precision values (relative 1e-14)', () => {
    const cases: Array<[number, number]> = [
      // biome-ignore lint/correctness/noPrecisionLoss: shortest round-trip literal
      [-10, 7.619853024160526e-24],
      [-5, 2.866515718791939e-7],
      [-1.5, 0.06680720126885807],
      [0.3, 0.6179114221889526],
      [2.5, 0.9937903346742238],
      [8, 0.9999999999999993],
    ];
    for (const [x, p] of cases) close(normalCdf(x), p, 1e-14 * p, `N(${x})`);
  });
});

describe('Black–Scholes', () => {
  it('reproduces Hull S=42 K=40 r=0.1 σ=0.2 T=0.5 to 1e-9', () => {
    close(blackScholesPrice(true, 42, 40, 0.5, 0.2, 0.1), REF.hullCall, 1e-9, 'call');
    close(blackScholesPrice(false, 42, 40, 0.5, 0.2, 0.1), REF.hullPut, 1e-9, 'put');
  });
  it('handles a dividend yield to 1e-9', () => {
    close(blackScholesPrice(true, 100, 95, 0.25, 0.3, 0.05, 0.02), REF.bsqCall, 1e-9, 'call');
    close(blackScholesPrice(false, 100, 95, 0.25, 0.3, 0.05, 0.02), REF.bsqPut, 1e-9, 'put');
  });
  it('satisfies put–call parity C − P = S e^{-qT} − K e^{-rT} to 1e-9', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.double({ min: 0.001, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 1.5, noNaN: true }),
        fc.double({ min: -0.02, max: 0.15, noNaN: true }),
        fc.double({ min: 0, max: 0.08, noNaN: true }),
        (s, m, t, v, r, q) => {
          const k = s * m;
          const c = blackScholesPrice(true, s, k, t, v, r, q);
          const p = blackScholesPrice(false, s, k, t, v, r, q);
          const parity = s * Math.exp(-q * t) - k * Math.exp(-r * t);
          close(c - p, parity, 1e-9 * Math.max(1, s), 'parity');
        },
      ),
    );
  });
  it('returns intrinsic at T=0 and the discounted forward payoff at vol=0', () => {
    assert.equal(blackScholesPrice(true, 42, 40, 0, 0.2, 0.1), 2);
    assert.equal(blackScholesPrice(false, 42, 40, 0, 0.2, 0.1), 0);
    assert.equal(blackScholesPrice(false, 38, 40, -1, 0.2, 0.1), 2);
    close(blackScholesPrice(true, 42, 40, 0.5, 0, 0.1), 42 - 40 * Math.exp(-0.05), 1e-12, 'vol0');
    assert.equal(blackScholesPrice(false, 42, 40, 0.5, 0, 0.1), 0);
  });
  it('Greeks agree with finite differences', () => {
    for (const isCall of [true, false]) {
      const g = blackScholesGreeks(isCall, 42, 40, 0.5, 0.2, 0.1, 0.01);
      const f = (s: number, t: number, v: number, r: number) =>
        blackScholesPrice(isCall, s, 40, t, v, r, 0.01);
      const h = 1e-4;
      close(g.price, f(42, 0.5, 0.2, 0.1), 1e-12, 'price');
      close(
        g.delta,
        (f(42 + h, 0.5, 0.2, 0.1) - f(42 - h, 0.5, 0.2, 0.1)) / (2 * h),
        1e-7,
        'delta',
      );
      close(
        g.gamma,
        (f(42 + h, 0.5, 0.2, 0.1) - 2 * f(42, 0.5, 0.2, 0.1) + f(42 - h, 0.5, 0.2, 0.1)) / (h * h),
        1e-4,
        'gamma',
      );
      close(g.vega, (f(42, 0.5, 0.2 + h, 0.1) - f(42, 0.5, 0.2 - h, 0.1)) / (2 * h), 1e-6, 'vega');
      close(
        g.theta,
        -(f(42, 0.5 + h, 0.2, 0.1) - f(42, 0.5 - h, 0.2, 0.1)) / (2 * h),
        1e-6,
        'theta',
      );
      close(g.rho, (f(42, 0.5, 0.2, 0.1 + h) - f(42, 0.5, 0.2, 0.1 - h)) / (2 * h), 1e-6, 'rho');
    }
  });
});

describe('Black-76', () => {
  it('reproduces reference values to 1e-9', () => {
    close(black76Price(true, 100, 100, 1, 0.2, 0.05), REF.b76Atm, 1e-9, 'atm');
    close(black76Price(true, 20, 20, 0.25, 0.25, 0.09), REF.b76HullCall, 1e-9, 'hull');
    close(black76Price(false, 307.45, 350, 0.1, 0.25, 0.035), REF.b76Put, 1e-9, 'put');
  });
  it('satisfies put–call parity C − P = e^{-rT}(F − K) to 1e-9', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.double({ min: 0.001, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 1.5, noNaN: true }),
        fc.double({ min: -0.02, max: 0.15, noNaN: true }),
        (f, m, t, v, r) => {
          const k = f * m;
          const c = black76Price(true, f, k, t, v, r);
          const p = black76Price(false, f, k, t, v, r);
          close(c - p, Math.exp(-r * t) * (f - k), 1e-9 * Math.max(1, f), 'parity');
        },
      ),
    );
  });
  it('equals Black–Scholes with q = r on the forward', () => {
    const f = 100 * Math.exp(0.03 * 0.7);
    close(
      black76Price(true, f, 105, 0.7, 0.25, 0.03),
      blackScholesPrice(true, 100, 105, 0.7, 0.25, 0.03),
      1e-9,
      'b76 vs bs',
    );
  });
  it('returns discounted intrinsic at T=0 and vol=0', () => {
    assert.equal(black76Price(true, 310, 300, 0, 0.2, 0.05), 10);
    assert.equal(black76Price(false, 310, 300, 0, 0.2, 0.05), 0);
    close(black76Price(false, 290, 300, 1, 0, 0.05), 10 * Math.exp(-0.05), 1e-12, 'vol0');
  });
  it('Greeks agree with finite differences', () => {
    for (const isCall of [true, false]) {
      const g = black76Greeks(isCall, 307.45, 300, 0.2, 0.22, 0.035);
      const f = (x: number, t: number, v: number, r: number) =>
        black76Price(isCall, x, 300, t, v, r);
      const h = 1e-4;
      close(
        g.delta,
        (f(307.45 + h, 0.2, 0.22, 0.035) - f(307.45 - h, 0.2, 0.22, 0.035)) / (2 * h),
        1e-7,
        'delta',
      );
      close(
        g.vega,
        (f(307.45, 0.2, 0.22 + h, 0.035) - f(307.45, 0.2, 0.22 - h, 0.035)) / (2 * h),
        1e-5,
        'vega',
      );
      close(
        g.theta,
        -(f(307.45, 0.2 + h, 0.22, 0.035) - f(307.45, 0.2 - h, 0.22, 0.035)) / (2 * h),
        1e-4,
        'theta',
      );
      close(
        g.rho,
        (f(307.45, 0.2, 0.22, 0.035 + h) - f(307.45, 0.2, 0.22, 0.035 - h)) / (2 * h),
        1e-5,
        'rho',
      );
      const h2 = 1e-2;
      close(
        g.gamma,
        (f(307.45 + h2, 0.2, 0.22, 0.035) - 2 * g.price + f(307.45 - h2, 0.2, 0.22, 0.035)) /
          (h2 * h2),
        1e-5,
        'gamma',
      );
    }
  });
});

describe('batch pricers', () => {
  it('equal the scalar functions element by element', () => {
    const n = 64;
    const isCall = new Uint8Array(n);
    const fwd = new Float64Array(n);
    const k = new Float64Array(n);
    const t = new Float64Array(n);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      isCall[i] = i % 2;
      fwd[i] = 300 + i;
      k[i] = 280 + 2.5 * i;
      t[i] = i % 7 === 0 ? 0 : 0.01 * i;
      v[i] = i % 11 === 0 ? 0 : 0.1 + 0.005 * i;
    }
    const b76 = black76PriceBatch(isCall, fwd, k, t, v, 0.03);
    const bs = blackScholesPriceBatch(isCall, fwd, k, t, v, 0.03, 0.015);
    for (let i = 0; i < n; i++) {
      assert.equal(b76[i], black76Price(isCall[i] === 1, fwd[i]!, k[i]!, t[i]!, v[i]!, 0.03));
      assert.equal(
        bs[i],
        blackScholesPrice(isCall[i] === 1, fwd[i]!, k[i]!, t[i]!, v[i]!, 0.03, 0.015),
      );
    }
  });
  it('rejects mismatched lengths with the array name', () => {
    assert.throws(
      () =>
        black76PriceBatch(
          [1],
          Float64Array.of(1, 2),
          Float64Array.of(1, 2),
          Float64Array.of(1, 2),
          Float64Array.of(1, 2),
          0,
        ),
      /black76PriceBatch: isCall has length 1, expected 2/,
    );
  });
});
