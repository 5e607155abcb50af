// A request body over the limit is answered at once with KIS's envelope and never buffered: the
// server process's RSS stays flat while 3 × 200 MB are offered to it.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DEMO_REAL_APPKEY, DEMO_REAL_APPSECRET } from '../src/index.js';
import { rawRequest } from './raw-http.js';

const MB = 1024 * 1024;
const OFFERED = 200 * MB;

/** Resident set size of a process, from /proc (Linux), in bytes. */
function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

/**
 * POST up to `OFFERED` bytes to `path` (declared by Content-Length, or chunked) and stop writing
 * as soon as the answer arrives; resolves with the answer's head and body text.
 */
function offerHugeBody(
  baseUrl: string,
  path: string,
  mode: 'declared' | 'chunked',
): Promise<{ status: number; body: string; sent: number }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const framing =
      mode === 'declared' ? `Content-Length: ${OFFERED}` : 'Transfer-Encoding: chunked';
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(MB, 'a');
    let sent = 0;
    let answered = false;
    let text = '';
    socket.setTimeout(30_000, () => socket.destroy(new Error('no answer')));
    // One chunk per turn of the event loop, so the answer is read as soon as it arrives.
    const pump = () => {
      if (answered || sent >= OFFERED || socket.destroyed) return;
      sent += chunk.length;
      const framed =
        mode === 'declared'
          ? chunk
          : Buffer.concat([
              Buffer.from(`${chunk.length.toString(16)}\r\n`),
              chunk,
              Buffer.from('\r\n'),
            ]);
      if (socket.write(framed)) setImmediate(pump);
      else socket.once('drain', pump);
    };
    const finish = () => {
      const cut = text.indexOf('\r\n\r\n');
      if (cut < 0) return reject(new Error(`${path} ${mode}: no answer after ${sent} bytes`));
      const status = Number(text.slice(9, 12));
      let body = text.slice(cut + 4);
      if (/transfer-encoding: chunked/i.test(text.slice(0, cut)))
        body = body.split('\r\n')[1] ?? '';
      resolve({ status, body, sent });
    };
    socket.on('data', (d) => {
      text += d.toString('utf8');
      if (!answered && text.includes('\r\n\r\n')) {
        answered = true;
        // Read the rest of the answer, then hang up.
        setTimeout(() => socket.destroy(), 200);
      }
    });
    socket.on('close', finish);
    socket.on('error', () => {}); // the server may cut the rest of the upload: expected
    pump();
  });
}

describe('request body limit (server in its own process)', () => {
  let child: ChildProcess;
  let urls: { realUrl: string; paperUrl: string; pid: number };
  before(async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', new URL('./server-child.ts', import.meta.url).pathname],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    urls = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
  });
  after(() => {
    child.kill('SIGTERM');
  });

  it('answers OPSQ2001 with HTTP 413 at once; RSS stays flat across 600 MB offered', async () => {
    // Warm up: one real token request, so lazy start-up allocations are behind us.
    const warm = await rawRequest(urls.realUrl, {
      method: 'POST',
      path: '/oauth2/tokenP',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        appkey: DEMO_REAL_APPKEY,
        appsecret: DEMO_REAL_APPSECRET,
      }),
    });
    assert.equal(warm.status, 200, warm.body);
    const before = rssOf(urls.pid);
    const cases = [
      ['/oauth2/tokenP', 'declared'],
      ['/oauth2/tokenP', 'chunked'],
      ['/uapi/domestic-futureoption/v1/trading/inquire-balance', 'declared'],
    ] as const;
    for (const [path, mode] of cases) {
      const res = await offerHugeBody(urls.realUrl, path, mode);
      assert.equal(res.status, 413, `${path} ${mode}: ${res.status} ${res.body}`);
      const body = JSON.parse(res.body) as Record<string, string>;
      const code = body.msg_cd ?? body.error_code;
      assert.equal(code, 'OPSQ2001', `${path} ${mode}`);
      assert.match(body.msg1 ?? body.error_description ?? '', /request body over 65536 bytes/);
      assert.ok(res.sent < OFFERED, `${path} ${mode}: the whole body was taken (${res.sent})`);
    }
    const grown = rssOf(urls.pid) - before;
    assert.ok(grown < 48 * MB, `server RSS grew by ${Math.round(grown / MB)} MB`);
    // The server still answers normally.
    const health = await rawRequest(urls.realUrl, { path: '/kisfo/health' });
    assert.equal(health.status, 200);
  });
});
