// Node's own HTTP client, the client's default on Node, answers exactly as `fetch` does for the
// same bytes on the wire: status, header record and text (gzip, deflate and br bodies, UTF-8 cut
// across chunks, a BOM, bytes that are not UTF-8, repeated headers, a base URL with a path), and
// the same error kinds (a body cut short, no answer, an abort, a refused connection). A raw TCP
// server writes every answer byte for byte and keeps connections alive. Over TLS too, with a
// throwaway self-signed certificate for 127.0.0.1 (fixtures/loopback-tls, for these tests only)
// trusted through NODE_EXTRA_CA_CERTS, and refused alike when it is not. Then the whole client:
// without a `fetch` it sends through Node's http (unless the global `fetch` was replaced, as a
// test's stub does) and returns what a `fetch` client returns.
// Not timed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { fetchExchange } from '../src/fetch-exchange.js';
import {
  KisAbortError,
  KisClient,
  KisConnectionError,
  KisTimeoutError,
  MemoryTokenStore,
} from '../src/index.js';
import { nodeExchange } from '../src/node-exchange.js';
import { exchangeRequest, outcome } from './helpers/exchange-outcome.js';
import { DEMO, startTestServer } from './helpers/server.js';

const PAGE = JSON.stringify({
  rt_cd: '0',
  msg_cd: 'KIOK0510',
  msg1: '조회가 완료되었습니다                                                           ',
  output1: [{ pdno: '101W09', prdt_name: 'KOSPI200 선물 2609', cblc_qty: '3' }],
});

/** A head and body, framed with content-length. */
function answer(status: string, headers: string[], body: Buffer | string): Buffer[] {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const head = [`HTTP/1.1 ${status}`, ...headers, `Content-Length: ${bytes.length}`, '', ''];
  return [Buffer.concat([Buffer.from(head.join('\r\n'), 'latin1'), bytes])];
}

/** The same body as `chunks` chunked pieces, each written on its own. */
function chunked(headers: string[], pieces: Buffer[]): Buffer[] {
  const head = ['HTTP/1.1 200 OK', ...headers, 'Transfer-Encoding: chunked', '', ''].join('\r\n');
  return [
    Buffer.from(head, 'latin1'),
    ...pieces.map((p) =>
      Buffer.concat([Buffer.from(`${p.length.toString(16)}\r\n`), p, Buffer.from('\r\n')]),
    ),
    Buffer.from('0\r\n\r\n'),
  ];
}

const JSON_TYPE = 'Content-Type: application/json; charset=utf-8';
const page = Buffer.from(PAGE);
const cut = page.indexOf(Buffer.from('선')) + 1; // inside the three bytes of 선

/** The heads of the token requests the server saw, in lowercase. */
const tokenRequests: string[] = [];

/** Each case's answer by its path: what the server writes, in writes apart in time. */
const CASES: Record<string, (request: string) => Buffer[] | 'silent' | 'cut-short'> = {
  '/plain': () => answer('200 OK', [JSON_TYPE, 'tr_id: CTFO6118R', 'tr_cont: D'], page),
  '/split-utf8': () => chunked([JSON_TYPE], [page.subarray(0, cut), page.subarray(cut)]),
  '/bom': () =>
    answer('200 OK', [JSON_TYPE], Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), page])),
  '/not-utf8': () => answer('200 OK', [JSON_TYPE], Buffer.from([0x7b, 0xff, 0xc3, 0x28, 0x7d])),
  '/gzip': () => answer('200 OK', [JSON_TYPE, 'Content-Encoding: gzip'], zlib.gzipSync(page)),
  '/deflate': () =>
    answer('200 OK', [JSON_TYPE, 'Content-Encoding: deflate'], zlib.deflateSync(page)),
  '/deflate-raw': () =>
    answer('200 OK', [JSON_TYPE, 'Content-Encoding: deflate'], zlib.deflateRawSync(page)),
  '/br': () => answer('200 OK', [JSON_TYPE, 'Content-Encoding: br'], zlib.brotliCompressSync(page)),
  '/unknown-encoding': () => answer('200 OK', ['Content-Encoding: x-kisfo'], page),
  '/repeated': () => answer('200 OK', ['X-Kis: a', 'x-kis: b', 'Tr_Cont: M', 'GT_UID: 0001'], page),
  '/html-500': () =>
    answer('500 Internal Server Error', ['Content-Type: text/html'], '<html>bad gateway</html>'),
  '/echo': (request) => answer('200 OK', [JSON_TYPE], JSON.stringify({ request })),
  '/base/prefixed': () => answer('200 OK', [], 'prefixed'),
  '/oauth2/tokenP': (request) => {
    tokenRequests.push(request.split('\r\n\r\n')[0]!.toLowerCase());
    return answer(
      '200 OK',
      [JSON_TYPE],
      JSON.stringify({
        access_token: `token-${tokenRequests.length}`,
        access_token_token_expired: '2099-12-31 23:59:59',
        token_type: 'Bearer',
        expires_in: 86400,
      }),
    );
  },
  '/silent': () => 'silent',
  '/cut-short': () => 'cut-short',
};

/** Requests on one connection, one after another (keep-alive), answered by path. */
function serve(socket: Socket): void {
  let pending = Buffer.alloc(0);
  socket.on('data', (data) => {
    pending = Buffer.concat([pending, data]);
    for (;;) {
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = pending.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (pending.length < end + 4 + length) return;
      const request = pending.subarray(0, end + 4 + length).toString('utf8');
      pending = pending.subarray(end + 4 + length);
      const path = head.split(' ')[1]!.split('?')[0]!;
      const reply = CASES[path]?.(request) ?? answer('404 Not Found', [], '');
      if (reply === 'silent') continue;
      if (reply === 'cut-short') {
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n{"rt_cd":',
        );
        setTimeout(() => socket.destroy(), 20);
        return;
      }
      const [first, ...rest] = reply;
      socket.write(first!);
      // Later pieces in later writes, so the reader sees them as separate chunks.
      rest.forEach((piece, i) => {
        setTimeout(() => socket.write(piece), 10 * (i + 1));
      });
    }
  });
  socket.on('error', () => {});
}

let server: Server;
let base: string;
const sockets = new Set<Socket>();

before(async () => {
  server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    serve(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
});

after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

const node = nodeExchange()!;
const viaFetch = fetchExchange((input, init) => globalThis.fetch(input, init));

describe("Node's HTTP client answers as fetch does", () => {
  it('is there on Node', () => {
    assert.equal(typeof node, 'function');
  });

  for (const path of [
    '/plain',
    '/split-utf8',
    '/bom',
    '/not-utf8',
    '/gzip',
    '/deflate',
    '/deflate-raw',
    '/br',
    '/unknown-encoding',
    '/repeated',
    '/html-500',
  ]) {
    it(`the same status, headers and text: ${path}`, async () => {
      const a = await outcome(node, `${base}${path}?CANO=80012345`);
      const b = await outcome(viaFetch, `${base}${path}?CANO=80012345`);
      assert.ok(a.res !== undefined, JSON.stringify(a));
      assert.deepEqual(a, b);
    });
  }

  it('decodes what the cases say: the page whole, the BOM gone, bad bytes as U+FFFD', async () => {
    for (const path of ['/plain', '/split-utf8', '/bom', '/gzip', '/deflate-raw', '/br']) {
      const { res } = await outcome(node, `${base}${path}`);
      assert.equal(res?.text, PAGE, path);
    }
    assert.equal((await outcome(node, `${base}/not-utf8`)).res?.text, '{\ufffd\ufffd(}');
    const repeated = (await outcome(node, `${base}/repeated`)).res!;
    assert.equal(repeated.headers['x-kis'], 'a, b');
    assert.equal(repeated.headers.tr_cont, 'M');
    assert.equal(repeated.headers.gt_uid, '0001');
  });

  it('sends the method, headers and body as given, the body with its length', async () => {
    const body = JSON.stringify({ grant_type: 'client_credentials', appkey: '한국' });
    const over = {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', appkey: 'PSabc' },
      body,
    };
    const sent = (text: string) => {
      const request = (JSON.parse(text) as { request: string }).request;
      const [head, sentBody] = request.split('\r\n\r\n') as [string, string];
      const lines = head.toLowerCase().split('\r\n');
      return {
        line: lines[0],
        body: sentBody,
        headers: ['content-type', 'appkey', 'content-length', 'accept-encoding'].map((name) =>
          lines.find((l) => l.startsWith(`${name}:`)),
        ),
      };
    };
    const a = sent((await outcome(node, `${base}/echo`, over)).res!.text);
    const b = sent((await outcome(viaFetch, `${base}/echo`, over)).res!.text);
    assert.equal(a.line, 'post /echo http/1.1');
    assert.equal(a.body, body);
    assert.equal(a.headers[2], `content-length: ${Buffer.byteLength(body)}`);
    assert.deepEqual(a, b);
  });

  it('keeps the base URL path before the request path', async () => {
    assert.equal((await outcome(node, `${base}/base/prefixed`)).res?.text, 'prefixed');
  });

  it('the same error kinds: cut short, no answer, abort, refused', async () => {
    // A port that was just free and is closed again (fetch refuses "bad ports" such as 1).
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closedPort = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    for (const exchange of [node, viaFetch]) {
      const cutShort = await outcome(exchange, `${base}/cut-short`);
      assert.equal(cutShort.error, KisConnectionError.name, JSON.stringify(cutShort));

      const silent = await outcome(exchange, `${base}/silent`, { timeout: 150 });
      assert.equal(silent.error, KisTimeoutError.name);
      assert.equal(silent.message, 'no complete answer within 150 ms');

      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('user stop')), 30);
      const aborted = await outcome(exchange, `${base}/silent`, { signal: controller.signal });
      assert.equal(aborted.error, KisAbortError.name);
      assert.equal(aborted.message, 'request aborted: user stop');

      const refused = await outcome(exchange, `http://127.0.0.1:${closedPort}/plain`);
      assert.equal(refused.error, KisConnectionError.name);
      assert.equal(
        refused.message,
        `connection failed: connect ECONNREFUSED 127.0.0.1:${closedPort}`,
      );
    }
  });

  it('calls onHeaders once, before the body is read', async () => {
    const seen: string[] = [];
    const res = await node(
      `${base}/split-utf8`,
      exchangeRequest({ onHeaders: () => seen.push('head') }),
    );
    seen.push('body');
    assert.deepEqual(seen, ['head', 'body']);
    assert.equal(res.text, PAGE);
  });
});

describe('the transport the client picks', () => {
  it("Node's http when no fetch is given; a global fetch put in its place is used", async () => {
    const client = (env: 'real' | 'paper') =>
      new KisClient({
        env,
        baseURL: base,
        ...DEMO[env],
        tokenStore: new MemoryTokenStore(),
        rateLimit: false,
      });
    tokenRequests.length = 0;
    assert.equal(await client('real').getAccessToken(), 'token-1');
    // `fetch` adds headers of its own; Node's http sends only those given.
    assert.doesNotMatch(tokenRequests[0]!, /\r\nsec-fetch-mode:/);
    const original = globalThis.fetch;
    let stubbed = 0;
    globalThis.fetch = (input, init) => {
      stubbed++;
      return original(input, init);
    };
    try {
      assert.equal(await client('paper').getAccessToken(), 'token-2');
    } finally {
      globalThis.fetch = original;
    }
    assert.equal(stubbed, 1);
    assert.match(tokenRequests[1]!, /\r\nsec-fetch-mode: cors/);
  });

  it('returns, against the kisfo server, exactly what a fetch client returns', async () => {
    const kis = await startTestServer({ positions: 45 });
    try {
      const options = {
        env: 'real' as const,
        baseURL: kis.realUrl,
        ...DEMO.real,
        account: kis.accounts[0]!,
        rateLimit: false as const,
      };
      const native = new KisClient({ ...options, tokenStore: new MemoryTokenStore() });
      const a = await native.domesticFutureOption.inquireBalance();
      let fetched = 0;
      const viaFetch = new KisClient({
        ...options,
        tokenStore: new MemoryTokenStore(),
        fetch: (input, init) => {
          fetched++;
          return globalThis.fetch(input, init);
        },
      });
      const b = await viaFetch.domesticFutureOption.inquireBalance();
      assert.equal(fetched, 1 + b.pages); // its token, then every page
      const held = kis.positionCount(kis.accounts[0]!);
      assert.ok(held > 40);
      assert.equal(a.positions.length, held);
      assert.equal(a.pages, Math.ceil(held / 20));
      assert.deepEqual(a, b);
    } finally {
      await kis.close();
    }
  });
});

describe('https, as KIS serves it', () => {
  const tls = new URL('./fixtures/loopback-tls/', import.meta.url);
  const script = new URL('./helpers/https-exchanges.ts', import.meta.url).pathname;

  /** Both exchanges in a child whose trust store is fixed at its start. */
  async function inChild(urls: string[], trust: boolean): Promise<Record<string, unknown>> {
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    if (trust) env.NODE_EXTRA_CA_CERTS = new URL('cert.pem', tls).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...urls], { env });
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
    });
    const [code] = (await once(child, 'exit')) as [number];
    assert.equal(code, 0);
    return JSON.parse(text) as Record<string, unknown>;
  }

  it('the same answers over TLS; the same refusal of a certificate it does not trust', async () => {
    const server = createHttpsServer(
      {
        key: readFileSync(new URL('key.pem', tls)),
        cert: readFileSync(new URL('cert.pem', tls)),
      },
      (req, res) => {
        const gzip = req.url?.startsWith('/gzip') === true;
        res.writeHead(200, {
          'Content-Type': 'application/json; charset=utf-8',
          tr_cont: 'D',
          ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
        });
        res.end(gzip ? zlib.gzipSync(page) : page);
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const urls = [`https://127.0.0.1:${port}/plain`, `https://127.0.0.1:${port}/gzip`];
    try {
      const trusted = await inChild(urls, true);
      type Outcome = { res?: { text: string; headers: Record<string, string> } };
      /** The answer without its `date` header (the two requests are not in the same second). */
      const undated = ({ res }: Outcome) => {
        const { date: _date, ...headers } = res?.headers ?? {};
        return { ...res, headers };
      };
      for (const url of urls) {
        const node = trusted[`node ${url}`] as Outcome;
        assert.equal(node.res?.text, PAGE, JSON.stringify(node));
        assert.deepEqual(undated(node), undated(trusted[`fetch ${url}`] as Outcome));
      }
      const untrusted = await inChild(urls.slice(0, 1), false);
      const refusal = untrusted[`node ${urls[0]}`] as { error: string; message: string };
      assert.equal(refusal.error, KisConnectionError.name);
      assert.match(refusal.message, /self-signed certificate/);
      assert.deepEqual(untrusted[`fetch ${urls[0]}`], refusal);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
