// Decimal at its edges: signed zeros, the accepted short forms, scales past 30 and coefficients
// past 2^64, and the arguments that lose digits (scale, mode) checked before any work.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal, type RoundingMode } from '../src/index.js';

const d = (s: string) => Decimal.parse(s);

describe('Decimal edge cases', () => {
  it('a minus zero is zero: equal, not negative, printed without a sign, its scale kept', () => {
    for (const text of ['-0', '-0.00', '+0', '-.0', '-00']) {
      const z = d(text);
      assert.equal(z.sign(), 0, text);
      assert.equal(z.isNegative(), false, text);
      assert.ok(z.eq(0), text);
      assert.ok(!z.toString().startsWith('-'), text);
    }
    assert.equal(d('-0.00').toString(), '0.00');
    assert.equal(d('-0.4').round(0, 'ceil').toString(), '0');
    assert.equal(d('-0.5').round(0, 'half-even').toString(), '0');
    assert.equal(Decimal.from(-0).toString(), '0');
  });

  it('takes the short forms the documentation names, and nothing with an exponent', () => {
    assert.equal(d('+.5').toString(), '0.5');
    assert.equal(d('-.5').toString(), '-0.5');
    assert.equal(d('5.').toString(), '5');
    assert.equal(d('007.50').toString(), '7.50');
    for (const bad of ['1e5', '1E5', '+', '-', '.', '+-1', '0x10', '1_000', '٣']) {
      assert.throws(() => d(bad), SyntaxError, bad);
    }
  });

  it('stays exact past scale 30 and past 2^64', () => {
    const tiny = d(`0.${'0'.repeat(34)}1`); // scale 35
    assert.equal(tiny.scale, 35);
    assert.equal(tiny.add(tiny).toString(), `0.${'0'.repeat(34)}2`);
    assert.ok(tiny.gt(0) && tiny.lt(d(`0.${'0'.repeat(33)}1`)));
    assert.equal(tiny.round(34, 'up').toString(), `0.${'0'.repeat(33)}1`);
    assert.equal(tiny.round(34, 'half-up').toString(), `0.${'0'.repeat(34)}`);
    const huge = d(`${'9'.repeat(40)}.5`);
    assert.equal(huge.round(0, 'half-up').toString(), `1${'0'.repeat(40)}`);
    assert.equal(huge.round(0, 'half-even').toString(), `1${'0'.repeat(40)}`);
    assert.equal(huge.neg().round(0, 'down').toString(), `-${'9'.repeat(40)}`);
    assert.equal(huge.cmp(d(`1${'0'.repeat(40)}`)), -1);
    assert.equal(d('1').div(3, 40, 'down').toString(), `0.${'3'.repeat(40)}`);
  });

  it('refuses a bad scale or an unknown rounding mode wherever digits may be lost', () => {
    const one = d('1');
    for (const scale of [-1, 1.5, Number.NaN]) {
      assert.throws(() => one.div(3, scale, 'down'), /bad scale/, `div scale ${scale}`);
      assert.throws(() => one.round(scale, 'down'), /bad scale/, `round scale ${scale}`);
    }
    const bogus = 'nearest' as RoundingMode;
    assert.throws(() => one.div(3, 2, bogus), /unknown rounding mode "nearest"/);
    assert.throws(() => d('1.25').round(1, bogus), /unknown rounding mode/);
    // Also where no digit happens to be lost: the call is wrong whatever the value.
    assert.throws(() => d('1.5').round(1, bogus), /unknown rounding mode/);
    assert.throws(() => d('1.5').toFixed(3, bogus), /unknown rounding mode/);
    assert.throws(() => Decimal.fromFloat(1.5, 0, bogus), /unknown rounding mode/);
  });
});
