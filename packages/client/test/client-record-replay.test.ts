import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCassette } from '@kisfo/protocol';
import { startReplayServer } from '../../server/src/index.js';
import { KisClient, KisNotFoundError, KisValidationError, replayFetch } from '../src/index.js';
import { DEMO, startTestServer, type TestServer } from './helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'kisfo-sdk-record-'));

/** Everything one session reads, in a form to compare (exact decimals as strings). */
async function session(client: KisClient, account: string) {
  const bal = await client.domesticFutureOption.inquireBalance({ account });
  const margins = [];
  for (const currency of ['TKR', 'USD'] as const) {
    margins.push(
      await client.overseasFutureOption.marginDetail({
        account: DEMO.real.overseas,
        currency,
        date: '20250320',
      }),
    );
  }
  return JSON.parse(JSON.stringify({ bal, margins }));
}

describe('KisClient record: { path } and replayFetch', () => {
  let server: TestServer;
  let account: string;
  const out = join(dir, 'sdk.jsonl');
  let live: unknown;
  let token: string;

  before(async () => {
    server = await startTestServer({
      positions: 300,
      withOverseas: true,
      rateLimits: { real: 100_000 },
    });
    account = server.accounts[0]!;
    const client = new KisClient({
      env: 'real',
      appKey: DEMO.real.appKey,
      appSecret: DEMO.real.appSecret,
      baseURL: server.realUrl,
      tokenStore: 'memory',
      rateLimit: false,
      record: { path: out },
    });
    live = await session(client, account);
    token = await client.getAccessToken();
  });
  after(() => server.close());

  it('writes the cassette format with every page and no secret', () => {
    const text = readFileSync(out, 'utf8');
    const entries = parseCassette(text);
    assert.ok(entries.every((e) => e.source === 'sdk'));
    const pages = entries.filter((e) => e.request.path.endsWith('/inquire-balance'));
    assert.equal(pages.length, Math.ceil(server.positionCount(account) / 20));
    assert.equal(entries[0]!.request.path, '/oauth2/tokenP');
    for (const s of [DEMO.real.appKey, DEMO.real.appSecret, token]) {
      assert.equal(text.includes(s), false, 'a secret in the cassette');
    }
    assert.equal(pages[1]!.request.headers.tr_cont, 'N');
    assert.equal(pages[1]!.request.headers.authorization, '[REDACTED]');
  });

  it('replays offline through replayFetch: the same decoded result, a fresh token', async () => {
    const misses: string[] = [];
    const client = new KisClient({
      env: 'real',
      appKey: 'any-key-at-all',
      appSecret: 'any-secret-at-all',
      tokenStore: 'memory',
      rateLimit: false,
      fetch: replayFetch(readFileSync(out, 'utf8'), { onMiss: (k) => misses.push(k) }),
    });
    assert.deepEqual(await session(client, account), live);
    assert.deepEqual(misses, []);
    assert.notEqual(await client.getAccessToken(), token);
    // Lockdown: what was not recorded is an error naming it, never a network call.
    await assert.rejects(
      client.overseasFutureOption.marginDetail({
        account: DEMO.real.overseas,
        currency: 'JPY',
        date: '20250320',
      }),
      (e: unknown) => e instanceof KisNotFoundError && /not recorded/.test(e.message),
    );
    assert.equal(misses.length, 1);
    assert.match(misses[0]!, /CRCY_CD=JPY/);
  });

  it('an SDK cassette also replays through kisfo serve --replay', async () => {
    const replay = await startReplayServer({ cassette: out });
    try {
      const client = new KisClient({
        env: 'real',
        appKey: 'any-key-at-all',
        appSecret: 'any-secret-at-all',
        baseURL: replay.url,
        tokenStore: 'memory',
        rateLimit: false,
      });
      assert.deepEqual(await session(client, account), live);
    } finally {
      await replay.close();
    }
  });

  it('a sink receives the same lines; masking is consistent; a bad record option is refused', async () => {
    const lines: string[] = [];
    const client = new KisClient({
      env: 'real',
      appKey: DEMO.real.appKey,
      appSecret: DEMO.real.appSecret,
      baseURL: server.realUrl,
      tokenStore: 'memory',
      rateLimit: false,
      record: { sink: (l) => void lines.push(l), maskAccounts: true },
    });
    await client.domesticFutureOption.inquireBalance({ account });
    const text = lines.join('\n');
    const cano = account.split('-')[0]!;
    // As a whole number: an amount such as 670000000 may contain the digits of 70000000.
    assert.equal(new RegExp(`(?<!\\d)${cano}(?!\\d)`).test(text), false);
    assert.ok(/"cano\\":\\"00000001\\"/.test(text));
    const fakes = new Set(
      parseCassette(text)
        .filter((e) => e.request.path.endsWith('/inquire-balance'))
        .map((e) => e.request.query.find(([n]) => n === 'CANO')![1]),
    );
    assert.deepEqual([...fakes], ['00000001']);
    assert.throws(
      () => new KisClient({ env: 'real', appKey: 'k', appSecret: 's', record: {} as never }),
      KisValidationError,
    );
  });
});
