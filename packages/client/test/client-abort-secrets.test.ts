// Against the real kisfo server over loopback: an abort is honoured even when it fires while a
// rate-limit permit is handed over, the resource objects never show a secret, and the shared
// token issuance is shared only between clients of the same app secret.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import {
  type FetchLike,
  KisAbortError,
  KisAuthError,
  type KisClientOptions,
} from '../src/index.js';
import { demoRealClient } from './helpers/demo-client.js';
import { DEMO, startTestServer, type TestServer } from './helpers/server.js';

describe('aborts, secrets and shared issuance against the kisfo server', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ rateLimits: { real: 1000, paper: 1000 } });
  });
  after(() => server.close());

  /** A client whose requests are counted: token issuances apart from inquiries. */
  const counted = (extra: Partial<KisClientOptions> = {}) => {
    const counts = { token: 0, inquiry: 0 };
    const f: FetchLike = (url, init) => {
      if (url.includes('/oauth2/')) counts.token++;
      else counts.inquiry++;
      return fetch(url, init);
    };
    const client = demoRealClient(server.realUrl, {
      rateLimit: { perSecond: 1000 },
      fetch: f,
      ...extra,
    });
    return { client, counts };
  };

  it('an abort right after the call starts sends nothing, with the rate limiter on', async () => {
    const { client, counts } = counted();
    await client.getAccessToken();
    const calls: [string, (signal: AbortSignal) => Promise<unknown>][] = [
      ['balance', (signal) => client.domesticFutureOption.inquireBalance({ signal })],
      ['deposit', (signal) => client.domesticFutureOption.inquireDeposit({ signal })],
      [
        'margin detail',
        (signal) =>
          client.overseasFutureOption.marginDetail({
            account: DEMO.real.overseas,
            currency: 'TKR',
            date: '20250320',
            signal,
          }),
      ],
    ];
    for (const [name, call] of calls) {
      const ac = new AbortController();
      // `then` starts the lazy balance request; the abort comes before any answer could.
      const settled = call(ac.signal).then(
        () => 'resolved',
        (e: unknown) => e,
      );
      ac.abort(new Error('caller stopped'));
      const outcome = await settled;
      assert.ok(outcome instanceof KisAbortError, `${name}: ${String(outcome)}`);
    }
    assert.equal(counts.inquiry, 0, 'no inquiry reached the server');
    // The permits those calls had taken came back: the client still answers.
    assert.ok((await client.domesticFutureOption.inquireBalance()).positions.length > 0);
  });

  it('the resource objects show no app key, secret or token to inspect or JSON', async () => {
    const { client } = counted();
    const token = await client.getAccessToken();
    await client.domesticFutureOption.inquireBalance();
    for (const resource of [client.domesticFutureOption, client.overseasFutureOption]) {
      const shown = [
        inspect(resource, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
        JSON.stringify(resource),
        String(resource),
        JSON.stringify({ resource }),
      ];
      for (const text of shown) {
        for (const secret of [DEMO.real.appKey, DEMO.real.appSecret, token]) {
          assert.ok(!text.includes(secret), `${resource.constructor.name} shows a secret: ${text}`);
        }
      }
      assert.deepEqual(JSON.parse(JSON.stringify(resource)), {
        env: 'real',
        account: DEMO.real.account,
      });
    }
  });

  it('a client with a wrong secret neither gets the right one’s token nor fails it', async () => {
    for (const wrongFirst of [true, false]) {
      // A fresh app-key-and-host pair per round would need new apps; the same key is the point.
      const right = counted().client;
      const wrong = counted({ appSecret: 'w'.repeat(180) }).client;
      const [a, b] = await Promise.allSettled(
        wrongFirst
          ? [wrong.getAccessToken(), right.getAccessToken()]
          : [right.getAccessToken(), wrong.getAccessToken()],
      );
      const [w, r] = wrongFirst ? [a, b] : [b, a];
      assert.equal(r.status, 'fulfilled', `right secret (wrong first: ${wrongFirst})`);
      assert.equal(w.status, 'rejected', `wrong secret (wrong first: ${wrongFirst})`);
      assert.ok(w.status === 'rejected' && w.reason instanceof KisAuthError, String(w));
    }
  });
});
