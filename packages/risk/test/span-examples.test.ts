import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  compileOverseasProductClass,
  computeSpanClassFloat,
  generateSpanRiskArray,
  type OverseasProductClass,
  spanInterCredits,
  spanScanRisk,
} from '../src/overseas/index.js';

// McMillan ch. 34 arrays in the book's P/L sign (gain positive); SPAN wants loss positive.
const MCMILLAN_FUTURE = [
  0, 0, 3330, 3330, -3330, -3330, 6670, 6670, -6670, -6670, 10000, 10000, -10000, -10000, 7000,
  -7000,
];
const MCMILLAN_CALL = [
  460, -610, 2640, 1730, -1270, -2340, 5210, 4540, -2540, -3430, 8060, 7640, -3380, -3990, 3130,
  -1500,
];
const loss = (pl: number[]) => Float64Array.from(pl, (v) => -v);

describe('SPAN scan risk — McMillan worked example', () => {
  it('long 1 S&P future: 10,000', () => {
    assert.equal(spanScanRisk(new Float64Array([1]), loss(MCMILLAN_FUTURE), 16), 10000);
  });
  it('long 1 Dec 410 call: 3,990', () => {
    assert.equal(spanScanRisk(new Float64Array([1]), loss(MCMILLAN_CALL), 16), 3990);
  });
});

function futuresClass(ranges: number[], spreads: [number, number, string][]): OverseasProductClass {
  const months = ['202602', '202603', '202604'];
  return {
    exchange: 'CME',
    classCode: 'XX',
    currency: 'USD',
    method: 'span',
    tickSize: '1',
    tickValue: '1',
    multiplier: '1',
    initialToMaintenance: '1',
    contracts: ranges.map((r, i) => ({
      kind: 'future',
      contractMonth: months[i],
      settlementPrice: '100',
      compositeDelta: 1,
      riskArray: Array.from(
        generateSpanRiskArray(
          { kind: 'future', forward: 100, multiplier: 1 },
          { priceScanRange: r, volScanRange: 0, extremeMove: 3, coveredFraction: 0.33 },
        ),
      ),
    })),
    intraSpreads: spreads.map(([a, b, rate]) => ({
      rate,
      legs: [
        { tier: a, deltaPerSpread: 1, side: 'A' as const },
        { tier: b, deltaPerSpread: 1, side: 'B' as const },
      ],
    })),
  };
}

describe('SPAN intra-commodity spreads — CME example', () => {
  // Outright M2 $500, M3 $500, M4 $750; spread charges M2/M3 $200, M2/M4 $50, M3/M4 $0.
  const c = compileOverseasProductClass(
    futuresClass(
      [500, 500, 750],
      [
        [1, 2, '200'],
        [1, 3, '50'],
        [2, 3, '0'],
      ],
    ),
  );
  const margin = (q: number[]) => {
    const f = computeSpanClassFloat(c, Float64Array.from(q));
    return Math.round(f.scan + f.intra + f.spot);
  };
  it('+1 M2 / −1 M3 = 200', () => assert.equal(margin([1, -1, 0]), 200));
  it('+1 M2 / −1 M4 = 300', () => assert.equal(margin([1, 0, -1]), 300));
  it('+1 M3 / −1 M4 = 250', () => assert.equal(margin([0, 1, -1]), 250));
  it('outrights are the scan ranges', () => {
    assert.equal(margin([1, 0, 0]), 500);
    assert.equal(margin([0, 0, -1]), 750);
  });
});

describe('risk array generation', () => {
  it('futures array is linear and the covered fraction is applied once', () => {
    const ra = generateSpanRiskArray(
      { kind: 'future', forward: 100, multiplier: 10 },
      { priceScanRange: 30, volScanRange: 0.05, extremeMove: 3, coveredFraction: 0.33 },
    );
    const expected = [0, 0, -100, -100, 100, 100, -200, -200, 200, 200, -300, -300, 300, 300];
    expected.forEach((v, j) => {
      assert.ok(Math.abs(ra[j] - v) < 1e-9, `scenario ${j + 1}`);
    });
    assert.ok(Math.abs(ra[14] - -900 * 0.33) < 1e-9);
    assert.ok(Math.abs(ra[15] - 900 * 0.33) < 1e-9);
  });
  it('a long call loses at most its value', () => {
    const ra = generateSpanRiskArray(
      { kind: 'call', forward: 100, strike: 100, timeYears: 0.5, vol: 0.2, rate: 0, multiplier: 1 },
      { priceScanRange: 10, volScanRange: 0.05, extremeMove: 3, coveredFraction: 0.33 },
    );
    assert.ok(Math.max(...ra) < 5.7);
    assert.ok(ra[10] < 0 && ra[12] > 0);
  });
});

describe('scan risk properties', () => {
  const arb = fc.array(
    fc.record({
      q: fc.integer({ min: -50, max: 50 }),
      ra: fc.array(fc.integer({ min: -100000, max: 100000 }), { minLength: 16, maxLength: 16 }),
    }),
    { minLength: 1, maxLength: 8 },
  );
  const build = (ps: { q: number; ra: number[] }[], k = 1) => ({
    qty: Float64Array.from(ps, (p) => p.q * k),
    ra: Float64Array.from(ps.flatMap((p) => p.ra)),
  });
  it('a position plus its exact opposite has zero scan risk', () => {
    fc.assert(
      fc.property(arb, (ps) => {
        const both = [...ps, ...ps.map((p) => ({ q: -p.q, ra: p.ra }))];
        const { qty, ra } = build(both);
        assert.equal(spanScanRisk(qty, ra, 16), 0);
      }),
    );
  });
  it('scaling positions by k scales scan risk by k, never negative', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 20 }), (ps, k) => {
        const a = build(ps);
        const b = build(ps, k);
        const s1 = spanScanRisk(a.qty, a.ra, 16);
        const sk = spanScanRisk(b.qty, b.ra, 16);
        assert.ok(s1 >= 0);
        assert.equal(sk, k * s1);
      }),
    );
  });
});

describe('inter-commodity credits', () => {
  it('credit = spreads × ratio × WPR × rate, deltas consumed in priority order', () => {
    const credits = spanInterCredits(
      [
        { key: 'CME:ES', priceRisk: 15000, netDelta: 2, remainingDelta: 2 },
        { key: 'CME:NQ', priceRisk: 22000, netDelta: -1, remainingDelta: -1 },
      ],
      [
        {
          creditRate: '0.5',
          legs: [
            { exchange: 'CME', classCode: 'ES', deltaPerSpread: 1, side: 'A' },
            { exchange: 'CME', classCode: 'NQ', deltaPerSpread: 1, side: 'B' },
          ],
        },
      ],
    );
    assert.equal(credits.get('CME:ES'), 3750);
    assert.equal(credits.get('CME:NQ'), 11000);
  });
  it('same-signed legs form no spread', () => {
    const credits = spanInterCredits(
      [
        { key: 'A:X', priceRisk: 1, netDelta: 1, remainingDelta: 1 },
        { key: 'A:Y', priceRisk: 1, netDelta: 1, remainingDelta: 1 },
      ],
      [
        {
          creditRate: '0.5',
          legs: [
            { exchange: 'A', classCode: 'X', deltaPerSpread: 1, side: 'A' },
            { exchange: 'A', classCode: 'Y', deltaPerSpread: 1, side: 'B' },
          ],
        },
      ],
    );
    assert.equal(credits.size, 0);
  });
});
