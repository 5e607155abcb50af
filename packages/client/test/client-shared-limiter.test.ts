// One limiter per app key, whatever rate each client asked for: against a kisfo server that
// allows the app key 3 calls a second, two clients asking 3/s and 2/s together stay within 3.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KisClientOptions, sharedRateLimiter } from '../src/index.js';
import { demoRealClient } from './helpers/demo-client.js';
import { DEMO, startTestServer, type TestServer } from './helpers/server.js';

describe('the rate limiter of an app key is shared by clients asking different rates', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ rateLimits: { real: 3 } });
  });
  after(() => server.close());

  const client = (perSecond: number, extra: Partial<KisClientOptions> = {}) =>
    demoRealClient(server.realUrl, {
      rateLimit: { perSecond },
      maxRetries: 0, // a refusal would surface as KisRateLimitError
      ...extra,
    });

  it('two clients of one app key, 3/s and 2/s: no call refused, the strictest rate kept', async () => {
    const a = client(3);
    const b = client(2);
    await a.getAccessToken();
    await b.getAccessToken();
    await new Promise((r) => setTimeout(r, 1100)); // the server's window of the issuances ends
    const calls = [
      ...Array.from({ length: 3 }, () => a.domesticFutureOption.inquireBalance()),
      ...Array.from({ length: 3 }, () => b.domesticFutureOption.inquireBalance()),
    ];
    const settled = await Promise.allSettled(calls);
    const refused = settled.filter((s) => s.status === 'rejected');
    assert.deepEqual(
      refused.map((s) => String((s as PromiseRejectedResult).reason)),
      [],
      'the server refused calls: the clients did not share one limiter',
    );
    assert.equal(sharedRateLimiter('real', DEMO.real.appKey, { perSecond: 3 }).perSecond, 2);
  });
});
