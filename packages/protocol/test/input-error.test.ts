import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  domesticInquireBalance,
  formatInputIssues,
  issueOfMessage,
  KisfoInputError,
  SpecError,
  validateParams,
} from '../src/index.js';

describe('KisfoInputError', () => {
  it('needs an issue; its message lists the issues, the first five for many', () => {
    assert.throws(() => new KisfoInputError([]), TypeError);
    const one = new KisfoInputError([{ path: 'fills[0].qty', message: 'must be positive' }]);
    assert.equal(one.message, 'fills[0].qty: must be positive');
    assert.equal(one.name, 'KisfoInputError');
    const seven = Array.from({ length: 7 }, (_, i) => ({ path: `a[${i}]`, message: 'bad' }));
    assert.equal(
      formatInputIssues(seven),
      '7 problems: a[0]: bad; a[1]: bad; a[2]: bad; a[3]: bad; a[4]: bad; …',
    );
    assert.equal(new KisfoInputError(seven, 'told otherwise').message, 'told otherwise');
  });

  it('splits a `path: problem` text at its first colon; no path is `$`', () => {
    assert.deepEqual(issueOfMessage('market.quotes[0].pdno: duplicate quote for "101S12"'), {
      path: 'market.quotes[0].pdno',
      message: 'duplicate quote for "101S12"',
    });
    assert.deepEqual(issueOfMessage('no colon here'), { path: '$', message: 'no colon here' });
  });

  it("a SpecError's issues carry message without changing their keys", () => {
    let e: unknown;
    try {
      validateParams(domesticInquireBalance.params, { CANO: '1' });
    } catch (x) {
      e = x;
    }
    assert.ok(e instanceof SpecError && e instanceof KisfoInputError);
    const first = e.issues[0]!;
    assert.equal(first.path, 'CANO');
    assert.equal(first.message, `${first.problem} (allowed: ${first.allowed})`);
    assert.deepEqual(Object.keys(first).sort(), ['allowed', 'field', 'label', 'path', 'problem']);
    assert.doesNotMatch(JSON.stringify(first), /"message"/);
  });
});
