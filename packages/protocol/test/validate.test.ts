import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  domesticInquireBalance,
  overseasMarginDetail,
  SpecError,
  validateHeaders,
  validateParams,
} from '../src/index.js';

const good = {
  CANO: '80012345',
  ACNT_PRDT_CD: '03',
  MGNA_DVSN: '01',
  EXCC_STAT_CD: '1',
  CTX_AREA_FK200: '',
  CTX_AREA_NK200: '',
};

function issuesOf(fn: () => void) {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpecError) return e.issues;
    throw e;
  }
  return [];
}

describe('parameter and header validation', () => {
  it('accepts the KIS example request', () => {
    validateParams(domesticInquireBalance.params, good);
    validateParams(overseasMarginDetail.params, {
      CANO: '12345678',
      ACNT_PRDT_CD: '08',
      CRCY_CD: 'TKR',
      INQR_DT: '20240522',
    });
  });

  it('names the field, its Korean label, the problem and what is allowed', () => {
    const issues = issuesOf(() =>
      validateParams(domesticInquireBalance.params, { ...good, CANO: '8001234', MGNA_DVSN: '03' }),
    );
    assert.equal(issues.length, 2);
    assert.deepEqual(issues[0], {
      path: 'CANO',
      field: 'CANO',
      label: '종합계좌번호',
      problem: 'must be exactly 8 characters, got 7',
      allowed: '8 digits',
    });
    assert.equal(issues[1]!.field, 'MGNA_DVSN');
    assert.match(issues[1]!.allowed!, /01 개시, 02 유지/);
  });

  it('requires the continuation keys to be present (blank is fine)', () => {
    const { CTX_AREA_NK200: _, ...missing } = good;
    const issues = issuesOf(() => validateParams(domesticInquireBalance.params, missing));
    assert.deepEqual(
      issues.map((i) => [i.field, i.problem]),
      [['CTX_AREA_NK200', 'missing']],
    );
  });

  it('checks dates are real dates and currencies are known', () => {
    const issues = issuesOf(() =>
      validateParams(overseasMarginDetail.params, {
        CANO: '12345678',
        ACNT_PRDT_CD: '08',
        CRCY_CD: 'EUR',
        INQR_DT: '20240230',
      }),
    );
    assert.deepEqual(
      issues.map((i) => i.field),
      ['CRCY_CD', 'INQR_DT'],
    );
  });

  it('requires the corporate headers only for custtype B, without echoing secrets', () => {
    const headers = {
      authorization: 'Bearer x',
      appkey: 'PSabc',
      appsecret: 'secret-value',
      tr_id: 'CTFO6118R',
      custtype: 'B',
    };
    validateHeaders(domesticInquireBalance.headers, headers);
    const issues = issuesOf(() =>
      validateHeaders(domesticInquireBalance.headers, headers, { corporate: true }),
    );
    assert.deepEqual(issues.map((i) => i.field).sort(), [
      'ip_addr',
      'personalseckey',
      'phone_number',
      'seq_no',
    ]);
    const bad = issuesOf(() =>
      validateHeaders(domesticInquireBalance.headers, { ...headers, appsecret: 'x'.repeat(181) }),
    );
    assert.equal(bad[0]!.field, 'appsecret');
    assert.ok(!JSON.stringify(bad).includes('xxxx'));
  });

  it('reads header names case-insensitively', () => {
    validateHeaders(overseasMarginDetail.headers, {
      Authorization: 'Bearer x',
      AppKey: 'k',
      AppSecret: 's',
      TR_ID: 'OTFM3115R',
      CustType: 'P',
    });
  });
});
