// Requests a KIS host cannot parse (a header Node's parser refuses, no Host, headers over the
// limit) are answered with a KIS envelope in KIS's header case, never Node's bare status line or
// the adapter's empty text/plain 400. Raw sockets: a client library would hide the bytes.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type ReplayServer,
  type RunningServer,
  startReplayServer,
  startServer,
} from '../src/index.js';
import { cp949Bytes } from './http-harness.js';

/** Send raw bytes, read until the server closes. */
function rawExchange(baseUrl: string, text: string): Promise<string> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('raw exchange timed out')));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

const GOOD_HEAD = 'GET /kisfo/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n';

const CASES: [string, string, number, string][] = [
  ['a header name with a space', `${GOOD_HEAD}bad name: 1\r\n\r\n`, 400, 'malformed HTTP request'],
  [
    'a control character in a value',
    `${GOOD_HEAD}x: a\x01b\r\n\r\n`,
    400,
    'malformed HTTP request',
  ],
  [
    'a Content-Length that is not a number',
    'POST /oauth2/tokenP HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n',
    400,
    'malformed HTTP request',
  ],
  [
    'HTTP/1.1 without Host',
    'GET /kisfo/health HTTP/1.1\r\nConnection: close\r\n\r\n',
    400,
    'malformed HTTP request',
  ],
  ['HTTP/1.0 without Host', 'GET /kisfo/health HTTP/1.0\r\n\r\n', 400, 'malformed HTTP request'],
  [
    'an invalid Host',
    `GET /kisfo/health HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n`,
    400,
    'malformed HTTP request',
  ],
  [
    'headers over the limit',
    `${GOOD_HEAD}x: ${'a'.repeat(20_000)}\r\n\r\n`,
    431,
    'request headers too large',
  ],
];

describe('malformed requests on the KIS hosts', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, logger: () => {} });
  });
  after(() => server.close());

  for (const [what, request, status, detail] of CASES) {
    it(`answers ${what} with OPSQ2001 (HTTP ${status}) on both hosts`, async () => {
      for (const url of [server.realUrl, server.paperUrl]) {
        const text = await rawExchange(url, request);
        const cut = text.indexOf('\r\n\r\n');
        const [statusLine, ...lines] = text.slice(0, cut).split('\r\n');
        const body = text.slice(cut + 4);
        assert.match(statusLine!, new RegExp(`^HTTP/1\\.1 ${status} `), text);
        const names = lines.map((l) => l.slice(0, l.indexOf(':')));
        assert.ok(names.includes('Content-Type'), `${what}: ${names}`);
        for (const n of names) assert.ok(/^[A-Z][a-z]*(-[A-Z][a-z]*)*$/.test(n), `${what}: ${n}`);
        assert.ok(lines.includes('Content-Type: application/json; charset=utf-8'), text);
        assert.ok(lines.includes(`Content-Length: ${Buffer.byteLength(body)}`), text);
        const envelope = JSON.parse(body) as Record<string, string>;
        assert.deepEqual(Object.keys(envelope), ['rt_cd', 'msg_cd', 'msg1']);
        assert.equal(envelope.rt_cd, '2');
        assert.equal(envelope.msg_cd, 'OPSQ2001');
        assert.equal(envelope.msg1!.trimEnd(), `ERROR INVALID INPUT: ${detail}`);
        assert.equal(cp949Bytes(envelope.msg1!), 80);
      }
    });
  }

  it('answers the same on a replay server (it plays a KIS host)', async () => {
    const cassette = join(mkdtempSync(join(tmpdir(), 'kisfo-malformed-')), 'empty.jsonl');
    writeFileSync(cassette, '');
    const replay: ReplayServer = await startReplayServer({ cassette });
    try {
      for (const [what, request, status, detail] of CASES.filter(([, r]) =>
        r.includes('bad name'),
      )) {
        const text = await rawExchange(replay.url, request);
        assert.match(text, new RegExp(`^HTTP/1\\.1 ${status} `), what);
        assert.ok(text.includes('\r\nContent-Type: application/json; charset=utf-8\r\n'), text);
        const envelope = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
        assert.equal(envelope.msg_cd, 'OPSQ2001');
        assert.equal(envelope.msg1.trimEnd(), `ERROR INVALID INPUT: ${detail}`);
      }
    } finally {
      await replay.close();
    }
  });

  it('still answers a well-formed request on the same listener', async () => {
    const text = await rawExchange(server.realUrl, `${GOOD_HEAD}\r\n`);
    assert.match(text, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(text, /"status":"ok"/);
  });
});
