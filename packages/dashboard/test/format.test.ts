import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatField } from '../src/app/field-format.js';
import { formatAmount, formatPrice, groupDigits, signClass } from '../src/app/format.js';

describe('KIS number formatting', () => {
  it('amounts: KRW integers grouped, negatives keep their sign, blanks stay blank', () => {
    assert.equal(formatAmount('-1237500'), '-1,237,500');
    assert.equal(formatAmount('10101527360'), '10,101,527,360');
    assert.equal(formatAmount('0'), '0');
    assert.equal(formatAmount('-0'), '0');
    assert.equal(formatAmount(''), '');
    assert.equal(formatAmount('  00123'), '123');
  });

  it('view decimals: a USD view shows cents, padded, never rounded', () => {
    assert.equal(formatAmount('32570.5', 2), '32,570.50');
    assert.equal(formatAmount('32570', 2), '32,570.00');
    assert.equal(formatAmount('1.235', 2), '1.235');
  });

  it("prices: KIS's 8 decimals trimmed to what they carry, at least two", () => {
    assert.equal(formatPrice('309.10000000'), '309.10');
    assert.equal(formatPrice('1.08150000'), '1.0815');
    assert.equal(formatPrice('58116.66666667'), '58,116.66666667');
    assert.equal(formatPrice('58300.00000000'), '58,300.00');
    assert.equal(formatPrice('-0.50000000'), '-0.50');
  });

  it('formatting is exact: removing the separators gives the canonical value back', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.nat({ max: 99999999 }),
        (i, f) => {
          const text = `${i}.${String(f).padStart(8, '0')}`;
          // Same value: equal once trailing fraction zeros are dropped on both sides.
          const bare = (s: string) => s.replace(/\.?0+$/, '');
          assert.equal(bare(formatPrice(text).replaceAll(',', '')), bare(text));
          assert.equal(formatAmount(String(i)).replaceAll(',', ''), String(i));
        },
      ),
    );
  });

  it('fields format by their protocol kind', () => {
    assert.equal(formatField('pchs_amt', '231825000'), '231,825,000');
    assert.equal(formatField('idx_clpr', '307.45000000'), '307.45');
    assert.equal(formatField('cblc_qty', '1200'), '1,200');
    assert.equal(formatField('fm_brkg_mgn_amt', '49082990'), '49,082,990');
    assert.equal(formatField('fm_brkg_mgn_amt', '35827.3', 2), '35,827.30');
    assert.equal(formatField('prdt_name', 'F 202506'), 'F 202506');
    assert.equal(formatField('resp_dt', '20250320'), '2025-03-20');
  });

  it('helpers', () => {
    assert.equal(groupDigits('1234567.891'), '1,234,567.891');
    assert.equal(signClass('-5'), 'neg');
    assert.equal(signClass('0.00'), '');
    assert.equal(signClass('12'), 'pos');
  });
});
