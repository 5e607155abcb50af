// Commands load lazily: `kisfo --help` loads no command, `kisfo balance` never the server, Hono
// or SQLite. Measured by recording every module the real binary resolves (a resolve hook).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_REAL_APPKEY, DEMO_REAL_APPSECRET } from '@kisfo/server';
import { COMMANDS } from '../src/index.js';
import { BIN, isolatedEnv, type Served, serve } from './cli-helpers.js';

const HOOK = new URL('./support/record-loads.mjs', import.meta.url).pathname;
const SERVER_SIDE =
  /\/packages\/server\/|\/@kisfo\/server\/|\/node_modules\/hono\/|\/@hono\/|better-sqlite3/;

/** Run the binary and return its exit code and every module URL it resolved. */
function loadsOf(
  args: string[],
  env: NodeJS.ProcessEnv,
): { code: number | null; urls: string[]; stderr: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'kisfo-loads-')), 'loads.txt');
  const r = spawnSync(process.execPath, ['--import', HOOK, BIN, ...args], {
    env: { ...env, KISFO_RECORD_LOADS: file },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const urls = readFileSync(file, 'utf8')
    .split('\n')
    .filter((u) => u !== '');
  return { code: r.status, urls, stderr: r.stderr };
}

describe('lazy command loading', () => {
  let server: Served;
  const env = isolatedEnv();
  before(async () => {
    server = await serve([], env);
  });
  after(async () => {
    await server.stop();
  });

  it('the recorder sees the server side when a command needs it (the check can fail)', () => {
    const r = loadsOf(['serve', '--help'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      r.urls.some((u) => SERVER_SIDE.test(u)),
      'serve --help loads the server',
    );
  });

  it('`kisfo --help` loads no command module and neither the client nor the server', () => {
    const r = loadsOf(['--help'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      r.urls.filter((u) => /\/commands\/(?!index\.js)|@kisfo|\/packages\/(?!cli\/)/.test(u)),
      [],
    );
  });

  it('`kisfo balance` against a KIS host never loads the server, Hono or SQLite', () => {
    const r = loadsOf(['balance', '--json'], {
      ...env,
      KIS_ENV: 'real',
      KIS_BASE_URL: server.realUrl,
      KIS_APP_KEY: DEMO_REAL_APPKEY,
      KIS_APP_SECRET: DEMO_REAL_APPSECRET,
      KIS_ACCOUNT: '80012345-03',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      r.urls.some((u) => u.includes('/commands/balance.js')),
      'balance ran',
    );
    assert.deepEqual(
      r.urls.filter((u) => SERVER_SIDE.test(u)),
      [],
    );
  });

  it('`kisfo balance` failing (no credentials) loads no server code either', () => {
    const r = loadsOf(['balance'], env);
    assert.equal(r.code, 3, r.stderr);
    assert.deepEqual(
      r.urls.filter((u) => SERVER_SIDE.test(u)),
      [],
    );
  });

  it('every registry entry loads the command of its name, with the same summary', async () => {
    for (const entry of COMMANDS) {
      const cmd = await entry.load();
      assert.equal(cmd.name, entry.name);
      assert.equal(cmd.summary, entry.summary, `${entry.name}: summary in commands/index.ts`);
    }
  });
});
