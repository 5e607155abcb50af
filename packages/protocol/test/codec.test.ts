import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  cp949ByteLength,
  Decimal,
  decodeValue,
  domesticInquireBalance,
  encodeValue,
  type FieldKind,
  type FieldSpec,
  padContinuationKey,
  SpecError,
} from '../src/index.js';

const field = (kind: FieldKind, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name: `f_${kind}`,
  ko: `필드_${kind}`,
  en: kind,
  kind,
  length: 40,
  ...extra,
});

const digits = fc.stringMatching(/^(0|[1-9]\d{0,30})$/);
const canonical: Record<Exclude<FieldKind, 'code' | 'text'>, fc.Arbitrary<string>> = {
  amount: fc.tuple(fc.boolean(), digits).map(([neg, n]) => (neg && n !== '0' ? `-${n}` : n)),
  quantity: fc.tuple(fc.boolean(), digits).map(([neg, n]) => (neg && n !== '0' ? `-${n}` : n)),
  price: fc
    .tuple(fc.boolean(), digits, fc.stringMatching(/^\d{8}$/))
    .map(([neg, i, f]) => `${neg && !(i === '0' && /^0+$/.test(f)) ? '-' : ''}${i}.${f}`),
  rate: fc.tuple(digits, fc.stringMatching(/^\d{8}$/)).map(([i, f]) => `${i}.${f}`),
  date: fc
    .date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((dt) => dt.toISOString().slice(0, 10).replaceAll('-', '')),
  flag: fc.constantFrom('Y', 'N'),
};

describe('wire codecs', () => {
  for (const [kind, arb] of Object.entries(canonical)) {
    it(`decode then encode is the identity for every well-formed ${kind} (property)`, () => {
      const f = field(kind as FieldKind);
      fc.assert(fc.property(arb, (s) => assert.equal(encodeValue(f, decodeValue(f, s)), s)));
    });
  }

  it('decode then encode is the identity for codes and text (property)', () => {
    const code = field('code');
    const text = field('text', { length: 200 });
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{0,12}$/), fc.string({ maxLength: 60 }), (c, t) => {
        assert.equal(encodeValue(code, decodeValue(code, c)), c);
        fc.pre(cp949ByteLength(t) <= 200);
        assert.equal(encodeValue(text, decodeValue(text, t)), t);
      }),
    );
  });

  it('decimal-carrying amounts keep their cents in a currency view', () => {
    const f = field('amount', { decimals: 'currency' });
    assert.equal(encodeValue(f, decodeValue(f, '1234.50'), { currencyDecimals: 2 }), '1234.50');
    assert.equal(encodeValue(f, Decimal.parse('7'), { currencyDecimals: 2 }), '7.00');
    assert.throws(
      () => encodeValue(f, Decimal.parse('0.005'), { currencyDecimals: 2 }),
      /round it first/,
    );
  });

  it('reads blanks, padding and long amounts exactly', () => {
    const amt = { ...field('amount'), kind: 'amount' as const };
    assert.ok(decodeValue(amt, '').isZero());
    assert.ok(decodeValue(amt, '     ').isZero());
    assert.equal(decodeValue(amt, '   -1237500').toString(), '-1237500');
    assert.equal(decodeValue(amt, '1237500  ').toString(), '1237500');
    assert.equal(decodeValue(amt, '98765432109876543210').toString(), '98765432109876543210');
    const price = field('price');
    assert.equal(decodeValue(price, '309.10000000').toString(), '309.10000000');
    assert.equal(encodeValue(price, Decimal.parse('309.1')), '309.10000000');
    assert.equal(encodeValue(price, 0n), '0.00000000');
  });

  it('rejects malformed input naming the field', () => {
    const amt = field('amount');
    for (const bad of ['12a', '1,000', '1e3', '-', '--1', 'null']) {
      assert.throws(
        () => decodeValue(amt, bad, 'output1[2].f_amount'),
        (e: unknown) =>
          e instanceof SpecError &&
          e.first.field === 'f_amount' &&
          e.first.path === 'output1[2].f_amount' &&
          e.message.includes('필드_amount'),
        bad,
      );
    }
    assert.throws(() => decodeValue(amt, 12), /expected a string, got number/);
    assert.throws(() => decodeValue(field('quantity'), '1.5'), /not an integer/);
    assert.throws(() => decodeValue(field('flag'), 'y'), /not a flag/);
    assert.throws(() => decodeValue(field('date'), '20230230'), /not a YYYYMMDD date/);
  });

  it('refuses to encode values that would lose digits or overflow', () => {
    assert.throws(() => encodeValue(field('amount'), Decimal.parse('1.5')), /round it first/);
    assert.throws(() => encodeValue(field('amount', { length: 3 }), 1234n), /longer than 3/);
    assert.throws(() => encodeValue(field('price'), 0.5), /not an exact number/);
  });

  it('pads continuation keys to 200 characters and msg1 to 80 CP949 bytes', () => {
    const key = padContinuationKey('80012345^03^01^1^');
    assert.equal(key.length, 200);
    assert.equal(key.trimEnd(), '80012345^03^01^1^');
    const fk = domesticInquireBalance.envelope.find((f) => f.name === 'ctx_area_fk200')!;
    assert.equal(encodeValue(fk, '80012345^03^01^1^'), key);
    const msg1 = domesticInquireBalance.envelope.find((f) => f.name === 'msg1')!;
    const padded = encodeValue(msg1, '조회가 완료되었습니다');
    assert.equal(cp949ByteLength(padded), 80);
    assert.equal(padded.trimEnd(), '조회가 완료되었습니다');
    assert.equal(cp949ByteLength(encodeValue(msg1, '가'.repeat(50))), 80, 'cut to fit');
  });
});

describe('number decoding: the one-pass scan agrees with trim + pattern + Decimal.parse', () => {
  // The reference is the plain definition: trim, blank is zero, the wire pattern, Decimal.parse.
  const reference = (raw: string, integerOnly: boolean): string => {
    const t = raw.trim();
    if (t === '') return '0 (scale 0)';
    if (!(integerOnly ? /^[+-]?\d+$/ : /^[+-]?\d+(?:\.\d+)?$/).test(t)) return 'throws';
    const d = Decimal.parse(t);
    return `${d.coefficient} (scale ${d.scale})`;
  };
  const decoded = (raw: string, kind: FieldKind): string => {
    try {
      const d = decodeValue(field(kind) as FieldSpec & { kind: 'amount' }, raw);
      return `${d.coefficient} (scale ${d.scale})`;
    } catch (e) {
      if (e instanceof SpecError) return 'throws';
      throw e;
    }
  };
  it('on random strings of digits, signs, points and spaces, short and long', () => {
    const text = fc.string({
      unit: fc.constantFrom(...'0123456789.-+ '.split(''), '9', '0'),
      maxLength: 24,
    });
    fc.assert(
      fc.property(text, (raw) => {
        assert.equal(decoded(raw, 'amount'), reference(raw, false), raw);
        assert.equal(decoded(raw, 'price'), reference(raw, false), raw);
        assert.equal(decoded(raw, 'quantity'), reference(raw, true), raw);
      }),
      { numRuns: 3000 },
    );
  });
  it('at the 15/16-digit boundary and with signs', () => {
    for (const raw of ['999999999999999', '9999999999999999', '-123456789012345.67', '+0.10', '-0'])
      assert.equal(decoded(raw, 'amount'), reference(raw, false), raw);
  });
});
