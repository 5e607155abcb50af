// Pages sent ahead while a pass decodes, against the real kisfo server over loopback: they share
// one abort controller per pass, joined with the caller's signal. Not timed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FetchLike, KisAbortError, KisClient, MemoryTokenStore } from '../src/index.js';
import { DEMO, startTestServer, type TestServer } from './helpers/server.js';

describe('pages sent ahead', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ positions: 120, rateLimits: { real: 1000, paper: 1000 } });
  });
  after(() => server.close());

  function client(fetch: FetchLike) {
    return new KisClient({
      env: 'real',
      baseURL: server.realUrl,
      ...DEMO.real,
      account: server.accounts[0],
      tokenStore: new MemoryTokenStore(),
      rateLimit: false,
      fetch,
    });
  }

  /** A fetch that counts balance requests and tells whether each ended aborted. */
  function watching() {
    const seen = { sent: 0, aborted: 0, settled: 0, signals: [] as (AbortSignal | null)[] };
    const f: FetchLike = async (url, init) => {
      if (!url.includes('inquire-balance')) return fetch(url, init);
      seen.sent++;
      seen.signals.push(init.signal ?? null);
      try {
        const res = await fetch(url, init);
        return res;
      } catch (e) {
        if (init.signal?.aborted) seen.aborted++;
        throw e;
      } finally {
        seen.settled++;
      }
    };
    return { seen, fetch: f };
  }

  it("the caller's abort mid-pass ends it with KisAbortError and aborts the page sent ahead", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { seen, fetch: f } = watching();
      const ac = new AbortController();
      await assert.rejects(
        client(f).domesticFutureOption.inquireBalance({
          signal: ac.signal,
          onPage: (page) => {
            if (page.index === 1) ac.abort();
          },
        }),
        KisAbortError,
      );
      assert.ok(seen.sent <= 3, `${seen.sent} requests for 2 pages read`);
      // The request for page 3, sent ahead while page 2 was decoded, was aborted on the wire.
      assert.equal(seen.sent, 3);
      assert.equal(seen.signals[2]?.aborted, true);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(seen.settled, seen.sent, 'no request left in flight');
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('two passes in a row each send every page once and return every position', async () => {
    const { seen, fetch: f } = watching();
    const c = client(f);
    const total = server.positionCount(server.accounts[0]!);
    for (let pass = 1; pass <= 2; pass++) {
      const r = await c.domesticFutureOption.inquireBalance();
      assert.equal(r.positions.length, total);
      assert.equal(seen.sent, pass * r.pages);
      assert.equal(seen.aborted, 0);
    }
  });
});
