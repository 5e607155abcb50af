// The text the client writes and reads around each page: the query (byte for byte what
// URLSearchParams writes) and the continuation keys cut out of a body before it is parsed.
// Not timed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { plainStringFields } from '../src/continuation-text.js';
import { formQuery } from '../src/form-query.js';

/** The rule the one-scan reader keeps, per field: found exactly once, no escape in its value. */
function referenceField(text: string, name: string): string | undefined {
  const tag = `"${name}":"`;
  const at = text.indexOf(tag);
  if (at < 0) return undefined;
  const from = at + tag.length;
  const end = text.indexOf('"', from);
  if (end < 0) return undefined;
  const value = text.slice(from, end);
  if (value.includes('\\') || text.includes(tag, end)) return undefined;
  return value;
}

function reference(text: string, names: readonly string[]): string[] | undefined {
  const values: string[] = [];
  for (const n of names) {
    const v = referenceField(text, n);
    if (v === undefined) return undefined;
    values.push(v);
  }
  return values;
}

const NAMES = ['ctx_area_fk200', 'ctx_area_nk200'];

describe('request and continuation text', () => {
  it('formQuery writes exactly what URLSearchParams writes (property)', () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ maxLength: 20 }).map((s) => s.padEnd(200, ' ')),
      fc.constantFrom(
        '70000000^03^01^1^'.padEnd(200, ' '),
        '',
        ' ',
        "!'()~*-._",
        'a\tb \n',
        '\ud800x ',
      ),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 7 }), (params) => {
        assert.equal(formQuery(params), new URLSearchParams(params).toString());
      }),
      { numRuns: 3000 },
    );
    const padded = { CTX_AREA_NK200: 'K1.80.a4_OG'.padEnd(200, ' '), CANO: '80012345' };
    assert.equal(formQuery(padded), new URLSearchParams(padded).toString());
  });

  it('cuts the keys out of a body as the per-key rule does: once each, unescaped (property)', () => {
    const fragment = fc.constantFrom(
      '"ctx_area_fk200":"',
      '"ctx_area_nk200":"',
      '"ctx_area_',
      '"',
      '\\',
      '\\"',
      '80012345^03',
      '   ',
      '{',
      '}',
      ',',
      ':',
      '"output1":[{"a":"1"}]',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 14 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(plainStringFields(text, NAMES), reference(text, NAMES));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a KIS page, and refuses a key that appears twice or carries an escape', () => {
    const fk = '80012345^03^01^1^'.padEnd(200, ' ');
    const nk = '20'.padEnd(200, ' ');
    const page = `{"output1":[{"pdno":"KR4201"}],"output2":{},"rt_cd":"0","ctx_area_fk200":"${fk}","ctx_area_nk200":"${nk}"}`;
    assert.deepEqual(plainStringFields(page, NAMES), [fk, nk]);
    const nested = page.replace('"pdno"', '"ctx_area_nk200":"1","pdno"');
    assert.equal(plainStringFields(nested, NAMES), undefined);
    assert.equal(plainStringFields(page.replace('^03', '\\u005e03'), NAMES), undefined);
    assert.equal(plainStringFields('{"ctx_area_fk200":"x"}', NAMES), undefined);
  });
});
