// Integration: the client against the real kisfo server over loopback HTTP.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  checkBalance,
  type FetchLike,
  fileTokenStore,
  KisAbortError,
  KisAuthError,
  KisClient,
  type KisClientOptions,
  KisConnectionError,
  KisDataChangedError,
  KisEnvironmentMismatchError,
  KisInvalidRequestError,
  KisNotFoundError,
  KisNotSupportedError,
  KisRateLimitError,
  KisTimeoutError,
  KisTokenIssueThrottledError,
  KisValidationError,
  MemoryTokenStore,
} from '../src/index.js';
import { DEMO, startTestServer, type TestServer } from './helpers/server.js';

/** A fetch that counts requests by path. */
function counting(inner: FetchLike = (u, i) => fetch(u, i)) {
  const counts = { token: 0, balance: 0, margin: 0 };
  const f: FetchLike = (url, init) => {
    if (url.includes('/oauth2/tokenP')) counts.token++;
    else if (url.includes('inquire-balance')) counts.balance++;
    else if (url.includes('margin-detail')) counts.margin++;
    return inner(url, init);
  };
  return { counts, fetch: f };
}

describe('against the kisfo server (demo scenario)', () => {
  let server: TestServer;
  let now = Date.now();
  before(async () => {
    server = await startTestServer({ clock: () => now, rateLimits: { real: 1000, paper: 1000 } });
  });
  after(() => server.close());

  const real = (extra: Partial<KisClientOptions> = {}) =>
    new KisClient({
      env: 'real',
      baseURL: server.realUrl,
      ...DEMO.real,
      tokenStore: new MemoryTokenStore(),
      rateLimit: { perSecond: 1000 },
      ...extra,
    });
  const paper = (extra: Partial<KisClientOptions> = {}) =>
    new KisClient({
      env: 'paper',
      baseURL: server.paperUrl,
      ...DEMO.paper,
      tokenStore: new MemoryTokenStore(),
      rateLimit: { perSecond: 1000 },
      ...extra,
    });

  it('real: the balance is complete and passes checkBalance', async () => {
    const r = await real().domesticFutureOption.inquireBalance({ marginBasis: 'maintenance' });
    assert.equal(r.positions.length, server.positionCount(DEMO.real.account));
    assert.ok(r.positions.length > 0);
    assert.deepEqual(checkBalance(r), []);
  });

  it('paper: the balance on the paper host with the paper key', async () => {
    const r = await paper().domesticFutureOption.inquireBalance({ settlementBasis: 'purchase' });
    assert.deepEqual(checkBalance(r), []);
  });

  it('real: the margin detail; paper: KisNotSupportedError', async () => {
    const m = await real().overseasFutureOption.marginDetail({
      account: DEMO.real.overseas,
      currency: 'TKR',
      date: '20250320',
    });
    assert.equal(m.crcy_cd, 'TKR');
    assert.ok(m.fm_brkg_mgn_amt.gte(m.fm_mntn_mgn_amt));
    await assert.rejects(
      paper().overseasFutureOption.marginDetail({
        account: DEMO.real.overseas,
        currency: 'TKR',
        date: '20250320',
      }),
      KisNotSupportedError,
    );
  });

  it('100 concurrent calls share one token issuance', async () => {
    const { counts, fetch: f } = counting();
    const client = real({ fetch: f, appKey: DEMO.real.appKey });
    const results = await Promise.all(
      Array.from({ length: 100 }, () => client.domesticFutureOption.inquireBalance()),
    );
    assert.equal(counts.token, 1);
    assert.ok(results.every((r) => r.positions.length === results[0]!.positions.length));
  });

  it('a token in the file store is reused by a new client instance', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kisfo-it-'));
    const a = counting();
    await real({
      fetch: a.fetch,
      tokenStore: fileTokenStore({ dir }),
    }).domesticFutureOption.inquireBalance();
    const b = counting();
    await real({
      fetch: b.fetch,
      tokenStore: fileTokenStore({ dir }),
    }).domesticFutureOption.inquireBalance();
    assert.equal(a.counts.token, 1);
    assert.equal(b.counts.token, 0);
  });

  it('error classes from the server', async () => {
    // A paper app key on the real host.
    await assert.rejects(
      new KisClient({
        env: 'real',
        baseURL: server.realUrl,
        ...DEMO.paper,
        tokenStore: 'memory',
        rateLimit: false,
      }).domesticFutureOption.inquireBalance(),
      KisEnvironmentMismatchError,
    );
    // A wrong app secret.
    await assert.rejects(
      real({ appSecret: 'wrong'.padEnd(180, 'w') }).getAccessToken(),
      KisAuthError,
    );
    // An account the app may not read.
    await assert.rejects(
      real().domesticFutureOption.inquireBalance({ account: '99999999-01' }),
      KisNotFoundError,
    );
    // A date after the ledger's business date.
    await assert.rejects(
      real().overseasFutureOption.marginDetail({
        account: DEMO.real.overseas,
        currency: 'TKR',
        date: '20991231',
      }),
      KisInvalidRequestError,
    );
    await assert.rejects(
      real().domesticFutureOption.inquireBalance({ account: 'x' }),
      KisValidationError,
    );
    // Slow answers: a per-attempt timeout.
    const slow: FetchLike = async (u, i) => {
      await new Promise((r) => setTimeout(r, 60));
      return fetch(u, i);
    };
    await assert.rejects(
      real({ fetch: slow, timeout: 20, maxRetries: 1 }).getAccessToken(),
      KisTimeoutError,
    );
    // (Last: an aborted caller leaves the shared issuance running for the others.)
    await assert.rejects(
      real().domesticFutureOption.inquireBalance({ signal: AbortSignal.abort() }),
      KisAbortError,
    );
  });

  it('EGW00121 after a revoke: refresh once and replay; EGW00133 within the minute', async () => {
    now += 7 * 3_600_000; // past the server's 6 h reuse window: the next ask issues anew
    const store = new MemoryTokenStore();
    const a = real({ tokenStore: store });
    const b = real(); // another process: its own memory, the same token from the server
    await a.getAccessToken();
    const tb = await b.getAccessToken();
    assert.equal(await a.revokeToken(), true);
    // b's token is now refused; b gets a new one, but within a minute of the last issuance.
    const e = await b.domesticFutureOption.inquireBalance().catch((x: unknown) => x);
    assert.ok(e instanceof KisTokenIssueThrottledError, String(e));
    assert.ok(e.retryAfterMs > 0 && e.retryAfterMs <= 60_000);
    now += 61_000;
    const r = await b.domesticFutureOption.inquireBalance();
    assert.ok(r.positions.length > 0);
    assert.notEqual(await b.getAccessToken(), tb);
  });

  it('EGW00123 (server clock past expiry): refreshed and replayed', async () => {
    const { counts, fetch: f } = counting();
    const client = real({ fetch: f });
    await client.getAccessToken();
    now += 25 * 3_600_000;
    const r = await client.domesticFutureOption.inquireBalance();
    assert.ok(r.positions.length > 0);
    assert.equal(counts.token, 2);
  });

  it('connection refused is a KisConnectionError', async () => {
    const closed = await startTestServer();
    const url = closed.realUrl;
    await closed.close();
    await assert.rejects(
      new KisClient({
        env: 'real',
        baseURL: url,
        ...DEMO.real,
        tokenStore: 'memory',
        maxRetries: 1,
        clock: { now: Date.now, random: () => 0, sleep: async () => {} },
      }).getAccessToken(),
      KisConnectionError,
    );
  });
});

describe('against the kisfo server (1,000 positions)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ positions: 1000, rateLimits: { real: 1000 } });
  });
  after(() => server.close());
  const client = (extra: Partial<KisClientOptions> = {}) =>
    new KisClient({
      env: 'real',
      baseURL: server.realUrl,
      ...DEMO.real,
      account: server.accounts[0],
      tokenStore: new MemoryTokenStore(),
      rateLimit: false,
      ...extra,
    });

  it('pages all 1,000 positions, once each, and the sums match', async () => {
    const { counts, fetch: f } = counting();
    const r = await client({ fetch: f }).domesticFutureOption.inquireBalance();
    const total = server.positionCount(server.accounts[0]!);
    assert.ok(total >= 1000); // 1,000 carried positions plus rows of today's fills
    assert.equal(r.positions.length, total);
    assert.equal(r.pages, Math.ceil(total / 20));
    assert.equal(counts.balance, r.pages);
    assert.deepEqual(checkBalance(r), []);
    let streamed = 0;
    for await (const page of client().domesticFutureOption.balancePages())
      streamed += page.positions.length;
    assert.equal(streamed, total);
  });

  it('the page sent ahead while decoding: same rows as the page-by-page stream, in order', async () => {
    const r = await client().domesticFutureOption.inquireBalance();
    const streamed: string[] = [];
    for await (const page of client().domesticFutureOption.balancePages())
      for (const row of page.positions)
        streamed.push(`${row.pdno}|${row.cblc_qty}|${row.evlu_amt}`);
    assert.deepEqual(
      r.positions.map((row) => `${row.pdno}|${row.cblc_qty}|${row.evlu_amt}`),
      streamed,
    );
  });

  it('a pass that ends early aborts the page sent ahead, without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { counts, fetch: f } = counting();
      const stop = new Error('enough');
      await assert.rejects(
        client({ fetch: f }).domesticFutureOption.inquireBalance({
          onPage: (page) => {
            if (page.index === 1) throw stop;
          },
        }),
        (e) => e === stop,
      );
      assert.ok(counts.balance <= 3, `${counts.balance} requests for 2 pages read`);
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('SYDB0050 when the ledger changes mid-paging: restart, complete result', async () => {
    let balanceCalls = 0;
    const touching: FetchLike = (u, i) => {
      if (u.includes('inquire-balance') && ++balanceCalls === 3) server.touch(server.accounts[0]!);
      return fetch(u, i);
    };
    const r = await client({ fetch: touching }).domesticFutureOption.inquireBalance();
    assert.equal(r.restarts, 1);
    assert.equal(r.positions.length, server.positionCount(server.accounts[0]!));
    const pages = client().domesticFutureOption.balancePages();
    await pages.next();
    server.touch(server.accounts[0]!);
    await assert.rejects(pages.next(), KisDataChangedError);
  });

  it("the server's EGW00201 is a KisRateLimitError when retries are off", async () => {
    const limited = await startTestServer({ rateLimits: { real: 2 } });
    try {
      const c = new KisClient({
        env: 'real',
        baseURL: limited.realUrl,
        ...DEMO.real,
        tokenStore: 'memory',
        rateLimit: false,
        maxRetries: 0,
      });
      await c.getAccessToken();
      const settled = await Promise.allSettled(
        Array.from({ length: 6 }, () => c.domesticFutureOption.inquireBalance()),
      );
      assert.ok(
        settled.some((s) => s.status === 'rejected' && s.reason instanceof KisRateLimitError),
      );
      // With the client's own limiter at the server's rate, none is refused.
      const polite = new KisClient({
        env: 'real',
        baseURL: limited.realUrl,
        ...DEMO.real,
        tokenStore: 'memory',
        rateLimit: { perSecond: 2 },
        maxRetries: 0,
        appKey: DEMO.real.appKey,
      });
      await new Promise((r) => setTimeout(r, 1100));
      const ok = await Promise.all(
        Array.from({ length: 3 }, () => polite.domesticFutureOption.inquireBalance()),
      );
      assert.equal(ok.length, 3);
    } finally {
      await limited.close();
    }
  });
});
