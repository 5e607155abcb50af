import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  KisAbortError,
  KisClient,
  type KisClientOptions,
  KisConnectionError,
  KisDataChangedError,
  KisDecodeError,
  KisError,
  KisPagingError,
  KisRateLimitError,
  KisServerError,
  KisTimeoutError,
  KisTokenExpiredError,
  KisTokenIssueThrottledError,
  MemoryTokenStore,
  rawOf,
  systemClock,
} from '../src/index.js';
import {
  envelope,
  FakeKis,
  type Fault,
  hang,
  http500,
  instantClock,
  reset,
  tokenError,
} from './helpers/fake-kis.js';

let keySerial = 0;
function setup(fake: FakeKis, extra: Partial<KisClientOptions> = {}) {
  const { clock, state } = instantClock();
  // A distinct app key per client: token flights and limiters are shared per key in the process.
  const client = new KisClient({
    env: 'real',
    appKey: `PSFAULT${++keySerial}`.padEnd(36, '0'),
    appSecret: 'fault-secret'.padEnd(180, 's'),
    account: '80012345-03',
    baseURL: 'http://kis.test',
    tokenStore: new MemoryTokenStore(),
    rateLimit: false,
    fetch: fake.fetch,
    clock,
    ...extra,
  });
  return { client, state };
}

const truncated: Fault = async () =>
  new Response('{"rt_cd":"0","msg_cd":"KIOK0510","output1":[{"cano":"8001', { status: 200 });

function assertComplete(fake: FakeKis, positions: object[]) {
  assert.equal(positions.length, fake.positions.length);
  assert.deepEqual(
    positions.map((p) => rawOf(p)),
    fake.positions,
  );
}

describe('fault-injecting fetch', () => {
  it('pages 45 positions in 3 calls with tr_cont N and the keys sent back unchanged', async () => {
    const fake = new FakeKis({ positions: 45 });
    const { client } = setup(fake);
    const r = await client.domesticFutureOption.inquireBalance();
    assertComplete(fake, r.positions);
    assert.equal(r.pages, 3);
    const calls = fake.seen.filter((s) => s.route === 'balance');
    assert.deepEqual(
      calls.map((c) => c.headers.tr_cont ?? ''),
      ['', 'N', 'N'],
    );
    assert.equal(calls[1]!.url.searchParams.get('CTX_AREA_FK200')!.length, 200);
    assert.equal(calls[1]!.url.searchParams.get('CTX_AREA_NK200'), '1'.padEnd(200, ' '));
    assert.equal(fake.counts.token, 1);
  });

  it('rides out EGW00201 bursts (HTTP 500 and 200) and returns the complete result', async () => {
    const fake = new FakeKis({ positions: 45 });
    fake
      .inject('balance', envelope('EGW00201', 500), 2)
      .inject(FakeKis.page(1), envelope('EGW00201', 200), 1);
    const { client, state } = setup(fake, { maxRetries: 3 });
    const r = await client.domesticFutureOption.inquireBalance();
    assertComplete(fake, r.positions);
    // Without a limiter the client waits out the server's one-second window each time.
    assert.ok(state.slept.every((ms) => ms >= 1000));
  });

  it('pauses the whole queue of the app key on EGW00201 (other clients too)', async () => {
    const fake = new FakeKis({ positions: 5 });
    const shared = {
      appKey: 'PSPAUSE'.padEnd(36, '0'),
      clock: systemClock,
      rateLimit: { perSecond: 1000, pauseMs: 150 },
    };
    const { client: a } = setup(fake, shared);
    const { client: b } = setup(fake, shared);
    await Promise.all([a.getAccessToken(), b.getAccessToken()]);
    fake.inject('balance', envelope('EGW00201', 500), 1);
    const first = a.domesticFutureOption.inquireBalance();
    await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    const r = await b.domesticFutureOption.inquireBalance();
    assert.ok(performance.now() - t0 >= 100, 'the other client waited for the paused queue');
    assert.equal(r.positions.length, 5);
    assert.equal((await first).positions.length, 5);
  });

  it('throws KisRateLimitError when EGW00201 persists beyond maxRetries', async () => {
    const fake = new FakeKis();
    fake.inject('balance', envelope('EGW00201', 200), 10);
    const { client } = setup(fake, { maxRetries: 2 });
    await assert.rejects(client.domesticFutureOption.inquireBalance(), KisRateLimitError);
    assert.equal(fake.counts.balance, 3);
  });

  it('refreshes the token once on EGW00123 mid-paging and replays the page', async () => {
    const fake = new FakeKis({ positions: 60 });
    fake.inject(FakeKis.page(2), envelope('EGW00123'), 1);
    const { client } = setup(fake);
    const r = await client.domesticFutureOption.inquireBalance();
    assertComplete(fake, r.positions);
    assert.equal(fake.counts.token, 2);
    const pages = fake.seen
      .filter((s) => s.route === 'balance')
      .map((s) => s.url.searchParams.get('CTX_AREA_NK200')!.trim());
    assert.deepEqual(pages, ['', '1', '2', '2']);
  });

  it('throws KisTokenExpiredError when the fresh token is refused too', async () => {
    const fake = new FakeKis();
    fake.inject('balance', envelope('EGW00123'), 2);
    const { client } = setup(fake);
    const e = await client.domesticFutureOption.inquireBalance().then(
      () => assert.fail('resolved'),
      (err: unknown) => err,
    );
    assert.ok(e instanceof KisTokenExpiredError);
    assert.equal(e.msgCd, 'EGW00123');
    assert.equal(e.status, 500);
    assert.equal(e.trId, 'CTFO6118R');
  });

  it('EGW00133 throws KisTokenIssueThrottledError with retryAfterMs, or waits when asked', async () => {
    const fake = new FakeKis();
    fake.inject('token', tokenError('EGW00133'), 1);
    const { client } = setup(fake);
    const e = await client.getAccessToken().catch((err: unknown) => err);
    assert.ok(e instanceof KisTokenIssueThrottledError);
    assert.equal(e.retryAfterMs, 60_000);
    assert.equal(e.status, 403);

    const fake2 = new FakeKis();
    fake2.inject('token', tokenError('EGW00133'), 1);
    const { client: waiting, state } = setup(fake2, { waitOnTokenThrottle: true });
    const r = await waiting.domesticFutureOption.inquireBalance();
    assert.equal(r.positions.length, 45);
    assert.deepEqual(state.slept, [60_000]);
  });

  it('restarts from the first page on SYDB0050 and returns each position once', async () => {
    const fake = new FakeKis({ positions: 50 });
    fake.inject(FakeKis.page(2), envelope('SYDB0050', 200), 1);
    const { client } = setup(fake);
    const r = await client.domesticFutureOption.inquireBalance();
    assertComplete(fake, r.positions);
    assert.equal(r.restarts, 1);
    assert.equal(fake.counts.balance, 3 + 3);
  });

  it('gives up with KisDataChangedError after 3 restarts', async () => {
    const fake = new FakeKis({ positions: 50 });
    fake.inject(FakeKis.page(1), envelope('SYDB0050', 200), 10);
    const { client } = setup(fake);
    const e = await client.domesticFutureOption.inquireBalance().catch((err: unknown) => err);
    assert.ok(e instanceof KisDataChangedError);
    assert.equal(e.rtCd, '7');
    assert.equal(fake.counts.balance, 4 * 2);
  });

  it('streams pages with for await and throws (not restarts) on SYDB0050', async () => {
    const fake = new FakeKis({ positions: 50 });
    const { client } = setup(fake);
    const seen: number[] = [];
    for await (const page of client.domesticFutureOption.balancePages())
      seen.push(page.positions.length);
    assert.deepEqual(seen, [20, 20, 10]);
    fake.inject(FakeKis.page(1), envelope('SYDB0050', 200), 1);
    const pages = client.domesticFutureOption.inquireBalance().pages();
    const first = await pages.next();
    assert.equal(first.value?.positions.length, 20);
    await assert.rejects(pages.next(), KisDataChangedError);
  });

  it('a page equal to an earlier one by its decoded values is a KisPagingError', async () => {
    // Page 2 repeats page 1's rows, numbers padded differently on the wire: the same page.
    const fake = new FakeKis({ positions: 60 });
    for (let i = 0; i < 20; i++) {
      const row = fake.positions[i]!;
      fake.positions[20 + i] = { ...row, pchs_amt: `  ${row.pchs_amt}` };
    }
    const { client } = setup(fake);
    const e = await client.domesticFutureOption.inquireBalance().catch((err: unknown) => err);
    assert.ok(e instanceof KisPagingError);
    assert.match(e.message, /page 2 repeats an earlier page/);
    // The same product codes with other quantities is a different page.
    const other = new FakeKis({ positions: 60 });
    for (let i = 0; i < 20; i++) {
      const row = other.positions[i]!;
      other.positions[40 + i] = { ...row, cblc_qty: String(Number(row.cblc_qty) + 1) };
    }
    const { client: c2 } = setup(other);
    assert.equal((await c2.domesticFutureOption.inquireBalance()).positions.length, 60);
  });

  it('restarts when the summary changes between pages', async () => {
    const fake = new FakeKis({ positions: 30 });
    fake.inject(
      FakeKis.page(1),
      async (req) => {
        fake.summary = { ...fake.summary, dnca_cash: '1' };
        return fake.fetch(req.url.toString(), { headers: req.headers });
      },
      1,
    );
    const { client } = setup(fake);
    const r = await client.domesticFutureOption.inquireBalance();
    assert.equal(r.restarts, 1);
    assert.equal(r.summary.dnca_cash.toString(), '1');
    assertComplete(fake, r.positions);
  });

  it('retries HTTP 500 without an envelope, then throws KisServerError', async () => {
    const fake = new FakeKis();
    fake.inject('balance', http500, 1);
    const { client } = setup(fake);
    assert.equal((await client.domesticFutureOption.inquireBalance()).positions.length, 45);
    fake.inject('balance', http500, 5);
    const e = await client.domesticFutureOption.inquireBalance().catch((err: unknown) => err);
    assert.ok(e instanceof KisServerError);
    assert.equal(e.msgCd, '');
    assert.equal(e.status, 500);
  });

  it('retries truncated JSON, then throws KisDecodeError', async () => {
    const fake = new FakeKis();
    fake.inject(FakeKis.page(1), truncated, 1);
    const { client } = setup(fake);
    assertComplete(fake, (await client.domesticFutureOption.inquireBalance()).positions);
    fake.inject('balance', truncated, 5);
    await assert.rejects(client.domesticFutureOption.inquireBalance(), KisDecodeError);
  });

  it('a field that does not decode is a KisDecodeError naming it, not retried', async () => {
    const fake = new FakeKis({ positions: 3 });
    fake.positions[1]!.pchs_amt = '12,000';
    const { client } = setup(fake);
    const e = await client.domesticFutureOption.inquireBalance().catch((err: unknown) => err);
    assert.ok(e instanceof KisDecodeError);
    assert.equal(e.issues[0]?.path, 'output1[1].pchs_amt');
    assert.equal(fake.counts.balance, 1);
  });

  it('times out each attempt, retries, then throws KisTimeoutError', async () => {
    const fake = new FakeKis();
    fake.inject('balance', hang, 1);
    const { client } = setup(fake, { timeout: 40 });
    assert.equal((await client.domesticFutureOption.inquireBalance()).positions.length, 45);
    fake.inject('balance', hang, 5);
    const e = await client.domesticFutureOption.inquireBalance().catch((err: unknown) => err);
    assert.ok(e instanceof KisTimeoutError);
    assert.ok(e instanceof KisConnectionError);
  });

  it('retries connection resets, then throws KisConnectionError with the cause', async () => {
    const fake = new FakeKis();
    fake.inject('balance', reset, 2);
    const { client } = setup(fake);
    assert.equal((await client.domesticFutureOption.inquireBalance()).positions.length, 45);
    fake.inject('token', reset, 5);
    const { client: other } = setup(fake);
    const e = await other.getAccessToken().catch((err: unknown) => err);
    assert.ok(e instanceof KisConnectionError && !(e instanceof KisTimeoutError));
    assert.match(e.message, /ECONNRESET/);
    assert.ok(e.cause instanceof TypeError);
  });

  it('an abort ends the call at once with KisAbortError, without retrying', async () => {
    const fake = new FakeKis();
    fake.inject('balance', hang, 1);
    const { client } = setup(fake, { maxRetries: 5 });
    const ac = new AbortController();
    const p = client.domesticFutureOption.inquireBalance({ signal: ac.signal });
    const rejected = assert.rejects(p, KisAbortError); // awaiting it sends the call
    // Abort once the call is on the wire (not after a guessed delay, which a busy machine overruns).
    for (let i = 0; i < 100_000 && fake.counts.balance < 1; i++)
      await new Promise((r) => setImmediate(r));
    ac.abort();
    await rejected;
    assert.equal(fake.counts.balance, 1);
    await assert.rejects(
      client.domesticFutureOption.inquireBalance({ signal: AbortSignal.abort() }),
      KisAbortError,
    );
    assert.equal(fake.counts.balance, 1);
  });

  it('a repeated continuation key or page is a KisPagingError, never a partial result', async () => {
    const fake = new FakeKis({ positions: 60 });
    fake.inject(
      FakeKis.page(2),
      async (req) => {
        const u = new URL(req.url);
        u.searchParams.set('CTX_AREA_NK200', '1');
        const res = await fake.fetch(u.toString(), { headers: req.headers });
        return res;
      },
      1,
    );
    const { client } = setup(fake);
    await assert.rejects(client.domesticFutureOption.inquireBalance(), KisPagingError);
  });

  it('randomized faults: every call is complete and correct, or a typed KisError', async () => {
    const faults: Fault[] = [
      envelope('EGW00201', 500),
      envelope('EGW00201', 200),
      envelope('EGW00123'),
      envelope('SYDB0050', 200),
      http500,
      truncated,
      reset,
      hang,
    ];
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let ok = 0;
    let failed = 0;
    for (let round = 0; round < 60; round++) {
      const fake = new FakeKis({ positions: 20 + Math.floor(rnd() * 60) });
      const n = Math.floor(rnd() * 4);
      for (let i = 0; i < n; i++) {
        const page = Math.floor(rnd() * 4);
        fake.inject(
          FakeKis.page(page),
          faults[Math.floor(rnd() * faults.length)]!,
          1 + Math.floor(rnd() * 3),
        );
      }
      const { client } = setup(fake, { timeout: 20, maxRetries: 2 });
      try {
        const r = await client.domesticFutureOption.inquireBalance();
        assertComplete(fake, r.positions);
        ok++;
      } catch (e) {
        assert.ok(e instanceof KisError, `not a KisError: ${e}`);
        failed++;
      }
    }
    assert.ok(ok > 20 && failed > 0, `ok ${ok}, failed ${failed}`);
  });
});
