// The margin engine's shortcuts agree with the plain rule they replace, on random inputs:
// the option adjustment quantises one model price (the extreme float) instead of two, which
// holds because quantising a float to a decimal is monotone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import fc from 'fast-check';
import {
  type KrxMarketData,
  KrxMarketIndex,
  krxInstrument,
  krxOptionAdjustment,
  SAMPLE_KRX_MARGIN_PARAMETERS,
  scanKrxSeries,
} from '../src/index.js';
import { krxQuantisedPrice } from '../src/krx/margin-quantise.js';
import { krxDecimalToNumber } from '../src/krx/margin-scan.js';

const P = SAMPLE_KRX_MARGIN_PARAMETERS;
const G = P.groups[0]!;
const HALF = (P.pricePoints - 1) / 2;

/** The rule as published: both vol scenarios of the extreme move quantised, then max / min. */
function plainOptionAdjustment(
  kind: 'call' | 'put',
  at: (j: number) => Decimal,
  price: Decimal,
  qty: number,
  rate: Decimal,
  multiplier: Decimal,
): Decimal {
  const short = qty < 0;
  const up = (kind === 'call') === short;
  const x = at(up ? 4 * HALF : 0);
  const y = at(up ? 4 * HALF + 1 : 1);
  const per = short ? Decimal.max(x, y).sub(price) : price.sub(Decimal.min(x, y));
  return per.isPositive() ? rate.mul(per).mul(multiplier).mul(Math.abs(qty)) : Decimal.ZERO;
}

describe('KRX margin fast paths', () => {
  it('quantising a float to 8 places is monotone (the identity the option adjustment uses)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.integer({ min: 1, max: 4096 }),
        (x, ulps) => {
          let y = x;
          for (let i = 0; i < ulps % 64; i++) y = y + Number.EPSILON * Math.max(1, y);
          const qx = Decimal.fromFloat(x, 8, 'half-up');
          const qy = Decimal.fromFloat(y, 8, 'half-up');
          assert.ok(qx.lte(qy), `${x} → ${qx}, ${y} → ${qy}`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the option adjustment of a random option equals the rule with both extremes quantised', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'call' | 'put'>('call', 'put'),
        fc.integer({ min: 100, max: 160 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0.05, max: 0.8, noNaN: true }),
        fc.integer({ min: -50, max: 50 }).filter((q) => q !== 0),
        fc.constantFrom(3, 6, 12),
        (kind, strikeStep, priceCents, vol, qty, month) => {
          const ins = krxInstrument({
            productCode: kind === 'call' ? '201' : '301',
            year: 2023,
            month,
            strike: String(strikeStep * 2.5),
          });
          const market: KrxMarketData = {
            asOf: '2022-11-15',
            quotes: [{ pdno: ins.shortCode, price: (priceCents / 100).toFixed(2), vol }],
            underlyings: [{ group: 'KOSPI200', level: '306.90', vol: 0.2 }],
          };
          const index = new KrxMarketIndex(market);
          const base = Decimal.parse('306.90');
          const range = Decimal.parse(G.initial.priceRange);
          const scan = scanKrxSeries(ins, index, 0.2, base, range, HALF, G.volShift, P);
          const rate = Decimal.parse(String(G.optionAdjustmentRate));
          const fast = krxOptionAdjustment(ins, scan, qty, rate, HALF);
          // A fresh scan, so the plain rule quantises its own values.
          const again = scanKrxSeries(
            ins,
            new KrxMarketIndex(market),
            0.2,
            base,
            range,
            HALF,
            G.volShift,
            P,
          );
          const plain = plainOptionAdjustment(
            kind,
            again.valueAt!,
            again.price,
            qty,
            rate,
            ins.multiplier,
          );
          assert.ok(fast.eq(plain), `${ins.shortCode} × ${qty}: ${fast} vs ${plain}`);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the one-pass quantiser equals Decimal.fromFloat(x, 8, half-up), value and scale', () => {
    const check = (x: number) => {
      const fast = krxQuantisedPrice(x);
      const plain = Decimal.fromFloat(x, 8, 'half-up');
      assert.equal(fast.toString(), plain.toString(), `${x}`);
      assert.equal(fast.scale, plain.scale, `${x}`);
    };
    // Ties at the ninth place, both signs, exponent forms on either side, integers, zero.
    for (const x of [
      0, 1, 12, 1.000000005, 1.000000015, 0.000000005, -1.000000005, 2.999999995, 9.999999995, 1e-6,
      1e-7, 1.5e-7, -2.5e-9, 123456789.12345679, 1e20, 1e21, 5e-324, -0.000001,
    ]) {
      check(x);
    }
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => check(x)),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), (c) => check(c / 1e9)),
      { numRuns: 5000 },
    );
    assert.throws(() => krxQuantisedPrice(Number.NaN), RangeError);
    assert.throws(() => krxQuantisedPrice(Number.POSITIVE_INFINITY), RangeError);
  });

  it("a decimal's float value by one division equals toNumber() (through text), bit for bit", () => {
    const check = (d: Decimal) =>
      assert.ok(Object.is(krxDecimalToNumber(d), d.toNumber()), `${d.toString()}`);
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
        fc.integer({ min: 0, max: 30 }),
        (c, scale) => check(Decimal.of(c, scale)),
      ),
      { numRuns: 5000 },
    );
    for (const t of ['0.081', '306.90', '0.1', '-0.3', '9007199254740991', '9007199254740993'])
      check(Decimal.parse(t));
  });

  it('an option scan hands out the same quantised values however many scenarios are read', () => {
    const ins = krxInstrument({ productCode: '201', year: 2023, month: 3, strike: '300' });
    const market: KrxMarketData = {
      asOf: '2022-11-15',
      quotes: [{ pdno: ins.shortCode, price: '9.50', vol: 0.22 }],
      underlyings: [{ group: 'KOSPI200', level: '306.90', vol: 0.2 }],
    };
    const base = Decimal.parse('306.90');
    const range = Decimal.parse(G.initial.priceRange);
    const scan = scanKrxSeries(ins, new KrxMarketIndex(market), 0.2, base, range, HALF, 0.25, P);
    const at = scan.valueAt!;
    assert.equal(scan.valueAt, at, 'one bound function per scan');
    const order = Array.from({ length: 4 * HALF + 2 }, (_, j) => (j * 17) % (4 * HALF + 2));
    const first = order.map((j) => at(j).toString());
    // Read again, in another order, through the exact P&L too: same values every time.
    for (const j of [...order].reverse()) {
      assert.equal(at(j).toString(), first[order.indexOf(j)]);
      assert.ok(scan.exactTimesHalf(j).eq(at(j).sub(scan.price).mul(HALF)));
    }
    // Each equals the model price quantised on its own.
    const fresh = scanKrxSeries(ins, new KrxMarketIndex(market), 0.2, base, range, HALF, 0.25, P);
    for (const j of order) assert.equal(fresh.valueAt!(j).toString(), at(j).toString());
    assert.throws(() => at(4 * HALF + 2), RangeError);
  });
});
