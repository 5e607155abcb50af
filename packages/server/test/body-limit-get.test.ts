// A GET without body framing skips the body limit at once (it has no body). One that declares a
// body is handed to the limit as before; the adapter gives a GET no body, so it is answered as
// any GET. A POST over the limit is still refused. Raw sockets, so the framing is exactly ours.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import type { KisHonoEnv } from '../src/http/context.js';
import { limitRequestBody } from '../src/http/gateway/body-limit.js';
import { listen } from '../src/http/listen.js';
import { silentSink } from '../src/http/log.js';
import { requestLogging } from '../src/http/middleware/request-logging.js';

/** Send raw request text, return the status line and body of the answer. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.setEncoding('utf8');
    s.on('data', (d) => {
      out += d;
      if (out.includes('\r\n\r\n') && /\r\n\r\n[\s\S]*\}$/.test(out)) s.end();
    });
    s.on('end', () => resolve(out));
    s.on('close', () => resolve(out));
    s.on('error', reject);
  });
}

describe('limitRequestBody on GET', () => {
  it('answers GETs with or without body framing alike; a POST over the limit gets 413', async () => {
    const app = new Hono<KisHonoEnv>();
    app.use('*', requestLogging({ env: 'real', sink: silentSink, accountPaths: new Set() }));
    app.use('*', limitRequestBody(16));
    app.get('/x', (c) => c.json({ ok: true }));
    app.post('/x', (c) => c.json({ ok: true }));
    const l = await listen(app, { host: '127.0.0.1', port: 0 });
    try {
      const port = Number(new URL(l.url).port);
      const plain = await raw(port, 'GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
      assert.match(plain, /^HTTP\/1\.1 200/);
      const big = 'y'.repeat(64);
      const sized = await raw(
        port,
        `GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: ${big.length}\r\n\r\n${big}`,
      );
      const chunked = await raw(
        port,
        `GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n${big}\r\n0\r\n\r\n`,
      );
      const body = (t: string) => t.slice(t.indexOf('\r\n\r\n'));
      for (const t of [sized, chunked]) {
        assert.match(t, /^HTTP\/1\.1 200/);
        assert.equal(body(t), body(plain));
      }
      const post = await raw(
        port,
        `POST /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: ${big.length}\r\n\r\n${big}`,
      );
      assert.match(post, /^HTTP\/1\.1 413/);
      assert.match(post, /OPSQ2001/);
    } finally {
      await l.close();
    }
  });
});
