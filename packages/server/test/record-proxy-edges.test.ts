import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parseCassette } from '@kisfo/protocol';
import { silentSink, startRecordingProxy, startReplayServer, startServer } from '../src/index.js';
import { raw } from './record-session.js';

const dir = mkdtempSync(join(tmpdir(), 'kisfo-proxy-'));

/** A loopback upstream that gzips when allowed and shows what it was sent. */
async function upstream(
  answer: (headers: IncomingHttpHeaders) => { body: Buffer; headers: string[] },
) {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => {
      const a = answer(req.headers);
      res.writeHead(200, [...a.headers, 'Content-Length', String(a.body.length)]);
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('recording proxy: encodings, odd bodies, failures, https', () => {
  it('asks upstream for identity, so a client asking for gzip still gets a readable cassette', async () => {
    const json = '{"rt_cd":"0","msg1":"조회가 완료되었습니다"}';
    const up = await upstream((h) =>
      String(h['accept-encoding']).includes('gzip')
        ? {
            body: gzipSync(json),
            headers: ['Content-Type', 'application/json', 'Content-Encoding', 'gzip'],
          }
        : {
            body: Buffer.from(json),
            headers: ['Content-Type', 'application/json', 'X-Kis-Odd', '1'],
          },
    );
    const out = join(dir, 'identity.jsonl');
    const proxy = await startRecordingProxy({ target: up.url, out });
    try {
      const r = await raw(proxy.url, 'GET', '/x?A=1', { 'accept-encoding': 'gzip, deflate' });
      assert.equal(r.body, json);
      assert.equal(up.seen[0]!['accept-encoding'], 'identity');
      const [e] = parseCassette(readFileSync(out, 'utf8'));
      assert.equal(e!.response.body, json);
      assert.equal(e!.response.statusText, 'OK');
      assert.deepEqual(
        e!.response.headers.map(([n]) => n),
        ['Content-Type', 'X-Kis-Odd', 'Content-Length', 'Date', 'Connection', 'Keep-Alive'],
        'names in the case and order the upstream wrote them',
      );
    } finally {
      await proxy.close();
      await up.close();
    }
  });

  it('stores a body that is not UTF-8 as base64 and replays the same bytes', async () => {
    const bytes = Buffer.from([0xb0, 0xa1, 0x00, 0xff, 0x41]);
    const up = await upstream(() => ({
      body: bytes,
      headers: ['Content-Type', 'application/octet-stream'],
    }));
    const out = join(dir, 'binary.jsonl');
    const proxy = await startRecordingProxy({ target: up.url, out });
    try {
      await raw(proxy.url, 'GET', '/bin', {});
    } finally {
      await proxy.close();
      await up.close();
    }
    const [e] = parseCassette(readFileSync(out, 'utf8'));
    assert.equal(e!.response.bodyEncoding, 'base64');
    assert.deepEqual(Buffer.from(e!.response.body, 'base64'), bytes);
    const replay = await startReplayServer({ cassette: out });
    try {
      const got = await new Promise<Buffer>((resolve, reject) => {
        const u = new URL('/bin', replay.url);
        import('node:http').then(({ get }) =>
          get(u, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve(Buffer.concat(chunks)));
          }).on('error', reject),
        );
      });
      assert.deepEqual(got, bytes);
    } finally {
      await replay.close();
    }
  });

  it('an unreachable upstream is a KIS envelope (HTTP 502) and nothing is recorded', async () => {
    const up = await upstream(() => ({ body: Buffer.alloc(0), headers: [] }));
    await up.close(); // its port is now closed
    const out = join(dir, 'down.jsonl');
    const proxy = await startRecordingProxy({ target: up.url, out });
    try {
      const r = await raw(proxy.url, 'GET', '/uapi/x', {});
      assert.equal(r.status, 502);
      const body = JSON.parse(r.body) as { rt_cd: string; msg_cd: string; msg1: string };
      assert.equal(body.msg_cd, 'EGW00002');
      assert.match(body.msg1, /upstream failed/);
      assert.equal(existsSync(out) ? readFileSync(out, 'utf8') : '', '');
    } finally {
      await proxy.close();
    }
  });

  it('records an https target (kisfo serve --tls) when told to trust its certificate', async (t) => {
    const tls = join(dir, 'tls');
    try {
      execFileSync('mkdir', ['-p', tls]);
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          join(tls, 'key.pem'),
          '-out',
          join(tls, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
    } catch {
      t.skip('openssl not available');
      return;
    }
    const cert = readFileSync(join(tls, 'cert.pem'), 'utf8');
    const server = await startServer({
      port: 0,
      logger: silentSink,
      tls: { cert, key: readFileSync(join(tls, 'key.pem'), 'utf8') },
    });
    const out = join(dir, 'https.jsonl');
    const untrusted = await startRecordingProxy({ target: server.realUrl, out });
    const proxy = await startRecordingProxy({ target: server.realUrl, out, targetCa: cert });
    try {
      assert.match(server.realUrl, /^https:/);
      const refused = await raw(untrusted.url, 'GET', '/kisfo/health', {});
      assert.equal(refused.status, 502, 'a certificate nobody trusts is refused');
      const r = await raw(proxy.url, 'GET', '/kisfo/health', {});
      assert.equal(r.status, 200);
      assert.equal(JSON.parse(r.body).status, 'ok');
      const entries = parseCassette(readFileSync(out, 'utf8'));
      assert.equal(entries.length, 1);
      assert.equal(entries[0]!.response.body, r.body);
    } finally {
      await untrusted.close();
      await proxy.close();
      await server.close();
    }
  });
});
