// The margin engine's shortcuts agree with the plain rule they replace, on random inputs:
// the option adjustment quantises one model price (the extreme float) instead of two, which
// holds because quantising a float to a decimal is monotone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import fc from 'fast-check';
import {
  computeKrxMargin,
  type KrxMarketData,
  KrxMarketIndex,
  krxInstrument,
  krxOptionAdjustment,
  SAMPLE_KRX_MARGIN_PARAMETERS,
  scanKrxSeries,
} from '../src/index.js';
import { krxQuantisedPrice } from '../src/krx/margin-quantise.js';
import { krxDecimalToNumber, krxScanOffset, krxScanValues } from '../src/krx/margin-scan.js';

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

  it('option price and short-option minimum equal the chained products, value and scale', () => {
    // Each series' part is one bigint product at the summed scale; the plain rule chains `mul`s
    // (and adds only non-zero parts, as the group's sums do).
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom<'201' | '301'>('201', '301'),
            strike: fc.integer({ min: 110, max: 140 }),
            cents: fc.integer({ min: 0, max: 4000 }),
            decimals: fc.constantFrom(0, 1, 2, 3, 8),
            qty: fc.integer({ min: -40, max: 40 }).filter((q) => q !== 0),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.constantFrom('306.90', '306.9', '310', '298.125'),
        (legs, level) => {
          const quotes = new Map<string, { pdno: string; price: string; vol: number }>();
          const positions = legs.map((l) => {
            const instrument = krxInstrument({
              productCode: l.kind,
              year: 2023,
              month: 3,
              strike: String(l.strike * 2.5),
            });
            if (!quotes.has(instrument.shortCode)) {
              const whole = (l.cents / 100).toFixed(2);
              const price = l.decimals === 0 ? String(Math.floor(l.cents / 100)) : whole;
              quotes.set(instrument.shortCode, {
                pdno: instrument.shortCode,
                price: l.decimals <= 2 ? price : whole.padEnd(whole.length + l.decimals - 2, '0'),
                vol: 0.2,
              });
            }
            return { instrument, qty: l.qty };
          });
          const market: KrxMarketData = {
            asOf: '2022-11-15',
            quotes: [...quotes.values()],
            underlyings: [{ group: 'KOSPI200', level, vol: 0.2 }],
          };
          const g = computeKrxMargin({ positions, market, parameters: P, level: 'initial' })
            .groups[0]!;
          const net = new Map<
            string,
            { ins: (typeof positions)[number]['instrument']; q: number }
          >();
          for (const p of positions) {
            const held = net.get(p.instrument.shortCode);
            if (held) held.q += p.qty;
            else net.set(p.instrument.shortCode, { ins: p.instrument, q: p.qty });
          }
          let optPrice = Decimal.ZERO;
          let som = Decimal.ZERO;
          const base = Decimal.parse(level);
          const rate = Decimal.parse(G.initial.shortOptionMinimumRate);
          for (const { ins, q } of net.values()) {
            if (q === 0) continue;
            const price = Decimal.parse(quotes.get(ins.shortCode)!.price);
            const o = price.mul(ins.multiplier).mul(BigInt(q)).neg();
            if (!o.isZero()) optPrice = optPrice.add(o);
            if (q < 0) {
              const m = base.mul(ins.multiplier).mul(BigInt(-q)).mul(rate);
              if (!m.isZero()) som = som.add(m);
            }
          }
          assert.equal(g.optionPrice.toString(), optPrice.toString());
          assert.equal(g.shortOptionMinimum.toString(), som.toString());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('scans share blocks without overlap: each keeps its own P&L however many follow', () => {
    // 3 expiries × 2 kinds × 60 strikes = 360 scans (~3 blocks), one index; then each again
    // on its own index, compared bit for bit through pnl and through the block and offset.
    const base = Decimal.parse('306.90');
    const range = Decimal.parse(G.initial.priceRange);
    const series = [3, 6, 12].flatMap((month) =>
      ['201', '301'].flatMap((productCode) =>
        Array.from({ length: 60 }, (_, i) =>
          krxInstrument({ productCode, year: 2023, month, strike: String(230 + 2.5 * i) }),
        ),
      ),
    );
    series.push(krxInstrument({ productCode: '101', year: 2022, month: 12 }));
    const market: KrxMarketData = {
      asOf: '2022-11-15',
      quotes: series.map((ins, i) => ({
        pdno: ins.shortCode,
        price: (1 + (i % 37) / 3).toFixed(2),
        ...(ins.spec.kind === 'future' ? {} : { vol: 0.15 + (i % 11) / 50 }),
      })),
      underlyings: [{ group: 'KOSPI200', level: '306.90', vol: 0.2 }],
    };
    const shared = new KrxMarketIndex(market);
    const scans = series.map((ins) =>
      scanKrxSeries(ins, shared, 0.2, base, range, HALF, G.volShift, P),
    );
    const blocks = new Set(scans.map((s) => krxScanValues(s)));
    assert.ok(blocks.size >= 2, `${blocks.size} block(s): the test must cross a block`);
    series.forEach((ins, i) => {
      const alone = scanKrxSeries(
        ins,
        new KrxMarketIndex(market),
        0.2,
        base,
        range,
        HALF,
        G.volShift,
        P,
      );
      const s = scans[i]!;
      const values = krxScanValues(s);
      const at = krxScanOffset(s);
      assert.equal(s.pnl.length, 4 * HALF + 2);
      for (let j = 0; j < 4 * HALF + 2; j++) {
        assert.ok(Object.is(s.pnl[j], alone.pnl[j]), `${ins.shortCode} pnl[${j}]`);
        assert.ok(Object.is(values[at + j], alone.pnl[j]), `${ins.shortCode} block[${j}]`);
        if (s.valueAt) assert.ok(s.valueAt(j).eq(alone.valueAt!(j)), `${ins.shortCode} @${j}`);
      }
    });
  });
});
