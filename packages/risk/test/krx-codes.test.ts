import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  isinCheckDigit,
  isWeeklyExpiry,
  KRX_PRODUCTS,
  krxExpiryDate,
  krxInstrument,
  krxProduct,
  krxTickSize,
  krxTickValue,
  krxYearFromSymbol,
  krxYearSymbol,
  parseKrxCode,
} from '../src/index.js';

describe('KRX codes', () => {
  it('builds and parses the KIS example KOSPI200 futures Dec 2022', () => {
    const f = krxInstrument({ productCode: '101', year: 2022, month: 12 });
    assert.equal(f.standardCode, 'KR4101SC0009');
    assert.equal(f.shortCode, '101S12');
    assert.equal(f.productName, 'F 202212');
    assert.equal(f.expiry, '2022-12-08');
    assert.equal(f.multiplier.toString(), '250000');
    assert.equal(parseKrxCode('KR4101SC0009', 2022).shortCode, '101S12');
    assert.equal(parseKrxCode('101S12', 2022).standardCode, 'KR4101SC0009');
  });

  it('uses the 30-year symbol cycle without I, O, U, X, Y, Z', () => {
    assert.equal(krxYearSymbol(2022), 'S');
    assert.equal(krxYearSymbol(2024), 'V');
    assert.equal(krxYearSymbol(2025), 'W');
    assert.equal(krxYearSymbol(2026), '6');
    assert.equal(krxYearFromSymbol('W', 2025), 2025);
    assert.equal(krxYearFromSymbol('6', 2027), 2026);
    assert.equal(krxYearFromSymbol('P', 2022), 2019);
    for (const c of 'IOUXYZ') assert.throws(() => krxYearFromSymbol(c), /not a KRX year symbol/);
  });

  it('names options the KIS way and recovers the 2.5 strike grid', () => {
    const c = krxInstrument({ productCode: '201', year: 2022, month: 12, strike: '350' });
    assert.equal(c.shortCode, '201S12350');
    assert.equal(c.productName, 'C 202212 350.0');
    const p = parseKrxCode('301S12352', 2022);
    assert.equal(p.productName, 'P 202212 352.5');
    assert.equal(parseKrxCode(p.standardCode!, 2022).strike?.toString(), '352.5');
    const w = parseKrxCode('209S12W4350', 2022);
    assert.equal(w.productName, 'C 202212W4 350.0');
    assert.equal(w.expiry, '2022-12-22');
  });

  it('round-trips every product, month and year through both codes', () => {
    fc.assert(
      fc.property(
        // Weekly series (Thursday and Monday) have no standard code of their own; tested apart.
        fc.constantFrom(...KRX_PRODUCTS.filter((p) => !isWeeklyExpiry(p.expiryRule))),
        fc.integer({ min: 2010, max: 2035 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 40, max: 399 }),
        (spec, year, month, k) => {
          const strike =
            spec.kind === 'future'
              ? undefined
              : spec.strikeStep === '1000'
                ? String(k * 1000)
                : String(k * 2.5);
          const ins = krxInstrument({
            productCode: spec.productCode,
            year,
            month,
            ...(strike ? { strike } : {}),
          });
          const a = parseKrxCode(ins.standardCode!, year);
          const b = parseKrxCode(ins.shortCode, year);
          assert.equal(a.shortCode, ins.shortCode);
          assert.equal(b.standardCode, ins.standardCode);
          assert.equal(
            a.strike === undefined ? ins.strike : a.strike.eq(ins.strike!),
            ins.strike === undefined ? undefined : true,
          );
        },
      ),
    );
  });

  it('rejects malformed codes saying what is wrong', () => {
    assert.throws(
      () => parseKrxCode('KR4101SC0008'),
      /"KR4101SC0008": check digit 8 is wrong \(expected 9\)/,
    );
    assert.throws(() => parseKrxCode('KR4101SC000'), /must have 12 characters, has 11/);
    assert.throws(() => parseKrxCode('XYZ'), /KRX code "XYZ": not a KRX short code/);
    assert.throws(() => parseKrxCode('999S12'), /unknown product code "999"/);
    assert.throws(() => parseKrxCode('101I12'), /"I" is not a KRX year symbol/);
    assert.throws(() => parseKrxCode('201S12'), /option code needs a 3-digit strike/);
    assert.throws(() => parseKrxCode('101S12350'), /futures code takes no strike/);
    assert.throws(() => parseKrxCode('209S12350'), /weekly option code needs W<week>/);
    assert.throws(() => krxProduct('000'), /unknown KRX product code "000"/);
    assert.equal(isinCheckDigit('US037833100'), '5'); // Apple's ISIN US0378331005
  });
});

describe('KRX instrument master', () => {
  it('carries multipliers, tick bands and tick values as data', () => {
    assert.equal(krxTickValue(krxProduct('101'), '300').toString(), '12500.00');
    assert.equal(krxTickValue(krxProduct('105'), '300').toString(), '1000.00');
    assert.equal(krxTickSize(krxProduct('201'), '9.99').toString(), '0.01');
    assert.equal(krxTickSize(krxProduct('201'), '10').toString(), '0.05');
    assert.equal(krxTickValue(krxProduct('201'), '5').toString(), '2500.00');
    assert.equal(krxTickValue(krxProduct('165'), '104').toString(), '10000.00');
    assert.equal(krxTickValue(krxProduct('175'), '1300').toString(), '1000.0');
    assert.equal(krxTickSize(krxProduct('111'), '61000').toString(), '100');
    assert.equal(krxProduct('175').settlement, 'physical');
  });
  it('computes expiry rules', () => {
    assert.equal(
      krxExpiryDate('second-thursday', 2024, 3).toISOString().slice(0, 10),
      '2024-03-14',
    );
    assert.equal(krxExpiryDate('third-tuesday', 2024, 3).toISOString().slice(0, 10), '2024-03-19');
    assert.equal(krxExpiryDate('third-monday', 2024, 3).toISOString().slice(0, 10), '2024-03-18');
    assert.throws(
      () => krxExpiryDate('weekly-thursday', 2023, 2, 5),
      /2023-2 has no Thursday of week 5/,
    );
  });
});
