// Against the real kisfo server behind a loopback proxy that stands for what sits between a
// client and KIS in the field: a firewall's HTML refusal, a gateway's HTML fault, a body that is
// JSON `null`, a date padded on the wire.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import {
  KisApiError,
  type KisClientOptions,
  KisDataChangedError,
  KisDecodeError,
  KisServerError,
  rawOf,
} from '../src/index.js';
import { demoRealClient } from './helpers/demo-client.js';
import { type RewritingProxy, startRewritingProxy } from './helpers/rewriting-proxy.js';
import { DEMO, startTestServer, type TestServer } from './helpers/server.js';

const isInquiry = (url: string) => url.startsWith('/uapi/');

describe('HTTP answers from between the client and the server', () => {
  let server: TestServer;
  let proxy: RewritingProxy;
  /** What the proxy does to inquiries in the current test. */
  let onInquiry: (
    upstream: () => Promise<{ status: number; headers: Record<string, string>; text: string }>,
  ) => Promise<{ status: number; headers?: Record<string, string>; body: string } | undefined> =
    async () => undefined;
  /** What the proxy does to token issuances. */
  let onToken: typeof onInquiry = async () => undefined;

  before(async () => {
    server = await startTestServer({ rateLimits: { real: 1000, paper: 1000 } });
    proxy = await startRewritingProxy(server.realUrl, (req, upstream) =>
      isInquiry(req.url)
        ? onInquiry(upstream)
        : req.url.startsWith('/oauth2/tokenP')
          ? onToken(upstream)
          : Promise.resolve(undefined),
    );
  });
  after(async () => {
    await proxy.close();
    await server.close();
  });

  const client = (extra: Partial<KisClientOptions> = {}) =>
    demoRealClient(proxy.url, {
      rateLimit: false,
      maxRetries: 2,
      // Backoff without waiting: the count of attempts is what is checked.
      clock: { now: Date.now, random: () => 0, sleep: async () => {} },
      ...extra,
    });
  const inquiries = () => proxy.seen.filter((r) => isInquiry(r.url)).length;

  it('a 4xx HTML page is that HTTP error, kept whole and not retried; a 5xx one is retried', async () => {
    onInquiry = async () => ({
      status: 403,
      headers: { 'content-type': 'text/html', 'x-blocked-by': 'waf' },
      body: '<html><body>403 Forbidden</body></html>',
    });
    const before = inquiries();
    const e = await client()
      .domesticFutureOption.inquireBalance()
      .catch((x: unknown) => x);
    assert.equal(inquiries() - before, 1, 'a refusal comes back the same: sent once');
    assert.ok(e instanceof KisApiError && !(e instanceof KisServerError), String(e));
    assert.equal(e.status, 403);
    assert.equal(e.msgCd, '');
    assert.equal(e.headers['x-blocked-by'], 'waf');
    assert.equal(e.body, '<html><body>403 Forbidden</body></html>');

    onInquiry = async () => ({ status: 502, body: '<html>502 Bad Gateway</html>' });
    const again = inquiries();
    const f = await client()
      .domesticFutureOption.inquireBalance()
      .catch((x: unknown) => x);
    assert.equal(inquiries() - again, 3, 'a gateway fault: the first try and 2 retries');
    assert.ok(f instanceof KisServerError && f.status === 502, String(f));
  });

  it('a token answer cut off mid-token is retried, and the error shows none of the token', async () => {
    const tokens: string[] = [];
    onToken = async (upstream) => {
      const u = await upstream();
      const token = (JSON.parse(u.text) as { access_token: string }).access_token;
      tokens.push(token);
      const cut = u.text.indexOf(token) + Math.floor(token.length / 2);
      return { status: 200, headers: u.headers, body: u.text.slice(0, cut) };
    };
    const logged: string[] = [];
    const cassette: string[] = [];
    const c = client({
      logger: { warn: (m, data) => logged.push(`${m} ${JSON.stringify(data)}`) },
      record: { sink: (line) => void cassette.push(line) },
    });
    const before = proxy.seen.length;
    const e = await c.getAccessToken().catch((x: unknown) => x);
    onToken = async () => undefined;
    assert.ok(e instanceof KisDecodeError, String(e));
    assert.equal(proxy.seen.length - before, 3, 'a cut-off body is a transport fault: retried');
    assert.ok(tokens.length === 3 && logged.length === 2);
    const shown = [
      e.message,
      String(e),
      JSON.stringify(e),
      inspect(e, { depth: Number.POSITIVE_INFINITY }),
      e.bodySnippet,
      String(e.cause),
      ...logged,
      ...cassette, // the recorded exchanges too: a cut-off body is no JSON to find the token in
    ];
    assert.equal(cassette.length, 3);
    for (const text of shown) {
      // The part the client received (the first half), past the header every JWT shares.
      for (const t of tokens) {
        const sent = t.slice(Math.floor(t.length / 4), Math.floor(t.length / 2));
        assert.ok(!text.includes(sent), `token shown in: ${text}`);
      }
    }
  });

  it('a balance page whose body is JSON null is a KisDecodeError naming the record', async () => {
    onInquiry = async (upstream) => {
      const u = await upstream();
      return { status: 200, headers: u.headers, body: 'null' };
    };
    const e = await client()
      .domesticFutureOption.inquireBalance()
      .catch((x: unknown) => x);
    assert.ok(e instanceof KisDecodeError, String(e));
    assert.equal(e.issues[0]?.path, '(record)');
  });

  it('a date padded on the wire decodes to the date, a blank one to ""; rawOf keeps the wire', async () => {
    for (const [wire, decoded] of [
      ['20250320  ', '20250320'],
      ['        ', ''],
    ] as const) {
      onInquiry = async (upstream) => {
        const u = await upstream();
        const body = JSON.parse(u.text) as { output: Record<string, string> };
        body.output.resp_dt = wire;
        return { status: u.status, headers: u.headers, body: JSON.stringify(body) };
      };
      const m = await client().overseasFutureOption.marginDetail({
        account: DEMO.real.overseas,
        currency: 'TKR',
        date: '20250320',
      });
      assert.equal(m.resp_dt, decoded);
      assert.equal(rawOf<Record<string, string>>(m)?.resp_dt, wire);
      assert.ok(m.fm_brkg_mgn_amt.gte(m.fm_mntn_mgn_amt)); // the rest decoded as usual
    }
  });
});

describe('a summary that changes between pages, as seen through the proxy', () => {
  let server: TestServer;
  let proxy: RewritingProxy;
  before(async () => {
    server = await startTestServer({ positions: 45, rateLimits: { real: 1000 } });
    // Every continuation page reports one won more of cash than the first page did.
    proxy = await startRewritingProxy(server.realUrl, async (req, upstream) => {
      if (!isInquiry(req.url) || !/CTX_AREA_NK200=[^&+]/.test(req.url)) return undefined;
      const u = await upstream();
      const body = JSON.parse(u.text) as { output2: Record<string, string> };
      body.output2.dnca_cash = String(BigInt(body.output2.dnca_cash!) + 1n);
      return { status: u.status, headers: u.headers, body: JSON.stringify(body) };
    });
  });
  after(async () => {
    await proxy.close();
    await server.close();
  });

  it('KisDataChangedError after the restarts keeps the page that differed, redacted', async () => {
    const c = demoRealClient(proxy.url, { account: server.accounts[0], rateLimit: false });
    const e = await c.domesticFutureOption.inquireBalance().catch((x: unknown) => x);
    assert.ok(e instanceof KisDataChangedError, String(e));
    assert.match(e.message, /output2 .* changed between page 1 and page 2/);
    const body = e.body as { output2: Record<string, string>; output1: unknown[] };
    assert.equal(e.status, 200);
    assert.equal(body.output1.length, 20, 'the second page as it arrived');
    assert.ok(/^\d+$/.test(body.output2.dnca_cash!));
    assert.ok(!JSON.stringify(e).includes(DEMO.real.appSecret));
  });
});
