import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Decimal, type RoundingMode } from '../src/index.js';

const d = (s: string) => Decimal.parse(s);

describe('Decimal', () => {
  it('parses and prints without losing the scale', () => {
    assert.equal(d('309.10000000').toString(), '309.10000000');
    assert.equal(d('-1237500').toString(), '-1237500');
    assert.equal(d('.5').toString(), '0.5');
    assert.equal(d('-0.05').toString(), '-0.05');
    assert.equal(d('+7').toString(), '7');
  });

  it('keeps amounts beyond 2^53 exact', () => {
    const big = '123456789012345678901234567890';
    assert.equal(d(big).add(1).toString(), '123456789012345678901234567891');
    assert.equal(d('9007199254740993').toString(), '9007199254740993');
  });

  it('refuses floats and malformed text', () => {
    assert.throws(() => Decimal.from(0.1), /not a safe integer/);
    for (const bad of ['', '1e5', '1,000', ' 1', '--1', '1.2.3', 'NaN', '.']) {
      assert.throws(() => d(bad), SyntaxError, bad);
    }
  });

  it('does the KIS example arithmetic exactly', () => {
    // 3 × 309.10 × 250,000 = 231,825,000
    assert.equal(d('309.10000000').mul(3).mul(250_000).toFixed(0), '231825000');
    assert.ok(d('1.0').eq(1));
    assert.equal(d('1.10').cmp('1.1'), 0);
  });

  const cases: [string, RoundingMode, string][] = [
    ['2.5', 'half-up', '3'],
    ['-2.5', 'half-up', '-3'],
    ['2.5', 'half-even', '2'],
    ['3.5', 'half-even', '4'],
    ['-2.5', 'half-even', '-2'],
    ['2.9', 'down', '2'],
    ['-2.9', 'down', '-2'],
    ['2.1', 'up', '3'],
    ['-2.1', 'up', '-3'],
    ['-2.1', 'floor', '-3'],
    ['2.1', 'floor', '2'],
    ['2.1', 'ceil', '3'],
    ['-2.9', 'ceil', '-2'],
    ['2.4999', 'half-up', '2'],
  ];
  for (const [v, mode, want] of cases) {
    it(`rounds ${v} ${mode} → ${want}`, () => assert.equal(d(v).round(0, mode).toString(), want));
  }

  it('divides with a named rounding', () => {
    assert.equal(d('1').div(3, 4, 'half-up').toString(), '0.3333');
    assert.equal(d('2').div(3, 4, 'half-up').toString(), '0.6667');
    assert.equal(d('-2').div(3, 0, 'floor').toString(), '-1');
    assert.throws(() => d('1').div(0, 2, 'down'), RangeError);
  });

  it('rescale refuses to lose digits', () => {
    assert.equal(d('1.5').rescale(8).toString(), '1.50000000');
    assert.throws(() => d('1.123456789').rescale(8), /more than 8 decimals/);
  });

  it('fromFloat rounds once, at the edge', () => {
    assert.equal(Decimal.fromFloat(0.1 + 0.2, 2).toString(), '0.30');
    assert.equal(Decimal.fromFloat(1.5e-7, 8).toString(), '0.00000015');
    assert.equal(Decimal.fromFloat(1e21, 0).toString(), '1000000000000000000000');
    assert.equal(Decimal.fromFloat(-12345.675, 2, 'down').toString(), '-12345.67');
  });

  const decimalArb = fc
    .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 12 }))
    .map(([c, s]) => Decimal.of(c, s));

  it('add/sub are inverse and commutative (property)', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        assert.ok(a.add(b).sub(b).eq(a));
        assert.ok(a.add(b).eq(b.add(a)));
      }),
    );
  });

  it('parse(toString(x)) is x (property)', () => {
    fc.assert(
      fc.property(decimalArb, (a) => {
        const back = Decimal.parse(a.toString());
        assert.equal(back.coefficient, a.coefficient);
        assert.equal(back.scale, a.scale);
      }),
    );
  });

  it('rounding stays within one unit and half-even is unbiased on ties (property)', () => {
    fc.assert(
      fc.property(decimalArb, fc.integer({ min: 0, max: 6 }), (a, s) => {
        for (const mode of ['half-up', 'half-even', 'down', 'up', 'floor', 'ceil'] as const) {
          const r = a.round(s, mode);
          assert.ok(r.sub(a).abs().lte(Decimal.of(1n, s)));
        }
        assert.ok(a.round(s, 'floor').lte(a) && a.round(s, 'ceil').gte(a));
      }),
    );
  });
});
