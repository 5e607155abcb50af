// Options whose values would silently break the client (an immediate timeout, a token issued
// per call, a window shorter than the server's second) are refused at construction.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KisClient, type KisClientOptions, KisValidationError, RateLimiter } from '../src/index.js';

const base: KisClientOptions = {
  env: 'real',
  appKey: 'PSBOUNDS'.padEnd(36, '0'),
  appSecret: 'bounds-secret'.padEnd(180, 's'),
  tokenStore: 'memory',
  // Nothing may be sent: a construction that passed would fail this test at its first call.
  fetch: async () => {
    throw new Error('no request may be sent');
  },
};

describe('option bounds', () => {
  it('refuses timeouts setTimeout cannot hold, bad margins and fractional rates, naming each', () => {
    const cases: [Partial<KisClientOptions>, string, RegExp][] = [
      [{ timeout: Number.POSITIVE_INFINITY }, 'timeout', /between 1 and 2147483647 ms/],
      [{ timeout: 3_000_000_000 }, 'timeout', /got 3000000000/],
      [{ tokenRefreshMarginMs: Number.NaN }, 'tokenRefreshMarginMs', /≥ 0 \(got NaN\)/],
      [{ tokenRefreshMarginMs: -1 }, 'tokenRefreshMarginMs', /≥ 0/],
      [{ rateLimit: { perSecond: 1.5 } }, 'rateLimit.perSecond', /whole number ≥ 1/],
      [{ rateLimit: { perSecond: 5, marginMs: -2000 } }, 'rateLimit.marginMs', /≥ 0/],
      [{ rateLimit: { perSecond: 5, pauseMs: Number.NaN } }, 'rateLimit.pauseMs', /≥ 0/],
    ];
    for (const [extra, field, message] of cases) {
      assert.throws(
        () => new KisClient({ ...base, ...extra }),
        (e: unknown) =>
          e instanceof KisValidationError && e.field === field && message.test(e.message),
        JSON.stringify(extra),
      );
    }
    // The edges themselves are fine.
    new KisClient({ ...base, timeout: 2_147_483_647, tokenRefreshMarginMs: 0 });
    new KisClient({ ...base, rateLimit: { perSecond: 1, marginMs: 0, pauseMs: 0 } });
  });

  it('the exported RateLimiter refuses the same values', () => {
    assert.throws(() => new RateLimiter({ perSecond: 2.5 }), RangeError);
    assert.throws(() => new RateLimiter({ perSecond: 0 }), RangeError);
    assert.throws(() => new RateLimiter({ marginMs: -1 }), RangeError);
    assert.equal(new RateLimiter({ perSecond: 3, marginMs: 0 }).windowMs, 1000);
  });
});
