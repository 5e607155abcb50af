import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  computeKrxMargin,
  type KrxMarginPosition,
  parseKrxCode,
  SAMPLE_KRX_MARGIN_PARAMETERS,
} from '../src/index.js';
import { MARKET, SERIES } from './krx-helpers.js';

const ins = (code: string) => parseKrxCode(code, 2022);
const margin = (positions: KrxMarginPosition[], level: 'initial' | 'maintenance' = 'initial') =>
  computeKrxMargin({ positions, market: MARKET, parameters: SAMPLE_KRX_MARGIN_PARAMETERS, level });
const positionsArb = fc.array(
  fc
    .record({ s: fc.constantFrom(...SERIES), q: fc.integer({ min: -30, max: 30 }) })
    .map(({ s, q }) => ({ instrument: ins(s), qty: q })),
  { maxLength: 8 },
);

describe('computeKrxMargin', () => {
  it('one long future: the scan is the ± range move of the underlying', () => {
    const m = margin([{ instrument: ins('101S12'), qty: 1 }]);
    assert.equal(m.groups.length, 1);
    // KRX scans the underlying's close (306.90), not the future's price (307.45), as the
    // published rule and broker examples do; this test used to encode the future's price.
    // 306.90 × 8.1 % × 250,000 = 6,214,725 exactly (hand computation, no float).
    assert.equal(m.groups[0]!.priceVariation.toString(), '6214725');
    assert.ok(m.cash.gte(m.substitute) && m.cash.add(m.substitute).eq(m.total));
  });

  it('is never negative', () => {
    fc.assert(
      fc.property(
        positionsArb,
        fc.constantFrom('initial' as const, 'maintenance' as const),
        (pos, level) => {
          const m = margin(pos, level);
          assert.ok(m.total.gte(0) && m.cash.gte(0) && m.substitute.gte(0));
          for (const g of m.groups) assert.ok(g.total.gte(0) && g.priceVariation.gte(0));
        },
      ),
    );
  });

  it('gives zero price variation for a futures position and its exact opposite', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('101S12', '105S12', '101T03'),
        fc.integer({ min: 1, max: 500 }),
        (s, q) => {
          const m = margin([
            { instrument: ins(s), qty: q },
            { instrument: ins(s), qty: -q },
          ]);
          // Netted to nothing: no group is margined at all, so no price variation either.
          assert.ok(m.groups.every((g) => g.scanLoss === 0 && g.priceVariation.isZero()));
          assert.ok(m.total.isZero());
        },
      ),
    );
  });

  it('scales the scan by k when every position is scaled by k', () => {
    fc.assert(
      fc.property(positionsArb, fc.integer({ min: 2, max: 50 }), (pos, k) => {
        const a = margin(pos);
        const b = margin(pos.map((p) => ({ ...p, qty: p.qty * k })));
        a.groups.forEach((g, i) => {
          const h = b.groups[i]!;
          assert.ok(
            Math.abs(h.scanLoss - k * g.scanLoss) <= 1e-9 * Math.max(1, k * g.scanLoss),
            `${h.scanLoss} vs ${k}×${g.scanLoss}`,
          );
          assert.ok(h.optionPrice.eq(g.optionPrice.mul(k)));
          assert.ok(h.futuresSpread.eq(g.futuresSpread.mul(k)));
        });
      }),
    );
  });

  it('nets a series before margining: a long and a short in one series are no position', () => {
    // Found by the scaling property: unnetted, the pair was charged a futures spread and a short
    // option minimum, and the float scan left a 1e-9 residue.
    const m = margin([
      { instrument: ins('105S12'), qty: -11 },
      { instrument: ins('201S12350'), qty: 9 },
      { instrument: ins('201S12350'), qty: -9 },
      { instrument: ins('105S12'), qty: 11 },
    ]);
    assert.equal(m.groups.length, 0);
    assert.ok(m.total.isZero());
    const split = margin([
      { instrument: ins('101S12'), qty: 3 },
      { instrument: ins('101S12'), qty: -1 },
    ]);
    const whole = margin([{ instrument: ins('101S12'), qty: 2 }]);
    assert.ok(split.total.eq(whole.total));
  });

  it('charges a futures spread and keeps maintenance below initial', () => {
    const m = margin([
      { instrument: ins('101S12'), qty: 2 },
      { instrument: ins('101T03'), qty: -3 },
    ]);
    // min(2, 3) × 0.3 % × base 306.90 × 250,000
    assert.ok(m.groups[0]!.futuresSpread.eq(460350));
    const short = [
      { instrument: ins('201S12350'), qty: -10 },
      { instrument: ins('301S12340'), qty: -10 },
    ];
    assert.ok(margin(short, 'maintenance').total.lt(margin(short, 'initial').total));
    assert.ok(margin(short).groups[0]!.optionPrice.isPositive());
  });

  it('names the group when parameters are missing', () => {
    assert.throws(
      () =>
        computeKrxMargin({
          positions: [{ instrument: ins('101S12'), qty: 1 }],
          market: MARKET,
          parameters: { ...SAMPLE_KRX_MARGIN_PARAMETERS, groups: [] },
          level: 'initial',
        }),
      /no margin parameters for group "KOSPI200"/,
    );
  });
});
