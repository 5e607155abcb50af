import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { fileTokenStore, KisAuthError, KisClient, parseKstDateTime } from '../src/index.js';
import { DEMO, startTestServer, type TestServer } from './helpers/server.js';

describe('token description, page callbacks and secret-bound reuse', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ positions: 45 });
  });
  after(() => server.close());

  const client = (extra: Partial<ConstructorParameters<typeof KisClient>[0]> = {}) =>
    new KisClient({
      env: 'real',
      appKey: DEMO.real.appKey,
      appSecret: DEMO.real.appSecret,
      account: server.accounts[0]!,
      baseURL: server.realUrl,
      tokenStore: 'memory',
      ...extra,
    });

  it('tokenInfo says when the token expires without revealing it', async () => {
    const c = client();
    const info = await c.tokenInfo();
    const token = await c.getAccessToken();
    assert.equal(info.masked, '[REDACTED]');
    const digest = createHash('sha256').update(token).digest('hex');
    assert.equal(info.fingerprint, digest.slice(0, 16));
    const expires = parseKstDateTime(info.expiresAt)!;
    assert.ok(Math.abs(expires - (Date.now() + 86_400_000)) < 120_000, info.expiresAt);
    assert.ok(!JSON.stringify(info).includes(token));
    assert.ok(!inspect(info).includes(token));
  });

  it('onPage sees every page in order, and the merged result holds them all', async () => {
    const seen: number[] = [];
    const result = await client().domesticFutureOption.inquireBalance({
      onPage: (page) => seen.push(page.index),
    });
    assert.deepEqual(
      seen,
      Array.from({ length: result.pages }, (_, i) => i),
    );
    assert.ok(result.pages >= 3, `45 positions span ${result.pages} pages`);
    assert.equal(result.positions.length, server.positionCount(server.accounts[0]!));
  });

  it('a stored token is not reused with a different app secret', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kisfo-token-secret-'));
    const store = fileTokenStore({ dir });
    await client({ tokenStore: store }).tokenInfo();
    const wrong = client({ tokenStore: store, appSecret: `${DEMO.real.appSecret.slice(0, -1)}y` });
    await assert.rejects(wrong.tokenInfo(), KisAuthError);
    await assert.rejects(wrong.domesticFutureOption.inquireBalance(), KisAuthError);
  });
});
