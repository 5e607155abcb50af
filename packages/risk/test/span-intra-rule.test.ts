import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import fc from 'fast-check';
import { type SpanIntraSpread, spanIntraSpreads } from '../src/overseas/index.js';

/**
 * The intra-commodity rule as published, in Decimal: spreads in priority order; a spread forms
 * when every A leg's tier has delta of one sign and every B leg's the other (an A leg is needed
 * to say which sign); n = min |Δ| ÷ delta per spread; charge n × rate; each leg consumes
 * n × its ratio toward zero, leg by leg.
 */
function reference(deltas: number[], tiers: number[], spreads: SpanIntraSpread[]) {
  const rem = deltas.map((d) => Decimal.from(d));
  let charge = Decimal.ZERO;
  for (const s of spreads) {
    const idx = s.legs.map((l) => tiers.indexOf(l.tier));
    if (idx.some((k) => k < 0)) continue;
    const a = s.legs.findIndex((l) => l.side === 'A');
    if (a < 0) continue;
    const sign = rem[idx[a]!]!.sign();
    if (sign === 0) continue;
    let n: Decimal | undefined;
    let ok = true;
    s.legs.forEach((l, k) => {
      const d = rem[idx[k]!]!;
      if (d.sign() !== (l.side === 'A' ? sign : -sign)) ok = false;
      const c = d.abs().div(Decimal.parse(String(l.deltaPerSpread)), 20, 'half-even');
      n = n === undefined || c.lt(n) ? c : n;
    });
    if (!ok || n === undefined || !n.isPositive()) continue;
    const count = n;
    charge = charge.add(count.mul(Decimal.parse(s.rate)));
    s.legs.forEach((l, k) => {
      const t = idx[k]!;
      const used = count.mul(Decimal.parse(String(l.deltaPerSpread)));
      rem[t] = rem[t]!.sub(used.mul(rem[t]!.sign()));
    });
  }
  return { charge, rem };
}

const close = (x: number, d: Decimal) =>
  Math.abs(x - Number(d.toString())) <= 1e-9 * Math.max(1, Math.abs(Number(d.toString())));

describe('SPAN intra-commodity spreads: one rule', () => {
  it('the class scan forms the spreads the published rule forms, degenerate definitions too', () => {
    const tiers = [1, 2, 3];
    const leg = fc.record({
      tier: fc.constantFrom(1, 2, 3, 9),
      deltaPerSpread: fc.constantFrom(1, 2, 0.5),
      side: fc.constantFrom('A' as const, 'B' as const),
    });
    const spread = fc.record({
      rate: fc.constantFrom('100', '250', '37.5'),
      legs: fc.array(leg, { minLength: 2, maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 3, maxLength: 3 }),
        fc.array(spread, { minLength: 1, maxLength: 4 }),
        (deltas, spreads) => {
          const got = spanIntraSpreads(Float64Array.from(deltas), tiers, spreads);
          const want = reference(deltas, tiers, spreads);
          assert.ok(close(got.charge, want.charge), `charge ${got.charge} vs ${want.charge}`);
          got.remaining.forEach((r, t) => {
            assert.ok(close(r, want.rem[t]!), `tier ${t}`);
          });
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('two B legs form no spread (no A leg says which sign)', () => {
    const r = spanIntraSpreads(
      Float64Array.from([2, 3]),
      [1, 2],
      [
        {
          rate: '100',
          legs: [
            { tier: 1, deltaPerSpread: 1, side: 'B' },
            { tier: 2, deltaPerSpread: 1, side: 'B' },
          ],
        },
      ],
    );
    assert.equal(r.charge, 0);
    assert.deepEqual([...r.remaining], [2, 3]);
  });
});
