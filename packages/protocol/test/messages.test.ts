import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  categoryOf,
  cp949ByteLength,
  envelopeFor,
  MESSAGES,
  messageFor,
  tokenErrorFor,
} from '../src/index.js';
import { fixture } from './helpers.js';

describe('message catalog', () => {
  it('holds every code DESIGN.md names, with category and HTTP status', () => {
    const expected: Record<string, string> = {
      KIOK0510: 'success',
      KIOK0460: 'success',
      KIOK0560: 'no-data',
      EGW00121: 'auth',
      EGW00123: 'token-expired',
      EGW00133: 'token-issue-throttled',
      EGW00201: 'rate-limit',
      EGW02004: 'env-mismatch',
      MCA00124: 'not-found',
      SYDB0050: 'data-changed',
      OPSQ2001: 'invalid-input',
    };
    for (const [code, category] of Object.entries(expected)) {
      assert.equal(categoryOf(code), category, code);
      assert.ok(messageFor(code)!.httpStatus >= 200);
    }
    assert.equal(categoryOf('ZZZZ9999'), undefined);
  });

  it("matches KIS's documented error bodies", () => {
    const errors = fixture<Record<string, { rt_cd: string; msg_cd: string; msg1: string }>>(
      'kis/errors.examples.json',
    );
    for (const [code, body] of Object.entries(errors)) {
      if (code.startsWith('_')) continue;
      const m = messageFor(code)!;
      assert.equal(m.rtCd, body.rt_cd, code);
      assert.equal(m.text, body.msg1, code);
    }
    const token = fixture<{ issue_too_often: { status: number; body: unknown } }>(
      'kis/token.examples.json',
    );
    assert.deepEqual(tokenErrorFor('EGW00133'), token.issue_too_often.body);
    assert.equal(MESSAGES.EGW00133.httpStatus, token.issue_too_often.status);
  });

  it('pads msg1 to 80 CP949 bytes exactly as the KIS example does', () => {
    const ex = fixture<{ response: { body: { msg1: string } } }>(
      'kis/domestic-inquire-balance.example.json',
    );
    assert.equal(envelopeFor('KIOK0510').msg1, ex.response.body.msg1);
    for (const code of Object.keys(MESSAGES)) {
      if (MESSAGES[code as keyof typeof MESSAGES].shape === 'envelope') {
        assert.equal(cp949ByteLength(envelopeFor(code as keyof typeof MESSAGES).msg1), 80, code);
      }
    }
  });
});
