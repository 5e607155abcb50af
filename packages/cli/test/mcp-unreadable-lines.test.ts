// `kisfo mcp` over stdio answers a line that is not JSON (-32700) or not a JSON-RPC message
// (-32600) with JSON-RPC's error response (id null), as its HTTP transport does, and keeps
// serving. Before, such a line got no answer at all, so the client waited for one forever.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { BIN, isolatedEnv } from './cli-helpers.js';

describe('kisfo mcp over stdio, lines that are not messages', () => {
  it('each gets an error response with id null; the next request is answered', async () => {
    const env = isolatedEnv({
      KIS_ENV: 'real',
      KIS_BASE_URL: 'http://127.0.0.1:9',
      KIS_APP_KEY: 'PSNOTUSED0123456789',
      KIS_APP_SECRET: 'not-used-secret-0123456789',
      KIS_ACCOUNT: '80012345-03',
    });
    const child = spawn(process.execPath, [BIN, 'mcp'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const lines = createInterface({ input: child.stdout });
    const received: Record<string, unknown>[] = [];
    const waiters: (() => void)[] = [];
    lines.on('line', (l) => {
      received.push(JSON.parse(l) as Record<string, unknown>);
      waiters.shift()?.();
    });
    const next = async (): Promise<Record<string, unknown>> => {
      const have = received.length;
      const timer = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no answer; got ${JSON.stringify(received)}`)), 20_000),
      );
      if (received.length === have)
        await Promise.race([new Promise<void>((r) => waiters.push(r)), timer]);
      return received[have]!;
    };
    const send = (line: string) => child.stdin.write(`${line}\n`);
    try {
      send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 't', version: '1' },
          },
        }),
      );
      assert.equal((await next()).id, 1);
      send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));

      send('this is not json');
      assert.deepEqual(await next(), {
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700, message: 'Parse error: not JSON' },
      });
      send('{"hello":"world"}');
      const invalid = await next();
      assert.equal(invalid.id, null);
      assert.equal((invalid.error as { code: number }).code, -32600);

      send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }));
      const listed = await next();
      assert.equal(listed.id, 2);
      assert.equal((listed.result as { tools: unknown[] }).tools.length, 6);
    } finally {
      child.stdin.end();
      await new Promise((r) => child.once('close', r));
    }
  });
});
