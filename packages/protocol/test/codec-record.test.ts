// decodeRecord's one-loop path (every field present and plain) against the rule it must keep:
// each field through decodeValue, missing ones refused unless extra/optional, every issue with
// its full path, the raw record kept. Not timed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  Decimal,
  decodeRecord,
  decodeValue,
  domesticInquireBalance,
  type FieldKind,
  type FieldSpec,
  rawOf,
  SpecError,
} from '../src/index.js';

const KINDS: FieldKind[] = ['amount', 'quantity', 'price', 'rate', 'date', 'flag', 'code', 'text'];

/** The record as decodeValue decodes it field by field: the reference. */
function reference(fields: readonly FieldSpec[], src: Record<string, unknown>, path: string) {
  const out: Record<string, unknown> = {};
  const issues: unknown[] = [];
  for (const f of fields) {
    const p = path === '' ? f.name : `${path}.${f.name}`;
    const v = src[f.name];
    if (v === undefined) {
      if (f.extra !== true && f.optional !== true) {
        issues.push({ path: p, field: f.name, label: f.ko, problem: 'missing' });
      }
      continue;
    }
    try {
      out[f.name] = decodeValue(f, v, p);
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      issues.push(...e.issues);
    }
  }
  return issues.length > 0 ? { issues } : { out };
}

/** Wire strings of every sort a field can meet: plain, padded, blank, malformed, long. */
const wire = fc.oneof(
  fc.stringMatching(/^-?\d{1,20}$/),
  fc.stringMatching(/^-?\d{1,12}\.\d{1,8}$/),
  fc.stringMatching(/^\d{1,4}$/),
  fc.constantFrom('0', '-0', '00', '007', '1023', '1024', '-5', '0.00000000', '+3', '.5', '5.'),
  fc.constantFrom(
    '',
    '  ',
    ' 12',
    '12 ',
    '1,000',
    '1e3',
    '-',
    'Y',
    'N',
    'y',
    '20240229',
    '20230230',
  ),
  fc.string({ maxLength: 6 }),
);

const record = fc
  .array(
    fc.record({
      kind: fc.constantFrom(...KINDS),
      optional: fc.boolean(),
      value: fc.option(
        fc.oneof({ weight: 8, arbitrary: wire }, fc.constant(12), fc.constant(null)),
        {
          freq: 8,
        },
      ),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((cols) => {
    const fields: FieldSpec[] = cols.map((c, i) => ({
      name: `f${i}_${c.kind}`,
      ko: `필드${i}`,
      en: c.kind,
      kind: c.kind,
      length: 40,
      ...(c.optional ? { optional: true } : {}),
    }));
    const src: Record<string, unknown> = { unknown_field: 'kept raw' };
    cols.forEach((c, i) => {
      if (c.value !== null) src[fields[i]!.name] = c.value;
    });
    return { fields, src };
  });

describe('decodeRecord', () => {
  it('decodes every record as decodeValue does field by field, or throws the same issues (property)', () => {
    fc.assert(
      fc.property(record, fc.constantFrom('', 'output1[3]'), ({ fields, src }, path) => {
        const want = reference(fields, src, path);
        let got: Record<string, unknown>;
        try {
          got = decodeRecord(fields, src, path) as Record<string, unknown>;
        } catch (e) {
          assert.ok(e instanceof SpecError, String(e));
          assert.deepEqual(e.issues, want.issues);
          return;
        }
        assert.equal(want.issues, undefined, 'decoded a record the rule refuses');
        assert.deepEqual(got, want.out);
        assert.deepEqual(Object.keys(got), Object.keys(want.out!), 'keys in the spec order');
        assert.equal(rawOf(got), src);
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes a real balance row on the one-loop path exactly as the rule, raw record kept', () => {
    const fields: readonly FieldSpec[] = domesticInquireBalance.outputs.find(
      (o) => o.name === 'output1',
    )!.fields;
    const src: Record<string, string> = {};
    for (const f of fields) {
      src[f.name] =
        f.kind === 'price' || f.kind === 'rate'
          ? '309.10000000'
          : f.kind === 'amount'
            ? '-1237500'
            : f.kind === 'quantity'
              ? '3'
              : f.kind === 'flag'
                ? 'Y'
                : 'KR4201622906';
    }
    const row = decodeRecord(fields, src) as Record<string, unknown>;
    assert.deepEqual(row, reference(fields, src, '').out);
    assert.equal(rawOf(row), src);
    assert.equal(Object.getOwnPropertyDescriptor(row, Symbol.for('kisfo.raw'))?.enumerable, false);
  });

  it('whole numbers below 1,024 are one shared Decimal each, equal to a fresh one', () => {
    const q: FieldSpec = { name: 'q', ko: '수량', en: '', kind: 'quantity', length: 10 };
    const a = decodeRecord([q], { q: '7' }) as unknown as { q: Decimal };
    const b = decodeRecord([q], { q: '007' }) as unknown as { q: Decimal };
    assert.equal(a.q, b.q);
    assert.deepEqual(a.q, Decimal.of(7n));
    assert.equal((decodeRecord([q], { q: '0' }) as unknown as { q: Decimal }).q, Decimal.ZERO);
    assert.equal((decodeRecord([q], { q: '-0' }) as unknown as { q: Decimal }).q, Decimal.ZERO);
    const big = decodeRecord([q], { q: '1024' }) as unknown as { q: Decimal };
    assert.deepEqual(big.q, Decimal.of(1024n));
    const neg = decodeRecord([q], { q: '-7' }) as unknown as { q: Decimal };
    assert.deepEqual(neg.q, Decimal.of(-7n));
  });
});
