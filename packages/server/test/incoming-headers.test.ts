// The light request-header view the listener hands the app must read exactly as the Fetch
// `Headers` the adapter would have built: same values for repeated headers, same iteration.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { IncomingHeaders } from '../src/http/incoming-headers.js';
import { listen } from '../src/http/listen.js';
import { silentSink } from '../src/http/log.js';
import { requestLogging } from '../src/http/middleware/request-logging.js';

const RAW = [
  'Host',
  '127.0.0.1',
  'Content-Type',
  'application/json; charset=utf-8',
  'X-Dup',
  'a',
  'tr_id',
  'CTFO6118R',
  'x-dup',
  'b',
  'Set-Cookie',
  'k=1',
  'set-cookie',
  'k=2',
  'Authorization',
  'Bearer one',
  'authorization',
  'Bearer two',
];

const pairs = (raw: string[]) => {
  const out: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
};

describe('IncomingHeaders', () => {
  it('reads, joins and iterates as new Headers(pairs) does', () => {
    const mine = new IncomingHeaders({ rawHeaders: RAW });
    const fetchHeaders = new Headers(pairs(RAW));
    assert.deepEqual([...mine], [...fetchHeaders]);
    for (const name of [
      'x-dup',
      'X-DUP',
      'authorization',
      'tr_id',
      'TR_ID',
      'missing',
      'set-cookie',
    ])
      assert.equal(mine.get(name), fetchHeaders.get(name), name);
    assert.equal(mine.has('Content-Type'), true);
    assert.deepEqual(mine.getSetCookie(), fetchHeaders.getSetCookie());
    mine.set('x-new', '1');
    fetchHeaders.set('x-new', '1');
    mine.delete('x-dup');
    fetchHeaders.delete('x-dup');
    assert.deepEqual([...mine.entries()], [...fetchHeaders.entries()]);
  });

  it('is what the app reads behind listen(), repeated headers included', async () => {
    const app = new Hono();
    app.get('/h', (c) =>
      c.json({
        dup: c.req.header('x-dup'),
        auth: c.req.header('Authorization'),
        all: [...c.req.raw.headers],
      }),
    );
    const l = await listen(app, { host: '127.0.0.1', port: 0 });
    try {
      const url = new URL(`${l.url}/h`);
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: '/h',
            headers: RAW, // a flat list keeps the repeats and the case as written
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (d) => (text += d));
            res.on('end', () => resolve(text));
          },
        );
        req.on('error', reject);
        req.end();
      });
      const seen = JSON.parse(body) as { dup: string; auth: string; all: [string, string][] };
      assert.equal(seen.dup, 'a, b');
      assert.equal(seen.auth, 'Bearer one, Bearer two');
      assert.deepEqual(
        seen.all.filter(([k]) => k !== 'host' && k !== 'connection'),
        [...new Headers(pairs(RAW))].filter(([k]) => k !== 'host'),
      );
    } finally {
      await l.close();
    }
  });
});

describe('requestLogging', () => {
  it('writes one entry per request, secrets redacted, and none with silentSink', async () => {
    const lines: string[] = [];
    const make = (sink: (line: string) => void) => {
      const app = new Hono();
      app.use('*', requestLogging({ env: 'real', sink, accountPaths: new Set() }) as never);
      app.get('/x/:s', (c) => {
        const log = (c as unknown as { get(k: 'log'): { secrets: string[]; msgCd?: string } }).get(
          'log',
        );
        log.secrets.push(c.req.param('s'));
        log.msgCd = 'TEST0001';
        return c.text('ok', 201);
      });
      return app;
    };
    const res = await make((line) => lines.push(line)).request('/x/PSsecret123');
    assert.equal(res.status, 201);
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.equal(entry.path, '/x/[redacted]');
    assert.equal(entry.msg_cd, 'TEST0001');
    assert.equal(entry.status, 201);
    assert.equal(entry.env, 'real');
    assert.match(String(entry.requestId), /^[0-9a-f-]{36}$/);
    // Nothing listens: the handlers still get their log fields, the answer is the same.
    const quiet = await make(silentSink).request('/x/PSsecret123');
    assert.equal(quiet.status, 201);
    assert.equal(await quiet.text(), 'ok');
    assert.equal(lines.length, 1);
  });
});
