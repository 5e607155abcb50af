import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { BIN, isolatedEnv } from './cli-helpers.js';

/** Spawn `kisfo args…`; resolve with its exit code, stdout and stderr. */
function spawnKisfo(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`kisfo ${args.join(' ')} did not end\n${stdout}\n${stderr}`));
      }, 60_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    },
  );
  return { child, done };
}

test('a closed pipe ends kisfo quietly with exit 0, no EPIPE trace', async () => {
  const { child, done } = spawnKisfo(['demo'], isolatedEnv());
  // `kisfo demo | head -1`: the reader leaves after the first chunk.
  child.stdout.once('data', () => child.stdout.destroy());
  const { code, stderr } = await done;
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /EPIPE|Unhandled|at .*\.js:\d+/);
});

test('Ctrl-C cancels the request in flight: exit 130 with one line, no trace', async (t) => {
  // A loopback host that accepts the connection and never answers.
  const sockets = new Set<Socket>();
  let connected!: () => void;
  const reached = new Promise<void>((resolve) => (connected = resolve));
  const silent = createServer((s) => {
    sockets.add(s);
    connected();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const s of sockets) s.destroy();
    silent.close();
  });
  const port = (silent.address() as { port: number }).port;
  const env = isolatedEnv({
    KIS_APP_KEY: 'PSxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    KIS_APP_SECRET: 'secret-that-must-not-show',
    KIS_ACCOUNT: '50012345-03',
    KIS_BASE_URL: `http://127.0.0.1:${port}`,
    KISFO_TIMEOUT: '60s',
  });
  const { child, done } = spawnKisfo(['balance'], env);
  await reached;
  child.kill('SIGINT');
  const { code, stderr } = await done;
  assert.equal(code, 130, stderr);
  assert.match(stderr, /interrupt|cancel|abort/i);
  assert.doesNotMatch(stderr, /at .*\.js:\d+/);
  assert.doesNotMatch(stderr, /secret-that-must-not-show/);
});
