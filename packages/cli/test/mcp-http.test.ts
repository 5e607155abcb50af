import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { KisClient } from '@kisfo/client';
import {
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  type RunningServer,
  silentSink,
  startServer,
} from '@kisfo/server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { BIN, isolatedEnv, run } from './cli-helpers.js';
import { demoRealConnection } from './demo-connection.js';
import { plain } from './mcp-helpers.js';

describe('kisfo mcp --http (streamable HTTP on loopback)', () => {
  let server: RunningServer;
  let child: ChildProcess;
  let url: string;
  let stderr = '';

  before(async () => {
    server = await startServer({ port: 0, logger: silentSink });
    const env = isolatedEnv(demoRealConnection(server.realUrl, '80012345-03'));
    child = spawn(process.execPath, [BIN, 'mcp', '--http', '--port', '0'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`kisfo mcp --http did not start\n${stderr}`)),
        30_000,
      );
      child.stderr!.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        const m = /streamable HTTP on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`kisfo mcp exited ${code}\n${stderr}`)));
    });
  });

  after(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    await server.close();
  });

  it('serves the same tools and figures over HTTP as the SDK reads', async () => {
    const client = new Client({ name: 'kisfo-http-test', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    try {
      const { tools } = await client.listTools();
      assert.equal(tools.length, 6);
      // A single configured account: the model is not offered an account to choose.
      const props = tools.find((t) => t.name === 'domestic_balance')!.inputSchema.properties ?? {};
      assert.ok(!('account' in props));
      const r = await client.callTool({ name: 'domestic_balance', arguments: {} });
      const sdk = new KisClient({
        env: 'real',
        baseURL: server.realUrl,
        appKey: DEMO_REAL_APPKEY,
        appSecret: DEMO_REAL_APPSECRET,
        account: '80012345-03',
        tokenStore: 'memory',
      });
      const expected = await sdk.domesticFutureOption.inquireBalance();
      const out = r.structuredContent as { summary: unknown; positions: unknown[] };
      assert.deepEqual(out.summary, plain(expected.summary));
      assert.deepEqual(out.positions, expected.positions.map(plain));
      assert.ok(!JSON.stringify(r).includes(DEMO_REAL_APPSECRET));
    } finally {
      await client.close();
    }
  });

  it('refuses requests whose Host is not loopback (DNS rebinding) and unknown paths', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const headers = {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
    };
    // fetch sets Host itself, so the forged one goes through node:http.
    const rebound = await new Promise<{ status: number }>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: { ...headers, Host: 'evil.example:80' },
        },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0 });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(rebound.status, 403);
    const other = await fetch(url.replace('/mcp', '/other'), { method: 'POST', body, headers });
    assert.equal(other.status, 404);
  });

  it('binds loopback only; bad flags and missing settings exit with their codes', async () => {
    const r = await run(
      ['mcp', '--http', '--host', '0.0.0.0'],
      isolatedEnv({ KIS_APP_KEY: 'k', KIS_APP_SECRET: 's' }),
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /loopback/);
    const portOnly = await run(
      ['mcp', '--port', '9999'],
      isolatedEnv({ KIS_APP_KEY: 'k', KIS_APP_SECRET: 's' }),
    );
    assert.equal(portOnly.code, 2);
    assert.match(portOnly.stderr, /need --http/);
    // Over stdio the server ends, cleanly, when its client closes stdin.
    const eof = await run(
      ['mcp'],
      isolatedEnv({ KIS_APP_KEY: 'k', KIS_APP_SECRET: 's', KIS_BASE_URL: 'http://127.0.0.1:9' }),
    );
    assert.equal(eof.code, 0, eof.stderr);
    assert.match(eof.stderr, /serving over stdio[\s\S]*stopped/);
    assert.equal(eof.stdout, '', 'nothing but protocol on stdout');
    // No credentials: the configuration error and its next step, before any MCP traffic.
    const bare = await run(['mcp'], isolatedEnv());
    assert.equal(bare.code, 3);
    assert.match(bare.stderr, /missing app key/);
    assert.equal(bare.stdout, '');
  });
});
