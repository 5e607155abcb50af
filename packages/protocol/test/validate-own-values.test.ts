// Parameter validation against a value table reads the table's own entries only, and a value
// that is not a string is an issue naming the field, never a TypeError.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeValue,
  domesticInquireBalance,
  type ParamSpec,
  paramIssues,
  SpecError,
  validateParams,
} from '../src/index.js';

/** A code parameter with a value table and room for long values. */
const mode: ParamSpec = {
  name: 'MODE',
  ko: '구분',
  en: 'A code with a value table',
  required: true,
  maxLength: 20,
  values: { A: 'first', B: 'second' },
};

describe('validation by value tables and types', () => {
  it('Object.prototype names are no allowed values', () => {
    for (const v of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const issues = paramIssues([mode], { MODE: v });
      assert.equal(issues.length, 1, v);
      assert.equal(issues[0]!.field, 'MODE');
      assert.equal(issues[0]!.problem, `${JSON.stringify(v)} is not allowed`);
    }
    assert.deepEqual(paramIssues([mode], { MODE: 'A' }), []);
  });

  it('a value that is not a string is an issue naming the field', () => {
    const base = { CANO: '80012345', ACNT_PRDT_CD: '03', MGNA_DVSN: '01', EXCC_STAT_CD: '1' };
    const params = { ...base, CTX_AREA_FK200: '', CTX_AREA_NK200: '' };
    for (const [name, value, got] of [
      ['CANO', 80012345, 'number'],
      ['MGNA_DVSN', null, 'null'],
      ['EXCC_STAT_CD', { v: '1' }, 'object'],
    ] as const) {
      const values = { ...params, [name]: value } as unknown as Record<string, string>;
      const e = (() => {
        try {
          validateParams(domesticInquireBalance.params, values);
        } catch (x) {
          return x;
        }
        return undefined;
      })();
      assert.ok(e instanceof SpecError, `${name}: ${String(e)}`);
      assert.equal(e.first.field, name);
      assert.equal(e.first.problem, `must be a string, got ${got}`);
    }
    validateParams(domesticInquireBalance.params, params); // the strings themselves pass
  });

  it('a date field sheds its padding as numbers do; blank is no date', () => {
    const f = { name: 'resp_dt', ko: '응답일자', en: '', kind: 'date', length: 8 } as const;
    assert.equal(decodeValue(f, '20250320'), '20250320');
    assert.equal(decodeValue(f, ' 20250320  '), '20250320');
    assert.equal(decodeValue(f, '        '), '');
    assert.throws(() => decodeValue(f, '2025032 '), /not a YYYYMMDD date: "2025032 "/);
  });
});
